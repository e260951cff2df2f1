import Base64URL
import CryptoPrimitives
import Foundation
import StrictJSON
import Testing

/// The classic JWT algorithm confusion needs one mistake on the verifying side: the issuer's public
/// key (its PEM text, its DER, its JWK) used as an HMAC secret. Whoever holds that public key can
/// then compute every HS256 tag. Such a "secret" is refused by key policy whatever its length.
@Suite("HMAC secrets that are encoded public keys")
struct HMACSecretKeyEncodingTests {
    static func refused(_ secret: [UInt8], _ label: String) {
        let key = CryptoKey(HMACKey(secret))
        for algorithm in [SignatureAlgorithm.hs256, .hs384, .hs512] {
            let error = #expect(throws: CryptoError.self, "\(label) \(algorithm)") {
                try key.checkPolicy(.default, for: algorithm)
            }
            #expect(error?.code == .weakKey, "\(label): \(String(describing: error))")
            // No lowered floor makes it acceptable either.
            #expect(throws: CryptoError.weakKey, "\(label)") {
                try key.checkPolicy(KeyPolicy(minimumHMACKeyBytes: 1), for: algorithm)
            }
        }
    }

    /// One private key of each asymmetric type, named.
    static func privateKeys() throws -> [(name: String, key: CryptoKey)] {
        [
            ("RSA", CryptoKey(try RSA.PrivateKey(keySize: 2048))),
            ("EC", CryptoKey(try ECDSA.PrivateKey(curve: .p256))),
            ("Ed25519", CryptoKey(Ed25519.PrivateKey())),
        ]
    }

    @Test("PEM, DER and JWK encodings of public keys are not HMAC secrets")
    func publicKeyEncodings() throws {
        let keys = try Self.privateKeys()
        let rsa = keys[0].key
        for (name, key) in keys {
            let pem = try #require(key.publicKeyPEM)
            Self.refused(Array(pem.utf8), "\(name) PEM")
            Self.refused(Array(("\n  " + pem).utf8), "\(name) PEM after white space")
            Self.refused(try #require(key.publicKeyInfoDER), "\(name) SPKI DER")
            let jwk = JSONValue.object(JWK(key: try #require(key.publicKey)).publicJSON).serialized()
            Self.refused(jwk, "\(name) public JWK")
        }
        // PKCS#1 RSAPublicKey DER and its PEM label.
        let spki = try #require(rsa.rsaPublicKey).derRepresentation
        let pkcs1 = Array(spki.suffix(270))  // 2048-bit key, e = 65537: SPKI = 24-byte prefix + 270
        #expect(try RSA.PublicKey(derRepresentation: pkcs1).modulus == rsa.rsaPublicKey?.modulus)
        Self.refused(pkcs1, "RSAPublicKey DER")
        Self.refused(
            Array(PEMDocument(label: "RSA PUBLIC KEY", derBytes: pkcs1).pemRepresentation.utf8),
            "RSA PUBLIC KEY PEM"
        )
    }

    /// PEM files often carry text before the armour; the key importer ignores it, so the same
    /// file handed over as an HMAC secret must be refused too.
    @Test("PEM armour after a byte order mark or other text is refused")
    func pemAfterOtherText() throws {
        let key = CryptoKey(try ECDSA.PrivateKey(curve: .p256))
        let pem = try #require(key.publicKeyPEM)
        let prefixes = [
            "\u{FEFF}",
            "Bag Attributes\n    localKeyID: 01 00 00 00\nsubject=/CN=issuer\n",
            "Public-Key: (256 bit)\npub:\n    04:8e:21\nASN1 OID: prime256v1\n",
        ]
        for prefix in prefixes {
            let text = prefix + pem
            // The importer reads the file as the key …
            #expect(throws: Never.self) { _ = try CryptoKey(pemRepresentation: text) }
            // … so it is no secret.
            Self.refused(Array(text.utf8), "PEM after \(prefix.debugDescription)")
        }
    }

    /// Editors on Windows save files with a UTF-8 byte order mark, and the key importer drops one
    /// before any format. The JSON, DER and base64 forms were judged with the mark in front, so a
    /// public JWK or key set saved that way passed as a secret (and signed forgeable tokens).
    @Test("every encoding is refused after a byte order mark too, as the importer reads it as a key")
    func encodingsAfterByteOrderMark() throws {
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        for (name, key) in try Self.privateKeys() {
            let publicKey = try #require(key.publicKey)
            let spki = try #require(key.publicKeyInfoDER)
            let jwk = JSONValue.object(JWK(key: publicKey).publicJSON)
            let forms: [(String, [UInt8])] = [
                ("public JWK", jwk.serialized()),
                ("key set", JSONValue.object(["keys": .array([jwk])]).serialized()),
                ("SPKI DER", spki),
                ("PEM", Array(try #require(key.publicKeyPEM).utf8)),
            ]
            for (form, bytes) in forms {
                // The importer reads the marked file as the key …
                let imported = try KeyImporter.importKeys(from: mark + bytes)
                #expect(imported.keys.first?.key.publicKeyInfoDER == spki, "\(name) \(form)")
                // … so it is no secret, with the mark or without it.
                Self.refused(bytes, "\(name) \(form)")
                Self.refused(mark + bytes, "\(name) \(form) after a byte order mark")
            }
            // A PEM body pasted without its armour (no file format the importer reads) likewise.
            Self.refused(mark + Array(Data(spki).base64EncodedString().utf8), "\(name) base64 after a mark")
        }
        // A mark in front of a random secret changes nothing.
        let random = [UInt8]((0..<32).map { UInt8(truncatingIfNeeded: $0 &* 73 &+ 5) })
        #expect(throws: Never.self) { try CryptoKey(HMACKey(mark + random)).checkPolicy(.default, for: .hs256) }
    }

    /// Keys are pasted into environment variables as a PEM body without its armour, and key sets
    /// are copied whole: the same keys in those forms are no secrets either.
    @Test("base64 DER of a key, PKCS#8 DER and key sets are refused")
    func base64BodiesAndKeySets() throws {
        let keys = try Self.privateKeys()
        let rsa = keys[0].key
        for (name, key) in keys {
            let spki = try #require(key.publicKeyInfoDER)
            let base64 = Data(spki).base64EncodedString()
            Self.refused(Array(base64.utf8), "\(name) SPKI base64")
            let lines = Data(spki).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
            Self.refused(Array((lines + "\n").utf8), "\(name) SPKI base64 in lines")
            Self.refused(Array(Base64URL.encode(spki).utf8), "\(name) SPKI base64url unpadded")
            // The reason names the form, so whoever pasted a PEM body recognises it.
            let error = #expect(throws: CryptoError.self) {
                try CryptoKey(HMACKey(Array(base64.utf8))).checkPolicy(.default, for: .hs256)
            }
            #expect(error?.reason.contains("base64") == true, "\(String(describing: error))")
            // The body of the private key's PEM, and its DER.
            let pkcs8 = try #require(key.privateKeyInfoDER)
            Self.refused(pkcs8, "\(name) PKCS#8 DER")
            Self.refused(Array(Data(pkcs8).base64EncodedString().utf8), "\(name) PKCS#8 base64")
        }
        let jwk = JSONValue.object(JWK(key: try #require(rsa.publicKey)).publicJSON)
        let set = JSONValue.object(["keys": .array([.object(["kty": "oct", "k": "c2VjcmV0"]), jwk])])
        Self.refused(set.serialized(), "JWKS with an RSA key")
        // A set of secrets only is a secret.
        let octSet = CryptoKey(
            HMACKey(Array(#"{"keys":[{"kty":"oct","k":"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"}]}"#.utf8))
        )
        #expect(throws: Never.self) { try octSet.checkPolicy(.default, for: .hs256) }
    }

    /// An RFC 5958 version 2 PKCS#8 key (public key inside) is a private key's encoding, whether
    /// its public key is its own (the importer reads it) or another key's (the importer refuses
    /// it): its DER and base64 once passed as an HMAC secret while the version 1 form of the same
    /// key was refused, because OpenSSL 3.0 cannot parse version 2.
    @Test("PKCS#8 version 2 DER and its base64 are refused like version 1")
    func version2PrivateKeyInfo() throws {
        for kind in ["RSA", "EC", "Ed25519"] {
            let key = try PKCS8Version2Tests.makeKey(kind)
            let other = try PKCS8Version2Tests.makeKey(kind)
            for (owner, carried) in [(key, "its own public key"), (other, "another key's public key")] {
                let version2 = try PKCS8Version2Tests.version2(of: key, publicKeyOf: owner)
                Self.refused(version2, "\(kind) PKCS#8 v2 DER with \(carried)")
                Self.refused(
                    Array(Data(version2).base64EncodedString().utf8),
                    "\(kind) PKCS#8 v2 base64 with \(carried)"
                )
            }
        }
    }

    /// A key's JSON is judged by its public half: the private members are never imported. Importing
    /// them checks the key (for RSA, a signing round trip: over a second for a 16384-bit key), so a
    /// key set of such keys took hours, and a private JWK whose private half is off passed.
    @Test("a private JWK is judged by its public half")
    func privateJWKPublicHalf() throws {
        let pairs = [
            ("RSA", CryptoKey(try RSA.PrivateKey(keySize: 2048)), CryptoKey(try RSA.PrivateKey(keySize: 2048))),
            ("EC", CryptoKey(try ECDSA.PrivateKey(curve: .p256)), CryptoKey(try ECDSA.PrivateKey(curve: .p256))),
        ]
        for (name, key, other) in pairs {
            var jwk = JWK(key: key).privateJSON
            // Another key's private exponent or scalar: the private key no longer loads …
            let otherD = try #require(JWK(key: other).privateJSON["d"])
            jwk.set("d", otherD)
            #expect(throws: CryptoError.self) { _ = try JWK(jsonObject: jwk) }
            // … but its public half is a public key all the same.
            Self.refused(JSONValue.object(jwk).serialized(), "\(name) private JWK with another d")
            let set = JSONValue.object(["keys": .array([.object(jwk)])])
            Self.refused(set.serialized(), "\(name) key set with that JWK")
        }
    }

    /// The X.509 members are no more part of the key than the private ones: a public JWK whose
    /// `x5c` is unreadable (and so would not import) is a public key all the same.
    @Test("a public JWK with a broken x5c is judged by its key")
    func publicJWKWithBrokenCertificateMembers() throws {
        var jwk = JWK(key: CryptoKey(try ECDSA.PrivateKey(curve: .p256).publicKey)).publicJSON
        jwk.set("x5c", .array([.string("AAAA")]))
        jwk.set("x5t#S256", .string("AA"))
        #expect(throws: CryptoError.invalidKey) { _ = try JWK(jsonObject: jwk) }
        Self.refused(JSONValue.object(jwk).serialized(), "public JWK with a broken x5c")
    }

    /// `docker run --env-file` keeps the quotes of `KEY="…"`, and a PEM kept in one variable has
    /// its line breaks written as `\n`: the same key in quotes is no secret either.
    @Test("a PEM or base64 key in quotes is refused")
    func quotedKeys() throws {
        let key = CryptoKey(try ECDSA.PrivateKey(curve: .p256))
        let pem = try #require(key.publicKeyPEM)
        let oneLine = pem.replacingOccurrences(of: "\n", with: "\\n")
        let base64 = Data(try #require(key.publicKeyInfoDER)).base64EncodedString()
        for quote in ["\"", "'"] {
            Self.refused(Array((quote + pem + quote).utf8), "PEM in \(quote)")
            Self.refused(Array((quote + oneLine + quote + "\n").utf8), "one-line PEM in \(quote)")
            Self.refused(Array((quote + base64 + quote).utf8), "base64 SPKI in \(quote)")
        }
        // A random secret in quotes is still a secret.
        for _ in 0..<100 {
            let secret = "\"" + Data((0..<48).map { _ in UInt8.random(in: 0...255) }).base64EncodedString() + "\""
            let quoted = CryptoKey(HMACKey(Array(secret.utf8)))
            #expect(throws: Never.self, "\(secret)") { try quoted.checkPolicy(.default, for: .hs256) }
        }
    }

    /// Every secret is searched for PEM armour. Dashes throughout are a near miss of the marker at
    /// every offset (the case a naive search is slowest on; its speed is the benchmarks' business,
    /// not a timed test's), and a real block at the very end of a large secret is still found.
    @Test("a large secret of near misses is accepted, armour at its end is found")
    func largeSecret() throws {
        let dashes = [UInt8](repeating: UInt8(ascii: "-"), count: 1 << 20)
        let key = CryptoKey(HMACKey(dashes))
        #expect(throws: Never.self) { try key.checkPolicy(.default, for: .hs256) }
        let pem = try #require(CryptoKey(try ECDSA.PrivateKey(curve: .p256)).publicKeyPEM)
        Self.refused(dashes + Array("\n".utf8) + Array(pem.utf8), "PEM after 1 MiB of dashes")
    }

    /// The forms are recognised as the importer and Base64 define them, and nothing looser: a
    /// lone quote has no pair to strip, the importer reads no DER after a blank, and padding ends
    /// Base64. Such secrets stay usable (checked with `minimumHMACKeyBytes: 1`, so that only the
    /// encoded-key check could refuse them).
    @Test("secrets that only resemble an encoded key stay usable")
    func nearMisses() throws {
        let spki = try #require(CryptoKey(try ECDSA.PrivateKey(curve: .p256)).publicKeyInfoDER)
        #expect(throws: CryptoError.self) { try KeyImporter.importKeys(from: [0x20] + spki) }
        let base64 = Data(spki).base64EncodedString()
        let middle = base64.index(base64.startIndex, offsetBy: 40)
        let paddedInside = String(base64[..<middle]) + "=" + String(base64[middle...])
        let secrets: [(String, [UInt8])] = [
            ("a lone double quote", Array("\"".utf8)),
            ("a lone single quote after blanks", Array("  '".utf8)),
            ("SPKI DER after a blank", [0x20] + spki),
            ("SPKI base64 with = inside", Array(paddedInside.utf8)),
        ]
        for (what, secret) in secrets {
            #expect(throws: Never.self, "\(what)") {
                try CryptoKey(HMACKey(secret)).checkPolicy(KeyPolicy(minimumHMACKeyBytes: 1), for: .hs256)
            }
        }
    }

    @Test("random secrets and ordinary text secrets stay usable")
    func ordinarySecrets() throws {
        for _ in 0..<200 {
            let key = CryptoKey(HMACKey(randomByteCount: 64))
            #expect(throws: Never.self) { try key.checkPolicy(.default, for: .hs512) }
        }
        // Random base64 secrets, the ones starting with "M" (as a DER key's base64 does) included.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes =
                [0x30 | UInt8.random(in: 0...3, using: &generator)]
                + (0..<47).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let base64 = Data(bytes).base64EncodedString()
            #expect(base64.hasPrefix("M"))
            let key = CryptoKey(HMACKey(Array(base64.utf8)))
            #expect(throws: Never.self, "\(base64)") { try key.checkPolicy(.default, for: .hs256) }
        }
        let text = CryptoKey(HMACKey(Array("correct horse battery staple -----BEGIN nothing-----!!".utf8)))
        #expect(throws: Never.self) { try text.checkPolicy(.default, for: .hs256) }
    }
}
