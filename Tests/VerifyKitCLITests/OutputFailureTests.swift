import Foundation
import Testing
import VerifyKitTestSupport

/// Output that cannot be written is a failure (status 2 and a reason), never a success with an
/// empty file and never a trap.
@Suite("CLI: standard output or error that cannot be written")
struct OutputFailureTests {
    /// Runs `verifykit arguments…` through bash with `redirection` applied (Foundation's Process
    /// cannot open /dev/full or close a descriptor for the child).
    static func run(_ arguments: [String], _ redirection: String) throws -> ToolRunner.Output {
        let script = #"bin="$1"; shift; exec "$bin" "$@" "# + redirection
        return try ToolRunner.run("bash", ["-c", script, "bash", CLI.binary.path] + arguments)
    }

    static let hasDevFull = FileManager.default.fileExists(atPath: "/dev/full")

    static func tokensFile() throws -> (key: String, tokens: String) {
        let dir = try CLI.temporaryDirectory()
        let key = dir.appendingPathComponent("public.jwk").path
        try Data(VerifyCommandTests.rfc8037Public.utf8).write(to: URL(fileURLWithPath: key))
        let tokens = dir.appendingPathComponent("tokens.txt").path
        try Data(String(repeating: "not-a-token\n", count: 100).utf8).write(to: URL(fileURLWithPath: tokens))
        return (key, tokens)
    }

    @Test("a full disk: every kind of output exits 2 with the reason", .enabled(if: hasDevFull))
    func fullDisk() throws {
        let (key, tokens) = try Self.tokensFile()
        let commands: [[String]] = [
            // print-style output: was status 0 with nothing written.
            ["key", "generate", "--type", "ed25519"],
            ["decode", VerifyCommandTests.fibAccess],
            // A rejection's JSON: was status 1 with nothing written.
            ["verify", "--key", key, "--json", "garbage"],
            // Chunked and exact-bytes output: was a trap, status 132.
            ["verify", "--key", key, "--tokens-file", tokens],
            ["frick", "authorize-request", "--private-key", FrickCommandTests.privateKey, "--api-key", "k"],
        ]
        for command in commands {
            let result = try Self.run(command, "> /dev/full")
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("verifykit: cannot write standard output: "), "\(command): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"), "\(command)")
        }
    }

    @Test("a closed standard output exits 2")
    func closedStandardOutput() throws {
        let result = try Self.run(["key", "generate", "--type", "ed25519"], ">&-")
        #expect(result.status == 2)
        #expect(result.stderr.contains("verifykit: cannot write standard output: "), "\(result.stderr)")
    }

    @Test("a message that cannot be written to standard error keeps its status instead of trapping")
    func unwritableStandardError() throws {
        let result = try Self.run(["verify", "--key", "/nonexistent/key.jwk", "token"], "2>&-")
        #expect(result.status == 2)
        if Self.hasDevFull {
            let (key, _) = try Self.tokensFile()
            #expect(try Self.run(["verify", "--key", key, "garbage"], "2> /dev/full").status == 1)
        }
    }
}
