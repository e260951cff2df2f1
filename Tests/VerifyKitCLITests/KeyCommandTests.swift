import Foundation
import Testing
import VerifyKitTestSupport

/// `verifykit key …` run as a real process.
@Suite("CLI key commands")
struct KeyCommandTests {
    static func write(_ text: String, named name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static func jsonObject(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static let rfc8037Thumbprint = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"

    @Test func inspectReportsTheRFC8037KeyAndItsThumbprint() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try Self.write(
            #"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"rfc8037"}"#,
            named: "k.jwk",
            in: dir
        )
        let result = try CLI.run(["key", "inspect", "--json", path])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try Self.jsonObject(result.stdout)
        #expect(object["kty"] as? String == "OKP")
        #expect(object["curve"] as? String == "Ed25519")
        #expect(object["private"] as? Bool == false)
        #expect(object["thumbprint"] as? String == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k")
        let jwk = try #require(object["jwk"] as? [String: Any])
        #expect(jwk["x"] as? String == "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")
        #expect(jwk["kid"] as? String == "rfc8037")

        let text = try CLI.run(["key", "inspect", path])
        #expect(text.status == 0)
        #expect(text.stdout.contains("thumbprint: kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"))
    }

    /// An HMAC secret's RFC 7638 thumbprint is an unsalted SHA-256 of `{"k":…,"kty":"oct"}`: from
    /// a pasted inspect output, a password-like secret could be found offline. Neither output shows it.
    @Test func inspectShowsNoThumbprintOfASecret() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let k = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"
        // Base64url SHA-256 of {"k":"<k>","kty":"oct"} (Python's hashlib).
        let secretThumbprint = "WqjPPRvAP8oYbAqCwMErhzTg-Quaz-vLx_cef07yhOs"
        let secret = try Self.write(#"{"kty":"oct","k":""# + k + #"","alg":"HS256"}"#, named: "s.jwk", in: dir)
        let text = try CLI.run(["key", "inspect", secret])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(
            text.stdout.split(separator: "\n").contains(
                "thumbprint: (not shown for a secret key: its hash lets it be guessed offline)"
            ),
            "\(text.stdout)"
        )
        let json = try CLI.run(["key", "inspect", "--json", secret])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try Self.jsonObject(json.stdout)
        #expect(object["thumbprint"] is NSNull, "\(json.stdout)")
        #expect(object["jwk"] is NSNull)
        // In a key set, the secret's entry has none; the public key's keeps its own.
        let okp = #"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"rfc8037"}"#
        let set = try Self.write(
            #"{"keys":[{"kty":"oct","k":""# + k + #"","kid":"s"},"# + okp + "]}",
            named: "set.jwks",
            in: dir
        )
        let setJSON = try CLI.run(["key", "inspect", "--json", set])
        #expect(setJSON.status == 0, "\(setJSON.stderr)")
        let keys = try #require(try Self.jsonObject(setJSON.stdout)["keys"] as? [[String: Any]])
        #expect(keys.count == 2)
        #expect(keys.first?["thumbprint"] is NSNull)
        #expect(keys.last?["thumbprint"] as? String == Self.rfc8037Thumbprint)
        let setText = try CLI.run(["key", "inspect", set])
        #expect(setText.status == 0, "\(setText.stderr)")
        #expect(setText.stdout.contains("thumbprint: \(Self.rfc8037Thumbprint)"))
        for output in [text, json, setJSON, setText] {
            #expect(!(output.stdout + output.stderr).contains(secretThumbprint))
        }
    }

    /// The text form is one "name: value" line per field, values starting in column 13.
    @Test func inspectTextLinesLineUp() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
        let okp = try Self.write(
            #"{"kty":"OKP","crv":"Ed25519","x":""# + x + #"","kid":"rfc8037"}"#,
            named: "k.jwk",
            in: dir
        )
        let result = try CLI.run(["key", "inspect", okp])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.split(separator: "\n").map(String.init) == [
                "format:     jwk", "kty:        OKP", #"kid:        "rfc8037""#, #"curve:      "Ed25519""#,
                "private:    no (public key)", "thumbprint: \(Self.rfc8037Thumbprint)",
                #"jwk:        {"kty":"OKP","crv":"Ed25519","x":""# + x + #"","kid":"rfc8037"}"#,
            ]
        )
        let secret = try Self.write(
            #"{"kty":"oct","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8","alg":"HS256"}"#,
            named: "s.jwk",
            in: dir
        )
        let secretLines = try CLI.run(["key", "inspect", secret]).stdout.split(separator: "\n")
        #expect(secretLines.contains(#"alg:        "HS256" (pinned)"#), "\(secretLines)")
        #expect(secretLines.contains("bits:       256"), "\(secretLines)")
        #expect(secretLines.contains("private:    yes (secret key)"), "\(secretLines)")
        #expect(secretLines.contains("jwk:        (an HMAC secret has no public form)"), "\(secretLines)")
    }

    @Test func inspectReadsTheFIBPublicKeyInHexAndMultihash() throws {
        let dir = try CLI.temporaryDirectory()
        let hex = "8a53d297bc406c63396967388ecc2ebc8abd701d195a43bbb4751ac5a86eac1b"
        let plain = try CLI.run(["key", "inspect", "--json", try Self.write(hex + "\n", named: "fib.hex", in: dir)])
        let multihash = try CLI.run([
            "key", "inspect", "--json", try Self.write("ed0120" + hex.uppercased(), named: "m.hex", in: dir),
        ])
        #expect(plain.status == 0 && multihash.status == 0)
        let a = try Self.jsonObject(plain.stdout)
        let b = try Self.jsonObject(multihash.stdout)
        #expect(a["thumbprint"] as? String == b["thumbprint"] as? String)
        #expect(a["format"] as? String == "hex")
    }

    @Test(arguments: ["", "not a key", "-----BEGIN PUBLIC KEY-----\nAAAA\n"])
    func unreadableInputExitsTwoWithOneLine(content: String) throws {
        let dir = try CLI.temporaryDirectory()
        let result = try CLI.run(["key", "inspect", try Self.write(content, named: "bad", in: dir)])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test func missingFileExitsTwo() throws {
        let result = try CLI.run(["key", "inspect", "/nonexistent/key.pem"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/key.pem: no such file"), "\(result.stderr)")
        let directory = try CLI.run(["key", "inspect", try CLI.temporaryDirectory().path])
        #expect(directory.status == 2)
        #expect(directory.stderr.contains("it is a directory"), "\(directory.stderr)")
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLI.run(["key", "convert", "--to", "xml", "k"]).status == 2)
        #expect(try CLI.run(["key", "generate", "--type", "rsa1024"]).status == 2)
        // A kid only fits into a JWK; it is not silently dropped.
        #expect(try CLI.run(["key", "generate", "--type", "p256", "--format", "pem", "--kid", "x"]).status == 2)
    }

    @Test(arguments: ["ed25519", "p256", "p384", "p521", "rsa2048", "hs256"])
    func generatedKeysInspectAndConvert(type: String) throws {
        let dir = try CLI.temporaryDirectory()
        let generated = try CLI.run(["key", "generate", "--type", type, "--kid", "gen-\(type)"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let path = try Self.write(generated.stdout, named: "key.jwk", in: dir)
        let inspected = try Self.jsonObject(try CLI.run(["key", "inspect", "--json", path]).stdout)
        #expect(inspected["private"] as? Bool == true)
        #expect(inspected["kid"] as? String == "gen-\(type)")
        if type == "hs256" {
            #expect(try CLI.run(["key", "convert", "--to", "pem", path]).status == 2)
            #expect(try CLI.run(["key", "generate", "--type", type, "--format", "pem"]).status == 2)
            // Hex key files read back as Ed25519: an HMAC secret is never written that way.
            let hex = try CLI.run(["key", "generate", "--type", type, "--format", "hex"])
            #expect(hex.status == 2 && hex.stdout.isEmpty, "\(hex.stdout)")
            #expect(hex.stderr.contains("JWK"), "\(hex.stderr)")
            return
        }
        // The public JWK and SPKI PEM conversions describe the same key (same thumbprint).
        let jwk = try CLI.run(["key", "convert", "--to", "jwk", path])
        let pem = try CLI.run(["key", "convert", "--to", "pem", path])
        #expect(jwk.status == 0 && pem.status == 0)
        #expect(!jwk.stdout.contains("\"d\""))
        #expect(pem.stdout.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        let fromJWK = try Self.jsonObject(
            try CLI.run(["key", "inspect", "--json", try Self.write(jwk.stdout, named: "p.jwk", in: dir)]).stdout
        )
        let fromPEM = try Self.jsonObject(
            try CLI.run(["key", "inspect", "--json", try Self.write(pem.stdout, named: "p.pem", in: dir)]).stdout
        )
        #expect(fromJWK["thumbprint"] as? String == inspected["thumbprint"] as? String)
        #expect(fromPEM["thumbprint"] as? String == inspected["thumbprint"] as? String)
        #expect(fromPEM["private"] as? Bool == false)
        // PEM private keys are PKCS#8 that openssl reads back.
        let pemPrivate = try CLI.run(["key", "generate", "--type", type, "--format", "pem"])
        #expect(pemPrivate.stdout.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let privatePath = try Self.write(pemPrivate.stdout, named: "priv.pem", in: dir)
        try OpenSSLTool.succeed(["pkey", "-in", privatePath, "-noout"], in: dir)
    }

    /// Each --type makes the key it names: the RSA size or curve, and an HMAC secret as long as
    /// its hash's output (RFC 7518 §3.2), pinned to its algorithm.
    @Test(
        arguments: [
            ("hs256", "bits", "256", "HS256"), ("hs384", "bits", "384", "HS384"), ("hs512", "bits", "512", "HS512"),
            ("rsa3072", "bits", "3072", nil), ("p384", "curve", "P-384", nil), ("p521", "curve", "P-521", nil),
            ("ed25519", "curve", "Ed25519", nil),
        ] as [(String, String, String, String?)]
    )
    func generatedKeysHaveTheirTypesSize(type: String, field: String, value: String, alg: String?) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let generated = try CLI.run(["key", "generate", "--type", type])
        #expect(generated.status == 0, "\(generated.stderr)")
        let path = try Self.write(generated.stdout, named: "key.jwk", in: dir)
        let inspected = try Self.jsonObject(try CLI.run(["key", "inspect", "--json", path]).stdout)
        #expect("\(inspected[field] ?? "none")" == value)
        #expect(inspected["alg"] as? String == alg)
        #expect(inspected["private"] as? Bool == true)
        // A secret has no public JWK to show; printing its JWK would print the secret.
        if alg != nil {
            #expect(inspected["jwk"] is NSNull)
        } else {
            #expect((inspected["jwk"] as? [String: Any])?["d"] == nil)
            #expect((inspected["jwk"] as? [String: Any])?["kty"] != nil)
        }
    }

    /// `--json` prints one JSON document whatever the file holds; several PEM keys get the list shape.
    @Test func inspectJSONIsOneDocumentForSeveralKeys() throws {
        let dir = try CLI.temporaryDirectory()
        let first = try CLI.run(["key", "generate", "--type", "p256", "--format", "pem"]).stdout
        let second = try CLI.run(["key", "generate", "--type", "ed25519", "--format", "pem"]).stdout
        let path = try Self.write(first + second, named: "two.pem", in: dir)
        let result = try CLI.run(["key", "inspect", "--json", path])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try Self.jsonObject(result.stdout)
        #expect(object["format"] as? String == "pem")
        let keys = try #require(object["keys"] as? [[String: Any]])
        #expect(keys.map { $0["kty"] as? String } == ["EC", "OKP"])
        #expect((object["skipped"] as? [Any])?.isEmpty == true)
    }

    /// A JWKS keeps the list shape even with one key (a script reading `keys` must not meet the
    /// single-key shape), and a skipped member is named by its 0-based place in `keys`.
    @Test func inspectJSONOfAKeySetWithOneKeyAndASkippedMember() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let okp = #"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
        let one = try Self.write(#"{"keys":["# + okp + "]}", named: "one.jwks", in: dir)
        let oneResult = try CLI.run(["key", "inspect", "--json", one])
        #expect(oneResult.status == 0, "\(oneResult.stderr)")
        let oneObject = try Self.jsonObject(oneResult.stdout)
        #expect(oneObject["format"] as? String == "jwks")
        #expect(
            (oneObject["keys"] as? [[String: Any]])?.map { $0["thumbprint"] as? String } == [Self.rfc8037Thumbprint]
        )
        #expect((oneObject["skipped"] as? [Any])?.isEmpty == true)

        let mixed = try Self.write(#"{"keys":[{"kty":"XX","kid":"a"},"# + okp + "]}", named: "mixed.jwks", in: dir)
        let mixedResult = try CLI.run(["key", "inspect", "--json", mixed])
        #expect(mixedResult.status == 0, "\(mixedResult.stderr)")
        let mixedObject = try Self.jsonObject(mixedResult.stdout)
        #expect((mixedObject["keys"] as? [Any])?.count == 1)
        let skipped = try #require(mixedObject["skipped"] as? [[String: Any]])
        #expect(skipped.count == 1)
        #expect(skipped.first?["index"] as? Int == 0)
        #expect(skipped.first?["kid"] as? String == "a")
    }

    /// A key set with no usable key printed nothing at all in text mode, as if nothing had run.
    @Test func inspectSaysSoWhenAKeySetHoldsNoUsableKey() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = try Self.write(#"{"keys":[]}"#, named: "empty.jwks", in: dir)
        let unknown = try Self.write(#"{"keys":[{"kty":"XX","kid":"a"}]}"#, named: "unknown.jwks", in: dir)
        let emptyResult = try CLI.run(["key", "inspect", empty])
        #expect(emptyResult.status == 0)
        #expect(emptyResult.stdout == "no usable keys (jwks)\n", "\(emptyResult.stdout)")
        let unknownResult = try CLI.run(["key", "inspect", unknown])
        #expect(unknownResult.stdout == "no usable keys (jwks)\n", "\(unknownResult.stdout)")
        #expect(unknownResult.stderr.hasPrefix("skipped JWKS member 0 (kid \"a\"): "), "\(unknownResult.stderr)")
    }

    /// RFC 8410 §10.3's PKCS#8 version 2 Ed25519 key (attributes and public key inside, the form
    /// BouncyCastle writes), as PEM and as DER: `inspect` and `convert` read it, its public key is
    /// RFC 8410 §10.1's, and `sign` with it makes a token that verifies with that public key. With
    /// one bit of the public key inside flipped, every command refuses the file.
    @Test func version2PrivateKeyIsReadWhenItsPublicKeyMatches() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let body = """
            MHICAQEwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
            oB8wHQYKKoZIhvcNAQkJFDEPDA1DdXJkbGUgQ2hhaXJzgSEAGb9ECWmEzf6FQbrB
            Z9w7lshQhqowtrbLDFw4rXAxZuE=
            """
        let pem = "-----BEGIN PRIVATE KEY-----\n\(body)\n-----END PRIVATE KEY-----\n"
        let der = try #require(Data(base64Encoded: body, options: .ignoreUnknownCharacters))
        let derPath = dir.appendingPathComponent("v2.der").path
        try der.write(to: URL(fileURLWithPath: derPath))
        let publicPEM =
            "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n"
        for (format, path) in [("pem", try Self.write(pem, named: "v2.pem", in: dir)), ("der", derPath)] {
            let inspected = try CLI.run(["key", "inspect", "--json", path])
            #expect(inspected.status == 0, "\(format): \(inspected.stderr)")
            let object = try Self.jsonObject(inspected.stdout)
            #expect(object["format"] as? String == format)
            #expect(object["private"] as? Bool == true, "\(format)")
            let jwk = try #require(object["jwk"] as? [String: Any])
            #expect(jwk["x"] as? String == "Gb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE", "\(format)")
            let converted = try CLI.run(["key", "convert", "--to", "pem", path])
            #expect(converted.status == 0, "\(format): \(converted.stderr)")
            #expect(converted.stdout == publicPEM, "\(format)")
            let publicPath = try Self.write(converted.stdout, named: "pub-\(format).pem", in: dir)
            let token = try CLI.run(["sign", "--key", path, "--alg", "EdDSA", #"{"sub":"v2"}"#])
            #expect(token.status == 0, "\(format): \(token.stderr)")
            let verified = try CLI.run([
                "verify", "--key", publicPath, token.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
            ])
            #expect(verified.status == 0, "\(format): \(verified.stdout) \(verified.stderr)")
        }
        var altered = [UInt8](der)
        altered[altered.count - 1] ^= 0x01
        let alteredPath = dir.appendingPathComponent("altered.der").path
        try Data(altered).write(to: URL(fileURLWithPath: alteredPath))
        let alteredPEM = try Self.write(
            "-----BEGIN PRIVATE KEY-----\n\(Data(altered).base64EncodedString())\n-----END PRIVATE KEY-----\n",
            named: "altered.pem",
            in: dir
        )
        for path in [alteredPath, alteredPEM] {
            for arguments in [
                ["key", "inspect", path], ["key", "convert", "--to", "jwk", path],
                ["sign", "--key", path, "--alg", "EdDSA", "{}"],
            ] {
                let refused = try CLI.run(arguments)
                #expect(refused.status == 2, "\(arguments)")
                #expect(refused.stdout.isEmpty, "\(arguments): \(refused.stdout)")
                #expect(
                    refused.stderr.contains("PKCS#8 version 2 public key does not match the private key"),
                    "\(arguments): \(refused.stderr)"
                )
            }
        }
    }

    /// RFC 8032 §7.1 test 1 (the RFC 8037 key): `convert --hex-seed` reads 64 digits as the seed
    /// and prints the public half, the same as converting the public key's own 64 digits.
    @Test func convertReadsAHexSeedWithTheFlag() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
        let publicHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        let seedPath = try Self.write(seed + "\n", named: "seed.hex", in: dir)
        let publicPath = try Self.write(publicHex + "\n", named: "public.hex", in: dir)
        let jwk = try CLI.run(["key", "convert", "--to", "jwk", "--hex-seed", seedPath])
        #expect(jwk.status == 0, "\(jwk.stderr)")
        let object = try Self.jsonObject(jwk.stdout)
        #expect(object["x"] as? String == "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")
        #expect(object["d"] == nil)
        let pem = try CLI.run(["key", "convert", "--to", "pem", "--hex-seed", seedPath])
        let publicPEM = try CLI.run(["key", "convert", "--to", "pem", publicPath])
        #expect(pem.status == 0 && publicPEM.status == 0)
        #expect(pem.stdout == publicPEM.stdout)
        #expect(pem.stdout.hasPrefix("-----BEGIN PUBLIC KEY-----"))
    }

    @Test func ed25519HexOutputIsSeedAndPublicKey() throws {
        let dir = try CLI.temporaryDirectory()
        let generated = try CLI.run(["key", "generate", "--type", "ed25519", "--format", "hex"])
        let hex = generated.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(hex.count == 128)
        let inspected = try Self.jsonObject(
            try CLI.run(["key", "inspect", "--json", try Self.write(hex, named: "k.hex", in: dir)]).stdout
        )
        #expect(inspected["private"] as? Bool == true)
        // The seed half alone, read as a seed, is the same key.
        let seedPath = try Self.write(String(hex.prefix(64)), named: "seed.hex", in: dir)
        let seedRun = try CLI.run(["key", "inspect", "--json", "--hex-seed", seedPath])
        let seed = try Self.jsonObject(seedRun.stdout)
        #expect(seed["thumbprint"] as? String == inspected["thumbprint"] as? String)
        #expect(seedRun.stderr.isEmpty)
        // Without --hex-seed the same 64 digits read as a public key (while `sign --key` reads them
        // as a seed): the reading is named on standard error, standard output stays one document.
        for arguments in [["key", "inspect", seedPath], ["key", "inspect", "--json", seedPath]] {
            let plain = try CLI.run(arguments)
            #expect(plain.status == 0)
            #expect(plain.stderr.contains("read as an Ed25519 public key; pass --hex-seed"), "\(plain.stderr)")
            #expect(!plain.stdout.contains("--hex-seed"))
        }
        #expect(try CLI.run(["key", "inspect", try Self.write(hex, named: "k2.hex", in: dir)]).stderr.isEmpty)
    }

    @Test func aPublicKeyReadWithHexSeedGetsNoNoteAboutHexSeed() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Iroha's multihash names a public key outright, so --hex-seed does not make it a seed.
        let multihash = "ed0120d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        let path = try Self.write(multihash, named: "public.hex", in: dir)
        let inspected = try CLI.run(["key", "inspect", "--json", "--hex-seed", path])
        #expect(inspected.status == 0, "\(inspected.stderr)")
        #expect(try Self.jsonObject(inspected.stdout)["private"] as? Bool == false)
        #expect(inspected.stderr.isEmpty, "\(inspected.stderr)")
    }

    @Test func aMultihashPublicKeyGetsNoNoteAboutHexSeed() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 70 digits starting ed0120 can only be a public key; the note is for 64 bare digits.
        let multihash = "ed0120d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        let inspected = try CLI.run(["key", "inspect", try Self.write(multihash, named: "public.hex", in: dir)])
        #expect(inspected.status == 0, "\(inspected.stderr)")
        #expect(inspected.stdout.contains("no (public key)"), "\(inspected.stdout)")
        #expect(inspected.stderr.isEmpty, "\(inspected.stderr)")
        // The same key as 64 bare digits, read from standard input after a byte order mark.
        let bare = "\u{FEFF}\(multihash.dropFirst(6))\n"
        let piped = try CLI.run(["key", "inspect", "-"], stdin: bare)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stderr.contains("64 hex digits read as an Ed25519 public key"), "\(piped.stderr)")
    }

    /// The issue's acceptance check: `key inspect` gives the same RFC 7638 thumbprint as
    /// another implementation (joserfc) for RSA/EC/OKP keys in every listed format.
    @Test(
        .enabled(
            if: Joserfc.isAvailable,
            "python3 has no joserfc, or one too old (see Joserfc.isAvailable); cross-implementation thumbprint check skipped"
        )
    )
    func thumbprintsMatchJoserfcInEveryFormat() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let specs: [(String, [String], [[String]])] = [
            (
                "rsa", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
                [
                    ["rsa", "-in", "rsa.pem", "-traditional", "-out", "rsa-pkcs1.pem"],
                    ["rsa", "-in", "rsa.pem", "-RSAPublicKey_out", "-out", "rsa-pkcs1pub.pem"],
                ]
            ),
            (
                "ec", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
                [["ec", "-in", "ec.pem", "-out", "ec-sec1.pem"]]
            ),
            ("ed", ["-algorithm", "ED25519"], []),
        ]
        for (name, genpkey, extras) in specs {
            try OpenSSLTool.succeed(["genpkey"] + genpkey + ["-out", "\(name).pem"], in: dir)
            try OpenSSLTool.succeed(["pkey", "-in", "\(name).pem", "-pubout", "-out", "\(name)-pub.pem"], in: dir)
            try OpenSSLTool.succeed(
                ["pkey", "-in", "\(name).pem", "-pubout", "-outform", "DER", "-out", "\(name)-pub.der"],
                in: dir
            )
            try OpenSSLTool.succeed(["pkey", "-in", "\(name).pem", "-outform", "DER", "-out", "\(name).der"], in: dir)
            try OpenSSLTool.succeed(
                [
                    "req", "-new", "-x509", "-key", "\(name).pem", "-subj", "/CN=t", "-days", "1", "-out",
                    "\(name)-cert.pem",
                ],
                in: dir
            )
            for extra in extras { try OpenSSLTool.succeed(extra, in: dir) }
            let expected = try Joserfc.thumbprint(
                ofPEM: try Data(contentsOf: dir.appendingPathComponent("\(name)-pub.pem"))
            )
            #expect(expected.count == 43, "joserfc gave \(expected)")
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(name) }
            #expect(files.count >= 5)
            for file in files {
                let result = try CLI.run(["key", "inspect", "--json", dir.appendingPathComponent(file).path])
                #expect(result.status == 0, "\(file): \(result.stderr)")
                #expect(try Self.jsonObject(result.stdout)["thumbprint"] as? String == expected, "\(file)")
            }
        }
    }
}
