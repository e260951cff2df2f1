import Testing

@testable import CryptoPrimitives

/// Public keys must be DER, not merely BER: the outer SubjectPublicKeyInfo split is done here
/// rather than by OpenSSL, so its strictness is tested directly.
@Suite("SubjectPublicKeyInfo DER strictness")
struct DERStrictnessTests {
    static let ecKey: [UInt8] = try! ECDSA.PrivateKey(curve: .p256).publicKey.derRepresentation
    static let rsaKey: [UInt8] = RSAKeyTests.key.publicKey.derRepresentation

    @Test("the canonical encodings are accepted")
    func canonical() throws {
        #expect(identifyPublicKeyInfo(Self.ecKey) == .ec(.p256))
        #expect(identifyPublicKeyInfo(Self.rsaKey) == .rsa)
        #expect(Self.ecKey.count == 91 && Self.ecKey[0] == 0x30 && Self.ecKey[1] == 0x59)
    }

    @Test("BER-only length forms and stray bits are refused")
    func berForms() throws {
        let body = Array(Self.ecKey[2...])
        let variants: [(String, [UInt8])] = [
            ("long-form length for a short length", [0x30, 0x81, 0x59] + body),
            ("two length bytes with a leading zero", [0x30, 0x82, 0x00, 0x59] + body),
            ("indefinite length", [0x30, 0x80] + body + [0x00, 0x00]),
            ("length one too long", [0x30, 0x5A] + body),
            ("length one too short", [0x30, 0x58] + body),
            ("trailing byte", Self.ecKey + [0x00]),
            (
                "unused bits in the key BIT STRING",
                try Self.withByte(Self.ecKey, at: 25, expected: 0x00, replacedBy: 0x01)
            ),
            (
                "BIT STRING retagged OCTET STRING",
                try Self.withByte(Self.ecKey, at: 23, expected: 0x03, replacedBy: 0x04)
            ),
            ("high-tag-number form", [0x3F, 0x59] + body),
        ]
        for (name, der) in variants {
            #expect(identifyPublicKeyInfo(der) == nil, "\(name)")
            #expect(throws: CryptoError.invalidKey, "\(name)") { try ECDSA.PublicKey(derRepresentation: der) }
        }
        var longForm = Self.rsaKey
        // 30 82 01 22 → 30 83 00 01 22: a non-minimal three-byte length.
        longForm.replaceSubrange(0..<4, with: [0x30, 0x83, 0x00, 0x01, 0x22])
        #expect(identifyPublicKeyInfo(longForm) == nil)
        #expect(throws: CryptoError.invalidKey) { try RSA.PublicKey(derRepresentation: longForm) }
    }

    /// `bytes` with one byte replaced, after checking the fixture still has the expected layout
    /// (30 59 | 30 13 06 07 … 06 08 … | 03 42 00 04 …).
    static func withByte(_ bytes: [UInt8], at index: Int, expected: UInt8, replacedBy value: UInt8) throws -> [UInt8] {
        try #require(bytes.count > index && bytes[index] == expected, "fixture layout changed")
        var copy = bytes
        copy[index] = value
        return copy
    }
}
