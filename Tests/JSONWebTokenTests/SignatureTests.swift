import Base64URL
import CryptoPrimitives
import JSONWebToken
import StrictJSON
import Testing

@Suite("Rule 7 and signing: every algorithm round-trips; tampering is bad_signature")
struct SignatureTests {
    struct Claims: Codable, Equatable {
        var sub: String
        var role: String
        var exp: ExpirationClaim
    }

    let claims = Claims(sub: "alice", role: "admin", exp: ExpirationClaim(value: TestTokens.now + 60))

    func collection(for algorithm: SignatureAlgorithm) throws -> JWTKeyCollection {
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
        try keys.add(TestKeys.signingKey(for: algorithm), keyID: "k")
        return keys
    }

    @Test("sign then verify", arguments: SignatureAlgorithm.supported)
    func roundTrip(algorithm: SignatureAlgorithm) throws {
        let key = TestKeys.signingKey(for: algorithm)
        let token = try JWTSigner.sign(claims, header: JWTHeader(keyID: "k"), key: key, algorithm: algorithm)
        let verified = try collection(for: algorithm).verify(token, as: Claims.self)
        #expect(verified.claims == claims)
        #expect(verified.algorithm == algorithm)
        #expect(verified.keyID == "k")
        #expect(verified.header.type == "JWT")
        #expect(verified.registeredClaims.subject == "alice")
    }

    @Test("a changed payload, header or signature is rejected", arguments: SignatureAlgorithm.supported)
    func tampering(algorithm: SignatureAlgorithm) throws {
        let keys = try collection(for: algorithm)
        let key = TestKeys.signingKey(for: algorithm)
        let token = try JWTSigner.sign(claims, key: key, algorithm: algorithm)
        let parts = token.split(separator: ".").map(String.init)
        var other = claims
        other.role = "root"
        let otherPayload = Base64URL.encode(try JSONValueEncoder().encode(other).serialized())
        #expect(throws: JWTError.badSignature) { try keys.verify("\(parts[0]).\(otherPayload).\(parts[2])") }

        let otherHeader = TestTokens.b64(#"{"alg":"\#(algorithm.rawValue)","typ":"JWS"}"#)
        #expect(throws: JWTError.badSignature) { try keys.verify("\(otherHeader).\(parts[1]).\(parts[2])") }

        var signature = try Base64URL.decode(parts[2])
        signature[signature.count / 2] ^= 0x01
        let flipped = Base64URL.encode(signature)
        #expect(throws: JWTError.badSignature) { try keys.verify("\(parts[0]).\(parts[1]).\(flipped)") }

        let truncated = Base64URL.encode(signature.dropLast())
        #expect(throws: JWTError.badSignature) { try keys.verify("\(parts[0]).\(parts[1]).\(truncated)") }
        #expect(throws: JWTError.badSignature) { try keys.verify("\(parts[0]).\(parts[1]).") }
    }

    /// A DER-encoded ECDSA signature (what OpenSSL and most libraries produce) is the usual
    /// interoperability mistake with ES*: it verified under no key and was reported like a forgery.
    @Test(
        "an ECDSA signature in DER is bad_signature with a message giving the r ‖ s length",
        arguments: [SignatureAlgorithm.es256, .es384, .es512]
    )
    func ecdsaSignatureInDER(algorithm: SignatureAlgorithm) throws {
        let keys = try collection(for: algorithm)
        let token = try JWTSigner.sign(claims, key: TestKeys.signingKey(for: algorithm), algorithm: algorithm)
        let parts = token.split(separator: ".").map(String.init)
        let raw = try Base64URL.decode(parts[2])
        let der = Self.der(r: Array(raw.prefix(raw.count / 2)), s: Array(raw.suffix(raw.count / 2)))
        let error = #expect(throws: JWTError.badSignature) {
            try keys.verify("\(parts[0]).\(parts[1]).\(Base64URL.encode(der))")
        }
        let expected =
            "the signature does not verify: it is \(der.count) bytes, and an \(algorithm) signature is r ‖ s in "
            + "\(raw.count) bytes (RFC 7518 §3.4); this one looks DER-encoded"
        #expect(error?.message == expected)
        // The right length keeps the plain message: a wrong signature is not described.
        var flipped = raw
        flipped[1] ^= 0x01
        let plain = #expect(throws: JWTError.badSignature) {
            try keys.verify("\(parts[0]).\(parts[1]).\(Base64URL.encode(flipped))")
        }
        #expect(plain?.message == "the signature does not verify")
        // Another wrong length that is not DER is named without the guess.
        let short = #expect(throws: JWTError.badSignature) {
            try keys.verify("\(parts[0]).\(parts[1]).\(Base64URL.encode(raw.dropLast()))")
        }
        #expect(
            short?.message
                == "the signature does not verify: it is \(raw.count - 1) bytes, and an \(algorithm) signature is "
                + "r ‖ s in \(raw.count) bytes (RFC 7518 §3.4)"
        )
    }

    /// ASN.1 DER `SEQUENCE { INTEGER r, INTEGER s }` of two big-endian unsigned integers.
    static func der(r: [UInt8], s: [UInt8]) -> [UInt8] {
        func length(_ count: Int) -> [UInt8] { count < 0x80 ? [UInt8(count)] : [0x81, UInt8(count)] }
        func integer(_ bytes: [UInt8]) -> [UInt8] {
            var value = Array(bytes.drop { $0 == 0 })
            if value.isEmpty || value[0] & 0x80 != 0 { value.insert(0, at: 0) }
            return [0x02] + length(value.count) + value
        }
        let body = integer(r) + integer(s)
        return [0x30] + length(body.count) + body
    }

    @Test("a signature from another key of the same type is rejected")
    func otherKey() throws {
        let mine = CryptoKey(try Ed25519.PrivateKey(seed: [UInt8](repeating: 1, count: 32)))
        let theirs = CryptoKey(try Ed25519.PrivateKey(seed: [UInt8](repeating: 2, count: 32)))
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
        try keys.add(mine)
        let token = try JWTSigner.sign(claims, key: theirs, algorithm: .eddsa)
        #expect(throws: JWTError.badSignature) { try keys.verify(token) }
    }

    @Test("signing serializes the header deterministically: alg, typ, kid, cty, b64, crit, then extras")
    func headerOrder() throws {
        var extras = JSONObject()
        extras.set("x5t", .string("t"))
        extras.set("alg", .string("HS256"))  // agrees with the signer (a different one is refused)
        let header = JWTHeader(type: "JWT", keyID: "k", contentType: "c", fields: extras)
        let token = try JWTSigner.sign(
            payload: Array("{}".utf8),
            header: header,
            key: CryptoKey(TestKeys.hmac),
            algorithm: .hs256
        )
        let headerText = String(decoding: try Base64URL.decode(token.split(separator: ".")[0]), as: UTF8.self)
        #expect(headerText == #"{"alg":"HS256","typ":"JWT","kid":"k","cty":"c","x5t":"t"}"#)
    }

    @Test("signing with a public key or an unsupported algorithm fails")
    func signingErrors() throws {
        let publicKey = CryptoKey(TestKeys.ed25519.publicKey)
        #expect(throws: JWTError.signingFailed) { try JWTSigner.sign(claims, key: publicKey, algorithm: .eddsa) }
        #expect(throws: JWTError.signingFailed) {
            try JWTSigner.sign(claims, key: CryptoKey(TestKeys.ed25519), algorithm: .rs256)
        }
        #expect(throws: JWTError.unsupportedAlgorithm) {
            try JWTSigner.sign(claims, key: CryptoKey(TestKeys.hmac), algorithm: SignatureAlgorithm(rawValue: "none"))
        }
        #expect(throws: JWTError.signingFailed) {
            try JWTSigner.sign(claims, jwk: JWK(key: CryptoKey(TestKeys.hmac)))
        }
    }

    @Test("signing with a JWK takes its alg and kid")
    func signWithJWK() throws {
        let jwk = JWK(key: CryptoKey(TestKeys.ed25519), keyID: "ed", algorithm: .eddsa)
        let token = try JWTSigner.sign(claims, jwk: jwk)
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
        try keys.add(jwk)
        let verified = try keys.verify(token, as: Claims.self)
        #expect(verified.header.keyID == "ed")
        #expect(verified.keyID == "ed")
    }

    /// The JWK's `kid` is only a default: a `keyID` the caller put in the header is the one
    /// written, whether the JWK has a `kid` of its own or none. (A `kid` in `fields` that differs
    /// from the JWK's is refused as a conflict: see the header rules tests.)
    @Test("signing with a JWK keeps a kid the header already names")
    func signWithJWKKeepsHeaderKeyID() throws {
        for jwk in [
            JWK(key: CryptoKey(TestKeys.ed25519), keyID: "ed", algorithm: .eddsa),
            JWK(key: CryptoKey(TestKeys.ed25519), algorithm: .eddsa),
        ] {
            let token = try JWTSigner.sign(claims, header: JWTHeader(keyID: "chosen"), jwk: jwk)
            #expect(try JWTKeyCollection.unverifiedDecode(token).header.keyID == "chosen")
        }
    }

    /// RFC 7797 §6: a header with `b64` lists it in `crit`, `true` included; the verifier refuses
    /// `b64` outside `crit`, so the signer adds it for either value and the token verifies.
    @Test("signing with b64 true lists b64 in crit, and the token verifies")
    func signWithB64True() throws {
        let header = JWTHeader(base64URLEncodesPayload: true)
        let token = try JWTSigner.sign(claims, header: header, key: CryptoKey(TestKeys.ed25519), algorithm: .eddsa)
        #expect(try JWTKeyCollection.unverifiedDecode(token).header.critical == ["b64"])
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
        try keys.add(CryptoKey(TestKeys.ed25519.publicKey), keyID: "ed")
        #expect(try keys.verify(token, as: Claims.self).header.base64URLEncodesPayload == true)
    }

    @Test("signing with a JWK without alg takes the one algorithm its key fits, or asks for one")
    func signWithJWKWithoutAlg() throws {
        for (key, algorithm) in [(TestKeys.p256, SignatureAlgorithm.es256), (TestKeys.p384, .es384)] {
            let jwk = JWK(key: CryptoKey(key), keyID: "ec")
            let token = try JWTSigner.sign(claims, jwk: jwk)
            var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
            try keys.add(jwk)
            #expect(try keys.verify(token, as: Claims.self).algorithm == algorithm)
        }
        // RSA, Ed25519 (EdDSA or Ed25519) and HMAC keys fit several: the caller must choose.
        for key in [CryptoKey(TestKeys.rsa), CryptoKey(TestKeys.ed25519), CryptoKey(TestKeys.hmac)] {
            let error = #expect(throws: JWTError.signingFailed) { try JWTSigner.sign(claims, jwk: JWK(key: key)) }
            #expect(error?.message.hasSuffix("fits several") == true, "\(String(describing: error))")
        }
        // A JWK pinned to EdDSA signs as Ed25519 too, as it verifies both (RFC 9864 names).
        let pinned = JWK(key: CryptoKey(TestKeys.ed25519), keyID: "ed", algorithm: .eddsa)
        let renamed = try JWTSigner.sign(claims, jwk: pinned, algorithm: .ed25519)
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
        try keys.add(pinned)
        #expect(try keys.verify(renamed, as: Claims.self).algorithm == .ed25519)
        #expect(throws: JWTError.algorithmNotAllowed) {
            try JWTSigner.sign(claims, jwk: JWK(key: CryptoKey(TestKeys.rsa), algorithm: .rs256), algorithm: .ps256)
        }
    }

    @Test("signing with a JWK honours its alg, use and key_ops, as verification does")
    func signWithRestrictedJWK() throws {
        let key = CryptoKey(TestKeys.hmac)
        let pinned = JWK(key: key, algorithm: .hs256)
        #expect(throws: JWTError.algorithmNotAllowed) { try JWTSigner.sign(claims, jwk: pinned, algorithm: .hs512) }
        #expect(try JWTSigner.sign(claims, jwk: pinned, algorithm: .hs256) == JWTSigner.sign(claims, jwk: pinned))
        #expect(throws: JWTError.weakKey) {
            try JWTSigner.sign(claims, jwk: JWK(key: key, algorithm: .hs256, use: "enc"))
        }
        #expect(throws: JWTError.weakKey) {
            try JWTSigner.sign(claims, jwk: JWK(key: key, algorithm: .hs256, keyOperations: ["verify"]))
        }
        let allowed = JWK(key: key, algorithm: .hs256, use: "sig", keyOperations: ["sign", "verify"])
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
        try keys.add(allowed)
        #expect(try keys.verify(try JWTSigner.sign(claims, jwk: allowed), as: Claims.self).algorithm == .hs256)
    }

    @Test("signing refuses a crit that RFC 7515 §4.1.11 forbids producers to write")
    func signingCritRules() throws {
        let key = CryptoKey(TestKeys.hmac)
        func header(_ critical: [String], _ extra: [String: JSONValue] = [:]) -> JWTHeader {
            var header = JWTHeader()
            header.critical = critical
            for (name, value) in extra { header.fields.set(name, value) }
            return header
        }
        let refused: [(String, JWTHeader)] = [
            ("empty", header([])),
            ("registered name", header(["alg"])),
            ("absent name", header(["x"])),
            ("duplicate", header(["x", "x"], ["x": .bool(true)])),
        ]
        for (what, header) in refused {
            #expect(throws: JWTError.unsupportedCriticalHeader, "\(what)") {
                try JWTSigner.sign(claims, header: header, key: key, algorithm: .hs256)
            }
        }
        // An extension the header carries is fine to sign (this verifier will not understand it).
        let token = try JWTSigner.sign(claims, header: header(["x"], ["x": .bool(true)]), key: key, algorithm: .hs256)
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
        try keys.add(key)
        #expect(throws: JWTError.unsupportedCriticalHeader) { try keys.verify(token, as: Claims.self) }
        // b64 is added to crit by the signer itself and passes.
        var detached = JWTHeader()
        detached.base64URLEncodesPayload = false
        _ = try JWTSigner.sign(payload: Array("$.02".utf8), header: detached, key: key, algorithm: .hs256)
    }

    @Test("Ed25519 signing reproduces RFC 8037 A.4 byte for byte")
    func rfc8037() throws {
        let seed = try Base64URL.decode("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A")
        let key = CryptoKey(try Ed25519.PrivateKey(seed: seed))
        let token = try JWTSigner.sign(
            payload: Array("Example of Ed25519 signing".utf8),
            header: JWTHeader(type: nil),
            key: key,
            algorithm: .eddsa
        )
        #expect(
            token
                == "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
                + ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
        )
    }
}
