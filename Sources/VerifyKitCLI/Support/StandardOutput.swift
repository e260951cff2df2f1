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
    /// Writes `text` and `terminator`, as `print` would, through ``terminalSafe(_:)``.
    static func print(_ text: String, terminator: String = "\n") {
        write(Data((terminalSafe(text) + terminator).utf8))
    }

    /// `text` with every character that can drive a terminal or reorder what it shows written as a
    /// JSON escape (`\u009b`): DEL and the C1 controls (U+009B is a one-character CSI to terminals
    /// that read C1), and the bidirectional formatting characters ("Trojan Source", CVE-2021-42574).
    /// JSON allows them raw, so a claim or `kid` from a token could carry them onto the screen of
    /// whoever runs `decode` on it. They can only stand inside JSON strings here (all JSON syntax
    /// is ASCII), so JSON output stays valid and means the same; other output shows the escape.
    /// C0 controls are escaped by the serializer already.
    static func terminalSafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var safe = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16)
                safe.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                safe.append(scalar)
            }
        }
        return String(safe)
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
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
