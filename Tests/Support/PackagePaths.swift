public import Foundation

/// Folders the tests read fixtures from, found from this file's own path so they work from any
/// working directory.
public enum PackagePaths {
    /// The package root (`#filePath` is `<root>/Tests/Support/PackagePaths.swift`).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `TestVectors/` at the package root.
    public static let testVectors: URL = root.appendingPathComponent("TestVectors")

    /// `../shared/` beside the package (Wycheproof and other data that is not vendored).
    public static let shared: URL = root.deletingLastPathComponent().appendingPathComponent("shared")
}
