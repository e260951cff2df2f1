import ArgumentParser
import Foundation

/// The `verifykit` command line: verify tokens and signed requests, manage keys, check vectors.
@main
struct VerifyKitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verifykit",
        abstract: "Verify JSON Web Tokens and signed API requests.",
        subcommands: [
            VerifyCommand.self,
            DecodeCommand.self,
            SignCommand.self,
            KeyCommand.self,
            FIBCommand.self,
            FrickCommand.self,
            VectorsCommand.self,
            BenchCommand.self,
        ]
    )

    /// Runs the command with the exit statuses scripts rely on: 0 yes, 1 no, 2 bad input or usage.
    /// (ArgumentParser's own usage status is 64; the contract says 2.)
    static func main() {
        if let position = RawArguments.firstInvalidUTF8() {
            printError("verifykit: argument \(position) is not valid UTF-8; pass text and file names as UTF-8")
            Foundation.exit(CLIExit.badInput.rawValue)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CLIFailure {
            if !failure.message.isEmpty { printError("verifykit: \(failure.message)") }
            Foundation.exit(failure.exitCode.rawValue)
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(CLIExit.badInput.rawValue)
            }
            exit(withError: error)
        }
    }
}
