import Foundation
import Testing
import VerifyKitTestSupport

extension CLI {
    /// `verifykit vectors TestVectors/<folder>` must pass all `count` vectors; a copy of the folder
    /// with the first signature in `file` changed by one digit must report exactly that vector.
    static func expectVectorFolderPasses(
        _ folder: String,
        count: Int,
        breakingFirstSignatureIn file: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let directory = PackagePaths.testVectors.appendingPathComponent(folder)
        let result = try run(["vectors", directory.path])
        #expect(result.status == 0, "\(result.stdout)", sourceLocation: sourceLocation)
        #expect(
            result.stdout.hasSuffix("\(count) passed, 0 failed\n"),
            "\(result.stdout)",
            sourceLocation: sourceLocation
        )

        let copy = try temporaryDirectory()
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            try FileManager.default.copyItem(
                at: directory.appendingPathComponent(name),
                to: copy.appendingPathComponent(name)
            )
        }
        var text = try String(contentsOf: copy.appendingPathComponent(file), encoding: .utf8)
        let marker = "\"signature\": \""
        let range = try #require(text.range(of: marker), sourceLocation: sourceLocation)
        let digit = text[range.upperBound]
        text.replaceSubrange(range.upperBound...range.upperBound, with: digit == "0" ? "1" : "0")
        try text.write(to: copy.appendingPathComponent(file), atomically: true, encoding: .utf8)
        let broken = try run(["vectors", copy.path])
        #expect(broken.status == 1, sourceLocation: sourceLocation)
        #expect(
            broken.stdout.hasSuffix("\(count - 1) passed, 1 failed\n"),
            "\(broken.stdout)",
            sourceLocation: sourceLocation
        )
    }
}
