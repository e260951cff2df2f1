import CryptoPrimitives
import Dispatch
import JSONWebToken
import StrictJSON
import Synchronization
import Testing
import VerifyKitTestSupport

#if VERIFYKIT_PTHREAD_LOCKS
// ThreadSanitizer does not see Synchronization.Mutex's futex ordering on Linux (see ShardLock), so
// `make test-tsan` runs the same pattern with an NSLock-based lock it does see.
typealias DocCMutex<Value> = LockedValue<Value>
#else
typealias DocCMutex<Value> = Mutex<Value>
#endif

/// The DocC overview's "Refreshing keys while serving", as written there (`Mutex` is `DocCMutex`).
final class TrustedKeys: Sendable {
    private let current: DocCMutex<JWTKeyCollection>

    init(_ keys: JWTKeyCollection) { current = DocCMutex(keys) }

    var keys: JWTKeyCollection { current.withLock { $0 } }

    func replace(withKeySet jwks: [UInt8]) throws(JWTError) {
        var next = keys
        try next.replaceKeys(jwks: jwks)  // keeps the key policy and options; a refused set throws
        current.withLock { $0 = next }
    }
}

@Suite("Refreshing keys while serving (DocC pattern)")
struct KeyRefreshTests {
    static let old = try! Ed25519.PrivateKey(seed: [UInt8](repeating: 0x31, count: 32))
    static let new = try! Ed25519.PrivateKey(seed: [UInt8](repeating: 0x32, count: 32))

    static func keySet(_ key: Ed25519.PrivateKey, kid: String) -> [UInt8] {
        let member = JSONValue.object(JWK(key: CryptoKey(key.publicKey), keyID: kid).publicJSON)
        return Array(JSONValue.object(["keys": .array([member])]).serializedString().utf8)
    }

    static func token(_ key: Ed25519.PrivateKey, kid: String) -> String {
        let claims = JWTClaims(subject: "alice", expiration: ExpirationClaim(value: TestTokens.now + 60))
        return try! JWTSigner.sign(claims, jwk: JWK(key: CryptoKey(key), keyID: kid, algorithm: .eddsa))
    }

    static func start() throws -> TrustedKeys {
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
        _ = try keys.add(jwks: keySet(old, kid: "2025"))
        return TrustedKeys(keys)
    }

    @Test("after a refresh the new key verifies and the old one no longer does; options carry over")
    func refresh() throws {
        let trusted = try Self.start()
        let before = Self.token(Self.old, kid: "2025")
        let after = Self.token(Self.new, kid: "2026")
        #expect(try trusted.keys.verify(before).claims.subject == "alice")
        #expect(throws: JWTError.keyNotFound) { try trusted.keys.verify(after) }

        try trusted.replace(withKeySet: Self.keySet(Self.new, kid: "2026"))
        #expect(try trusted.keys.verify(after).claims.subject == "alice")
        #expect(throws: JWTError.keyNotFound) { try trusted.keys.verify(before) }
        // The fixed test clock came along: at the real time these tokens would be expired.
        #expect(trusted.keys.options.clock.now() == TestTokens.now)
    }

    @Test("a refresh keeps the collection's key policy, not only its options")
    func refreshKeepsKeyPolicy() throws {
        // A service stricter (or, for a legacy peer, laxer) than the default must not fall back to
        // the default at its first refresh.
        let policy = KeyPolicy(minimumRSABits: 3072)
        var keys = JWTKeyCollection(keyPolicy: policy, options: TestTokens.fixedOptions())
        _ = try keys.add(jwks: Self.keySet(Self.old, kid: "2025"))
        let trusted = TrustedKeys(keys)
        try trusted.replace(withKeySet: Self.keySet(Self.new, kid: "2026"))
        #expect(trusted.keys.keyPolicy == policy)
    }

    @Test("replaceKeys(jwks:) swaps every key, keeps policy and options, and is all or nothing")
    func replaceKeysDirectly() throws {
        let policy = KeyPolicy(minimumRSABits: 3072)
        var options = TestTokens.fixedOptions()
        options.issuers = ["https://auth.example.com"]
        var keys = JWTKeyCollection(keyPolicy: policy, options: options)
        _ = try keys.add(jwks: Self.keySet(Self.old, kid: "2025"))
        try keys.add(CryptoKey(HMACKey(randomByteCount: 32)), keyID: "local")
        let skipped = try keys.replaceKeys(jwks: String(decoding: Self.keySet(Self.new, kid: "2026"), as: UTF8.self))
        #expect(skipped.isEmpty)
        #expect(keys.keyIDs == ["2026"])  // the local secret went too, as documented
        #expect(keys.keyPolicy == policy)
        #expect(keys.options.issuers == ["https://auth.example.com"])
        // The issuer check came along: the new key's token without iss is refused for it.
        #expect(throws: JWTError.invalidIssuer) { try keys.verify(Self.token(Self.new, kid: "2026")) }
        let before = keys
        #expect(throws: JWTError.invalidKeySet) { try keys.replaceKeys(jwks: Array(#"{"keys":[]}"#.utf8)) }
        #expect(keys.keyIDs == before.keyIDs)

        // Members the set cannot use are skipped and returned, as add(jwks:) returns them.
        let newMember = JSONValue.object(JWK(key: CryptoKey(Self.new.publicKey), keyID: "2027").publicJSON)
        let unknown: JSONValue = .object(["kty": .string("XYZ"), "kid": .string("later")])
        let mixed = JSONValue.object(["keys": .array([newMember, unknown])]).serializedString()
        let skippedNow = try keys.replaceKeys(jwks: mixed)
        #expect(skippedNow.map(\.index) == [1])
        #expect(skippedNow.map(\.keyID) == ["later"])
        #expect(keys.keyIDs == ["2027"])
    }

    @Test("a refused key set leaves the old keys in place")
    func refusedSet() throws {
        let trusted = try Self.start()
        #expect(throws: JWTError.invalidKeySet) { try trusted.replace(withKeySet: Array(#"{"keys":[]}"#.utf8)) }
        #expect(try trusted.keys.verify(Self.token(Self.old, kid: "2025")).claims.subject == "alice")
    }

    @Test("verifications running on other threads during refreshes each see one whole key set")
    func concurrentRefresh() throws {
        let trusted = try Self.start()
        let tokens = [Self.token(Self.old, kid: "2025"), Self.token(Self.new, kid: "2026")]
        let sets = [Self.keySet(Self.old, kid: "2025"), Self.keySet(Self.new, kid: "2026")]
        let unexpected = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for round in 0..<300 {
                if worker == 0 {
                    try? trusted.replace(withKeySet: sets[round % 2])
                    continue
                }
                // One snapshot: exactly one of the two tokens verifies under it.
                let keys = trusted.keys
                let passed = tokens.filter { (try? keys.verify($0)) != nil }.count
                if passed != 1 { unexpected.add(1, ordering: .relaxed) }
            }
        }
        #expect(unexpected.load(ordering: .relaxed) == 0)
    }
}
