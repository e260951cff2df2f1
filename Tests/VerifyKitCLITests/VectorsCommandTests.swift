import Foundation
import Testing
import VerifyKitTestSupport

@Suite("CLI vectors")
struct VectorsCommandTests {
    /// The repository's TestVectors folder, found from this file's path.
    static let vectors = PackagePaths.testVectors

    @Test("every JOSE and token vector passes, and the last line is the total")
    func joseVectors() throws {
        for (folder, count) in [("jose", 34), ("tokens", 4)] {
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
}
