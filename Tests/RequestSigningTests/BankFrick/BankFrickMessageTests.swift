import Testing
import VerifyKit

/// Values received in headers reach error messages quoted, clipped and without control characters:
/// the `algorithm` header is read before any signature is checked, so anyone can choose its text.
@Suite("Bank Frick: received text in messages is log-safe")
struct BankFrickMessageTests {
    static func isClean(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
    }

    @Test("an unsupported algorithm header is quoted without CR, LF or escapes")
    func algorithmHeader() {
        let error = #expect(throws: RequestSigningError.self) {
            try BankFrick.SignatureHeaders(
                signature: "AAAA",
                algorithm: "x\r\nX-Forged: 1\u{1B}[2J" + String(repeating: "z", count: 500)
            )
        }
        #expect(error?.code == .unsupportedAlgorithm)
        #expect(Self.isClean(error?.reason ?? "\r"), "\(error?.reason.debugDescription ?? "")")
        #expect(error?.reason.contains(#""x\u{D}\u{A}X-Forged: 1\u{1B}[2Jzzz"#) == true)
        #expect((error?.reason.count ?? .max) < 200)
    }

    @Test("a malformed date is quoted without control characters")
    func dateText() {
        for text in ["2024-01-0\u{1B}", "2024-01-01\r\nX: 1", String(repeating: "\u{7}", count: 300)] {
            let error = #expect(throws: RequestSigningError.self) { try BankFrick.CalendarDate(text) }
            #expect(error?.code == .invalidDate)
            #expect(Self.isClean(error?.reason ?? "\r"), "\(error?.reason.debugDescription ?? "")")
        }
    }
}
