import Base64URL
import CryptoPrimitives
import Foundation
import JSONWebToken
import StrictJSON
import Testing
import VerifyKitTestSupport

/// Tokens made by other implementations: Python's joserfc (on top of `cryptography`) and the
/// `openssl` command line tool. Each test generates fresh keys, so nothing is vendored.
@Suite("Interoperability with joserfc and the openssl CLI")
struct InteropTests {
    static let algorithms: [SignatureAlgorithm] = SignatureAlgorithm.supported

    struct Generated: Decodable {
        var alg: String
        var jwk: String
        var token: String
    }

    /// One joserfc key and token per algorithm, as JSON lines.
    static let joserfcTokens: [Generated]? = {
        let script = #"""
            import json, sys, time, warnings
            warnings.simplefilter("ignore")
            from joserfc import jwt
            from joserfc.jwk import RSAKey, ECKey, OKPKey, OctKey
            rsa = RSAKey.generate_key(2048)
            curves = {"ES256": "P-256", "ES384": "P-384", "ES512": "P-521"}
            for alg in sys.argv[1:]:
                if alg in ("EdDSA", "Ed25519"):
                    key = OKPKey.generate_key("Ed25519")
                elif alg in curves:
                    key = ECKey.generate_key(curves[alg])
                elif alg.startswith("HS"):
                    key = OctKey.generate_key(512)
                else:
                    key = rsa
                claims = {"sub": "joserfc", "iss": "py", "exp": int(time.time()) + 600, "alg_used": alg}
                token = jwt.encode({"alg": alg, "kid": "py-" + alg}, claims, key, algorithms=[alg])
                public = key.as_dict(private=alg.startswith("HS"))
                public["kid"] = "py-" + alg
                print(json.dumps({"alg": alg, "jwk": json.dumps(public), "token": token}))
            """#
        guard
            let output = Shell.output(["python3", "-c", script] + algorithms.map(\.rawValue))
        else { return nil }
        return String(decoding: output, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONDecoder().decode(Generated.self, from: Data($0.utf8))
        }
    }()

    // joserfc is optional, as for the thumbprint cross-checks: `make deps` does not install it and
    // Debian 12 has no package for it, so without it these two are skipped, visibly, not failed.
    @Test(
        "tokens signed by joserfc verify, for every algorithm",
        .enabled(
            if: Joserfc.isAvailable,
            "python3 has no joserfc, or one too old (see Joserfc.isAvailable); joserfc interop skipped"
        )
    )
    func fromJoserfc() throws {
        let generated = try #require(Self.joserfcTokens, "python3 with joserfc is needed")
        #expect(generated.count == Self.algorithms.count)
        for item in generated {
            var keys = JWTKeyCollection()
            try keys.add(JWK(json: Array(item.jwk.utf8)))
            var options = JWTValidationOptions(issuers: ["py"], type: "JWT")
            options.allowedAlgorithms = [SignatureAlgorithm(rawValue: item.alg)]
            let verified = try keys.verify(item.token, options: options)
            #expect(verified.algorithm.rawValue == item.alg)
            #expect(verified.keyID == "py-\(item.alg)")
            #expect(verified.payload["alg_used"] == .string(item.alg))
            // The same token with one signature bit flipped must fail.
            var parts = item.token.split(separator: ".").map(String.init)
            var signature = try Base64URL.decode(parts[2])
            signature[0] ^= 0x80
            parts[2] = Base64URL.encode(signature)
            #expect(throws: JWTError.badSignature, "\(item.alg)") { try keys.verify(parts.joined(separator: ".")) }
        }
    }

    @Test(
        "tokens signed here verify in joserfc, for every algorithm",
        .enabled(
            if: Joserfc.isAvailable,
            "python3 has no joserfc, or one too old (see Joserfc.isAvailable); joserfc interop skipped"
        )
    )
    func toJoserfc() throws {
        var lines: [String] = []
        for algorithm in Self.algorithms {
            let key = TestKeys.signingKey(for: algorithm)
            let verificationJWK = JWK(key: key.publicKey ?? key, keyID: "vk")
            let jwkJSON = key.isSymmetric ? verificationJWK.privateJSON : verificationJWK.publicJSON
            let token = try JWTSigner.sign(
                JWTClaims(subject: "verifykit", expiration: ExpirationClaim(value: 4_000_000_000)),
                header: JWTHeader(keyID: "vk"),
                key: key,
                algorithm: algorithm
            )
            lines.append(
                JSONValue.object(
                    JSONObject(members: [
                        ("alg", .string(algorithm.rawValue)),
                        ("jwk", .object(jwkJSON)),
                        ("token", .string(token)),
                    ])!
                ).serializedString()
            )
        }
        let script = #"""
            import json, sys, warnings
            warnings.simplefilter("ignore")
            from joserfc import jwt
            from joserfc.jwk import import_key
            ok = 0
            for line in sys.stdin:
                item = json.loads(line)
                key = import_key(item["jwk"])
                token = jwt.decode(item["token"], key, algorithms=[item["alg"]])
                assert token.claims["sub"] == "verifykit", item["alg"]
                assert token.header["kid"] == "vk"
                ok += 1
            print(ok)
            """#
        let output = try #require(
            Shell.output(["python3", "-c", script], input: Data(lines.joined(separator: "\n").utf8)),
            "joserfc rejected a token made here"
        )
        #expect(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "14")
    }

    /// Signs `header.payload` with the openssl CLI and returns the finished token.
    static func opensslToken(
        alg: String,
        keyPath: String,
        arguments: [String],
        directory: URL
    ) throws -> String {
        let signingInput =
            Base64URL.encode(Array(#"{"alg":"\#(alg)","typ":"JWT"}"#.utf8)) + "."
            + Base64URL.encode(Array(#"{"sub":"openssl","exp":4000000000}"#.utf8))
        let inputPath = directory.appendingPathComponent("input-\(alg)").path
        try Data(signingInput.utf8).write(to: URL(fileURLWithPath: inputPath))
        let signature = try #require(Shell.output(["openssl"] + arguments + [inputPath]), "openssl failed for \(alg)")
        return signingInput + "." + Base64URL.encode(Array(signature))
    }

    @Test("tokens signed with the openssl CLI verify (RS*, PS*, EdDSA, HS*)")
    func fromOpenSSL() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jwt-openssl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rsaPath = dir.appendingPathComponent("rsa.pem").path
        let edPath = dir.appendingPathComponent("ed.pem").path
        #expect(
            Shell.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", rsaPath])
        )
        #expect(Shell.run(["openssl", "genpkey", "-algorithm", "ED25519", "-out", edPath]))
        let hmacHex = String(repeating: "5a", count: 64)

        var cases: [(String, [String], String?)] = []
        for bits in ["256", "384", "512"] {
            cases.append(("RS\(bits)", ["dgst", "-sha\(bits)", "-sign", rsaPath], rsaPath))
            cases.append(
                (
                    "PS\(bits)",
                    [
                        "dgst", "-sha\(bits)", "-sign", rsaPath, "-sigopt", "rsa_padding_mode:pss",
                        "-sigopt", "rsa_pss_saltlen:digest", "-sigopt", "rsa_mgf1_md:sha\(bits)",
                    ],
                    rsaPath
                )
            )
            cases.append(
                ("HS\(bits)", ["dgst", "-sha\(bits)", "-binary", "-mac", "HMAC", "-macopt", "hexkey:\(hmacHex)"], nil)
            )
        }
        cases.append(("EdDSA", ["pkeyutl", "-sign", "-rawin", "-inkey", edPath, "-in"], edPath))

        for (alg, arguments, keyPath) in cases {
            var keys = JWTKeyCollection()
            if let keyPath {
                // The private PEM verifies with its public part.
                let pem = try #require(FileManager.default.contents(atPath: keyPath))
                for jwk in try KeyImporter.importKeys(from: Array(pem)).keys { try keys.add(jwk) }
            } else {
                try keys.add(CryptoKey(HMACKey([UInt8](repeating: 0x5A, count: 64))))
            }
            let token = try Self.opensslToken(alg: alg, keyPath: keyPath ?? "", arguments: arguments, directory: dir)
            let verified = try keys.verify(token)
            #expect(verified.algorithm.rawValue == alg)
            #expect(verified.registeredClaims.subject == "openssl")
        }
        #expect(cases.count == 10)
    }
}
