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
            exitUnlessOutputFailed(0)
        } catch let failure as CLIFailure {
            if !failure.message.isEmpty { printError("verifykit: \(failure.message)") }
            exitUnlessOutputFailed(failure.exitCode.rawValue)
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(usageErrorMessage(for: error, arguments: Array(CommandLine.arguments.dropFirst())))
                Foundation.exit(CLIExit.badInput.rawValue)
            }
            exit(withError: error)
        }
    }

    /// Exits with `status`, or with 2 if the answer could not be written: a script must not take
    /// an empty or cut-off output for a result.
    static func exitUnlessOutputFailed(_ status: Int32) -> Never {
        if let reason = StandardOutput.writeFailure {
            printError("verifykit: cannot write standard output: \(reason)")
            Foundation.exit(CLIExit.badInput.rawValue)
        }
        Foundation.exit(status)
    }

    /// ArgumentParser's message for a usage error, unless the command line has an option no
    /// command on it declares: that one is reported, whatever else is missing or invalid.
    static func usageErrorMessage(for error: any Error, arguments: [String]) -> String {
        guard let tree = UnknownOptionScan.commandTree(of: self),
            let finding = UnknownOptionScan.firstUnknownOption(in: arguments, root: tree),
            let command = UnknownOptionScan.commandType(at: finding.commandPath, under: self)
        else { return fullMessage(for: error) }
        let name = ([_commandName] + finding.commandPath).joined(separator: " ")
        return """
            Error: Unknown option '\(finding.option)'
            Usage: \(usageString(for: command))
              See '\(name) --help' for more information.
            """
    }
}
