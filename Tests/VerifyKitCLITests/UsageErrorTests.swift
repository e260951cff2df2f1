import Foundation
import Testing

@testable import VerifyKitCLI

/// Usage errors as scripts see them: status 2 (never ArgumentParser's 64), and a misspelt option
/// named as such whatever else the command line lacks.
@Suite("CLI usage errors")
struct UsageErrorTests {
    /// Every runnable command, with nothing else on the command line: each lacks a required
    /// argument or fails its own validation, which used to be reported instead of the misspelling.
    static let commands: [[String]] = [
        ["verify"], ["decode"], ["sign"], ["key", "inspect"], ["key", "convert"], ["key", "generate"],
        ["fib", "sign-email"], ["fib", "verify-email"], ["fib", "session-request"], ["frick", "sign"],
        ["frick", "verify"], ["frick", "authorize-request"], ["vectors"], ["bench"], ["key"], [],
    ]

    @Test("a misspelt option is reported before missing arguments and validate(), status 2", arguments: commands)
    func unknownOptionWins(command: [String]) throws {
        let result = try CLI.run(command + ["--bogus", "x"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("Error: Unknown option '--bogus'\n"), "\(result.stderr)")
        let name = (["verifykit"] + command).joined(separator: " ")
        #expect(result.stderr.contains("See '\(name) --help' for more information."), "\(result.stderr)")
    }

    @Test("verify --json --bogus x names --bogus, not the missing --key")
    func verifyJSONBogus() throws {
        let result = try CLI.run(["verify", "--json", "--bogus", "x"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Unknown option '--bogus'"), "\(result.stderr)")
        #expect(!result.stderr.contains("--key or --jwks"), "\(result.stderr)")
    }

    @Test("a misspelt option wins over an invalid value and a failing validate() too")
    func unknownOptionAmongOtherErrors() throws {
        let badValue = try CLI.run(["verify", "--key", "k", "--leeway", "abc", "--jsn", "token"])
        #expect(badValue.status == 2)
        #expect(badValue.stderr.hasPrefix("Error: Unknown option '--jsn'"), "\(badValue.stderr)")
        let validation = try CLI.run(["sign", "--key", "k", "--alg", "none", "--claim-file=c.json"])
        #expect(validation.status == 2)
        #expect(validation.stderr.hasPrefix("Error: Unknown option '--claim-file'"), "\(validation.stderr)")
        let short = try CLI.run(["key", "generate", "--type", "ed25519", "--format", "pem", "--kid", "a", "-x"])
        #expect(short.status == 2)
        #expect(short.stderr.hasPrefix("Error: Unknown option '-x'"), "\(short.stderr)")
    }

    @Test("without a misspelling, the usage error is ArgumentParser's or validate()'s own, status 2")
    func otherUsageErrorsUnchanged() throws {
        let missing = try CLI.run(["verify", "--json", "token"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("Error: give at least one --key or --jwks"), "\(missing.stderr)")
        let negative = try CLI.run(["verify", "--key", "k", "--now", "-5", "token"])
        #expect(negative.status == 2)
        #expect(negative.stderr.hasPrefix("Error: Missing value for '--now <now>'"), "\(negative.stderr)")
        // After --, an option-like word is the token: no usage error at all.
        let terminated = try CLI.run(["verify", "--key", "/nonexistent/k", "--", "-x"])
        #expect(terminated.status == 2)
        #expect(terminated.stderr == "verifykit: cannot read key file /nonexistent/k: no such file\n")
    }

    @Test("--help exits 0 on every command, also after an unknown option", arguments: commands)
    func help(command: [String]) throws {
        for arguments in [command + ["--help"], command + ["--bogus", "--help"], command + ["-h"]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout.contains("USAGE: verifykit"), "\(arguments)")
        }
    }

    @Test("the scan: option values, --name=value, -, negative numbers, --, subcommands")
    func scan() throws {
        let tree = try #require(UnknownOptionScan.commandTree(of: VerifyKitCommand.self))
        func unknown(_ arguments: [String]) -> UnknownOptionScan.Finding? {
            UnknownOptionScan.firstUnknownOption(in: arguments, root: tree)
        }
        #expect(unknown(["verify", "--key", "k", "--json", "--iss=x", "-"]) == nil)
        // An option's value is not an option, even when it looks like a subcommand or a flag name.
        #expect(unknown(["verify", "--iss", "sign", "--aud", "json", "token"]) == nil)
        #expect(unknown(["verify", "--now", "-5"]) == nil)
        #expect(unknown(["verify", "--", "--bogus"]) == nil)
        #expect(unknown(["key", "inspect", "-h"]) == nil)
        #expect(unknown(["verify", "--bogus=1"]) == .init(option: "--bogus", commandPath: ["verify"]))
        #expect(unknown(["key", "inspect", "--to", "jwk"]) == .init(option: "--to", commandPath: ["key", "inspect"]))
        #expect(unknown(["frick", "verify", "-hx"]) == .init(option: "-hx", commandPath: ["frick", "verify"]))
        // An option is judged against the command it ends up under, wherever it stands.
        #expect(unknown(["--json", "decode", "t"]) == nil)
        #expect(unknown(["--jsn", "decode", "t"]) == .init(option: "--jsn", commandPath: ["decode"]))
    }

    @Test("the scan: what an option's value is, and which words are options")
    func scanValuesAndWords() throws {
        let tree = try #require(UnknownOptionScan.commandTree(of: VerifyKitCommand.self))
        func unknown(_ arguments: [String]) -> UnknownOptionScan.Finding? {
            UnknownOptionScan.firstUnknownOption(in: arguments, root: tree)
        }
        // --name=value carries its value: the next word is a subcommand, not the value.
        #expect(unknown(["--generate-completion-script=bash", "decode", "--json", "t"]) == nil)
        #expect(unknown(["--generate-completion-script", "bash", "decode", "--json", "t"]) == nil)
        // A value-taking option does not swallow an option after it.
        #expect(unknown(["verify", "--iss", "--bogus", "t"]) == .init(option: "--bogus", commandPath: ["verify"]))
        #expect(unknown(["verify", "--now", "-.5"]) == nil)
        // Short flags bundle; long names do not, even when every letter is a short flag.
        #expect(unknown(["verify", "-hh"]) == nil)
        #expect(unknown(["verify", "--hh"]) == .init(option: "--hh", commandPath: ["verify"]))
        // The shell name of --generate-completion-script is its value, even when it spells a command.
        #expect(
            unknown(["--generate-completion-script", "decode", "--json"]) == .init(option: "--json", commandPath: [])
        )
    }

    @Test("the scan: a bundle of short options takes a value when its last letter does")
    func scanShortBundles() {
        typealias Info = UnknownOptionScan.CommandInfo
        let leaf = Info(name: "sub", options: ["x": .init(takesValue: false)], subcommands: [])
        let root = Info(
            name: "tool",
            options: ["v": .init(takesValue: false), "o": .init(takesValue: true)],
            subcommands: [leaf]
        )
        // "sub" is the value of -o, so -x is judged at the top, where it is unknown.
        #expect(
            UnknownOptionScan.firstUnknownOption(in: ["-vo", "sub", "-x"], root: root)
                == .init(option: "-x", commandPath: [])
        )
        #expect(UnknownOptionScan.firstUnknownOption(in: ["-ov", "sub", "-x"], root: root) == nil)
    }
}
