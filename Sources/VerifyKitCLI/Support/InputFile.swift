import ArgumentParser
import Foundation

/// Reads a whole file, or standard input for `-`, with a size cap so a wrong path cannot eat memory.
///
/// Files are read through `FileHandle`: `FileManager.contents(atPath:)` leaks its buffer for an
/// empty file (LeakSanitizer flags it), and empty input is ordinary here (an empty body is signed).
func readInput(_ path: String, what: String, limit: Int = 16 << 20) throws(CLIFailure) -> [UInt8] {
    let (bytes, isComplete) = try readInputPrefix(path, what: what, limit: limit)
    guard isComplete else { throw CLIFailure("\(what) \(path) is larger than \(limit) bytes") }
    return bytes
}

/// At most `limit` bytes of a file (or standard input for `-`), and whether that was all of it.
func readInputPrefix(_ path: String, what: String, limit: Int) throws(CLIFailure) -> (bytes: [UInt8], isComplete: Bool)
{
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
    guard let data else { throw CLIFailure("cannot read \(what) \(path): \(unreadableReason(path))") }
    guard data.count <= limit else { return ([UInt8](data.prefix(limit)), false) }
    return ([UInt8](data), true)
}

/// Opens a file, or standard input for `-`, to be read in chunks (for inputs of any size).
///
/// A device given by name (`/dev/zero`, `/dev/urandom`) is refused: it never ends, so a reader
/// that takes any size would run forever. A reader that stops by itself (at a size limit) passes
/// `refusingDevices: false`. Pipes and standard input are read as they come.
func openInput(_ path: String, what: String, refusingDevices: Bool = true) throws(CLIFailure) -> FileHandle {
    if path == "-" { return FileHandle.standardInput }
    let handle: FileHandle
    do {
        handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    } catch {
        throw CLIFailure("cannot read \(what) \(path): \(unreadableReason(path))")
    }
    var status = stat()
    if refusingDevices, fstat(handle.fileDescriptor, &status) == 0 {
        let type = status.st_mode & S_IFMT
        if type == S_IFCHR || type == S_IFBLK {
            try? handle.close()
            throw CLIFailure("cannot read \(what) \(path): it is a device, not a file or a pipe")
        }
    }
    return handle
}

/// Whether `path`, after symbolic links, is a regular file. Anything else is no input to read
/// whole: opening a FIFO blocks until something writes to it, a device may never end.
func isRegularFile(_ path: String) -> Bool {
    let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    let type = try? FileManager.default.attributesOfItem(atPath: resolved)[.type] as? FileAttributeType
    return type == .typeRegular
}

/// Why a path could not be read, in the words of `ls` and `cat` (the read error itself says less).
func unreadableReason(_ path: String) -> String {
    if path == "-" { return "standard input is closed or unreadable" }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return "no such file" }
    if isDirectory.boolValue { return "it is a directory" }
    if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
    return "read error"
}

/// Refuses a command line that reads more than one input from standard input (`-`, or it named
/// as a file such as `/dev/stdin`): the first reader would take everything and the others would
/// see an empty input.
func requireOneStandardInput(_ paths: [String?]) throws {
    guard paths.filter({ $0.map(namesStandardInput) ?? false }).count <= 1 else {
        throw ValidationError("only one input can be read from standard input (-)")
    }
}

/// Whether `path` reads standard input: `-`, one of the names Linux and macOS give it, or any
/// other path to the pipe, socket or terminal it reads from (`/dev//stdin`, `/dev/./stdin`,
/// `/dev/fd/0/`, a symbolic link to `/dev/stdin`): such input can be read only once.
func namesStandardInput(_ path: String) -> Bool {
    ["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"].contains(path) || isStandardInputStream(path)
}

/// Whether `path`, as the readers open it (through a file URL, which drops a trailing `/`), is
/// the very pipe, socket or character device of standard input (same device and inode). A regular
/// file redirected to standard input is not looked at: opened by another name it is read from its
/// start, so a second reader of it sees the whole file (the literal names above stay refused).
private func isStandardInputStream(_ path: String) -> Bool {
    var input = stat()
    guard fstat(STDIN_FILENO, &input) == 0 else { return false }
    let type = input.st_mode & S_IFMT
    // A character device only when it is a terminal: /dev/null or /dev/zero read the same however
    // often they are opened.
    guard type == S_IFIFO || type == S_IFSOCK || (type == S_IFCHR && isatty(STDIN_FILENO) == 1) else { return false }
    var named = stat()
    guard stat(URL(fileURLWithPath: path).path, &named) == 0 else { return false }
    return named.st_dev == input.st_dev && named.st_ino == input.st_ino
}
