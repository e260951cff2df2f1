import Foundation

/// Runs the `openssl` command line tool, our second implementation for interop tests.
enum OpenSSLCommand {
    static var isAvailable: Bool {
        (try? run(["version"]))?.status == 0
    }

    struct Output {
        let status: Int32
        let stdout: Data
        let stderr: String
    }

    @discardableResult
    static func run(_ arguments: [String], stdin: Data? = nil, in directory: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            stdout: outData,
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }

    /// Runs and requires success, returning stdout.
    @discardableResult
    static func succeed(_ arguments: [String], stdin: Data? = nil, in directory: URL? = nil) throws -> Data {
        let output = try run(arguments, stdin: stdin, in: directory)
        guard output.status == 0 else {
            throw Failure(message: "openssl \(arguments.joined(separator: " ")) failed: \(output.stderr)")
        }
        return output.stdout
    }

    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("verifykit-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
