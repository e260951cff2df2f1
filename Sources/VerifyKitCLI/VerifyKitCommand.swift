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
            // ArgumentParser keeps the last of two values for a single-valued option; a script's
            // `--min-rsa-bits 3072` must not give way to a later `--min-rsa-bits 1024`. Not for
            // `--help` or `-h` anywhere on the line: that parses to ArgumentParser's own `help`
            // command, which shows help whatever else is given and runs with none of the values.
            // The word check first: building the command tree would add about half to a short run.
            let arguments = Array(CommandLine.arguments.dropFirst())
            if type(of: command)._commandName != "help", UnknownOptionScan.mayRepeatAnOption(arguments),
                let message = repeatedOptionMessage(arguments: arguments)
            {
                printError(message)
                Foundation.exit(CLIExit.badInput.rawValue)
            }
            try command.run()
        } catch let failure as CLIFailure {
            if !failure.message.isEmpty { printError("verifykit: \(failure.message)") }
            Foundation.exit(failure.exitCode.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(usageErrorMessage(for: error, arguments: Array(CommandLine.arguments.dropFirst())))
                Foundation.exit(CLIExit.badInput.rawValue)
            }
            // --help and the like.
            if code.isSuccess { exit(withError: error) }
            // An error no command turned into a CLIFailure is not a "no" answer, which ArgumentParser's
            // default status 1 would claim.
            printError("verifykit: \(fullMessage(for: error))")
            Foundation.exit(CLIExit.badInput.rawValue)
        }
    }

    /// ArgumentParser's message for a usage error, unless the command line has an option no
    /// command on it declares: that one is reported, whatever else is missing or invalid; next,
    /// a single-valued option given twice.
    static func usageErrorMessage(for error: any Error, arguments: [String]) -> String {
        guard let tree = UnknownOptionScan.commandTree(of: self) else { return fullMessage(for: error) }
        if let finding = UnknownOptionScan.firstUnknownOption(in: arguments, root: tree),
            let message = usageMessage("Unknown option '\(finding.option)'", for: finding)
        {
            return message
        }
        return repeatedOptionMessage(arguments: arguments, tree: tree) ?? fullMessage(for: error)
    }

    /// The usage error for an option that takes one value given more than once, if there is one.
    /// `tree` is the command tree when the caller has built it already (it costs milliseconds).
    static func repeatedOptionMessage(arguments: [String], tree: UnknownOptionScan.CommandInfo? = nil) -> String? {
        guard let tree = tree ?? UnknownOptionScan.commandTree(of: self),
            let finding = UnknownOptionScan.firstRepeatedOption(in: arguments, root: tree)
        else { return nil }
        return usageMessage("\(finding.option) given more than once (it takes one value)", for: finding)
    }

    /// `Error: <error>` with the usage of the command `finding` was given to, as ArgumentParser
    /// prints usage errors.
    private static func usageMessage(_ error: String, for finding: UnknownOptionScan.Finding) -> String? {
        guard let command = UnknownOptionScan.commandType(at: finding.commandPath, under: self) else { return nil }
        let name = ([_commandName] + finding.commandPath).joined(separator: " ")
        return """
            Error: \(error)
            Usage: \(usageString(for: command))
              See '\(name) --help' for more information.
            """
    }
}
