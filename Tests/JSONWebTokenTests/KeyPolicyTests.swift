import Base64URL
import CryptoPrimitives
import Foundation
import JSONWebToken
import StrictJSON
import Testing

@Suite("Rule 6: key policy")
struct KeyPolicyTests {
    let payload = #"{"sub":"alice"}"#

    /// A 1024-bit RSA key made by the openssl CLI (our own generator refuses sizes below 2048).
    static let rsa1024: JWK? = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jwt-policy-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("k.pem").path
        guard Shell.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", path])
        else { return nil }
        guard let pem = FileManager.default.contents(atPath: path) else { return nil }
        return try? KeyImporter.importKeys(from: Array(pem)).keys.first
    }()

    /// A collection holding `jwk` as a key-set member: the one way a key the policy refuses for
    /// every algorithm gets in (`add(_:)` refuses it), so that tokens naming it get `weak_key`. The
    /// set also publishes a sound key (of the same kind, so secrets are not mixed with public
    /// keys): a set of refused keys only is refused as a whole.
    static func collection(publishing jwk: JWK, policy: KeyPolicy = .default) throws -> JWTKeyCollection {
        var keys = JWTKeyCollection(keyPolicy: policy, options: TestTokens.fixedOptions())
        let member = jwk.key.isSymmetric ? jwk.privateJSON : jwk.publicJSON
        let sound =
            jwk.key.isSymmetric
            ? JWK(key: CryptoKey(HMACKey([UInt8](repeating: 9, count: 64))), keyID: "sound").privateJSON
            : JWK(key: CryptoKey(TestKeys.ed25519.publicKey), keyID: "sound").publicJSON
        try keys.add(jwks: ["keys": .array([.object(member), .object(sound)])])
        return keys
    }

    @Test("a 1024-bit RSA key is weak_key by default and accepted with minimumRSABits 1024")
    func smallRSA() throws {
        let jwk = try #require(Self.rsa1024)
        let token = TestTokens.signed(
            header: #"{"alg":"RS512"}"#,
            payload: payload,
            key: jwk.key,
            algorithm: .rs512
        )
        var strict = JWTKeyCollection(options: TestTokens.fixedOptions())
        // Refused where it is configured…
        let refused = #expect(throws: JWTError.weakKey) { try strict.add(jwk.key) }
        #expect(refused?.message.contains("below the policy minimum of 2048") == true)
        #expect(strict.count == 0)
        // …and, published in a key set, on the tokens it would verify.
        #expect(throws: JWTError.weakKey) {
            try Self.collection(publishing: JWK(key: jwk.key.publicKey!)).verify(token)
        }
        var legacy = JWTKeyCollection(
            keyPolicy: KeyPolicy(minimumRSABits: 1024),
            options: TestTokens.fixedOptions()
        )
        try legacy.add(jwk.key)
        _ = try legacy.verify(token)
    }

    @Test("a key set whose every member the policy refuses is refused whole, with weak_key")
    func keySetOfRefusedKeys() throws {
        let rsa = try #require(Self.rsa1024)
        let short = CryptoKey(HMACKey([UInt8](repeating: 1, count: 16)))
        let enc = JWK(key: CryptoKey(TestKeys.ed25519.publicKey), keyID: "e", use: "enc")
        for members in [
            [JWK(key: rsa.key.publicKey!, keyID: "r").publicJSON],
            [JWK(key: rsa.key.publicKey!, keyID: "r").publicJSON, enc.publicJSON],
            [JWK(key: short, keyID: "s").privateJSON],
        ] {
            var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
            let error = #expect(throws: JWTError.weakKey) {
                try keys.add(jwks: ["keys": .array(members.map(JSONValue.object))])
            }
            #expect(error?.message.contains("no key of the key set can verify any algorithm") == true)
            #expect(keys.count == 0)
            // Every member is named with its own reason, not only the first.
            #expect(error?.message.contains(#"keys[0] (kid ""#) == true, "\(error?.message ?? "")")
            if members.count == 2 {
                #expect(error?.message.contains(#"keys[1] (kid "e")"#) == true, "\(error?.message ?? "")")
            }
        }
        // A set with no usable member at all lists why each was skipped.
        var unusable = JWTKeyCollection(options: TestTokens.fixedOptions())
        let skippedError = #expect(throws: JWTError.invalidKeySet) {
            try unusable.add(jwks: Array(#"{"keys":[{"kty":"XYZ","kid":"a"},7]}"#.utf8))
        }
        #expect(
            skippedError?.message
                == #"the key set has no usable key: keys[0] (kid "a"): unknown key type "XYZ"; keys[1]: not a JSON object"#
        )
        // The set's structure is checked first: a duplicate kid is invalid_key_set, weak keys or not.
        var duplicate = JWTKeyCollection(options: TestTokens.fixedOptions())
        let twice = [JWK(key: short, keyID: "s").privateJSON, JWK(key: short, keyID: "s").privateJSON]
        #expect(throws: JWTError.invalidKeySet) {
            try duplicate.add(jwks: ["keys": .array(twice.map(JSONValue.object))])
        }
        // One sound member is enough; the refused ones stay, for weak_key on the tokens naming them.
        var keys = JWTKeyCollection(keyPolicy: .default, options: TestTokens.fixedOptions())
        let members = [
            JWK(key: rsa.key.publicKey!, keyID: "r").publicJSON, enc.publicJSON,
            JWK(key: CryptoKey(TestKeys.ed25519.publicKey), keyID: "ok").publicJSON,
        ]
        try keys.add(jwks: ["keys": .array(members.map(JSONValue.object))])
        #expect(keys.count == 3)
        // A lower policy makes the same set usable.
        var legacy = JWTKeyCollection(keyPolicy: KeyPolicy(minimumRSABits: 1024), options: TestTokens.fixedOptions())
        try legacy.add(jwks: ["keys": .array([.object(JWK(key: rsa.key.publicKey!, keyID: "r").publicJSON)])])
        #expect(legacy.count == 1)
    }

    @Test("the signer applies the verifier's policy: no token is minted that a default verifier refuses")
    func signerPolicy() throws {
        let claims = ["sub": "alice"]
        let short = CryptoKey(HMACKey([UInt8](repeating: 1, count: 16)))
        #expect(throws: JWTError.weakKey) { try JWTSigner.sign(claims, key: short, algorithm: .hs256) }
        #expect(throws: JWTError.weakKey) { try JWTSigner.sign(payload: [], key: short, algorithm: .hs256) }
        #expect(throws: JWTError.weakKey) { try JWTSigner.sign(claims, jwk: JWK(key: short, algorithm: .hs256)) }

        let jwk = try #require(Self.rsa1024)
        #expect(throws: JWTError.weakKey) { try JWTSigner.sign(claims, key: jwk.key, algorithm: .rs256) }
        let lowered = KeyPolicy(minimumRSABits: 1024)
        let token = try JWTSigner.sign(claims, key: jwk.key, algorithm: .rs256, policy: lowered)
        var legacy = JWTKeyCollection(keyPolicy: lowered, options: TestTokens.fixedOptions())
        try legacy.add(jwk.key)
        #expect(try legacy.verify(token).claims.subject == "alice")
    }

    @Test("claims that do not encode as a JSON object are not signed")
    func signerNeedsObject() throws {
        let key = CryptoKey(HMACKey([UInt8](repeating: 1, count: 32)))
        #expect(throws: JWTError.signingFailed) { try JWTSigner.sign([1, 2, 3], key: key, algorithm: .hs256) }
        #expect(throws: JWTError.signingFailed) { try JWTSigner.sign("alice", key: key, algorithm: .hs256) }
        #expect(throws: JWTError.signingFailed) { try JWTSigner.sign(Double.nan, key: key, algorithm: .hs256) }
        _ = try JWTSigner.sign([String: String](), key: key, algorithm: .hs256)
    }

    @Test(
        "registered claims of a JSON type every verifier refuses are not signed",
        arguments: [
            #"{"exp":"tomorrow"}"#, #"{"nbf":true}"#, #"{"iat":null}"#, #"{"iss":["a"]}"#, #"{"sub":1}"#,
            #"{"jti":{}}"#, #"{"aud":3}"#, #"{"aud":["a",null]}"#,
        ]
    )
    func signerRegisteredClaimTypes(claims: String) throws {
        // Minted, each would be refused as invalid_claim by this library's verifier (RFC 7519 §4.1
        // types), so the signer's promise that nothing is minted only to be refused would not hold.
        let key = CryptoKey(HMACKey([UInt8](repeating: 1, count: 32)))
        let value = try JSONParser().parse(Array(claims.utf8))
        #expect(throws: JWTError.signingFailed) { try JWTSigner.sign(value, key: key, algorithm: .hs256) }
    }

    @Test("registered claims of the right JSON types are signed and verify")
    func signerRegisteredClaimTypesAccepted() throws {
        let key = CryptoKey(HMACKey([UInt8](repeating: 1, count: 32)))
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
        try keys.add(key)
        let claims = #"{"iss":"i","sub":"s","aud":["a","b"],"exp":1800000000.5,"nbf":1,"iat":1e9,"jti":"j","x":null}"#
        let value = try JSONParser().parse(Array(claims.utf8))
        let token = try JWTSigner.sign(value, key: key, algorithm: .hs256)
        #expect(try keys.verify(token).claims.audience == ["a", "b"])
    }

    @Test("the signer mints only tokens that fit the verifier's size and nesting limits")
    func signerLimits() throws {
        let key = CryptoKey(HMACKey([UInt8](repeating: 1, count: 32)))
        func nested(_ depth: Int) -> JSONValue {
            var value: JSONValue = .object(["sub": "alice"])
            for _ in 1..<depth { value = .object(["n": value]) }
            return value
        }
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
        try keys.add(key)
        _ = try keys.verify(JWTSigner.sign(nested(32), key: key, algorithm: .hs256))
        #expect(throws: JWTError.signingFailed) { try JWTSigner.sign(nested(33), key: key, algorithm: .hs256) }
        var deeper = JWTValidationOptions()
        deeper.maxClaimsDepth = 40
        let deep = try JWTSigner.sign(nested(33), key: key, algorithm: .hs256, limits: deeper)
        #expect(throws: JWTError.malformed) { try keys.verify(deep) }

        var header = JWTHeader()
        header.fields = ["x": nested(32)]
        #expect(throws: JWTError.signingFailed) {
            try JWTSigner.sign(payload: [], header: header, key: key, algorithm: .hs256)
        }

        let big = ["sub": String(repeating: "x", count: 60_000)]
        #expect(throws: JWTError.tokenTooLarge) { try JWTSigner.sign(big, key: key, algorithm: .hs256) }
        #expect(throws: JWTError.tokenTooLarge) {
            try JWTSigner.sign(payload: Array(repeating: 0x41, count: 50_000), key: key, algorithm: .hs256)
        }
        var larger = JWTValidationOptions()
        larger.maxTokenBytes = 100_000
        #expect(try JWTSigner.sign(big, key: key, algorithm: .hs256, limits: larger).utf8.count > 65_536)
    }

    /// The size limit is inclusive on both sides: a token of exactly `maxTokenBytes` is minted and
    /// verifies under that limit; one byte less refuses it.
    @Test("the signer mints a token of exactly maxTokenBytes")
    func signerSizeLimitIsInclusive() throws {
        let key = CryptoKey(HMACKey([UInt8](repeating: 1, count: 32)))
        let claims = ["sub": "alice"]
        let size = try JWTSigner.sign(claims, key: key, algorithm: .hs256).utf8.count
        var exact = TestTokens.fixedOptions()
        exact.maxTokenBytes = size
        let token = try JWTSigner.sign(claims, key: key, algorithm: .hs256, limits: exact)
        #expect(token.utf8.count == size)
        var keys = JWTKeyCollection(options: exact)
        try keys.add(key)
        _ = try keys.verify(token)
        var smaller = exact
        smaller.maxTokenBytes = size - 1
        #expect(throws: JWTError.tokenTooLarge) {
            try JWTSigner.sign(claims, key: key, algorithm: .hs256, limits: smaller)
        }
    }

    @Test("an HMAC key shorter than the hash output is weak_key")
    func shortHMAC() throws {
        let short = CryptoKey(HMACKey([UInt8](repeating: 1, count: 16)))
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
        #expect(throws: JWTError.weakKey) { try keys.add(short) }
        #expect(throws: JWTError.weakKey) { try keys.add(JWK(key: short, keyID: "k")) }
        let token = TestTokens.signed(header: #"{"alg":"HS256"}"#, payload: payload, key: short, algorithm: .hs256)
        #expect(throws: JWTError.weakKey) { try Self.collection(publishing: JWK(key: short)).verify(token) }
        // Long enough for HS256 only: added; HS384 and HS512 tokens are weak_key.
        let forty = CryptoKey(HMACKey([UInt8](repeating: 1, count: 40)))
        try keys.add(forty)
        let hs512 = TestTokens.signed(header: #"{"alg":"HS512"}"#, payload: payload, key: forty, algorithm: .hs512)
        #expect(throws: JWTError.weakKey) { try keys.verify(hs512) }
        let hs256 = TestTokens.signed(header: #"{"alg":"HS256"}"#, payload: payload, key: forty, algorithm: .hs256)
        _ = try keys.verify(hs256)
    }

    @Test("with several candidate keys, the first one's failure is reported; a later good key still wins")
    func firstFailureWins() throws {
        let short = CryptoKey(HMACKey([UInt8](repeating: 1, count: 16)))
        let other = CryptoKey(HMACKey([UInt8](repeating: 2, count: 32)))
        let good = CryptoKey(HMACKey([UInt8](repeating: 3, count: 32)))
        let token = TestTokens.signed(header: #"{"alg":"HS256"}"#, payload: payload, key: good, algorithm: .hs256)
        // Refused by policy first, then a signature that does not verify: weak_key.
        var weakFirst = try Self.collection(publishing: JWK(key: short))
        try weakFirst.add(other)
        #expect(throws: JWTError.weakKey) { try weakFirst.verify(token) }
        // The other order: bad_signature.
        var rejectedFirst = JWTKeyCollection(options: TestTokens.fixedOptions())
        try rejectedFirst.add(other)
        let sound = JWK(key: CryptoKey(HMACKey([UInt8](repeating: 4, count: 32))), keyID: "sound").privateJSON
        try rejectedFirst.add(jwks: ["keys": .array([.object(JWK(key: short).privateJSON), .object(sound)])])
        #expect(throws: JWTError.badSignature) { try rejectedFirst.verify(token) }
        // Failures before the right key do not matter once it verifies.
        var goodLast = try Self.collection(publishing: JWK(key: short))
        try goodLast.add(other)
        try goodLast.add(good)
        _ = try goodLast.verify(token)
    }

    @Test("a JWK with use=enc or key_ops without verify is weak_key")
    func jwkUse() throws {
        let ed = CryptoKey(TestKeys.ed25519.publicKey)
        let token = TestTokens.signed(
            header: #"{"alg":"EdDSA","kid":"k"}"#,
            payload: payload,
            key: CryptoKey(TestKeys.ed25519),
            algorithm: .eddsa
        )
        for jwk in [JWK(key: ed, keyID: "k", use: "enc"), JWK(key: ed, keyID: "k", keyOperations: ["encrypt"])] {
            var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
            #expect(throws: JWTError.weakKey) { try keys.add(jwk) }
            #expect(throws: JWTError.weakKey) { try Self.collection(publishing: jwk).verify(token) }
        }
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
        try keys.add(JWK(key: ed, keyID: "k", use: "sig", keyOperations: ["verify"]))
        _ = try keys.verify(token)
    }

    @Test("a small-order Ed25519 public key is weak_key, even for a signature that would verify")
    func smallOrderEd25519() throws {
        // The identity point: every "signature" with R = identity and S = 0 verifies under it.
        var identity = [UInt8](repeating: 0, count: 32)
        identity[0] = 1
        let key = CryptoKey(try Ed25519.PublicKey(rawRepresentation: identity))
        var direct = JWTKeyCollection(options: TestTokens.fixedOptions())
        #expect(throws: JWTError.weakKey) { try direct.add(key) }
        let keys = try Self.collection(publishing: JWK(key: key))
        let forged =
            TestTokens.b64(#"{"alg":"EdDSA"}"#) + "." + TestTokens.b64(payload) + "."
            + Base64URL.encode(identity + [UInt8](repeating: 0, count: 32))
        #expect(throws: JWTError.weakKey) { try keys.verify(forged) }
    }
}

/// Runs a command line tool quietly; true on exit status 0.
enum Shell {
    @discardableResult
    static func run(_ arguments: [String], input: Data? = nil) -> Bool {
        output(arguments, input: input) != nil
    }

    static func output(_ arguments: [String], input: Data? = nil) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe()
        let inPipe = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = inPipe
        do { try process.run() } catch { return nil }
        if let input { inPipe.fileHandleForWriting.write(input) }
        try? inPipe.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }
}

@Suite("Algorithm confusion: a public key as an HMAC secret")
struct PublicKeyAsHMACSecretTests {
    @Test("a collection refuses an HMAC secret that is the issuer's PEM public key")
    func pemPublicKeyAsSecret() throws {
        let issuer = CryptoKey(try RSA.PrivateKey(keySize: 2048))
        let pem = try #require(issuer.publicKeyPEM)
        var keys = JWTKeyCollection()
        // An attacker who has the (public) PEM could sign HS256 tokens that this key accepts.
        #expect(throws: JWTError.weakKey) { try keys.add(CryptoKey(HMACKey(Array(pem.utf8)))) }
        #expect(keys.count == 0)
        #expect(throws: JWTError.weakKey) {
            try JWTSigner.sign(JWTClaims(), key: CryptoKey(HMACKey(Array(pem.utf8))), algorithm: .hs256)
        }
    }

    @Test("the issuer's public JWK or key set saved with a byte order mark is refused too")
    func markedJWKAsSecret() throws {
        let issuer = CryptoKey(try RSA.PrivateKey(keySize: 2048))
        let jwk = JSONValue.object(JWK(key: try #require(issuer.publicKey)).publicJSON)
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        for file in [jwk.serialized(), JSONValue.object(["keys": .array([jwk])]).serialized()] {
            let secret = CryptoKey(HMACKey(mark + file))
            var keys = JWTKeyCollection()
            #expect(throws: JWTError.weakKey) { try keys.add(secret) }
            #expect(keys.count == 0)
            #expect(throws: JWTError.weakKey) { try JWTSigner.sign(JWTClaims(), key: secret, algorithm: .hs256) }
        }
    }
}
