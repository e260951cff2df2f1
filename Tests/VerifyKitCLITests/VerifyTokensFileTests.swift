import Foundation
import Testing
import VerifyKit
import VerifyKitTestSupport

/// `verifykit verify --tokens-file F`, run as a real process: one JSON line per token in input order,
/// the same objects as `verify --json`, exit 0 / 1 / 2.
@Suite("CLI verify --tokens-file")
struct VerifyTokensFileTests {
    /// RFC 8037 A.1's Ed25519 key (`kid` "ed" in the public JWK).
    static let seed = try! Base64URL.decode("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A")
    static let publicJWK =
        #"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"ed"}"#
    static let now: Double = 1_700_000_000

    static func token(_ subject: String, expiresAt: Double = now + 600) throws -> String {
        let claims = JWTClaims(
            subject: SubjectClaim(value: subject),
            expiration: ExpirationClaim(value: expiresAt),
            issuedAt: IssuedAtClaim(value: now - 10)
        )
        return try JWTSigner.sign(
            claims,
            header: JWTHeader(keyID: "ed"),
            key: CryptoKey(Ed25519.PrivateKey(seed: seed)),
            algorithm: .eddsa
        )
    }

    struct Files {
        let dir: URL
        let key: String

        init() throws {
            dir = try CLI.temporaryDirectory()
            key = dir.appendingPathComponent("public.jwk").path
            try Data(VerifyTokensFileTests.publicJWK.utf8).write(to: URL(fileURLWithPath: key))
        }

        func write(_ text: String, name: String = "tokens.txt") throws -> String {
            let url = dir.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
    }

    static func json(_ line: Substring) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
    }

    @Test("mixed valid and invalid tokens: one line each, in input order, exit 1")
    func orderAndMixed() throws {
        let files = try Files()
        var tokens: [String] = []
        for index in 0..<40 {
            switch index % 5 {
            case 3: tokens.append("not-a-token-\(index)")
            case 4: tokens.append(try Self.token("user-\(index)", expiresAt: Self.now - 1))
            default: tokens.append(try Self.token("user-\(index)"))
            }
        }
        let path = try files.write(tokens.joined(separator: "\n") + "\n")
        let result = try CLI.run(["verify", "--key", files.key, "--now", "1700000000", "--tokens-file", path])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        try #require(lines.count == 40)
        #expect(result.stdout.hasSuffix("}\n"))
        for (index, line) in lines.enumerated() {
            let object = try Self.json(line)
            switch index % 5 {
            case 3:
                #expect(object["valid"] as? Bool == false)
                #expect((object["error"] as? [String: Any])?["code"] as? String == "malformed", "line \(index)")
            case 4:
                #expect(object["valid"] as? Bool == false)
                #expect((object["error"] as? [String: Any])?["code"] as? String == "expired", "line \(index)")
            default:
                #expect(object["valid"] as? Bool == true, "line \(index)")
                #expect(object["kid"] as? String == "ed")
                #expect((object["claims"] as? [String: Any])?["sub"] as? String == "user-\(index)", "line \(index)")
                #expect(Set(object.keys) == ["valid", "alg", "kid", "header", "claims"])
            }
        }
    }

    @Test("every line is byte-identical to what verify --json prints for that token")
    func sameObjectsAsJSON() throws {
        let files = try Files()
        let tokens = [try Self.token("alice"), "a.b.c", try Self.token("late", expiresAt: Self.now - 5)]
        let path = try files.write(tokens.joined(separator: "\r\n"))
        let batch = try CLI.run(["verify", "--key", files.key, "--now", "1700000000", "--tokens-file", path])
        #expect(batch.status == 1)
        let lines = batch.stdout.split(separator: "\n")
        try #require(lines.count == tokens.count)
        for (token, line) in zip(tokens, lines) {
            let single = try CLI.run(["verify", "--key", files.key, "--now", "1700000000", "--json", token])
            #expect(single.stdout == line + "\n", "\(token)")
        }
        let raw = try CLI.run(["verify", "--key", files.key, "--raw-payload", "--tokens-file", path])
        let rawLine = try #require(raw.stdout.split(separator: "\n").first)
        let rawSingle = try CLI.run(["verify", "--key", files.key, "--raw-payload", "--json", tokens[0]])
        #expect(rawSingle.stdout == rawLine + "\n")
    }

    @Test("all valid: exit 0; blank lines and surrounding spaces are skipped; - reads standard input")
    func allValidAndBlankLines() throws {
        let files = try Files()
        let tokens = try (0..<5).map { try Self.token("ok-\($0)") }
        let text = "\n  " + tokens[0] + " \n\n\t" + tokens[1..<5].joined(separator: "\n\n") + "\n\n"
        let path = try files.write(text)
        let result = try CLI.run(["verify", "--key", files.key, "--now", "1700000000", "--tokens-file", path])
        #expect(result.status == 0, "\(result.stderr)")
        let subjects = try result.stdout.split(separator: "\n").map {
            try Self.json($0)["claims"].flatMap { ($0 as? [String: Any])?["sub"] as? String }
        }
        #expect(subjects == (0..<5).map { "ok-\($0)" })

        let stdin = try CLI.run(
            ["verify", "--key", files.key, "--now", "1700000000", "--tokens-file", "-"],
            stdin: text
        )
        #expect(stdin.status == 0, "\(stdin.stderr)")
        #expect(stdin.stdout == result.stdout)
    }

    @Test("a file with no tokens: exit 0 and no output")
    func emptyFile() throws {
        let files = try Files()
        for text in ["", "\n\n  \n"] {
            let path = try files.write(text)
            let result = try CLI.run(["verify", "--key", files.key, "--tokens-file", path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("a missing tokens file exits 2 with a message and no output")
    func missingFile() throws {
        let files = try Files()
        let missing = files.dir.appendingPathComponent("nope.txt").path
        let result = try CLI.run(["verify", "--key", files.key, "--tokens-file", missing])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("tokens file"))
    }

    @Test(
        "a device as the tokens file (it never ends) exits 2 at once with a reason",
        arguments: ["/dev/zero", "/dev/urandom", "/dev/null"]
    )
    func deviceRefused(device: String) throws {
        try #require(FileManager.default.fileExists(atPath: device))
        let files = try Files()
        // Before the refusal, /dev/zero ran at full speed forever (one endless line, memory flat).
        let result = try CLI.run(["verify", "--key", files.key, "--tokens-file", device], within: 30)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "verifykit: cannot read tokens file \(device): it is a device, not a file or a pipe\n")
    }

    @Test("a pipe given by name is read to its end")
    func namedPipe() throws {
        let files = try Files()
        let fifo = files.dir.appendingPathComponent("tokens.fifo").path
        try #require(mkfifo(fifo, 0o600) == 0)
        let tokens = try (0..<3).map { try Self.token("pipe-\($0)") }
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
            handle.write(Data(tokens.joined(separator: "\n").utf8))
            try? handle.close()
        }
        writer.start()
        let result = try CLI.run(
            ["verify", "--key", files.key, "--now", "1700000000", "--tokens-file", fifo],
            within: 60
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 3)
    }

    @Test("CRLF, a lone CR, blanks, NUL, invalid UTF-8, a 10 MB line and a last line without a line break")
    func hostileLines() throws {
        let files = try Files()
        let good = try (0..<4).map { Array(try Self.token("line-\($0)").utf8) }
        var bytes: [UInt8] = []
        bytes += good[0] + Array("\r\n\r\n \t".utf8)
        bytes += good[1] + Array(" \r".utf8)
        bytes += Array(good[2].prefix(20)) + [0x00] + Array(good[2].dropFirst(20)) + [0x0A]  // NUL inside
        bytes += [0xFF, 0xFE] + good[2] + [0x0A]  // not UTF-8
        bytes += [UInt8](repeating: UInt8(ascii: "A"), count: 10 << 20) + [0x0A]  // one 10 MiB line
        bytes += good[3]  // no line break at the end
        let path = files.dir.appendingPathComponent("hostile.txt").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let result = try CLI.run(
            ["verify", "--key", files.key, "--now", "1700000000", "--tokens-file", path],
            within: 120
        )
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        try #require(lines.count == 6, "\(result.stdout.prefix(2000))")
        let outcomes = try lines.map { line -> String in
            let object = try Self.json(line)
            if let claims = object["claims"] as? [String: Any] { return claims["sub"] as? String ?? "?" }
            return ((object["error"] as? [String: Any])?["code"] as? String) ?? "?"
        }
        #expect(outcomes == ["line-0", "line-1", "malformed", "malformed", "token_too_large", "line-3"])
        // The NUL and non-UTF-8 lines get the answer --token-file gives for the same bytes.
        for (index, lineBytes) in [
            (2, Array(good[2].prefix(20)) + [0x00] + Array(good[2].dropFirst(20))), (3, [0xFF, 0xFE] + good[2]),
        ] {
            let single = files.dir.appendingPathComponent("single-\(index).txt")
            try Data(lineBytes).write(to: single)
            let one = try CLI.run([
                "verify", "--key", files.key, "--now", "1700000000", "--json", "--token-file", single.path,
            ])
            #expect(one.stdout == lines[index] + "\n", "line \(index)")
        }
    }

    @Test("a byte that is not UTF-8 is named as the input holds it: --tokens-file, --token-file and decode")
    func notUTF8ByteNamedAsGiven() throws {
        let files = try Files()
        let token = Array(try Self.token("x").utf8)
        // A lone 0xFF before the token, and 0xC3 in place of its sixth byte (followed by ASCII, which
        // cannot continue it); made into a String, both became U+FFFD and the message named 0xEF.
        for (bytes, detail) in [
            ([0xFF] + token, "invalid_character 0xFF at 0"),
            (Array(token.prefix(5)) + [0xC3] + token.dropFirst(6), "invalid_character 0xC3 at 5"),
        ] {
            let path = files.dir.appendingPathComponent("not-utf8.txt").path
            try Data(bytes + [0x0A]).write(to: URL(fileURLWithPath: path))
            let message = "the header is not valid base64url (\(detail))"
            let many = try CLI.run(["verify", "--key", files.key, "--tokens-file", path])
            #expect(many.status == 1)
            let error = try Self.json(Substring(many.stdout.dropLast()))["error"] as? [String: Any]
            #expect(error?["message"] as? String == message, "\(many.stdout)")
            let one = try CLI.run(["verify", "--key", files.key, "--json", "--token-file", path])
            #expect(one.stdout == many.stdout)
            let decode = try ToolRunner.run("bash", ["-c", #"exec "$0" decode - < "$1""#, CLI.binary.path, path])
            #expect(decode.status == 2)
            #expect(decode.stderr.contains("(malformed): \(message)"), "\(decode.stderr)")
        }
    }

    @Test("a directory as the tokens file says so, as for every other input")
    func directory() throws {
        let files = try Files()
        let result = try CLI.run(["verify", "--key", files.key, "--tokens-file", files.dir.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "verifykit: cannot read tokens file \(files.dir.path): it is a directory\n")
    }

    @Test(
        "--tokens-file with another token source is a usage error (exit 2)",
        arguments: [["some.token.here"], ["--token-file", "x.txt"], ["-"]]
    )
    func conflictingSources(extra: [String]) throws {
        let files = try Files()
        let path = try files.write(try Self.token("x") + "\n")
        let result = try CLI.run(["verify", "--key", files.key, "--tokens-file", path] + extra)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
    }

    @Test("validation options apply to every token")
    func optionsApply() throws {
        let files = try Files()
        let path = try files.write(try Self.token("a") + "\n" + (try Self.token("b")) + "\n")
        let result = try CLI.run([
            "verify", "--key", files.key, "--now", "1700000000", "--max-age", "5", "--tokens-file", path,
        ])
        #expect(result.status == 1)
        let codes = try result.stdout.split(separator: "\n").map {
            (try Self.json($0)["error"] as? [String: Any])?["code"] as? String
        }
        #expect(codes == ["too_old", "too_old"])
    }

    /// A temporary directory (the caller removes it) with a new Ed25519 key's public JWK, and a
    /// token for `sub` "a" signed by that key.
    static func freshKeyAndToken() throws -> (dir: URL, jwk: URL, token: String) {
        let dir = try CLI.temporaryDirectory()
        let key = CryptoKey(Ed25519.PrivateKey())
        let jwk = dir.appendingPathComponent("k.jwk")
        try Data(JSONValue.object(JWK(key: key).publicJSON).serialized()).write(to: jwk)
        return (dir, jwk, try JWTSigner.sign(JWTClaims(subject: "a"), key: key, algorithm: .eddsa))
    }

    @Test("--token-file and --tokens-file read the same sizes: a padded line gets the same answer")
    func paddedLineSameAnswer() throws {
        let (dir, jwk, token) = try Self.freshKeyAndToken()
        defer { try? FileManager.default.removeItem(at: dir) }
        let common = ["verify", "--key", jwk.path, "--max-token-bytes", "300"]
        // Past the line allowance (4096 blanks beyond the limit): too large both ways.
        let padded = dir.appendingPathComponent("padded.txt")
        try Data((token + String(repeating: " ", count: 5_000) + "\n").utf8).write(to: padded)
        let one = try CLI.run(common + ["--json", "--token-file", padded.path])
        let many = try CLI.run(common + ["--tokens-file", padded.path])
        #expect(one.status == 1 && many.status == 1, "token-file: \(one.stdout) tokens-file: \(many.stdout)")
        #expect(one.stdout.contains("token_too_large") && many.stdout.contains("token_too_large"))
        // Within it: valid both ways.
        try Data((token + String(repeating: " ", count: 3_000) + "\n").utf8).write(to: padded)
        #expect(try CLI.run(common + ["--token-file", padded.path]).status == 0)
        #expect(try CLI.run(common + ["--tokens-file", padded.path]).status == 0)
    }

    /// `--tokens-file` drops blanks before a token and blank lines between tokens uncounted; the
    /// single-token read counted them against its limit, so the same file was valid one way and
    /// `token_too_large` the other.
    @Test("blanks and blank lines before or after a token: one answer from --token-file, - and --tokens-file")
    func surroundingBlankLinesSameAnswer() throws {
        let (dir, jwk, token) = try Self.freshKeyAndToken()
        defer { try? FileManager.default.removeItem(at: dir) }
        let common = ["verify", "--key", jwk.path, "--max-token-bytes", "300"]
        let file = dir.appendingPathComponent("token.txt")
        let shapes = [
            String(repeating: " ", count: 5_000) + token + "\n",
            String(repeating: "\n", count: 6_000) + token,
            "\u{FEFF}" + String(repeating: "\t \r\n", count: 2_000) + token + String(repeating: "\n", count: 6_000),
        ]
        for (index, text) in shapes.enumerated() {
            try Data(text.utf8).write(to: file)
            let one = try CLI.run(common + ["--json", "--token-file", file.path])
            let piped = try CLI.run(common + ["--json", "-"], stdin: text)
            let many = try CLI.run(common + ["--tokens-file", file.path])
            for result in [one, piped, many] {
                #expect(result.status == 0, "shape \(index): \(result.stdout) \(result.stderr)")
                #expect(try Self.json(Substring(result.stdout))["valid"] as? Bool == true, "shape \(index)")
            }
        }
        // A line past the limit is too large both ways, however it is reached.
        try Data((String(repeating: "\n", count: 10) + String(repeating: "x", count: 5_000)).utf8).write(to: file)
        let long = try CLI.run(common + ["--json", "--token-file", file.path])
        #expect(long.status == 1 && long.stdout.contains("token_too_large"), "\(long.stdout)")
        #expect(try CLI.run(common + ["--tokens-file", file.path]).stdout.contains("token_too_large"))
    }

    @Test("a token file or standard input with two tokens is malformed for verify and refused by decode")
    func twoTokensInSingleInput() throws {
        let (dir, jwk, token) = try Self.freshKeyAndToken()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("two.txt")
        let text = token + "\n\n" + token + "\n"
        try Data(text.utf8).write(to: file)
        let hint = "holds more than one token; to verify one token per line, use --tokens-file"
        let inputs = [
            (["--token-file", file.path], "the token file"), (["-"], "standard input"),
            (["--token-file", "-"], "standard input"),
        ]
        for (arguments, source) in inputs {
            let result = try CLI.run(["verify", "--key", jwk.path, "--json"] + arguments, stdin: text)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            let error = try Self.json(Substring(result.stdout))["error"] as? [String: Any]
            #expect(error?["code"] as? String == "malformed", "\(arguments): \(result.stdout)")
            #expect(error?["message"] as? String == "\(source) \(hint)", "\(result.stdout)")
            let plain = try CLI.run(["verify", "--key", jwk.path] + arguments, stdin: text)
            #expect(plain.status == 1, "\(arguments): \(plain.stderr)")
            #expect(plain.stderr == "verifykit: token rejected: malformed: \(source) \(hint)\n", "\(plain.stderr)")
        }
        // decode has no --tokens-file to point to.
        let decode = try CLI.run(["decode", "-"], stdin: text)
        #expect(decode.status == 2)
        #expect(
            decode.stderr == "verifykit: standard input holds more than one token; decode takes one\n",
            "\(decode.stderr)"
        )
        // One token between blank lines is one token.
        let single = try CLI.run(["decode", "--json", "-"], stdin: "\n\n" + token + "\n\n")
        #expect(single.status == 0, "\(single.stderr)")
    }

    @Test("an endless --token-file (/dev/zero) is too large within seconds", .enabled(if: HostileInputTests.hasDevZero))
    func endlessTokenFile() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let jwk = dir.appendingPathComponent("k.jwk")
        try Data(Self.publicJWK.utf8).write(to: jwk)
        let result = try CLI.run(["verify", "--key", jwk.path, "--json", "--token-file", "/dev/zero"], within: 30)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("token_too_large"), "\(result.stdout)")
    }
}
