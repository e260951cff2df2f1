import Foundation
import Testing
import VerifyKit

@testable import VerifyKitCLI

@Suite("Batch verification for --tokens-file")
struct BatchVerificationTests {
    static let key = try! Ed25519.PrivateKey(seed: [UInt8](repeating: 0x33, count: 32))
    static let now: Double = 1_700_000_000

    static func token(_ subject: String) -> String {
        let claims = JWTClaims(subject: SubjectClaim(value: subject), expiration: ExpirationClaim(value: now + 60))
        return try! JWTSigner.sign(claims, header: JWTHeader(keyID: "k1"), key: CryptoKey(key), algorithm: .eddsa)
    }

    static func keys() -> JWTKeyCollection {
        var keys = JWTKeyCollection()
        try! keys.add(CryptoKey(key.publicKey), keyID: "k1")
        return keys
    }

    @Test("blank lines, spaces and CRLF are ignored when splitting the file")
    func splitting() {
        let tokens = BatchVerification.tokens(fromFileContents: "a.b.c\r\n\n  d.e.f \n\t\n".utf8)
        #expect(tokens == [.text("a.b.c"), .text("d.e.f")])
        #expect(BatchVerification.tokens(fromFileContents: "".utf8).isEmpty)
    }

    @Test("one JSON line per token, in input order, valid and invalid mixed", arguments: [1, 2, 4])
    func orderAndContent(workers: Int) throws {
        var lines: [String] = []
        for index in 0..<30 {
            lines.append(index % 4 == 3 ? "garbage-\(index)" : Self.token("user-\(index)"))
        }
        let text = lines.joined(separator: "\n") + "\n"
        let outcome = BatchVerification.verify(
            BatchVerification.tokens(fromFileContents: text.utf8),
            keys: Self.keys(),
            options: JWTValidationOptions(clock: .fixed(Self.now)),
            workerCount: workers
        )
        #expect(outcome.lines.count == 30)
        #expect(outcome.rejectedCount == 7)
        for (index, line) in outcome.lines.enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(!line.contains("\n"))
            if index % 4 == 3 {
                #expect(object["valid"] as? Bool == false)
                let error = try #require(object["error"] as? [String: Any])
                #expect(error["code"] as? String == "malformed")
                #expect((error["message"] as? String)?.isEmpty == false)
            } else {
                #expect(object["valid"] as? Bool == true)
                #expect(object["alg"] as? String == "EdDSA")
                #expect(object["kid"] as? String == "k1")
                #expect((object["header"] as? [String: Any])?["kid"] as? String == "k1")
                #expect((object["claims"] as? [String: Any])?["sub"] as? String == "user-\(index)")
                #expect(line.hasPrefix(#"{"valid":true,"alg":"EdDSA","kid":"k1","header":{"#))
            }
        }
    }

    @Test("claim failures carry their codes; raw payload mode prints the payload")
    func codesAndRawPayload() throws {
        let token = Self.token("late")
        let late = BatchVerification.verify(
            [.text(token)],
            keys: Self.keys(),
            options: JWTValidationOptions(clock: .fixed(Self.now + 3600))
        )
        #expect(late.rejectedCount == 1)
        #expect(late.lines[0].hasPrefix(#"{"valid":false,"error":{"code":"expired","message":"#))

        let raw = BatchVerification.verify(
            [.text(token)],
            keys: Self.keys(),
            options: JWTValidationOptions(clock: .fixed(Self.now + 3600)),
            rawPayload: true
        )
        #expect(raw.rejectedCount == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(raw.lines[0].utf8)) as? [String: Any])
        let payload = try #require(object["payload"] as? String)
        let decoded = try Base64URL.decode(payload)
        #expect(String(decoding: decoded, as: UTF8.self).contains(#""sub":"late""#))
        #expect(object["claims"] == nil)
    }
}

extension BatchVerification {
    /// A whole tokens file split at once (the CLI feeds the splitter chunk by chunk).
    static func tokens(fromFileContents bytes: some Sequence<UInt8>) -> [TokenLine] {
        var splitter = TokenLineSplitter(lineLimit: 1 << 20)
        var lines: [TokenLine] = []
        splitter.feed(bytes) { lines.append($0) }
        splitter.finish { lines.append($0) }
        return lines
    }
}
