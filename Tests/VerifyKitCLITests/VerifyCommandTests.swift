import Foundation
import Testing

/// `verifykit verify`, `decode` and `sign` run as real processes: exit statuses and JSON shapes are
/// the contract scripts rely on.
@Suite("CLI verify, decode and sign")
struct VerifyCommandTests {
    static let rfc8037Private =
        #"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
    static let rfc8037Public =
        #"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"ed"}"#
    static let fibAccess =
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJFZERTQSJ9.eyJhY2MiOiJhbGljZUB3b25kZXJsYW5kIiwic3ViIjoiYWxpY2VAbWFpbC5jb20iLCJyb2xlIjoiUk9MRV9QRUVSIiwiZXhwIjoxNzAzMTg3NDEyLCJqdGkiOiIwNjgzM2FlZi03ZDljLTQ2MTUtYTU4YS02YjYxZWZkM2FhNjEifQ.HvrukWtcA7nz5rbxWiklJOjnv4X7jaAQ7piJaxqlW5rvUv52rClqYYHSn9F-P4u6pKNlJSpiiiH0GnynXsL7CQ"

    /// Writes the RFC 8037 Ed25519 key pair as `private.jwk` and `public.jwk` into `dir`.
    static func writeRFC8037Keys(in dir: URL) throws -> (privateKey: String, publicKey: String) {
        let privateKey = dir.appendingPathComponent("private.jwk").path
        let publicKey = dir.appendingPathComponent("public.jwk").path
        try Data(rfc8037Private.utf8).write(to: URL(fileURLWithPath: privateKey))
        try Data(rfc8037Public.utf8).write(to: URL(fileURLWithPath: publicKey))
        return (privateKey, publicKey)
    }

    struct Fixture {
        let dir: URL
        let privateKey: String
        let publicKey: String
        let token: String

        init() throws {
            dir = try CLI.temporaryDirectory()
            (privateKey, publicKey) = try VerifyCommandTests.writeRFC8037Keys(in: dir)
            let signed = try CLI.run([
                "sign", "--key", privateKey, "--alg", "EdDSA", "--kid", "ed",
                #"{"iss":"me","aud":["api"],"sub":"alice","iat":1700000000,"exp":1700000600}"#,
            ])
            try #require(signed.status == 0, "\(signed.stderr)")
            token = signed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    @Test("a valid token: exit 0 and the success JSON shape")
    func valid() throws {
        let fixture = try Fixture()
        let result = try CLI.run([
            "verify", "--key", fixture.publicKey, "--now", "1700000100", "--iss", "me", "--aud", "api", "--typ",
            "JWT", "--require", "sub", "--max-age", "600", "--alg", "EdDSA", "--json", fixture.token,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try Self.json(result.stdout)
        #expect(object["valid"] as? Bool == true)
        #expect(object["alg"] as? String == "EdDSA")
        #expect(object["kid"] as? String == "ed")
        #expect((object["header"] as? [String: Any])?["typ"] as? String == "JWT")
        #expect((object["claims"] as? [String: Any])?["sub"] as? String == "alice")
        #expect(Set(object.keys) == ["valid", "alg", "kid", "header", "claims"])
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test("the private key file verifies with its public part; token from stdin and from a file")
    func inputs() throws {
        let fixture = try Fixture()
        let stdin = try CLI.run(
            ["verify", "--key", fixture.privateKey, "--now", "1700000100", "-"],
            stdin: fixture.token + "\n"
        )
        #expect(stdin.status == 0, "\(stdin.stderr)")
        let tokenFile = fixture.dir.appendingPathComponent("token.txt")
        try Data((fixture.token + "\n").utf8).write(to: tokenFile)
        let file = try CLI.run([
            "verify", "--key", fixture.publicKey, "--now", "1700000100", "--token-file", tokenFile.path,
        ])
        #expect(file.status == 0, "\(file.stderr)")
        // Saved by an editor that adds a byte order mark.
        try Data([0xEF, 0xBB, 0xBF] + Array((fixture.token + "\r\n").utf8)).write(to: tokenFile)
        let marked = try CLI.run([
            "verify", "--key", fixture.publicKey, "--now", "1700000100", "--token-file", tokenFile.path,
        ])
        #expect(marked.status == 0, "\(marked.stderr)")
    }

    @Test("one token and --tokens-file trim the same white space: ASCII blanks only")
    func sameTrimmingBothWays() throws {
        let fixture = try Fixture()
        let base = ["verify", "--key", fixture.publicKey, "--now", "1700000100", "--json"]
        for (padding, valid) in [(" \t", true), ("\u{A0}", false), ("\u{2028}", false), ("\u{0C}", false)] {
            let single = try CLI.run(base + [fixture.token + padding])
            let viaFile = try CLI.run(base + ["--tokens-file", "-"], stdin: fixture.token + padding + "\n")
            let shown = padding.unicodeScalars.map { String($0.value, radix: 16) }
            #expect(single.status == (valid ? 0 : 1), "\(shown): \(single.stdout)")
            #expect(viaFile.status == single.status, "\(shown): \(viaFile.stdout)")
            #expect(viaFile.stdout == single.stdout, "\(shown)")
        }
    }

    @Test("--max-token-bytes is bounded, so --tokens-file memory stays bounded")
    func maxTokenBytesBound() throws {
        let fixture = try Fixture()
        for value in ["0", "16777217", "9223372036854775807"] {
            let result = try CLI.run(["verify", "--key", fixture.publicKey, "--max-token-bytes", value, fixture.token])
            #expect(result.status == 2, "\(value)")
            #expect(result.stderr.contains("--max-token-bytes must be between 1 and 16777216"), "\(result.stderr)")
        }
        let largest = try CLI.run([
            "verify", "--key", fixture.publicKey, "--now", "1700000100", "--max-token-bytes", "16777216", fixture.token,
        ])
        #expect(largest.status == 0, "\(largest.stderr)")
        // A token within the limit but over 1 MiB reads from a file as it does from --tokens-file.
        let parts = fixture.token.split(separator: ".")
        let big = "\(parts[0]).\(String(repeating: "A", count: 2_000_000)).\(parts[2])"
        let file = fixture.dir.appendingPathComponent("big.txt")
        try Data((big + "\n").utf8).write(to: file)
        let limit = ["--max-token-bytes", "16777216", "--json"]
        let single = try CLI.run(["verify", "--key", fixture.publicKey, "--token-file", file.path] + limit)
        let many = try CLI.run(["verify", "--key", fixture.publicKey, "--tokens-file", file.path] + limit)
        #expect(single.status == 1, "\(single.stderr)")
        #expect(single.stdout.contains("bad_signature"), "\(single.stdout)")
        #expect(many.stdout == single.stdout)
        // Over the limit, a token file is a rejected token (exit 1), as a --tokens-file line is.
        for arguments in [["--token-file", file.path], ["--tokens-file", file.path]] {
            let over = try CLI.run(["verify", "--key", fixture.publicKey, "--json"] + arguments)
            #expect(over.status == 1, "\(arguments): \(over.stderr)")
            #expect(over.stdout.contains(#""code":"token_too_large""#), "\(arguments): \(over.stdout)")
        }
    }

    @Test(
        "rejections: exit 1 and exactly one JSON object with the error code",
        arguments: [
            (["--now", "1700000600"], "expired"),
            (["--now", "1699999999"], "not_yet_valid"),
            (["--now", "1700000100", "--iss", "other"], "invalid_issuer"),
            (["--now", "1700000100", "--aud", "other"], "invalid_audience"),
            (["--now", "1700000100", "--typ", "at+jwt"], "invalid_type"),
            (["--now", "1700000100", "--require", "tenant"], "invalid_claim"),
            (["--now", "1700000100", "--max-age", "10"], "too_old"),
            (["--now", "1700000100", "--alg", "RS256"], "algorithm_not_allowed"),
            (["--now", "1700000100", "--max-token-bytes", "100"], "token_too_large"),
        ]
    )
    func rejected(arguments: [String], code: String) throws {
        let fixture = try Fixture()
        let result = try CLI.run(["verify", "--key", fixture.publicKey, "--json"] + arguments + [fixture.token])
        #expect(result.status == 1, "\(result.stdout) \(result.stderr)")
        let object = try Self.json(result.stdout)
        #expect(object["valid"] as? Bool == false)
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["code"] as? String == code)
        #expect((error["message"] as? String)?.isEmpty == false)
        #expect(Set(object.keys) == ["valid", "error"])
    }

    @Test("another issuer's token is bad_signature; alg none is unsupported_algorithm")
    func foreignTokens() throws {
        let fixture = try Fixture()
        let foreign = try CLI.run(["verify", "--key", fixture.publicKey, "--json", Self.fibAccess])
        #expect(foreign.status == 1)
        #expect(
            try Self.json(foreign.stdout)["error"].flatMap { $0 as? [String: Any] }?["code"] as? String
                == "bad_signature"
        )
        let none = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0."
        let result = try CLI.run(["verify", "--key", fixture.publicKey, "--json", none])
        #expect(result.status == 1)
        #expect(result.stdout.contains(#""code":"unsupported_algorithm""#))
    }

    @Test("--raw-payload prints the payload as base64url and checks no claims")
    func rawPayload() throws {
        let fixture = try Fixture()
        let result = try CLI.run([
            "verify", "--key", fixture.publicKey, "--raw-payload", "--json", fixture.token,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try Self.json(result.stdout)
        #expect(object["payload"] is String)
        #expect(object["claims"] == nil)
    }

    /// `--leeway` goes up to `maximumLeeway` (600 s) inclusive, and is applied: 500 s after `exp`
    /// the token verifies with it, 700 s after it is expired (exit 1); 600.5 is a usage error.
    @Test("--leeway 600 is accepted and applied; above it is a usage error")
    func maximumLeeway() throws {
        let fixture = try Fixture()
        func verify(leeway: String, now: String) throws -> CLI.Output {
            try CLI.run(["verify", "--key", fixture.publicKey, "--leeway", leeway, "--now", now, fixture.token])
        }
        let within = try verify(leeway: "600", now: "1700001100")
        #expect(within.status == 0, "\(within.stderr)")
        let beyond = try verify(leeway: "600", now: "1700001300")
        #expect(beyond.status == 1, "\(beyond.stderr)")
        #expect(beyond.stderr.contains("expired"), "\(beyond.stderr)")
        let above = try verify(leeway: "600.5", now: "1700001100")
        #expect(above.status == 2, "\(above.stderr)")
        #expect(above.stdout.isEmpty)
    }

    @Test(
        "usage errors and unreadable or refused keys: exit 2",
        arguments: [
            ["verify", "TOKEN"],
            ["verify", "--key", "/nonexistent/key.pem", "a.b.c"],
            ["verify", "--key", "KEY", "--alg", "none", "a.b.c"],
            ["verify", "--key", "KEY"],
            ["verify", "--key", "KEY", "--leeway", "-5", "a.b.c"],
            ["verify", "--key", "KEY", "--leeway", "601", "a.b.c"],
            ["verify", "--jwks", "DUPLICATES", "a.b.c"],
            ["verify", "--key", "KEY", "--unknown-flag", "a.b.c"],
            // Claim options with a payload whose claims are not checked would be silently ignored.
            ["verify", "--key", "KEY", "--raw-payload", "--iss", "x", "a.b.c"],
            ["verify", "--key", "KEY", "--raw-payload", "--require", "exp", "a.b.c"],
            ["verify", "--key", "KEY", "--raw-payload", "--now", "5000", "a.b.c"],
            ["verify", "--key", "KEY", "--typ", "", "a.b.c"],
            ["verify", "--key", "KEY", "--require", "", "a.b.c"],
            ["verify", "--key", "KEY", "--iss", "", "a.b.c"],
            ["verify", "--key", "-", "-"],
        ]
    )
    func usage(arguments: [String]) throws {
        let fixture = try Fixture()
        let duplicates = fixture.dir.appendingPathComponent("dup.jwks")
        try Data(#"{"keys":[\#(Self.rfc8037Public),\#(Self.rfc8037Public)]}"#.utf8).write(to: duplicates)
        let resolved = arguments.map {
            $0 == "KEY" ? fixture.publicKey : $0 == "DUPLICATES" ? duplicates.path : $0
        }
        let result = try CLI.run(resolved)
        #expect(result.status == 2, "\(resolved) → \(result.status): \(result.stdout) \(result.stderr)")
    }

    @Test("two inputs from standard input are a usage error, not an empty key")
    func oneStandardInput() throws {
        let result = try CLI.run(["verify", "--key", "-", "-"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("only one input can be read from standard input"), "\(result.stderr)")
        // Also when standard input is named as a file.
        for arguments in [["--key", "/dev/stdin", "-"], ["--key", "-", "--token-file", "/dev/fd/0"]] {
            let named = try CLI.run(["verify"] + arguments)
            #expect(named.status == 2, "\(arguments)")
            #expect(named.stderr.contains("only one input can be read from standard input"), "\(named.stderr)")
        }
    }

    @Test("a JWKS file skips unknown members with a note and verifies with the rest")
    func jwksSkips() throws {
        let fixture = try Fixture()
        let set = fixture.dir.appendingPathComponent("set.jwks")
        try Data(#"{"keys":[{"kty":"Unknown","kid":"u"},\#(Self.rfc8037Public)]}"#.utf8).write(to: set)
        let result = try CLI.run(["verify", "--jwks", set.path, "--now", "1700000100", fixture.token])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("skipped"))
    }

    @Test(
        "decode writes dates in the proleptic Gregorian calendar, years 0000–9999 only",
        arguments: [
            ("-12219292801", "1582-10-14T23:59:59Z"),  // the day before the Gregorian switch
            ("-62135596800", "0001-01-01T00:00:00Z"),
            ("-62167219200", "0000-01-01T00:00:00Z"),
            ("951782400", "2000-02-29T00:00:00Z"),
            ("-1.5", "1969-12-31T23:59:58.500Z"),
            ("1703187412.25", "2023-12-21T19:36:52.250Z"),
            ("253402300799", "9999-12-31T23:59:59Z"),
            ("253402300800", nil),
            ("253402300799.9996", nil),  // rounds to the millisecond into year 10000
            ("-1e-20", "1970-01-01T00:00:00Z"),  // rounds to the second, never ".1000"
            ("1700000000.123", "2023-11-14T22:13:20.123Z"),
            ("1.001", "1970-01-01T00:00:01.001Z"),
            ("-0.0005", "1969-12-31T23:59:59.999Z"),
            ("-62167219201", nil),
        ] as [(String, String?)]
    )
    func decodeDates(seconds: String, expected: String?) throws {
        let header = Data(#"{"alg":"HS256"}"#.utf8).base64EncodedString()
        let payload = Data(#"{"exp":\#(seconds)}"#.utf8).base64EncodedString()
        func url(_ text: String) -> String {
            text.replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_")
        }
        let result = try CLI.run(["decode", "--json", "\(url(header)).\(url(payload)).AAAA"])
        #expect(result.status == 0, "\(result.stderr)")
        let dates = try #require(try Self.json(result.stdout)["dates"] as? [String: Any])
        #expect(dates["exp"] as? String == expected, "\(seconds)")
    }

    @Test("decode prints header, claims and ISO 8601 dates, with NOT VERIFIED on stderr")
    func decode() throws {
        let result = try CLI.run(["decode", "--json", Self.fibAccess])
        #expect(result.status == 0)
        #expect(result.stderr.contains("NOT VERIFIED"))
        let object = try Self.json(result.stdout)
        #expect((object["header"] as? [String: Any])?["alg"] as? String == "EdDSA")
        #expect((object["claims"] as? [String: Any])?["role"] as? String == "ROLE_PEER")
        #expect((object["dates"] as? [String: Any])?["exp"] as? String == "2023-12-21T19:36:52Z")
        #expect(object["signature_bytes"] as? Int == 64)
        #expect(object["verified"] as? Bool == false)
        let text = try CLI.run(["decode", Self.fibAccess])
        #expect(text.stdout.contains("2023-12-21T19:36:52Z"))
        #expect(text.stderr.contains("NOT VERIFIED"))
        #expect(try CLI.run(["decode", "not-a-token"]).status == 2)
    }

    @Test("sign reproduces RFC 8037 A.4 from a JSON claims file and --header")
    func signRFC8037() throws {
        let fixture = try Fixture()
        // A.4 signs the non-JSON payload "Example of Ed25519 signing", so check the JSON path by
        // round trip and the header handling by the exact header segment.
        let claimsFile = fixture.dir.appendingPathComponent("claims.json")
        try Data(#"{"sub":"x"}"#.utf8).write(to: claimsFile)
        let result = try CLI.run([
            "sign", "--key", fixture.privateKey, "--alg", "EdDSA", "--header", #"{"typ":null}"#, "--claims-file",
            claimsFile.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0."))
        let verify = try CLI.run([
            "verify", "--key", fixture.publicKey, result.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
        ])
        #expect(verify.status == 0, "\(verify.stderr)")
        // Signing needs a private key; bad claims are a usage error.
        #expect(try CLI.run(["sign", "--key", fixture.publicKey, "--alg", "EdDSA", "{}"]).status == 2)
        #expect(try CLI.run(["sign", "--key", fixture.privateKey, "--alg", "EdDSA", "[1]"]).status == 2)
        #expect(try CLI.run(["sign", "--key", fixture.privateKey, "--alg", "none", "{}"]).status == 2)
    }
}
