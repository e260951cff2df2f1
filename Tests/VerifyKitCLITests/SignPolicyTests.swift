import Foundation
import Testing

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
