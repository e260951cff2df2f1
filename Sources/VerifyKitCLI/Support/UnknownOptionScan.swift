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
///
/// The same walk finds an option that takes one value given twice (`firstRepeatedOption`), which
/// ArgumentParser accepts, keeping the last value; `VerifyKitCommand.main` refuses that command
/// line after parsing it, so there the scan decides between running and a usage error.
enum UnknownOptionScan {
    /// An option no command on the path declares, and the command path it was given to
    /// (`["verify"]`, `["key", "inspect"]`; empty for the root command).
    struct Finding: Equatable {
        let option: String
        let commandPath: [String]
    }

    /// The first undeclared option in `arguments` (without the program name), if any.
    static func firstUnknownOption(in arguments: [String], root: CommandInfo) -> Finding? {
        let (path, options) = walk(arguments, root: root)
        // An option may come before the subcommand that declares it: judge it against the whole path.
        guard let unknown = options.first(where: { lookUp($0, in: path) == nil }) else { return nil }
        let option = unknown.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first
        return Finding(option: option.map(String.init) ?? unknown, commandPath: path.dropFirst().map(\.name))
    }

    /// The first option that takes one value and is given a second time, named by its declared
    /// spelling (`--typ`), if any. ArgumentParser keeps the last value without a word, so a
    /// wrapper's `--min-rsa-bits 3072` gave way to a later `--min-rsa-bits 1024`.
    ///
    /// Options ArgumentParser's tool info marks as repeating (`--iss`, `--key`…) may come any number
    /// of times, and so may flags: `--json --json` means what `--json` means, with no value to lose.
    /// `--name=value` and `--name value` count alike; words after `--` are not options. An option
    /// is counted under the command on the path that declares it, so `--key` repeats under
    /// `verify` and not under `sign`.
    static func firstRepeatedOption(in arguments: [String], root: CommandInfo) -> Finding? {
        let (path, options) = walk(arguments, root: root)
        var seen: Set<[String]> = []
        for argument in options {
            for found in resolve(argument, in: path) ?? [] where found.option.takesValue && !found.option.isRepeating {
                guard seen.insert([String(found.depth), found.spelling]).inserted else {
                    return Finding(option: found.spelling, commandPath: path.dropFirst().map(\.name))
                }
            }
        }
        return nil
    }

    /// Whether `arguments` could give an option twice, judged from the words alone: two option
    /// words with the same long name, or any single-dash word (a short name may alias a long one).
    /// False means `firstRepeatedOption` finds nothing, without building the command tree, which
    /// ArgumentParser's tool info makes cost as much as the rest of a short run.
    ///
    /// Sound while no option has two long names (a test checks every command): then one option
    /// given twice is one long name given twice, or involves a short name.
    static func mayRepeatAnOption(_ arguments: [String]) -> Bool {
        var longNames: Set<Substring> = []
        for argument in arguments {
            if argument == "--" { break }
            guard isOption(argument) else { continue }
            guard argument.hasPrefix("--") else { return true }
            let name = argument.dropFirst(2).prefix { $0 != "=" }
            guard longNames.insert(name).inserted else { return true }
        }
        return false
    }

    /// The command path `arguments` select, and their option words in order (the words that
    /// are neither an option's value, a subcommand name nor a positional; nothing after `--`).
    static func walk(_ arguments: [String], root: CommandInfo) -> (path: [CommandInfo], options: [String]) {
        var path: [CommandInfo] = [root]
        var options: [String] = []
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
            options.append(argument)
            // `--name=value` carries its value; otherwise a value-taking option takes the next
            // argument unless that one is itself an option (ArgumentParser reports it missing).
            // An option not declared so far takes none.
            if lookUp(argument, in: path) == true, !argument.contains("="), index < arguments.endIndex,
                !isOption(arguments[index])
            {
                index += 1
            }
        }
        return (path, options)
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
        resolve(argument, in: path).map { $0.last?.option.takesValue ?? false }
    }

    /// A declared option an option word names.
    struct Resolved {
        /// The position on the command path of the command that declares it (0 for the root).
        let depth: Int
        /// Its declared spelling, the same for all its names (`--typ`).
        let spelling: String
        let option: CommandInfo.Option
    }

    /// The options the option word `argument` names (several for a bundle of one-letter flags),
    /// each from the first command on `path` that declares it, or nil if one is not declared.
    static func resolve(_ argument: String, in path: [CommandInfo]) -> [Resolved]? {
        func find(_ name: Substring) -> Resolved? {
            for (depth, command) in path.enumerated() {
                if let option = command.options[String(name)] {
                    let spelling = option.spelling ?? (name.count == 1 ? "-\(name)" : "--\(name)")
                    return Resolved(depth: depth, spelling: spelling, option: option)
                }
            }
            return nil
        }
        let body = argument.drop { $0 == "-" }
        let name = body.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? body
        if let option = find(name) { return [option] }
        guard !argument.hasPrefix("--"), !argument.contains("=") else { return nil }
        var options: [Resolved] = []
        for letter in body {
            guard let option = find(Substring(String(letter))) else { return nil }
            options.append(option)
        }
        return options
    }

    /// A command as the scan needs it: its options by name and its subcommands.
    struct CommandInfo {
        struct Option {
            let takesValue: Bool
            /// Whether it may be given more than once (an array option).
            var isRepeating = false
            /// How its declaration spells it (`--typ`), for all its names; nil: the name it is found by.
            var spelling: String? = nil
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
                let isRepeating: Bool?
                let names: [Name]?
                let preferredName: Name?
            }
            let command: Command
        }
        func convert(_ command: ToolInfo.Command) -> CommandInfo {
            var options: [String: CommandInfo.Option] = [:]
            func spelling(_ name: ToolInfo.Argument.Name) -> String {
                (name.kind == "long" ? "--" : "-") + name.name
            }
            for argument in command.arguments ?? [] where argument.kind != "positional" {
                let preferred = argument.preferredName ?? argument.names?.first
                for name in argument.names ?? [] {
                    options[name.name] = CommandInfo.Option(
                        takesValue: argument.kind == "option",
                        isRepeating: argument.isRepeating ?? false,
                        spelling: preferred.map(spelling)
                    )
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
