import Foundation
import Testing
import VerifyKit

/// Claims and header values come from whoever made the token. JSON allows C1 controls and bidi
/// formatting characters raw; printed raw, they could drive the terminal of whoever runs
/// `decode` or `verify` on a hostile token, or reorder what it shows.
@Suite("CLI: terminal-safe output")
struct TerminalSafeOutputTests {
    static let hostile = "a\u{9B}31mb\u{202E}c\u{7F}d\u{2066}e"

    static func token(key: CryptoKey) throws -> String {
        var claims = JSONObject()
        claims.set("sub", .string(hostile))
        return try JWTSigner.sign(payload: JSONValue.object(claims).serialized(), key: key, algorithm: .hs256)
    }

    static func checkSafe(_ output: String, _ label: String) throws {
        let unsafe = output.unicodeScalars.filter {
            (0x7F...0x9F).contains($0.value) || $0.value == 0x202E || $0.value == 0x2066
        }
        #expect(unsafe.isEmpty, "\(label): raw \(unsafe.map { String($0.value, radix: 16) })")
        #expect(output.contains(#"a\u009b31mb\u202ec\u007fd\u2066e"#), "\(label): \(output)")
    }

    @Test("decode, verify --json and --tokens-file escape them, and the JSON still reads back the same")
    func escaped() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let secret = [UInt8](repeating: 0x61, count: 32)
        let key = CryptoKey(HMACKey(secret))
        let token = try Self.token(key: key)
        let jwk = dir.appendingPathComponent("k.jwk")
        try Data(#"{"kty":"oct","k":"\#(Base64URL.encode(secret))"}"#.utf8).write(to: jwk)
        let tokens = dir.appendingPathComponent("tokens.txt")
        try Data((token + "\n").utf8).write(to: tokens)

        let decoded = try CLI.run(["decode", "--json", token])
        #expect(decoded.status == 0, "\(decoded.stderr)")
        try Self.checkSafe(decoded.stdout, "decode --json")
        let object = try #require(JSONSerialization.jsonObject(with: Data(decoded.stdout.utf8)) as? [String: Any])
        #expect((object["claims"] as? [String: Any])?["sub"] as? String == Self.hostile)

        let pretty = try CLI.run(["decode", token])
        try Self.checkSafe(pretty.stdout, "decode")
        let verified = try CLI.run(["verify", "--key", jwk.path, "--json", token])
        #expect(verified.status == 0, "\(verified.stderr)")
        try Self.checkSafe(verified.stdout, "verify --json")
        let many = try CLI.run(["verify", "--key", jwk.path, "--tokens-file", tokens.path])
        #expect(many.status == 0, "\(many.stderr)")
        try Self.checkSafe(many.stdout, "--tokens-file")
        let line = try #require(JSONSerialization.jsonObject(with: Data(many.stdout.utf8)) as? [String: Any])
        #expect((line["claims"] as? [String: Any])?["sub"] as? String == Self.hostile)
    }
}
