import CryptoPrimitives
import JSONWebToken
import VerifyKitTestSupport

/// Ed25519 keys and tokens for the cache and batch suites (independent of the other suites' helpers).
enum CacheTestSupport {
    /// 2023-11-14T22:13:20Z, the tests' "now".
    static let now: Double = 1_700_000_000

    static let signingKey = try! Ed25519.PrivateKey(seed: [UInt8](repeating: 0x11, count: 32))
    static let otherKey = try! Ed25519.PrivateKey(seed: [UInt8](repeating: 0x22, count: 32))

    /// A collection trusting `key`'s public half.
    static func keys(_ key: Ed25519.PrivateKey = signingKey) -> JWTKeyCollection {
        var keys = JWTKeyCollection()
        try! keys.add(CryptoKey(key.publicKey))
        return keys
    }

    /// An EdDSA token for `subject`, valid from `now - 60` to `expiresAt`.
    static func token(subject: String, expiresAt: Double = now + 3600, key: Ed25519.PrivateKey = signingKey) -> String {
        let claims = JWTClaims(
            subject: SubjectClaim(value: subject),
            expiration: ExpirationClaim(value: expiresAt),
            issuedAt: IssuedAtClaim(value: now - 60)
        )
        return try! JWTSigner.sign(claims, key: CryptoKey(key), algorithm: .eddsa)
    }

    /// `token` with one signature character changed (still valid base64url).
    static func tampered(_ token: String) -> String { TamperedToken.signatureChanged(token) }
}

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let seconds: LockedValue<Double>

    init(_ start: Double) { seconds = LockedValue(start) }

    func advance(by delta: Double) { seconds.withLock { $0 += delta } }

    var clock: JWTClock { JWTClock { [self] in seconds.withLock { $0 } } }

    func options() -> JWTValidationOptions { JWTValidationOptions(clock: clock) }
}
