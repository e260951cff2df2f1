import ArgumentParser
import Foundation

/// Standard output for every command's answer.
///
/// A write that fails (a full disk, a closed descriptor) must not look like success: with the
/// standard library's `print`, `verifykit key generate > key.jwk` on a full disk left an empty file
/// and exited 0, and `FileHandle.write(_:)` stopped the process with a trap (status 132). Writes
/// here go straight to file descriptor 1 through the throwing `write(contentsOf:)`, and the first
/// failure ends the command at once with status 2 and the reason: nothing it could still do would
/// reach the reader, and stopping needs no record of the failure kept anywhere.
enum StandardOutput {
    /// Writes `text` and `terminator`, as `print` would.
    static func print(_ text: String, terminator: String = "\n") {
        write(Data((text + terminator).utf8))
    }

    /// Writes `bytes` exactly.
    static func write(_ bytes: Data) {
        do {
            try FileHandle.standardOutput.write(contentsOf: bytes)
        } catch {
            printError("verifykit: cannot write standard output: \(describe(error))")
            exit(CLIExit.badInput.rawValue)
        }
    }

    /// The system's words for a failed write ("No space left on device"), which Foundation wraps
    /// in a longer sentence of its own.
    private static func describe(_ error: any Error) -> String {
        let error = error as NSError
        let posix = error.domain == NSPOSIXErrorDomain ? error : error.userInfo[NSUnderlyingErrorKey] as? NSError
        if let posix, posix.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(posix.code))) }
        return error.localizedDescription
    }
}

/// Writes one line to standard error. A failure to write it is ignored: there is nowhere left to
/// report it, and the exit status still says what happened.
func printError(_ text: String) {
    try? FileHandle.standardError.write(contentsOf: Data((text + "\n").utf8))
}
