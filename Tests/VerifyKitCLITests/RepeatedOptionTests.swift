import Foundation
import Testing

@testable import VerifyKitCLI

/// A single-valued option given twice is a usage error (status 2): ArgumentParser kept the last
/// value, so `--typ JWT --typ at+jwt` checked only `at+jwt` and a wrapper's `--min-rsa-bits 3072`
/// gave way to a later `--min-rsa-bits 1024`.
@Suite("CLI options given twice")
struct RepeatedOptionTests {
    /// A command line per command whose named option is given twice, once as `--name=value` and
    /// once as `--name value`; everything else is enough for the command to run.
    static let repeated: [(arguments: [String], option: String)] = [
        (["verify", "--key", "k.jwk", "--typ=JWT", "--typ", "at+jwt", "t"], "--typ"),
        (["verify", "--key", "k.jwk", "--min-rsa-bits", "3072", "--min-rsa-bits=1024", "t"], "--min-rsa-bits"),
        (["verify", "--key", "k.jwk", "--now=1", "--leeway", "5", "--now", "2", "t"], "--now"),
        (["verify", "--key", "k.jwk", "--leeway", "5", "--leeway=600", "t"], "--leeway"),
        (["verify", "--key", "k.jwk", "--max-age=60", "--max-age", "600", "t"], "--max-age"),
        (["verify", "--jwks", "a.jwks", "--jwks=b.jwks", "t"], "--jwks"),
        (["sign", "--key", "a.jwk", "--key=b.jwk", "--alg", "EdDSA", "{}"], "--key"),
        (["sign", "--key", "a.jwk", "--alg=EdDSA", "--alg", "HS256", "{}"], "--alg"),
        (["key", "generate", "--type", "ed25519", "--type=hs256"], "--type"),
        (["key", "convert", "--to=jwk", "--to", "pem", "k.pem"], "--to"),
        (
            ["fib", "verify-email", "--email", "a@b", "--public-key", "00", "--public-key=11", "--signature", "00"],
            "--public-key"
        ),
        (
            ["fib", "verify-email", "--email", "a@b", "--public-key", "00", "--signature=00", "--signature", "11"],
            "--signature"
        ),
        (
            ["frick", "sign", "--private-key", "k.pem", "--min-rsa-bits=3072", "--min-rsa-bits", "1024"],
            "--min-rsa-bits"
        ),
        (["frick", "verify", "--public-key", "a.pem", "--public-key=b.pem", "--signature", "s"], "--public-key"),
        (["bench", "--seconds", "1", "--seconds=2"], "--seconds"),
    ]

    @Test(
        "a single-valued option given twice: status 2, the option named, before anything is read",
        arguments: repeated.indices
    )
    func repeatedOption(index: Int) throws {
        let (arguments, option) = Self.repeated[index]
        let result = try CLI.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty, "\(arguments)")
        #expect(
            result.stderr.hasPrefix("Error: \(option) given more than once (it takes one value)\n"),
            "\(arguments): \(result.stderr)"
        )
        let command = arguments.prefix { !$0.hasPrefix("-") }
        let name = (["verifykit"] + command).joined(separator: " ")
        #expect(result.stderr.contains("See '\(name) --help' for more information."), "\(result.stderr)")
    }

    @Test("with --json, too, the usage error is only a message on stderr")
    func repeatedWithJSON() throws {
        let result = try CLI.run(["verify", "--json", "--key", "k.jwk", "--typ", "a", "--typ=b", "t"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("Error: --typ given more than once (it takes one value)\n"), "\(result.stderr)")
    }

    @Test("a repeated option wins over a failing validate(); a misspelt option wins over it")
    func precedence() throws {
        let validation = try CLI.run(["verify", "--typ", "a", "--typ", "b", "t"])
        #expect(validation.status == 2)
        #expect(validation.stderr.hasPrefix("Error: --typ given more than once"), "\(validation.stderr)")
        let unknown = try CLI.run(["verify", "--typ", "a", "--typ", "b", "--bogus", "t"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("Error: Unknown option '--bogus'"), "\(unknown.stderr)")
    }

    @Test("--help or -h on a line with a repeated option shows the help (status 0), as without it")
    func helpWins() throws {
        for help in ["--help", "-h"] {
            for arguments in [
                ["verify", "--typ", "a", "--typ", "b", help],
                ["verify", help, "--now", "1", "--now=2", "t"],
                ["key", "generate", "--type", "ed25519", "--type", "hs256", help],
            ] {
                let result = try CLI.run(arguments)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
                #expect(result.stdout.hasPrefix("OVERVIEW: "), "\(arguments): \(result.stdout)")
                #expect(!result.stderr.contains("more than once"), "\(arguments): \(result.stderr)")
            }
        }
    }

    @Test("repeating options and flags may come twice; -- ends the options; a value is not an option")
    func stillAccepted() throws {
        let fixture = try VerifyCommandTests.Fixture()
        let base = ["verify", "--key", fixture.publicKey, "--now", "1700000100"]
        let repeating = try CLI.run(
            base + ["--iss", "other", "--iss=me", "--aud", "api", "--aud", "x", "--alg", "EdDSA", "--alg=ES256"]
                + ["--require", "sub", "--require=iat", fixture.token]
        )
        #expect(repeating.status == 0, "\(repeating.stderr)")
        let flags = try CLI.run(base + ["--json", "--json", fixture.token])
        #expect(flags.status == 0, "\(flags.stderr)")
        // The value of --iss spells --typ: one --typ is given.
        let lookalike = try CLI.run(base + ["--iss=--typ", "--typ", "JWT", "--json", fixture.token])
        #expect(lookalike.status == 1, "\(lookalike.stderr)")
        #expect(lookalike.stdout.contains(#""code":"invalid_issuer""#), "\(lookalike.stdout)")
        // After --, a word that spells an option is the token.
        let terminated = try CLI.run(base + ["--typ", "JWT", "--", "--typ"])
        #expect(terminated.status == 1, "\(terminated.stderr)")
        #expect(!terminated.stderr.contains("more than once"), "\(terminated.stderr)")
        // --key repeats under verify, not under sign.
        let keys = try CLI.run(base + ["--key", fixture.privateKey, fixture.token])
        #expect(keys.status == 0, "\(keys.stderr)")
        let accept = try CLI.run(
            ["frick", "verify", "--public-key", "k.pem", "--signature", "s", "--accept", "rsa-sha256"]
                + ["--accept=rsa-sha512", "--body-file", "/nonexistent/body"]
        )
        #expect(!accept.stderr.contains("more than once"), "\(accept.stderr)")
    }

    @Test("the word check before the scan: never false where the scan finds a repeat, and no option has two long names")
    func wordCheck() throws {
        let tree = try #require(UnknownOptionScan.commandTree(of: VerifyKitCommand.self))
        // The invariant the word check rests on, for every command of the tool.
        var commands = [tree]
        while let command = commands.popLast() {
            commands += command.subcommands
            let longNames = command.options.filter { $0.key.count > 1 }
            let bySpelling = Dictionary(grouping: longNames, by: { $0.value.spelling ?? "--\($0.key)" })
            for (spelling, names) in bySpelling {
                #expect(names.count == 1, "\(command.name): \(spelling) has the long names \(names.map(\.key))")
            }
        }
        let lines: [[String]] = [
            ["verify", "--typ=a", "--typ", "b"], ["verify", "--typ", "a"],
            ["verify", "--typ", "a", "--", "--typ", "b"],
            ["verify", "--iss", "a", "--iss", "b"], ["verify", "--json", "-h"],
            ["key", "generate", "--type", "x", "--type=y"],
            ["sign", "--key", "k", "--alg", "EdDSA", "{}"], ["verify", "--now", "1", "--leeway", "1", "--now", "2"],
        ]
        for line in lines where UnknownOptionScan.firstRepeatedOption(in: line, root: tree) != nil {
            #expect(UnknownOptionScan.mayRepeatAnOption(line), "\(line)")
        }
        #expect(!UnknownOptionScan.mayRepeatAnOption(["sign", "--key", "k", "--alg", "EdDSA", "{}"]))
        #expect(!UnknownOptionScan.mayRepeatAnOption(["verify", "--typ", "a", "--", "--typ", "b"]))
        #expect(!UnknownOptionScan.mayRepeatAnOption(["verify", "--leeway", "-5", "--typ", "-"]))
        #expect(UnknownOptionScan.mayRepeatAnOption(["verify", "--typ=a", "--typ", "b"]))
        #expect(UnknownOptionScan.mayRepeatAnOption(["verify", "--iss", "a", "--iss", "b"]))
        #expect(UnknownOptionScan.mayRepeatAnOption(["verify", "-h"]))
    }

    @Test("the scan: spellings, repeating options, flags, --, values and subcommand paths")
    func scan() throws {
        let tree = try #require(UnknownOptionScan.commandTree(of: VerifyKitCommand.self))
        func repeated(_ arguments: [String]) -> UnknownOptionScan.Finding? {
            UnknownOptionScan.firstRepeatedOption(in: arguments, root: tree)
        }
        #expect(repeated(["verify", "--typ=a", "--typ", "b"]) == .init(option: "--typ", commandPath: ["verify"]))
        #expect(repeated(["verify", "--typ", "a", "--typ=b"]) == .init(option: "--typ", commandPath: ["verify"]))
        // The first option to come a second time is named.
        #expect(
            repeated(["verify", "--now", "1", "--leeway", "1", "--leeway", "2", "--now", "3"])
                == .init(option: "--leeway", commandPath: ["verify"])
        )
        #expect(repeated(["verify", "--iss", "a", "--iss", "b", "--key", "k", "--key", "l"]) == nil)
        #expect(repeated(["verify", "--json", "--json", "--raw-payload", "--raw-payload"]) == nil)
        #expect(repeated(["verify", "--typ", "a", "--", "--typ", "b"]) == nil)
        // A value is not an option, whatever it spells.
        #expect(repeated(["verify", "--iss=--typ", "--typ", "a"]) == nil)
        #expect(repeated(["verify", "--iss", "typ", "--typ", "typ"]) == nil)
        // An option is counted under the command that declares it.
        #expect(repeated(["sign", "--key", "a", "--key", "b"]) == .init(option: "--key", commandPath: ["sign"]))
        #expect(repeated(["frick", "verify", "--accept", "a", "--accept", "b"]) == nil)
        #expect(
            repeated(["frick", "verify", "--signature", "a", "--signature", "b"])
                == .init(option: "--signature", commandPath: ["frick", "verify"])
        )
        // Undeclared options are the unknown-option scan's business.
        #expect(repeated(["verify", "--bogus", "--bogus"]) == nil)
    }

    @Test("the scan: all names of one option count together, by its declared spelling")
    func scanNames() {
        typealias Info = UnknownOptionScan.CommandInfo
        let output = Info.Option(takesValue: true, spelling: "--output")
        let leaf = Info(
            name: "sub",
            options: [
                "o": output, "output": output, "v": .init(takesValue: false),
                "i": .init(takesValue: true, isRepeating: true),
            ],
            subcommands: []
        )
        let root = Info(name: "tool", options: [:], subcommands: [leaf])
        func repeated(_ arguments: [String]) -> UnknownOptionScan.Finding? {
            UnknownOptionScan.firstRepeatedOption(in: arguments, root: root)
        }
        #expect(repeated(["sub", "-o", "a", "--output=b"]) == .init(option: "--output", commandPath: ["sub"]))
        // A bundle of short options ends with the one that takes the value.
        #expect(repeated(["sub", "-vo", "a", "-o", "b"]) == .init(option: "--output", commandPath: ["sub"]))
        #expect(repeated(["sub", "-vv", "-i", "a", "-vi", "b"]) == nil)
    }

    @Test("the scan: one spelling declared by two commands on the path is two options, each counted once")
    func scanDepths() {
        typealias Info = UnknownOptionScan.CommandInfo
        let output = Info.Option(takesValue: true, spelling: "--output")
        let leaf = Info(name: "sub", options: ["o": output, "output": output], subcommands: [])
        let root = Info(name: "tool", options: ["output": output], subcommands: [leaf])
        func repeated(_ arguments: [String]) -> UnknownOptionScan.Finding? {
            UnknownOptionScan.firstRepeatedOption(in: arguments, root: root)
        }
        // The root's --output, then sub's -o: each given once.
        #expect(repeated(["--output", "a", "sub", "-o", "b"]) == nil)
        #expect(
            repeated(["--output", "a", "sub", "-o", "b", "-o", "c"]) == .init(option: "--output", commandPath: ["sub"])
        )
        #expect(repeated(["--output", "a", "--output=b", "sub"]) == .init(option: "--output", commandPath: ["sub"]))
    }
}
