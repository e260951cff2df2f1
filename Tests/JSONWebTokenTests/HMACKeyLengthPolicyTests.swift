import CryptoPrimitives
import JSONWebToken
import Testing

/// `KeyPolicy.minimumHMACKeyBytes` holds wherever a policy is applied: adding a key, verifying a
/// token that names a key, and signing.
@Suite("Rule 6: key policy, HMAC key length")
struct HMACKeyLengthPolicyTests {
    let claims = ["sub": "alice"]
    let payload = #"{"sub":"alice"}"#

    static func secret(_ byteCount: Int) -> CryptoKey {
        CryptoKey(HMACKey([UInt8](repeating: 0x5a, count: byteCount)))
    }

    static func collection(_ policy: KeyPolicy = .default) -> JWTKeyCollection {
        JWTKeyCollection(keyPolicy: policy, options: TestTokens.fixedOptions())
    }

    @Test("a 16-byte HS256 secret is weak_key by default: add, verify and sign")
    func shortSecretRefusedByDefault() throws {
        let short = Self.secret(16)
        var keys = Self.collection()
        #expect(throws: JWTError.weakKey) { try keys.add(short) }
        #expect(throws: JWTError.weakKey) { try keys.add(JWK(key: short, keyID: "k")) }
        #expect(keys.count == 0)
        let token = TestTokens.signed(header: #"{"alg":"HS256"}"#, payload: payload, key: short, algorithm: .hs256)
        #expect(throws: JWTError.weakKey) { try KeyPolicyTests.collection(publishing: JWK(key: short)).verify(token) }
        #expect(throws: JWTError.weakKey) { try JWTSigner.sign(claims, key: short, algorithm: .hs256) }
    }

    @Test("minimumHMACKeyBytes 16 accepts a 16-byte secret for verifying and signing; the token round-trips")
    func loweredFloorRoundTrips() throws {
        let short = Self.secret(16)
        let legacy = KeyPolicy(minimumHMACKeyBytes: 16)
        let token = try JWTSigner.sign(claims, key: short, algorithm: .hs256, policy: legacy)
        var keys = Self.collection(legacy)
        try keys.add(short)
        #expect(try keys.verify(token).claims.subject == "alice")
        // A token signed elsewhere, verified through a published key set under the same policy.
        let foreign = TestTokens.signed(header: #"{"alg":"HS256"}"#, payload: payload, key: short, algorithm: .hs256)
        let published = try KeyPolicyTests.collection(publishing: JWK(key: short), policy: legacy)
        #expect(try published.verify(foreign).claims.subject == "alice")
        // The lowered floor holds for every HMAC algorithm, not only HS256.
        let hs512 = try JWTSigner.sign(claims, key: short, algorithm: .hs512, policy: legacy)
        #expect(try keys.verify(hs512).algorithm == .hs512)
    }

    @Test("minimumHMACKeyBytes 64 refuses a 32-byte secret for HS256")
    func raisedFloorRefusesTheRFCMinimum() throws {
        let key = Self.secret(32)
        let strict = KeyPolicy(minimumHMACKeyBytes: 64)
        var keys = Self.collection(strict)
        let refused = #expect(throws: JWTError.weakKey) { try keys.add(key) }
        #expect(refused?.message.contains("minimumHMACKeyBytes") == true, "\(String(describing: refused))")
        #expect(throws: JWTError.weakKey) { try JWTSigner.sign(claims, key: key, algorithm: .hs256, policy: strict) }
        let token = try JWTSigner.sign(claims, key: key, algorithm: .hs256)
        #expect(throws: JWTError.weakKey) {
            try KeyPolicyTests.collection(publishing: JWK(key: key), policy: strict).verify(token)
        }
    }

    @Test("a 48-byte secret is refused for HS512 by default and accepted with minimumHMACKeyBytes 48")
    func hs512WithFortyEightBytes() throws {
        let key = Self.secret(48)
        let token = TestTokens.signed(header: #"{"alg":"HS512"}"#, payload: payload, key: key, algorithm: .hs512)
        // By default the key is added (HS256 and HS384 accept it) but HS512 tokens are weak_key.
        var strict = Self.collection()
        try strict.add(key)
        #expect(throws: JWTError.weakKey) { try strict.verify(token) }
        #expect(throws: JWTError.weakKey) { try JWTSigner.sign(claims, key: key, algorithm: .hs512) }
        var pinned = Self.collection()
        #expect(throws: JWTError.weakKey) { try pinned.add(key, algorithms: [.hs512]) }

        let policy = KeyPolicy(minimumHMACKeyBytes: 48)
        var lowered = Self.collection(policy)
        try lowered.add(key, algorithms: [.hs512])
        #expect(try lowered.verify(token).claims.subject == "alice")
        let signed = try JWTSigner.sign(claims, key: key, algorithm: .hs512, policy: policy)
        #expect(try lowered.verify(signed).algorithm == .hs512)
    }

    @Test("an empty secret is refused even with minimumHMACKeyBytes 0")
    func emptySecretAlwaysRefused() throws {
        let empty = Self.secret(0)
        let anything = KeyPolicy(minimumHMACKeyBytes: 0)
        var keys = Self.collection(anything)
        #expect(throws: JWTError.weakKey) { try keys.add(empty) }
        #expect(throws: JWTError.weakKey) {
            try JWTSigner.sign(claims, key: empty, algorithm: .hs256, policy: anything)
        }
        // No token can name an empty secret: a key set cannot carry one (a JWK's empty `k` is
        // invalid_key), and `add` refuses it above, so adding and signing are the ways in.
        // A one-byte secret is what a floor of 0 lets through (it acts as 1).
        let one = Self.secret(1)
        try keys.add(one)
        _ = try keys.verify(TestTokens.signed(header: #"{"alg":"HS256"}"#, payload: payload, key: one))
    }
}
