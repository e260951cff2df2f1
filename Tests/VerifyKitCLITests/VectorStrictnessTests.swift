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
