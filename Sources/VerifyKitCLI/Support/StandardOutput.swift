import Foundation
import Synchronization

/// Standard output for every command's answer.
///
/// A write that fails (a full disk, a closed descriptor) must not look like success: with the
/// standard library's `print`, `verifykit key generate > key.jwk` on a full disk left an empty file
/// and exited 0, and `FileHandle.write(_:)` stopped the process with a trap (status 132). Writes
/// here go straight to file descriptor 1 through the throwing `write(contentsOf:)`; the first
/// failure is kept, later output is dropped, and `VerifyKitCommand.main` exits 2 with the reason.
enum StandardOutput {
    private static let failure = Mutex<String?>(nil)

    /// Writes `text` and `terminator`, as `print` would.
    static func print(_ text: String, terminator: String = "\n") {
        write(Data((text + terminator).utf8))
    }

    /// Writes `bytes` exactly.
    static func write(_ bytes: Data) {
        failure.withLock { failure in
            guard failure == nil else { return }
            do {
                try FileHandle.standardOutput.write(contentsOf: bytes)
            } catch {
                failure = describe(error)
            }
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

    /// Why standard output could not be written, or nil while every write has succeeded.
    static var writeFailure: String? { failure.withLock { $0 } }
}

/// Writes one line to standard error. A failure to write it is ignored: there is nowhere left to
/// report it, and the exit status still says what happened.
func printError(_ text: String) {
    try? FileHandle.standardError.write(contentsOf: Data((text + "\n").utf8))
}
