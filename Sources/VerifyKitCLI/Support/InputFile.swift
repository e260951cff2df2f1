import Foundation

/// Reads a whole file, or standard input for `-`, with a size cap so a wrong path cannot eat memory.
///
/// Files are read through `FileHandle`: `FileManager.contents(atPath:)` leaks its buffer for an
/// empty file (LeakSanitizer flags it), and empty input is ordinary here (an empty body is signed).
func readInput(_ path: String, what: String, limit: Int = 16 << 20) throws(CLIFailure) -> [UInt8] {
    let data: Data?
    if path == "-" {
        data = try? FileHandle.standardInput.read(upToCount: limit + 1) ?? Data()
    } else {
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            data = nil
        }
    }
    guard let data else { throw CLIFailure("cannot read \(what) \(path)") }
    guard data.count <= limit else { throw CLIFailure("\(what) \(path) is larger than \(limit) bytes") }
    return [UInt8](data)
}

/// Opens a file, or standard input for `-`, to be read in chunks (for inputs of any size).
func openInput(_ path: String, what: String) throws(CLIFailure) -> FileHandle {
    if path == "-" { return FileHandle.standardInput }
    do {
        return try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    } catch {
        throw CLIFailure("cannot read \(what) \(path)")
    }
}
