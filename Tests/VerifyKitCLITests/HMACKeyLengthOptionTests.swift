import Foundation
import Testing
import VerifyKitTestSupport

/// `--min-hmac-bytes` on `sign` and `verify`: the HMAC secret length floor of the key policy.
@Suite("CLI: --min-hmac-bytes")
struct HMACKeyLengthOptionTests {
    /// Secrets of 0, 1, …, 15 and 0, 1, …, 31 as `oct` JWKs.
    static let secret16 = #"{"kty":"oct","k":"AAECAwQFBgcICQoLDA0ODw"}"#
    static let secret32 = #"{"kty":"oct","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}"#

    static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aShortSecretNeedsTheFlagToSignAndToVerify() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = try Self.write(Self.secret16, "short.jwk", in: dir)
        let sign = ["sign", "--key", key, "--alg", "HS256", #"{"sub":"alice"}"#]

        let refused = try CLI.run(sign)
        #expect(refused.status == 2)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("weak_key") && refused.stderr.contains("32 bytes"), "\(refused.stderr)")

        let signed = try CLI.run(sign + ["--min-hmac-bytes", "16"])
        #expect(signed.status == 0, "\(signed.stderr)")
        let token = signed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let strict = try CLI.run(["verify", "--key", key, "--json", token])
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("weak_key"), "\(strict.stderr)")
        let lowered = try CLI.run(["verify", "--key", key, "--min-hmac-bytes", "16", "--json", token])
        #expect(lowered.status == 0, "\(lowered.stderr)")
        #expect(lowered.stdout.contains(#""valid":true"#) && lowered.stdout.contains(#""sub":"alice""#))
    }

    @Test func raisingTheFloorRefusesASecretTheRFCAccepts() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = try Self.write(Self.secret32, "k.jwk", in: dir)
        let signed = try CLI.run(["sign", "--key", key, "--alg", "HS256", "{}"])
        #expect(signed.status == 0, "\(signed.stderr)")
        let token = signed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try CLI.run(["verify", "--key", key, token]).status == 0)

        let refusedSign = try CLI.run(["sign", "--key", key, "--alg", "HS256", "--min-hmac-bytes", "64", "{}"])
        #expect(refusedSign.status == 2)
        #expect(refusedSign.stderr.contains("minimumHMACKeyBytes"), "\(refusedSign.stderr)")
        let refusedVerify = try CLI.run(["verify", "--key", key, "--min-hmac-bytes", "64", token])
        #expect(refusedVerify.status == 2)
        #expect(refusedVerify.stderr.contains("weak_key"), "\(refusedVerify.stderr)")
    }

    @Test func aValueOutside1To1024IsAUsageError() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = try Self.write(Self.secret32, "k.jwk", in: dir)
        let token = try CLI.run(["sign", "--key", key, "--alg", "HS256", "{}"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        for value in ["0", "-1", "1025"] {
            // The `=` form: ArgumentParser would read a separate "-1" as an option name.
            let commands = [
                ["sign", "--key", key, "--alg", "HS256", "--min-hmac-bytes=\(value)", "{}"],
                ["verify", "--key", key, "--min-hmac-bytes=\(value)", token],
            ]
            for command in commands {
                let result = try CLI.run(command)
                #expect(result.status == 2, "\(command)")
                #expect(result.stdout.isEmpty, "\(command)")
                #expect(result.stderr.contains("--min-hmac-bytes must be between 1 and 1024"), "\(result.stderr)")
            }
        }
        // The bounds themselves are accepted: 1 lets the 32-byte key verify, 1024 refuses it.
        #expect(try CLI.run(["verify", "--key", key, "--min-hmac-bytes", "1", token]).status == 0)
        let highest = try CLI.run(["verify", "--key", key, "--min-hmac-bytes", "1024", token])
        #expect(highest.status == 2 && highest.stderr.contains("weak_key"), "\(highest.stderr)")
    }

    @Test func helpNamesTheDefault() throws {
        for command in ["sign", "verify"] {
            // Help text is wrapped to the terminal width; compare it with its line breaks undone.
            let words = try CLI.run([command, "--help"]).stdout.split(whereSeparator: \.isWhitespace)
            let help = words.joined(separator: " ")
            #expect(help.contains("--min-hmac-bytes"), "\(command)")
            #expect(help.contains("default: the hash output size"), "\(command): \(help)")
        }
    }

    @Test("a raw secret file is refused with a pointer to the oct JWK, which the README's recipe builds")
    func rawSecretFile() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let secret = "this-is-a-32-byte-secret-for-hs!"
        let raw = try Self.write(secret, "secret.txt", in: dir)
        let refused = try CLI.run(["verify", "--key", raw, "x.y.z"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains(#"an HMAC secret must be a JWK, {"kty":"oct""#), "\(refused.stderr)")
        #expect(!refused.stderr.contains(secret))

        // The README's `printf '{"kty":"oct","k":"%s"}' "$(… | basenc --base64url -w0 | tr -d =)"`.
        let encoded = Data(secret.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let jwk = try Self.write(#"{"kty":"oct","k":"\#(encoded)"}"#, "hs.jwk", in: dir)
        let signed = try CLI.run(["sign", "--key", jwk, "--alg", "HS256", #"{"sub":"alice"}"#])
        #expect(signed.status == 0, "\(signed.stderr)")
        let token = signed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try CLI.run(["verify", "--key", jwk, token]).status == 0)
    }
}

extension HMACKeyLengthOptionTests {
    @Test("a PEM, JWK or DER key file that does not read gets its own reason, not the raw-secret hint")
    func noSecretHintForKeyFormats() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = [
            try Self.write("-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n", "label.pem", in: dir),
            try Self.write(#"{"kty":"OKP","crv":"Ed448","x":"AA"}"#, "ed448.jwk", in: dir),
            try Self.write("0\u{3}\u{2}\u{1}\u{0}", "short.der", in: dir),
        ]
        for file in files {
            let refused = try CLI.run(["verify", "--key", file, "x.y.z"])
            #expect(refused.status == 2, "\(file)")
            #expect(refused.stderr.contains("cannot read key file"), "\(file): \(refused.stderr)")
            #expect(!refused.stderr.contains("HMAC secret"), "\(file): \(refused.stderr)")
        }
        // A text secret that starts with "0" (0x30, as DER does) still gets the hint.
        let secret = try Self.write("0-this-is-a-32-byte-secret-for-hs", "zero.txt", in: dir)
        #expect(try CLI.run(["verify", "--key", secret, "x.y.z"]).stderr.contains("an HMAC secret must be a JWK"))
    }
}
