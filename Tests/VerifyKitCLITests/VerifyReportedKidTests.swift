import Foundation
import Testing

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
