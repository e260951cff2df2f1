import Foundation
import VerifyKitTestSupport

/// Runs the built `verifykit` binary (it sits beside the test bundle in the build folder).
enum CLI {
    struct Output: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var binary: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // The test runner may be inside VerifyKitPackageTests.xctest/…; walk up to the build folder.
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("verifykit").path), dir.path != "/" {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("verifykit")
    }

    /// Runs `verifykit args…`, optionally feeding `stdin`, and captures everything.
    static func run(_ args: [String], stdin: String? = nil) throws -> Output {
        let result = try ToolRunner.run(binary.path, args, stdin: stdin.map { Data($0.utf8) })
        return Output(
            status: result.status,
            stdout: String(decoding: result.stdout, as: UTF8.self),
            stderr: result.stderr
        )
    }

    /// Runs `verifykit args…` under `timeout`: a run that would hang is stopped after `seconds`
    /// (status 124, or 9 when it had to be killed 5 seconds later), so the test fails, not hangs.
    static func run(_ args: [String], within seconds: Int) throws -> Output {
        let result = try ToolRunner.run("timeout", ["-k", "5", "\(seconds)", binary.path] + args)
        return Output(
            status: result.status,
            stdout: String(decoding: result.stdout, as: UTF8.self),
            stderr: result.stderr
        )
    }

    /// A fresh temporary directory for files a test writes (keys, tokens, bodies).
    static func temporaryDirectory() throws -> URL {
        try TemporaryDirectory.make(prefix: "verifykit-test")
    }
}
