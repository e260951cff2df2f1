public import CryptoPrimitives

/// What a token must satisfy beyond a good signature, and the limits applied while reading it.
///
/// Defaults are strict where strictness costs nothing: 64 KiB tokens, header depth 32, no leeway.
/// Issuer, audience, type, required claims and maximum age are checked only when set.
///
/// A value type with copy-on-write storage: verification hands the options through several
/// closures per token, and copying one reference is much cheaper than retaining every set,
/// array and string in them at each step.
public struct JWTValidationOptions: Sendable {
    /// `@unchecked Sendable`: an instance is written only through the setters below, after
    /// `isKnownUniquelyReferenced` made it private to one value, so a shared one is never mutated.
    private final class Storage: @unchecked Sendable {
        var maxTokenBytes: Int = 64 * 1024
        var maxHeaderDepth: Int = 32
        var maxClaimsDepth: Int = 32
        var allowedAlgorithms: Set<SignatureAlgorithm>? = nil
        var maxKeyAttempts: Int = 4
        var leeway: Double = 0
        var clock: JWTClock = .system
        var issuers: Set<String> = []
        var audiences: Set<String> = []
        var type: String? = nil
        var requiredClaims: [String] = []
        var maxAge: Double? = nil

        init() {}

        func copy() -> Storage {
            let copy = Storage()
            copy.maxTokenBytes = maxTokenBytes
            copy.maxHeaderDepth = maxHeaderDepth
            copy.maxClaimsDepth = maxClaimsDepth
            copy.allowedAlgorithms = allowedAlgorithms
            copy.maxKeyAttempts = maxKeyAttempts
            copy.leeway = leeway
            copy.clock = clock
            copy.issuers = issuers
            copy.audiences = audiences
            copy.type = type
            copy.requiredClaims = requiredClaims
            copy.maxAge = maxAge
            return copy
        }
    }

    private var storage = Storage()

    /// The storage, copied first if another value shares it.
    private mutating func writable() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// Longest accepted token in bytes; checked before any decoding. Default 65 536.
    public var maxTokenBytes: Int {
        get { storage.maxTokenBytes }
        set { writable().maxTokenBytes = newValue }
    }
    /// Deepest JSON nesting accepted in the header. Default 32.
    public var maxHeaderDepth: Int {
        get { storage.maxHeaderDepth }
        set { writable().maxHeaderDepth = newValue }
    }
    /// Deepest JSON nesting accepted in the claims. Default 32.
    ///
    /// Raise it only as far as your claims type needs: a recursive claims type decodes with about
    /// 1 KiB of stack per level, so claims nested hundreds deep can exhaust a secondary thread's
    /// stack (see `JSONParser.Options.maximumDepthLimit`).
    public var maxClaimsDepth: Int {
        get { storage.maxClaimsDepth }
        set { writable().maxClaimsDepth = newValue }
    }
    /// If set, only these algorithms are accepted, on top of what each key allows.
    public var allowedAlgorithms: Set<SignatureAlgorithm>? {
        get { storage.allowedAlgorithms }
        set { writable().allowedAlgorithms = newValue }
    }
    /// How many keys one token may be tried against: any key for a token without `kid`; for one
    /// with a `kid`, the key carrying it and then the keys added without a `kid`. Default 4. Values
    /// below 1 count as 1: a token is always tried against at least one matching key. Keys the
    /// key policy (or their JWK `use`/`key_ops`) refuses are passed over and do not count.
    public var maxKeyAttempts: Int {
        get { storage.maxKeyAttempts }
        set { writable().maxKeyAttempts = newValue }
    }
    /// The largest ``leeway`` accepted: ten minutes, as Tink allows. Clocks of servers and devices
    /// that sync at all agree far better; a token that should live longer needs a later `exp`.
    public static let maximumLeeway: Double = 600

    /// Seconds of tolerated clock skew for `exp`, `nbf`, `iat` and maximum age. Default 0.
    ///
    /// Must be from 0 to ``maximumLeeway`` (600): otherwise every verification fails with
    /// `invalid_options`. A larger leeway is no longer clock skew but a longer token lifetime
    /// (a huge one turns the time checks off), and a NaN one would refuse every token as expired.
    public var leeway: Double {
        get { storage.leeway }
        set { writable().leeway = newValue }
    }
    /// The source of "now". A reading that is not finite fails the token with `invalid_options`.
    public var clock: JWTClock {
        get { storage.clock }
        set { writable().clock = newValue }
    }
    /// Accepted issuers (`iss` must be one of them, byte for byte); empty means not checked.
    ///
    /// A `Set<String>` keeps one of two canonically equivalent spellings (say, `é` precomposed and
    /// `e` + U+0301), since Swift's `String` equality treats them as one: list each issuer in the
    /// exact spelling its tokens use, once.
    public var issuers: Set<String> {
        get { storage.issuers }
        set { writable().issuers = newValue }
    }
    /// Accepted audiences (`aud` must name at least one, byte for byte); empty means not checked.
    /// As with ``issuers``, give each in the exact spelling tokens use.
    public var audiences: Set<String> {
        get { storage.audiences }
        set { writable().audiences = newValue }
    }
    /// Expected `typ` header, compared case-insensitively with an optional `application/` prefix.
    public var type: String? {
        get { storage.type }
        set { writable().type = newValue }
    }
    /// Claims that must be present (any value).
    public var requiredClaims: [String] {
        get { storage.requiredClaims }
        set { writable().requiredClaims = newValue }
    }
    /// Maximum seconds since `iat` (which then becomes required). Must be finite and not negative:
    /// otherwise every verification fails with `invalid_options`.
    public var maxAge: Double? {
        get { storage.maxAge }
        set { writable().maxAge = newValue }
    }

    /// Options with the given checks. The limits not taken here keep their defaults (``maxHeaderDepth``
    /// and ``maxClaimsDepth`` 32, ``maxKeyAttempts`` 4); set them through those properties.
    ///
    /// - Parameters:
    ///   - maxTokenBytes: The longest token accepted, in bytes, checked before any decoding. Default
    ///     65 536.
    ///   - allowedAlgorithms: The only algorithms accepted, on top of what each key allows. Default
    ///     `nil`: the keys alone decide.
    ///   - leeway: Seconds of clock skew tolerated by the `exp`, `nbf` and `iat` checks and by
    ///     `maxAge`, at most ``maximumLeeway``. Default 0.
    ///   - clock: Where "now" comes from, in seconds since 1970. Default ``JWTClock/system``.
    ///   - issuers: The accepted issuers; `iss` must be one of them, compared byte for byte. Default
    ///     empty: not checked.
    ///   - audiences: The accepted audiences; `aud` must name at least one of them, compared byte for
    ///     byte. Default empty: not checked.
    ///   - type: The expected `typ` header, compared case-insensitively (ASCII) with an optional
    ///     `application/` prefix. Default `nil`: not checked.
    ///   - requiredClaims: Names of claims the payload must contain, with any value. Default none.
    ///   - maxAge: The most seconds allowed since `iat`, which then becomes required. Default `nil`:
    ///     no limit.
    public init(
        maxTokenBytes: Int = 64 * 1024,
        allowedAlgorithms: Set<SignatureAlgorithm>? = nil,
        leeway: Double = 0,
        clock: JWTClock = .system,
        issuers: Set<String> = [],
        audiences: Set<String> = [],
        type: String? = nil,
        requiredClaims: [String] = [],
        maxAge: Double? = nil
    ) {
        let storage = storage
        storage.maxTokenBytes = maxTokenBytes
        storage.allowedAlgorithms = allowedAlgorithms
        storage.leeway = leeway
        storage.clock = clock
        storage.issuers = issuers
        storage.audiences = audiences
        storage.type = type
        storage.requiredClaims = requiredClaims
        storage.maxAge = maxAge
    }

    /// Convenience for a single expected issuer.
    public var issuer: String? {
        get { issuers.count == 1 ? issuers.first : nil }
        set { issuers = newValue.map { [$0] } ?? [] }
    }
}
