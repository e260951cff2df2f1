import Foundation
import Testing

/// An empty value for a name, key ID or secret is an unset shell variable (`--api-key "$KEY"`), not
/// a value anyone meant: refused with status 2 before anything is signed.
@Suite("CLI: empty values for things that are signed")
struct EmptyValueTests {
    static let frickKey = FrickCommandTests.privateKey

    @Test(
        "empty --kid, --email, --api-key and --password are usage errors",
        arguments: [
            (["sign", "--key", "k.jwk", "--alg", "EdDSA", "--kid", "", "{}"], "--kid must not be empty"),
            (["key", "generate", "--type", "ed25519", "--kid", ""], "--kid must not be empty"),
            (["fib", "sign-email", "--email", "", "--private-key", FIBCommandTests.seed], "--email must not be empty"),
            (
                ["fib", "session-request", "--email", "", "--private-key", FIBCommandTests.seed],
                "--email must not be empty"
            ),
            (
                ["frick", "authorize-request", "--private-key", frickKey, "--api-key", ""],
                "--api-key must not be empty"
            ),
            (
                ["frick", "authorize-request", "--private-key", frickKey, "--api-key", "k", "--password", ""],
                "--password must not be empty"
            ),
        ]
    )
    func refused(arguments: [String], message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2, "\(arguments)")
        #expect(result.stdout.isEmpty, "\(arguments)")
        #expect(result.stderr.hasPrefix("Error: \(message)"), "\(arguments): \(result.stderr)")
    }

    @Test("an API key or password file holding nothing but a line break is refused")
    func emptySecretFiles() throws {
        let dir = try CLI.temporaryDirectory()
        let empty = dir.appendingPathComponent("empty.txt").path
        try Data("\n".utf8).write(to: URL(fileURLWithPath: empty))
        let apiKey = try CLI.run([
            "frick", "authorize-request", "--private-key", Self.frickKey, "--api-key-file", empty,
        ])
        #expect(apiKey.status == 2)
        #expect(apiKey.stdout.isEmpty)
        #expect(apiKey.stderr == "verifykit: API key file \(empty) is empty\n")
        let password = try CLI.run([
            "frick", "authorize-request", "--private-key", Self.frickKey, "--api-key", "k", "--password-file", empty,
        ])
        #expect(password.status == 2)
        #expect(password.stderr == "verifykit: password file \(empty) is empty\n")
    }
}
