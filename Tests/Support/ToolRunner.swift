public import Foundation

/// Runs an external command-line tool found on `PATH` (`openssl`, `python3`, …) and captures
/// what it prints, for interoperability tests against a second implementation.
public enum ToolRunner {
    /// Exit status and everything the tool printed.
    public struct Output: Sendable {
        public let status: Int32
        public let stdout: Data
        public let stderr: String
    }

    /// A tool exited with a non-zero status where success was required.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    /// Runs `tool arguments…` through `/usr/bin/env`, in `directory` when given, writing `stdin`
    /// (or nothing) to its standard input.
    @discardableResult
    public static func run(
        _ tool: String,
        _ arguments: [String],
        stdin: Data? = nil,
        in directory: URL? = nil
    ) throws -> Output {
        let input = Pipe()
        return try run(tool, arguments, standardInput: input, in: directory) {
            if let stdin { input.fileHandleForWriting.write(stdin) }
            try input.fileHandleForWriting.close()
        }
    }

    /// Runs `tool arguments…` with `standardInput` (a file handle of a socket, a terminal…) as its
    /// standard input.
    public static func run(_ tool: String, _ arguments: [String], standardInput: FileHandle) throws -> Output {
        try run(tool, arguments, standardInput: standardInput as Any, in: nil) {}
    }

    /// Starts the tool, calls `started` (to feed its input), and collects its output.
    private static func run(
        _ tool: String,
        _ arguments: [String],
        standardInput: Any,
        in directory: URL?,
        started: () throws -> Void
    ) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = standardInput
        try process.run()
        try started()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            stdout: outData,
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }

    /// Runs the tool and requires exit status 0; returns stdout, throws with stderr otherwise.
    @discardableResult
    public static func succeed(
        _ tool: String,
        _ arguments: [String],
        stdin: Data? = nil,
        in directory: URL? = nil
    ) throws -> Data {
        let output = try run(tool, arguments, stdin: stdin, in: directory)
        guard output.status == 0 else {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) failed: \(output.stderr)")
        }
        return output.stdout
    }
}
