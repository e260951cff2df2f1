import Foundation
import Testing
import VerifyKitTestSupport

@Suite("CLI vectors")
struct VectorsCommandTests {
    /// The repository's TestVectors folder, found from this file's path.
    static let vectors = PackagePaths.testVectors

    @Test("every JOSE and token vector passes, and the last line is the total")
    func joseVectors() throws {
        for (folder, count) in [("jose", 67), ("tokens", 4)] {
            let result = try CLI.run(["vectors", Self.vectors.appendingPathComponent(folder).path])
            #expect(result.status == 0, "\(result.stdout)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.last == "\(count) passed, 0 failed")
            #expect(!result.stdout.contains("FAIL"))
        }
    }

    @Test("unknown kinds, missing kinds, bad JSON and wrong expectations are failures, not skips")
    func failures() throws {
        let dir = try CLI.temporaryDirectory()
        let nested = dir.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try Data(#"{"kind":"no-such-kind","vectors":[]}"#.utf8).write(to: dir.appendingPathComponent("a.json"))
        try Data(#"{"vectors":[]}"#.utf8).write(to: dir.appendingPathComponent("b.json"))
        try Data(#"{"kind":"jose","kind":"jose"}"#.utf8).write(to: nested.appendingPathComponent("c.json"))
        let wrong = #"""
            {"kind":"jose","vectors":[
              {"id":"ok","operation":"decode","token":"eyJhbGciOiJub25lIn0.e30.","expect":{"header":{"alg":"none"}}},
              {"id":"wrong","operation":"verify","token":"eyJhbGciOiJub25lIn0.e30.","keys":[],"expect":{"valid":true}}
            ]}
            """#
        try Data(wrong.utf8).write(to: nested.appendingPathComponent("d.json"))
        try Data("not a vector file".utf8).write(to: dir.appendingPathComponent("README.md"))
        let result = try CLI.run(["vectors", dir.path])
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").last == "1 passed, 4 failed", "\(result.stdout)")
        #expect(result.stdout.contains("unknown vector kind"))
        #expect(try CLI.run(["vectors", dir.appendingPathComponent("missing").path]).status == 2)
    }

    @Test("ids and details from a vector file are printed without control characters, clipped")
    func hostileText() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let operation = "ver\\u001b[2Jify" + String(repeating: "y", count: 2_000)
        let file = #"{"kind":"jose","vectors":[{"id":"x\u001b]0;pwned\u0007","operation":"\#(operation)"}]}"#
        try Data(file.utf8).write(to: dir.appendingPathComponent("a.json"))
        try Data(#"{"kind":"jose","vectors":[{"id":"y"}]}"#.utf8)
            .write(to: dir.appendingPathComponent("evil\u{1B}]0;pwned\u{07}.json"))
        let result = try CLI.run(["vectors", dir.path])
        #expect(result.stdout.contains(#"evil\u{1B}]0;pwned\u{7}.json"#), "\(result.stdout)")
        #expect(result.status == 1)
        #expect(result.stdout.contains(#"x\u{1B}]0;pwned\u{7}"#), "\(result.stdout)")
        #expect(!result.stdout.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F })
        #expect(result.stdout.count < 1_200, "\(result.stdout.count) characters")
    }

    /// A FIFO named `*.json` blocked the run forever in its open(2). Entries that are not regular
    /// files (after symbolic links) are refused before any file is read: exit 2, naming the entry.
    @Test("a FIFO, a link to one, or a directory named *.json is refused, not waited on")
    func nonRegularEntries() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("{}".utf8).write(to: dir.appendingPathComponent("a.json"))
        let fifo = dir.appendingPathComponent("f.json")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let result = try CLI.run(["vectors", dir.path], within: 20)
        #expect(result.status == 2, "status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("f.json is not a regular file"), "\(result.stderr)")
        #expect(result.stdout.isEmpty, "\(result.stdout)")

        try FileManager.default.removeItem(at: fifo)
        let nested = dir.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        #expect(mkfifo(nested.appendingPathComponent("target").path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(
            at: nested.appendingPathComponent("link.json"),
            withDestinationURL: nested.appendingPathComponent("target")
        )
        let linked = try CLI.run(["vectors", dir.path], within: 20)
        #expect(linked.status == 2, "status \(linked.status): \(linked.stderr)")
        #expect(linked.stderr.contains("link.json is not a regular file"), "\(linked.stderr)")

        try FileManager.default.removeItem(at: nested)
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("d.json"),
            withIntermediateDirectories: true
        )
        let directory = try CLI.run(["vectors", dir.path], within: 20)
        #expect(directory.status == 2, "status \(directory.status): \(directory.stderr)")
        #expect(directory.stderr.contains("d.json is not a regular file"), "\(directory.stderr)")

        // With only regular files left (a link to one is followed), the run reads them as before.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("d.json"))
        try FileManager.default.createSymbolicLink(
            at: dir.appendingPathComponent("b.json"),
            withDestinationURL: dir.appendingPathComponent("a.json")
        )
        let regular = try CLI.run(["vectors", dir.path], within: 20)
        #expect(regular.status == 1, "status \(regular.status): \(regular.stderr)")
        #expect(regular.stdout.split(separator: "\n").last == "0 passed, 2 failed", "\(regular.stdout)")
    }
}
