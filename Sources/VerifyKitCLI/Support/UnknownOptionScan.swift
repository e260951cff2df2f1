import ArgumentParser
import Foundation

/// Finds an option on the command line that the commands it names do not declare.
///
/// ArgumentParser decodes a command (reporting a missing `--key`) and runs its `validate()` before
/// it looks for arguments nobody consumed, so `verify --json --bogus x` was answered with "give at
/// least one --key or --jwks". A misspelt option is the mistake to fix first (the "missing" option
/// may be the misspelt one), so after any usage error `VerifyKitCommand.main` asks this scan and
/// reports the unknown option instead.
///
/// The option names come from ArgumentParser's own description of the commands (`_dumpHelp()`,
/// the tool-info JSON behind `--experimental-dump-help`), so the scan cannot drift from the
/// declarations. It is only consulted once parsing has failed: a mistake in it can change which
/// usage error is printed, never turn a valid command line into an error.
enum UnknownOptionScan {
    /// An option no command on the path declares, and the command path it was given to
    /// (`["verify"]`, `["key", "inspect"]`; empty for the root command).
    struct Finding: Equatable {
        let option: String
        let commandPath: [String]
    }

    /// The first undeclared option in `arguments` (without the program name), if any.
    static func firstUnknownOption(in arguments: [String], root: CommandInfo) -> Finding? {
        var path: [CommandInfo] = [root]
        var pending: [String] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            if argument == "--" { break }
            guard isOption(argument) else {
                // A subcommand name selects the next command; other words are positionals.
                if let next = path.last?.subcommands.first(where: { $0.name == argument }) { path.append(next) }
                continue
            }
            guard let takesValue = lookUp(argument, in: path) else {
                pending.append(argument)
                continue
            }
            // `--name=value` carries its value; otherwise a value-taking option takes the next
            // argument unless that one is itself an option (ArgumentParser reports it missing).
            if takesValue, !argument.contains("="), index < arguments.endIndex, !isOption(arguments[index]) {
                index += 1
            }
        }
        // An option may come before the subcommand that declares it: judge it against the whole path.
        guard let unknown = pending.first(where: { lookUp($0, in: path) == nil }) else { return nil }
        let option = unknown.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first
        return Finding(option: option.map(String.init) ?? unknown, commandPath: path.dropFirst().map(\.name))
    }

    /// Whether `argument` is taken for an option here: `-` (standard input) is a value, and so are
    /// negative numbers such as `-5` (ArgumentParser reads those as options, but no command declares
    /// one, so the scan would report it as unknown where ArgumentParser's own message is clearer).
    static func isOption(_ argument: String) -> Bool {
        guard argument.hasPrefix("-"), argument.count > 1 else { return false }
        let first = argument.dropFirst().first
        return !(first?.isNumber == true || first == ".")
    }

    /// Whether the option `argument` takes a value, or nil if no command on `path` declares it.
    /// A single dash spells one name (`-help`) or several one-letter flags (`-hx`).
    static func lookUp(_ argument: String, in path: [CommandInfo]) -> Bool? {
        func find(_ name: Substring) -> CommandInfo.Option? {
            path.lazy.compactMap { $0.options[String(name)] }.first
        }
        let body = argument.drop { $0 == "-" }
        let name = body.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? body
        if let option = find(name) { return option.takesValue }
        guard !argument.hasPrefix("--"), !argument.contains("=") else { return nil }
        var takesValue = false
        for letter in body {
            guard let option = find(Substring(String(letter))) else { return nil }
            takesValue = option.takesValue
        }
        return takesValue
    }

    /// A command as the scan needs it: its options by name and its subcommands.
    struct CommandInfo {
        struct Option {
            let takesValue: Bool
        }
        let name: String
        var options: [String: Option]
        let subcommands: [CommandInfo]
    }

    /// ArgumentParser's built-in options, which its tool-info JSON leaves out.
    static let builtInOptions = ["help-hidden", "experimental-dump-help", "generate-completion-script", "version"]

    /// The command tree of `command`, from ArgumentParser's tool-info JSON; nil if that cannot be
    /// read (then usage errors are reported as ArgumentParser found them).
    static func commandTree(of command: any ParsableCommand.Type) -> CommandInfo? {
        struct ToolInfo: Decodable {
            struct Command: Decodable {
                let commandName: String
                let arguments: [Argument]?
                let subcommands: [Command]?
            }
            struct Argument: Decodable {
                struct Name: Decodable {
                    let kind: String
                    let name: String
                }
                let kind: String
                let names: [Name]?
            }
            let command: Command
        }
        func convert(_ command: ToolInfo.Command) -> CommandInfo {
            var options: [String: CommandInfo.Option] = [:]
            for argument in command.arguments ?? [] where argument.kind != "positional" {
                for name in argument.names ?? [] {
                    options[name.name] = CommandInfo.Option(takesValue: argument.kind == "option")
                }
            }
            return CommandInfo(
                name: command.commandName,
                options: options,
                subcommands: (command.subcommands ?? []).map(convert)
            )
        }
        guard let info = try? JSONDecoder().decode(ToolInfo.self, from: Data(command._dumpHelp().utf8)) else {
            return nil
        }
        var root = convert(info.command)
        for name in builtInOptions where root.options[name] == nil {
            root.options[name] = CommandInfo.Option(takesValue: name == "generate-completion-script")
        }
        return root
    }

    /// The command type at `path` under `root`, for its usage line.
    static func commandType(at path: [String], under root: any ParsableCommand.Type) -> (any ParsableCommand.Type)? {
        var current = root
        for name in path {
            guard let next = current.configuration.subcommands.first(where: { $0._commandName == name }) else {
                return nil
            }
            current = next
        }
        return current
    }
}
