import Foundation
import Testing

/// Hand-written vector files must not silently check less: a misspelt or missing expectation
/// fails the vector instead of passing it.
@Suite("vectors: strict vector files")
struct VectorStrictnessTests {
    static let vector = #"""
        {"kind":"jose","title":"t","source":"test","vectors":[{"id":"v","operation":"verify",
        "token":"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg",
        "keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}],
        "options":{"rawPayload":true},"expect":EXPECT}]}
        """#

    static func run(expect: String) throws -> CLI.Output {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = vector.replacingOccurrences(of: "EXPECT", with: expect)
        try Data(text.utf8).write(to: dir.appendingPathComponent("v.json"))
        return try CLI.run(["vectors", dir.path])
    }

    @Test func theRFC8037VectorPassesAsWritten() throws {
        let result = try Self.run(expect: #"{"valid":true,"alg":"EdDSA"}"#)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.hasSuffix("1 passed, 0 failed\n"))
    }

    @Test(arguments: [
        #"{"alg":"EdDSA"}"#,  // no valid
        #"{"valid":true,"algg":"EdDSA"}"#,  // misspelt expectation
        #"{"valid":false}"#,  // invalid without an error code
        #"{"valid":true,"error":"bad_signature"}"#,  // contradictory
        #"{"valid":true,"alg":"ES256"}"#,  // wrong expectation
    ])
    func sloppyOrWrongExpectationsFail(expect: String) throws {
        let result = try Self.run(expect: expect)
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.hasSuffix("0 passed, 1 failed\n"), "\(result.stdout)")
    }
}

/// `sign` never mints a token its own verifier would refuse as `weak_key`.
@Suite("CLI sign: key policy")
struct SignPolicyTests {
    @Test func shortHMACSecretCannotSignAWiderHash() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = try CLI.run(["key", "generate", "--type", "hs256"])
        let path = dir.appendingPathComponent("k.jwk").path
        try Data(key.stdout.utf8).write(to: URL(fileURLWithPath: path))
        let refused = try CLI.run(["sign", "--key", path, "--alg", "HS512", "{}"])
        #expect(refused.status == 2)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("weak_key"))
        let signed = try CLI.run(["sign", "--key", path, "--alg", "HS256", "{}"])
        #expect(signed.status == 0)
        let verified = try CLI.run([
            "verify", "--key", path, "--json", signed.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
        ])
        #expect(verified.status == 0, "\(verified.stdout)")
    }
}

/// `verify --json` reports the kid of the trusted key that verified, never just the token's claim.
@Suite("CLI verify: reported kid")
struct VerifyReportedKidTests {
    @Test func keyWithoutKidReportsNull() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let generated = try CLI.run(["key", "generate", "--type", "ed25519"])
        let path = dir.appendingPathComponent("k.jwk").path
        try Data(generated.stdout.utf8).write(to: URL(fileURLWithPath: path))
        let token = try CLI.run(["sign", "--key", path, "--alg", "EdDSA", "--kid", "zzz", "{}"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try CLI.run(["verify", "--key", path, "--json", token])
        #expect(result.status == 0, "\(result.stdout)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["kid"] is NSNull, "\(result.stdout)")
        let header = try #require(object["header"] as? [String: Any])
        #expect(header["kid"] as? String == "zzz")
    }
}
