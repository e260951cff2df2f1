import Foundation
import Testing
import VerifyKit

/// `verify --x5c-roots … --x5c-time-claim NAME --x5c-time-max-age SECONDS [--x5c-time-ms]`: the
/// chain checked at the time a claim states, so a token kept past its leaf's expiry still verifies.
@Suite("CLI verify: x5c chain at a claim's time")
struct VerifyX5CTimeTests {
    typealias X5C = VerifyX5CTests

    static let twoDays = "172800"

    /// When the tokens were signed: 100 s into leaf-short's validity, which lasts one day.
    static func signedAt() throws -> Int64 { try X5C.certificate("leaf-short").notBefore + 100 }
    static func seconds() throws -> String { String(try signedAt()) }
    static func milliseconds() throws -> String { String(try signedAt() * 1000) }

    /// An hour after leaf-short expired: the chain no longer validates at this time.
    static func later() throws -> String { String(try X5C.certificate("leaf-short").notAfter + 3_600) }

    /// A token by leaf-short whose `signedDate` is `signedDate` (JSON text); none when `nil`.
    static func token(signedDate: String?) throws -> String {
        try X5C.token(
            signer: "leaf-short",
            payload: #"{"sub":"alice"\#(signedDate.map { #","signedDate":\#($0)"# } ?? "")}"#
        )
    }

    static func verify(_ options: [String], _ token: String, json: Bool = true) throws -> CLI.Output {
        try CLI.run(
            ["verify", "--x5c-roots", X5C.path("root"), "--x5c-any-leaf", "--now", try later()]
                + (json ? ["--json"] : []) + options + [token]
        )
    }

    /// The error code of a `--json` rejection (exit 1).
    static func rejection(_ result: CLI.Output, sourceLocation: SourceLocation = #_sourceLocation) throws -> String? {
        #expect(result.status == 1, "\(result.stdout) \(result.stderr)", sourceLocation: sourceLocation)
        let error = try X5C.json(result)["error"] as? [String: Any]
        return error?["code"] as? String
    }

    @Test("a token kept past its leaf's expiry verifies at its claim's time, and not without the options")
    func keptToken() throws {
        let kept = try Self.token(signedDate: try Self.milliseconds())
        let atClaim = ["--x5c-time-claim", "signedDate", "--x5c-time-ms", "--x5c-time-max-age", Self.twoDays]
        let valid = try Self.verify(atClaim, kept)
        #expect(valid.status == 0, "\(valid.stdout) \(valid.stderr)")
        #expect((try X5C.json(valid)["claims"] as? [String: Any])?["sub"] as? String == "alice")
        let text = try Self.verify(atClaim, kept, json: false)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("valid: alg \"ES256\""), "\(text.stdout)")

        let now = try Self.verify([], kept)
        #expect(try Self.rejection(now) == "invalid_certificate_chain")
        #expect(now.stdout.contains("expired"), "\(now.stdout)")

        // A claim in seconds needs no --x5c-time-ms.
        let inSeconds = try Self.token(signedDate: try Self.seconds())
        let seconds = try Self.verify(
            ["--x5c-time-claim", "signedDate", "--x5c-time-max-age", Self.twoDays],
            inSeconds
        )
        #expect(seconds.status == 0, "\(seconds.stdout) \(seconds.stderr)")
    }

    @Test("the unit matters: milliseconds read as seconds lie in the future, seconds read as milliseconds in 1970")
    func unit() throws {
        let asSeconds = try Self.verify(
            ["--x5c-time-claim", "signedDate", "--x5c-time-max-age", Self.twoDays],
            try Self.token(signedDate: try Self.milliseconds())
        )
        #expect(try Self.rejection(asSeconds) == "invalid_claim")
        #expect(asSeconds.stdout.contains("future"), "\(asSeconds.stdout)")
        let asMilliseconds = try Self.verify(
            ["--x5c-time-claim", "signedDate", "--x5c-time-ms", "--x5c-time-max-age", Self.twoDays],
            try Self.token(signedDate: try Self.seconds())
        )
        #expect(try Self.rejection(asMilliseconds) == "too_old")
    }

    @Test("a claim older than --x5c-time-max-age is too_old, in JSON and in text")
    func tooOld() throws {
        let kept = try Self.token(signedDate: try Self.milliseconds())
        // The leaf's day, then the hour since it expired: more than a day old.
        let options = ["--x5c-time-claim", "signedDate", "--x5c-time-ms", "--x5c-time-max-age", "86400"]
        #expect(try Self.rejection(try Self.verify(options, kept)) == "too_old")
        let text = try Self.verify(options, kept, json: false)
        #expect(text.status == 1)
        #expect(text.stdout.isEmpty)
        #expect(text.stderr.contains("token rejected: too_old: claim \"signedDate\" is"), "\(text.stderr)")
        // At the claim's own time it is within any bound.
        let fresh = try CLI.run(
            [
                "verify", "--x5c-roots", X5C.path("root"), "--x5c-any-leaf", "--now", try Self.seconds(), "--json",
            ] + options + [kept]
        )
        #expect(fresh.status == 0, "\(fresh.stdout) \(fresh.stderr)")
    }

    @Test("a missing claim, another name, or a claim that is not a number: invalid_claim")
    func missingClaim() throws {
        let options = ["--x5c-time-ms", "--x5c-time-max-age", Self.twoDays]
        for (name, token) in [
            ("signedDate", try Self.token(signedDate: nil)),
            ("purchaseDate", try Self.token(signedDate: try Self.milliseconds())),
            ("signedDate", try Self.token(signedDate: "\"\(try Self.milliseconds())\"")),
            ("signedDate", try Self.token(signedDate: "null")),
        ] {
            let result = try Self.verify(["--x5c-time-claim", name] + options, token)
            #expect(try Self.rejection(result) == "invalid_claim", "\(name) in \(token)")
            #expect(result.stdout.contains("must be a number"), "\(result.stdout)")
        }
        let text = try Self.verify(
            ["--x5c-time-claim", "signedDate"] + options,
            try Self.token(signedDate: nil),
            json: false
        )
        #expect(text.status == 1)
        #expect(text.stderr.contains("token rejected: invalid_claim: "), "\(text.stderr)")
    }

    @Test("the library's invalid_options (a clock that is not a time) surfaces with its code")
    func invalidOptions() throws {
        let result = try CLI.run([
            "verify", "--x5c-roots", X5C.path("root"), "--x5c-any-leaf", "--now", "1e16", "--json",
            "--x5c-time-claim", "signedDate", "--x5c-time-ms", "--x5c-time-max-age", Self.twoDays,
            try Self.token(signedDate: try Self.milliseconds()),
        ])
        #expect(try Self.rejection(result) == "invalid_options")
    }

    @Test(
        "usage errors: the options without --x5c-roots, without --x5c-time-claim, no or a bad max age, an empty name",
        arguments: [
            (["--key", "KEY", "--x5c-time-claim", "signedDate", "--x5c-time-max-age", "60"], "apply to --x5c-roots"),
            (["--key", "KEY", "--x5c-time-ms"], "apply to --x5c-roots"),
            (["--key", "KEY", "--x5c-time-max-age", "60"], "apply to --x5c-roots"),
            (["--x5c-roots", "ROOTS", "--x5c-any-leaf", "--x5c-time-ms"], "apply to --x5c-time-claim"),
            (["--x5c-roots", "ROOTS", "--x5c-any-leaf", "--x5c-time-max-age", "60"], "apply to --x5c-time-claim"),
            (
                ["--x5c-roots", "ROOTS", "--x5c-any-leaf", "--x5c-time-claim", "signedDate", "--x5c-time-ms"],
                "--x5c-time-claim needs --x5c-time-max-age",
            ),
            (
                ["--x5c-roots", "ROOTS", "--x5c-any-leaf", "--x5c-time-claim", "signedDate", "--x5c-time-max-age=-1"],
                "--x5c-time-max-age must be a finite, non-negative number",
            ),
            (
                [
                    "--x5c-roots", "ROOTS", "--x5c-any-leaf", "--x5c-time-claim", "signedDate", "--x5c-time-max-age",
                    "nan",
                ],
                "--x5c-time-max-age must be a finite, non-negative number",
            ),
            (
                [
                    "--x5c-roots", "ROOTS", "--x5c-any-leaf", "--x5c-time-claim", "signedDate", "--x5c-time-max-age",
                    "inf",
                ],
                "--x5c-time-max-age must be a finite, non-negative number",
            ),
            (
                ["--x5c-roots", "ROOTS", "--x5c-any-leaf", "--x5c-time-claim", "", "--x5c-time-max-age", "60"],
                "--x5c-time-claim must not be empty",
            ),
        ]
    )
    func usage(arguments: [String], message: String) throws {
        let token = try Self.token(signedDate: try Self.milliseconds())
        let resolved = arguments.map {
            switch $0 {
            case "KEY": X5C.path("leaf-short.key")
            case "ROOTS": X5C.path("root")
            default: $0
            }
        }
        for json in [[], ["--json"]] {
            let result = try CLI.run(["verify"] + json + resolved + [token])
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("Error: "), "\(result.stderr)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
    }

    @Test("--tokens-file takes no x5c options: the time options are refused there as --x5c-roots is")
    func tokensFile() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("tokens.txt")
        try Data((try Self.token(signedDate: try Self.milliseconds()) + "\n").utf8).write(to: file)
        let result = try CLI.run([
            "verify", "--x5c-roots", X5C.path("root"), "--x5c-any-leaf", "--x5c-time-claim", "signedDate",
            "--x5c-time-ms", "--x5c-time-max-age", Self.twoDays, "--tokens-file", file.path,
        ])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("not with --tokens-file"), "\(result.stderr)")
    }
}
