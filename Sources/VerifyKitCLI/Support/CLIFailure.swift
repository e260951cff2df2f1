import ArgumentParser
import Foundation

/// A one-line failure that ends a subcommand with a given exit status and a message on stderr.
///
/// Subcommands throw this for "the input was unreadable" (exit 2) and "the answer is no"
/// (exit 1); `VerifyKitCommand.main` prints `verifykit: <message>` and exits with the status.
struct CLIFailure: Error, CustomStringConvertible {
    let message: String
    let exitCode: ExitCode

    init(_ message: String, exitCode: ExitCode = CLIExit.badInput) {
        self.message = message
        self.exitCode = exitCode
    }

    /// Ends with the status but prints nothing more (the command already wrote its answer).
    static func silent(_ exitCode: ExitCode) -> CLIFailure { CLIFailure("", exitCode: exitCode) }

    var description: String { message }
}
