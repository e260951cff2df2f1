import Foundation
import Testing
import VerifyKitTestSupport

/// The code between `// --- README begins ---` and `// --- README ends ---` in
/// `ReadmeExamplesTests.swift` is what the README shows: compiled and run there, and checked here
/// to still be in the README, line for line. Comments and indentation may differ (a test's comment
/// may say more, or less); code may not.
@Suite("README examples match the README")
struct ReadmeMatchesTests {
    /// A line with its comment and surrounding blanks removed. A comment is `//` at the start or
    /// after a blank, so the `//` of a URL in a string stays code.
    static func code(_ line: Substring) -> String {
        var end = line.endIndex
        var index = line.startIndex
        while let found = line[index...].range(of: "//") {
            if found.lowerBound == line.startIndex || line[line.index(before: found.lowerBound)] == " " {
                end = found.lowerBound
                break
            }
            index = found.upperBound
        }
        return line[..<end].trimmingCharacters(in: .whitespaces)
    }

    static func codeLines(_ text: Substring) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(code).filter { !$0.isEmpty }
    }

    /// The regions of the test file, each as code lines.
    static func regions(_ source: String) -> [[String]] {
        source.components(separatedBy: "// --- README begins ---").dropFirst().map { after in
            let region = after.components(separatedBy: "// --- README ends ---")[0]
            return codeLines(Substring(region))
        }
    }

    /// The README's Swift code blocks, each as code lines.
    static func swiftBlocks(_ readme: String) -> [[String]] {
        readme.components(separatedBy: "```swift\n").dropFirst().map { after in
            codeLines(Substring(after.components(separatedBy: "```")[0]))
        }
    }

    static func contains(_ block: [String], _ region: [String]) -> Bool {
        guard region.count <= block.count else { return false }
        return (0...(block.count - region.count)).contains { Array(block[$0..<($0 + region.count)]) == region }
    }

    @Test("every README region of the example tests appears in a Swift block of the README")
    func regionsAreInTheReadme() throws {
        let source = try String(
            contentsOf: PackagePaths.root.appendingPathComponent("Tests/ReadmeExamplesTests/ReadmeExamplesTests.swift"),
            encoding: .utf8
        )
        let readme = try String(contentsOf: PackagePaths.root.appendingPathComponent("README.md"), encoding: .utf8)
        let regions = Self.regions(source)
        let blocks = Self.swiftBlocks(readme)
        #expect(regions.count == 8)
        #expect(blocks.count >= regions.count)
        for region in regions {
            #expect(
                blocks.contains { Self.contains($0, region) },
                "not in the README:\n\(region.joined(separator: "\n"))"
            )
        }
    }

    @Test("the comparison notices a changed line and ignores comments and indentation")
    func comparisonIsStrictOnCode() {
        let block = Self.codeLines("let a = 1  // one\n\n    let b = f(a)\n")
        #expect(Self.contains(block, Self.codeLines("let a = 1\nlet b = f(a)  // other words")))
        #expect(!Self.contains(block, Self.codeLines("let a = 2\nlet b = f(a)")))
        #expect(!Self.contains(block, Self.codeLines("let b = f(a)\nlet a = 1")))
        let url = Self.codeLines(#"get("https://example.com/a")  // note"#)
        #expect(url == [#"get("https://example.com/a")"#])
    }
}
