import ArgumentParser
import Foundation
import VerifyKit

/// `verifykit vectors [DIR]`: runs every vector file under DIR and prints a table and a total.
struct VectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectors",
        abstract: "Check every test-vector file (*.json, recursively) under a directory.",
        discussion: """
            Prints one row per vector and a final line 'N passed, M failed'; exit 1 on any failure. \
            An entry named *.json that is not a regular file (a FIFO, a device, a directory) is an error, exit 2.
            """
    )

    @Argument(help: "The directory to search.")
    var directory: String = "TestVectors"

    func run() throws {
        let files = try Self.vectorFiles(under: directory)
        guard !files.isEmpty else { throw CLIFailure("no vector files (*.json) under \(directory)") }
        var passed = 0
        var failed = 0
        var rows: [(status: String, file: String, id: String, detail: String)] = []
        for file in files {
            let bytes: [UInt8]
            do {
                bytes = try readInput(file, what: "vector file")
            } catch {
                rows.append(
                    (
                        "FAIL", PrintableText.clipped(file, limit: 200), "(file)",
                        PrintableText.clipped(error.message, limit: Self.maximumDetailScalars)
                    )
                )
                failed += 1
                continue
            }
            for outcome in VectorSuites.run(bytes: bytes, path: file) {
                // File names, ids and details are someone else's text (and errors quoting it):
                // printable and clipped, so a hostile vector folder cannot drive the terminal.
                rows.append(
                    (
                        outcome.passed ? "PASS" : "FAIL",
                        PrintableText.clipped(Self.relative(file, to: directory), limit: 200),
                        PrintableText.clipped(outcome.id, limit: 64),
                        PrintableText.clipped(outcome.detail, limit: Self.maximumDetailScalars)
                    )
                )
                if outcome.passed { passed += 1 } else { failed += 1 }
            }
        }
        let fileWidth = min(48, rows.map(\.file.count).max() ?? 4)
        let idWidth = min(40, rows.map(\.id.count).max() ?? 2)
        StandardOutput.print("STATUS  \(Self.pad("FILE", fileWidth))  \(Self.pad("VECTOR", idWidth))  DETAIL")
        for row in rows {
            StandardOutput.print(
                "\(row.status)    \(Self.pad(row.file, fileWidth))  \(Self.pad(row.id, idWidth))  \(row.detail)"
            )
        }
        StandardOutput.print("\(passed) passed, \(failed) failed")
        if failed > 0 { throw CLIFailure.silent(CLIExit.rejected) }
    }

    /// Scalars of a result's detail printed before it is cut with "…".
    static let maximumDetailScalars = 400

    /// Every `*.json` file under `directory`, sorted, so runs are reproducible.
    ///
    /// An entry named `*.json` that is not a regular file after symbolic links (a FIFO, whose open
    /// would block the run forever, a socket, a device, a directory) is an error, exit 2, before any
    /// file is read: it is no vector file, and skipping it would hide that the folder is not what
    /// the run is meant to check (as key files named by vector files must be regular files too).
    static func vectorFiles(under directory: String) throws(CLIFailure) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw CLIFailure("\(directory) is not a directory") }
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw CLIFailure("cannot list \(directory)")
        }
        var files: [String] = []
        while let entry = enumerator.nextObject() as? String {
            if entry.hasSuffix(".json") { files.append((directory as NSString).appendingPathComponent(entry)) }
        }
        files.sort()
        if let odd = files.first(where: { !isRegularFile($0) }) {
            throw CLIFailure("vector file \(odd) is not a regular file (a FIFO or device would block the run)")
        }
        return files
    }

    static func relative(_ path: String, to directory: String) -> String {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
