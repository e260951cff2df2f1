import Foundation
import Testing
import VerifyKit
import VerifyKitTestSupport

/// `sign` never mints a token its own verifier would refuse as `weak_key`.
@Suite("CLI sign: key policy")
struct SignPolicyTests {
    /// The signer's reading of a pin is the verifier's: `EdDSA` and `Ed25519` allow each other.
    @Test func jwkPinnedToEdDSASignsAsEd25519AndNothingElse() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let generated = try CLI.run(["key", "generate", "--type", "ed25519", "--format", "jwk"]).stdout
        let path = dir.appendingPathComponent("ed.jwk").path
        let pinnedJWK = generated.replacingOccurrences(of: #""kty":"OKP""#, with: #""kty":"OKP","alg":"EdDSA""#)
        #expect(pinnedJWK != generated)
        try Data(pinnedJWK.utf8).write(to: URL(fileURLWithPath: path))
        for alg in ["Ed25519", "EdDSA"] {
            let signed = try CLI.run(["sign", "--key", path, "--alg", alg, "{}"])
            #expect(signed.status == 0, "\(alg): \(signed.stderr)")
            let token = signed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try CLI.run(["verify", "--key", path, token]).status == 0, "\(alg)")
        }
        let other = try CLI.run(["sign", "--key", path, "--alg", "HS256", "{}"])
        #expect(other.status == 2 && other.stdout.isEmpty, "\(other.stderr)")
    }

    /// A private key with its own certificate in one PEM file is a common layout; a certificate
    /// of another key beside it would make the choice a guess.
    @Test(.enabled(if: OpenSSLTool.isAvailable, "openssl CLI not installed"))
    func pemBundleOfKeyAndItsCertificateSigns() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try OpenSSLTool.selfSignedP256(named: "mine", subject: "/CN=mine", in: dir)
        try OpenSSLTool.selfSignedP256(named: "other", subject: "/CN=other", in: dir)
        func pem(_ name: String) throws -> String {
            try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        }
        func certificatePEM(_ name: String) throws -> String {
            String(
                decoding: try OpenSSLTool.succeed(["x509", "-inform", "DER", "-in", "\(name).der"], in: dir),
                as: UTF8.self
            )
        }
        let bundle = dir.appendingPathComponent("bundle.pem").path
        try Data((try pem("mine.pem") + certificatePEM("mine")).utf8).write(to: URL(fileURLWithPath: bundle))
        let signed = try CLI.run(["sign", "--key", bundle, "--alg", "ES256", "{}"])
        #expect(signed.status == 0, "\(signed.stderr)")
        let token = signed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try CLI.run(["verify", "--key", dir.appendingPathComponent("mine.der").path, token]).status == 0)

        let mixed = dir.appendingPathComponent("mixed.pem").path
        try Data((try pem("mine.pem") + certificatePEM("other")).utf8).write(to: URL(fileURLWithPath: mixed))
        let refused = try CLI.run(["sign", "--key", mixed, "--alg", "ES256", "{}"])
        #expect(refused.status == 2 && refused.stdout.isEmpty)
        #expect(refused.stderr.contains("a public key or certificate of another key"), "\(refused.stderr)")

        let twoPrivate = dir.appendingPathComponent("two.pem").path
        try Data((try pem("mine.pem") + pem("other.pem")).utf8).write(to: URL(fileURLWithPath: twoPrivate))
        let ambiguous = try CLI.run(["sign", "--key", twoPrivate, "--alg", "ES256", "{}"])
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr.contains("2 of them private"), "\(ambiguous.stderr)")
    }

    @Test func shortHMACSecretCannotSignAWiderHash() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = try CLI.run(["key", "generate", "--type", "hs256"])
        let path = dir.appendingPathComponent("k.jwk").path
        try Data(key.stdout.utf8).write(to: URL(fileURLWithPath: path))
        // The generated JWK is pinned to HS256 by its alg; without the pin, policy refuses HS512.
        let pinned = try CLI.run(["sign", "--key", path, "--alg", "HS512", "{}"])
        #expect(pinned.status == 2)
        #expect(pinned.stdout.isEmpty)
        #expect(pinned.stderr.contains("algorithm_not_allowed"), "\(pinned.stderr)")
        let unpinnedPath = dir.appendingPathComponent("unpinned.jwk").path
        try Data(key.stdout.replacingOccurrences(of: #","alg":"HS256""#, with: "").utf8)
            .write(to: URL(fileURLWithPath: unpinnedPath))
        let refused = try CLI.run(["sign", "--key", unpinnedPath, "--alg", "HS512", "{}"])
        #expect(refused.status == 2)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("weak_key"), "\(refused.stderr)")
        let signed = try CLI.run(["sign", "--key", path, "--alg", "HS256", "{}"])
        #expect(signed.status == 0)
        let verified = try CLI.run([
            "verify", "--key", path, "--json", signed.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
        ])
        #expect(verified.status == 0, "\(verified.stdout)")
    }

    @Test func keyFileUseAndKeyOpsAreHonoured() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let secret = #""k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8""#
        for (name, members) in [("enc", #","use":"enc""#), ("verify-only", #","key_ops":["verify"]"#)] {
            let path = dir.appendingPathComponent("\(name).jwk").path
            try Data(#"{"kty":"oct",\#(secret)\#(members)}"#.utf8).write(to: URL(fileURLWithPath: path))
            let refused = try CLI.run(["sign", "--key", path, "--alg", "HS256", "{}"])
            #expect(refused.status == 2, "\(name)")
            #expect(refused.stdout.isEmpty, "\(name)")
            #expect(refused.stderr.contains("weak_key"), "\(name): \(refused.stderr)")
        }
    }

    /// `verify` refuses a registered claim of the wrong JSON type as `invalid_claim`; `sign` must not
    /// mint such a token from the claims it is given.
    @Test func registeredClaimsOfTheWrongTypeAreNotSigned() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = try CLI.run(["key", "generate", "--type", "hs256"])
        let path = dir.appendingPathComponent("k.jwk").path
        try Data(key.stdout.utf8).write(to: URL(fileURLWithPath: path))
        for claims in [#"{"exp":"tomorrow"}"#, #"{"iat":null}"#, #"{"exp":1e400}"#, #"{"aud":[1]}"#, #"{"iss":{}}"#] {
            let result = try CLI.run(["sign", "--key", path, "--alg", "HS256", claims])
            #expect(result.status == 2, "\(claims)")
            #expect(result.stdout.isEmpty, "\(claims)")
            #expect(result.stderr.contains("signing_failed"), "\(claims): \(result.stderr)")
        }
        let signed = try CLI.run(["sign", "--key", path, "--alg", "HS256", #"{"exp":4102444800,"aud":["a"]}"#])
        #expect(signed.status == 0, "\(signed.stderr)")
    }

    @Test func critMustListHeaderNamesOnly() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = try CLI.run(["key", "generate", "--type", "hs256"])
        let path = dir.appendingPathComponent("k.jwk").path
        try Data(key.stdout.utf8).write(to: URL(fileURLWithPath: path))
        for crit in [#"[1]"#, #"[]"#, #"["b64",null]"#] {
            let result = try CLI.run(["sign", "--key", path, "--alg", "HS256", "--header", #"{"crit":\#(crit)}"#, "{}"])
            #expect(result.status == 2, "\(crit)")
            #expect(result.stdout.isEmpty, "\(crit)")
            #expect(result.stderr.contains("crit must be a non-empty array"), "\(crit): \(result.stderr)")
        }
        // RFC 7515 §4.1.11's producer rules, which the library's signer enforces.
        for header in [#"{"crit":["alg"]}"#, #"{"crit":["x"]}"#, #"{"crit":["x","x"],"x":1}"#] {
            let result = try CLI.run(["sign", "--key", path, "--alg", "HS256", "--header", header, "{}"])
            #expect(result.status == 2, "\(header)")
            #expect(result.stdout.isEmpty, "\(header)")
            #expect(result.stderr.contains("unsupported_critical_header"), "\(header): \(result.stderr)")
        }
        let extensionHeader = #"{"crit":["x"],"x":1}"#
        let signed = try CLI.run(["sign", "--key", path, "--alg", "HS256", "--header", extensionHeader, "{}"])
        #expect(signed.status == 0, "\(signed.stderr)")
    }

    /// Header options that would silently change what is signed are refused instead.
    @Test func conflictingOrLossyHeaderOptionsAreRefused() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = try CLI.run(["key", "generate", "--type", "hs256"])
        let path = dir.appendingPathComponent("k.jwk").path
        try Data(key.stdout.utf8).write(to: URL(fileURLWithPath: path))
        let sign = ["sign", "--key", path, "--alg", "HS256"]
        let detached = try CLI.run(sign + ["--header", #"{"b64":false,"crit":["b64"]}"#, #"{"sub":"a"}"#])
        #expect(detached.status == 2 && detached.stdout.isEmpty, "\(detached.stdout)")
        #expect(detached.stderr.contains("b64"), "\(detached.stderr)")
        for header in [#"{"kid":"b"}"#, #"{"kid":null}"#] {
            let result = try CLI.run(sign + ["--kid", "a", "--header", header, "{}"])
            #expect(result.status == 2 && result.stdout.isEmpty, "\(header): \(result.stdout)")
            #expect(result.stderr.contains("disagree"), "\(header): \(result.stderr)")
        }
        #expect(try CLI.run(sign + ["--kid", "a", "--header", #"{"kid":"a"}"#, "{}"]).status == 0)
        // A key file with its own kid: a token naming another would find no key when verified.
        let named = try CLI.run(["key", "generate", "--type", "hs256", "--kid", "k0"])
        let namedPath = dir.appendingPathComponent("k0.jwk").path
        try Data(named.stdout.utf8).write(to: URL(fileURLWithPath: namedPath))
        let signNamed = ["sign", "--key", namedPath, "--alg", "HS256"]
        for extra in [["--kid", "k1"], ["--header", #"{"kid":"k2"}"#]] {
            let result = try CLI.run(signNamed + extra + ["{}"])
            #expect(result.status == 2 && result.stdout.isEmpty, "\(extra): \(result.stdout)")
            #expect(result.stderr.contains("the key file's kid is \"k0\""), "\(extra): \(result.stderr)")
        }
        #expect(try CLI.run(signNamed + ["--kid", "k0", "{}"]).status == 0)
        // Two inputs from standard input would leave the second one empty.
        let twoStdin = try CLI.run(["sign", "--key", "-", "--alg", "HS256", "--claims-file", "-"])
        #expect(twoStdin.status == 2)
        #expect(twoStdin.stderr.contains("only one input can be read from standard input"), "\(twoStdin.stderr)")
    }

    @Test(.enabled(if: OpenSSLTool.isAvailable, "openssl CLI not installed"))
    func keyTooSmallForTheHashIsWeakKey() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try OpenSSLTool.succeed(
            ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:744", "-out", "k.pem"],
            in: dir
        )
        let path = dir.appendingPathComponent("k.pem").path
        let small = ["sign", "--key", path, "--min-rsa-bits", "512", "{}"]
        #expect(try CLI.run(small + ["--alg", "RS384"]).status == 0)
        let refused = try CLI.run(small + ["--alg", "RS512"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("weak_key") && refused.stderr.contains("too small"), "\(refused.stderr)")
    }

    @Test func tokenLongerThanVerifiersReadIsNotPrinted() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = try CLI.run(["key", "generate", "--type", "hs256"])
        let keyPath = dir.appendingPathComponent("k.jwk").path
        try Data(key.stdout.utf8).write(to: URL(fileURLWithPath: keyPath))
        let claimsPath = dir.appendingPathComponent("claims.json").path
        try Data(#"{"blob":"\#(String(repeating: "x", count: 60_000))"}"#.utf8).write(
            to: URL(fileURLWithPath: claimsPath)
        )
        let sign = ["sign", "--key", keyPath, "--alg", "HS256", "--claims-file", claimsPath]
        let refused = try CLI.run(sign)
        #expect(refused.status == 2)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("token_too_large") && refused.stderr.contains("65536"), "\(refused.stderr)")
        let raised = try CLI.run(sign + ["--max-token-bytes", "100000"])
        #expect(raised.status == 0, "\(raised.stderr)")
        let token = raised.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.utf8.count > 65536)
        #expect(try CLI.run(["verify", "--key", keyPath, token]).status == 1)
        #expect(try CLI.run(["verify", "--key", keyPath, "--max-token-bytes", "100000", token]).status == 0)
        let zero = try CLI.run(sign + ["--max-token-bytes", "0"])
        #expect(zero.status == 2 && zero.stdout.isEmpty)
        #expect(zero.stderr.contains("--max-token-bytes must be between 1 and 16777216"), "\(zero.stderr)")
    }

    @Test func claimsComeFromOnePlaceAndOnlyPrivateKeysSign() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let keys = try VerifyCommandTests.writeRFC8037Keys(in: dir)
        let claimsPath = dir.appendingPathComponent("claims.json").path
        try Data(#"{"sub":"file"}"#.utf8).write(to: URL(fileURLWithPath: claimsPath))
        let sign = ["sign", "--key", keys.privateKey, "--alg", "EdDSA"]
        let both = try CLI.run(sign + ["--claims-file", claimsPath, #"{"sub":"argument"}"#])
        #expect(both.status == 2 && both.stdout.isEmpty, "\(both.stdout)")
        #expect(both.stderr.contains("exactly one"), "\(both.stderr)")
        #expect(try CLI.run(sign + ["--claims-file", claimsPath]).status == 0)
        let publicOnly = try CLI.run(["sign", "--key", keys.publicKey, "--alg", "EdDSA", "{}"])
        #expect(publicOnly.status == 2 && publicOnly.stdout.isEmpty, "\(publicOnly.stdout)")
        #expect(publicOnly.stderr.contains("holds a public key"), "\(publicOnly.stderr)")
    }

    @Test(.enabled(if: OpenSSLTool.isAvailable, "openssl CLI not installed"))
    func verifyKeyFileWithAWeakKey() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, bits) in [("big", 2048), ("small", 1024)] {
            try OpenSSLTool.succeed(
                ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:\(bits)", "-out", "\(name).pem"],
                in: dir
            )
            try OpenSSLTool.succeed(["pkey", "-in", "\(name).pem", "-pubout", "-out", "\(name).pub.pem"], in: dir)
        }
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let bundle =
            try String(contentsOfFile: path("small.pub.pem"), encoding: .utf8)
            + String(contentsOfFile: path("big.pub.pem"), encoding: .utf8)
        try Data(bundle.utf8).write(to: URL(fileURLWithPath: path("bundle.pem")))
        let signed = try CLI.run(["sign", "--key", path("big.pem"), "--alg", "RS256", "{}"])
        let token = signed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        // A bundle loses its weak key, with a note, and verifies with the other.
        let fromBundle = try CLI.run(["verify", "--key", path("bundle.pem"), "--json", token])
        #expect(fromBundle.status == 0, "\(fromBundle.stderr)")
        #expect(fromBundle.stderr.contains("skipped key 1 (weak_key)"), "\(fromBundle.stderr)")
        // A file whose only key is weak is a configuration error, said at once.
        let weakOnly = try CLI.run(["verify", "--key", path("small.pub.pem"), "--json", token])
        #expect(weakOnly.status == 2)
        #expect(weakOnly.stderr.contains("weak_key") && weakOnly.stderr.contains("1024"), "\(weakOnly.stderr)")
        let lowered = try CLI.run([
            "verify", "--key", path("small.pub.pem"), "--key", path("big.pub.pem"), "--min-rsa-bits", "1024", token,
        ])
        #expect(lowered.status == 0, "\(lowered.stderr)")
    }

    @Test("claims are signed as given: escapes, number spellings and inner white space kept")
    func claimsSignedAsGiven() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let jwk = dir.appendingPathComponent("k.jwk")
        try Data(JSONValue.object(JWK(key: CryptoKey(Ed25519.PrivateKey())).privateJSON).serialized()).write(to: jwk)
        let claims = #"{ "sub" : "\u0041", "n": 1.50 }"#
        let out = try CLI.run(["sign", "--key", jwk.path, "--alg", "EdDSA", "  \n" + claims + "\n"])
        #expect(out.status == 0, "\(out.stderr)")
        let payload = out.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".")[1]
        let signed = try Base64URL.decode(String(payload))
        #expect(signed == Array(claims.utf8), "signed: \(String(decoding: signed, as: UTF8.self))")
        // Still strict: the same claims with a duplicate member are refused.
        let duplicate = try CLI.run(["sign", "--key", jwk.path, "--alg", "EdDSA", #"{"sub":"a","sub":"b"}"#])
        #expect(duplicate.status == 2)
    }
}
