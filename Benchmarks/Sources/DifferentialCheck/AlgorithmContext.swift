import Base64URL
import BenchmarkFixtures
import CryptoPrimitives

/// What the check compares for one algorithm: the fixture's key, a valid token's parts and the
/// constants the signature mutations need.
struct AlgorithmContext {
    enum Family { case eddsa, rsa, ecdsa, hmac }

    /// Both verifiers read time from this fixed instant (seconds since 1970).
    static let now = 1_750_000_000
    static let issuer = "https://issuer.example"
    static let audience = "api"
    static let keyID = "k1"

    let fixture: Fixture
    let family: Family
    /// The `alg` the fixture signs with (`EdDSA`, `RS256`, …).
    let alg: String
    let baseHeader: [Member]
    let basePayload: [Member]
    /// The signature of the unmutated token.
    let baseSignature: [UInt8]
    /// Public key encodings an attacker could use as an HMAC secret (algorithm confusion).
    let publicKeyForms: [(name: String, bytes: [UInt8])]
    /// RSA: the modulus, big-endian, as wide as a signature.
    let modulus: [UInt8]
    /// RSA: a `jti` whose token's signature starts with a zero byte (found once at start-up).
    let leadingZeroJTI: String?
    /// A `jti` whose token's signature segment has a `-` or `_` (for the standard-alphabet case).
    let urlSafeCharacterJTI: String

    init(_ name: String) {
        fixture = Fixture.make(name)
        alg = fixture.algorithm.rawValue
        switch fixture.peerKey {
        case .eddsa(let x):
            family = .eddsa
            let raw = try! Base64URL.decode(x)
            publicKeyForms = [("raw", raw), ("base64url", Array(x.utf8))]
            modulus = []
        case .rsa(let n, _, _):
            family = .rsa
            modulus = try! Base64URL.decode(n)
            publicKeyForms = [("modulus", modulus)]
        case .es256(let pem):
            family = .ecdsa
            publicKeyForms = [("PEM", Array(pem.utf8))]
            modulus = []
        case .hs256:
            family = .hmac
            publicKeyForms = []
            modulus = []
        }
        baseHeader = [
            Member("alg", JSONText.string(alg)), Member("typ", "\"JWT\""), Member("kid", JSONText.string(Self.keyID)),
        ]
        basePayload = Self.payload(jti: nil)
        baseSignature = try! fixture.signingKey.signature(
            for: Self.signingInput(baseHeader, basePayload),
            algorithm: fixture.algorithm
        )
        leadingZeroJTI = family == .rsa ? Self.findLeadingZeroJTI(fixture, header: baseHeader) : nil
        urlSafeCharacterJTI = Self.findURLSafeCharacterJTI(fixture, header: baseHeader)
    }

    /// The claims of a valid token: issued a minute ago, valid for an hour.
    static func payload(jti: String?) -> [Member] {
        var members = [
            Member("iss", JSONText.string(issuer)), Member("sub", "\"1234567890\""),
            Member("aud", JSONText.string(audience)), Member("name", "\"John Doe\""), Member("admin", "true"),
            Member("iat", "\(now - 60)"), Member("nbf", "\(now - 60)"), Member("exp", "\(now + 3600)"),
        ]
        if let jti { members.append(Member("jti", JSONText.string(jti))) }
        return members
    }

    /// Signs with the fixture's key and algorithm.
    func sign(_ message: [UInt8]) -> [UInt8] {
        try! fixture.signingKey.signature(for: message, algorithm: fixture.algorithm)
    }

    /// The unmutated token.
    var baseRecipe: Recipe { Recipe(header: baseHeader, payload: basePayload) }

    /// The signing input of unedited members.
    static func signingInput(_ header: [Member], _ payload: [Member]) -> [UInt8] {
        Base64URL.encodeToBytes(Recipe.render(header, modulo3: nil)) + [UInt8(ascii: ".")]
            + Base64URL.encodeToBytes(Recipe.render(payload, modulo3: nil))
    }

    /// Tries `jti` values until the signature's encoding has a `-` or `_` (most do).
    private static func findURLSafeCharacterJTI(_ fixture: Fixture, header: [Member]) -> String {
        for attempt in 0..<4096 {
            let jti = "us-\(attempt)"
            let signature = try! fixture.signingKey.signature(
                for: signingInput(header, payload(jti: jti)),
                algorithm: fixture.algorithm
            )
            if Base64URL.encode(signature).contains(where: { $0 == "-" || $0 == "_" }) { return jti }
        }
        fatalError("no signature with - or _ in 4096 tries")
    }

    /// Tries `jti` values until PKCS#1 v1.5 gives a signature with a leading zero byte (1 in 256).
    private static func findLeadingZeroJTI(_ fixture: Fixture, header: [Member]) -> String? {
        for attempt in 0..<4096 {
            let jti = "lz-\(attempt)"
            let input = signingInput(header, payload(jti: jti))
            if (try! fixture.signingKey.signature(for: input, algorithm: fixture.algorithm)).first == 0 { return jti }
        }
        return nil
    }
}
