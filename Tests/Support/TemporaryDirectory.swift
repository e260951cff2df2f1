public import Foundation

/// Fresh, uniquely named folders under the system temporary directory for files a test writes.
public enum TemporaryDirectory {
    /// Creates `<tmp>/<prefix>-<UUID>` and returns it; the caller removes it when it matters.
    public static func make(prefix: String = "verifykit-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
