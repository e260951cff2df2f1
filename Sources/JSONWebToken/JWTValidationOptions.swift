public import CryptoPrimitives

/// What a token must satisfy beyond a good signature, and the limits applied while reading it.
///
/// Defaults are strict where strictness costs nothing: 64 KiB tokens, header depth 32, no leeway.
/// Issuer, audience, type, required claims and maximum age are checked only when set.
public struct JWTValidationOptions: Sendable {
    /// Longest accepted token in bytes; checked before any decoding. Default 65 536.
    public var maxTokenBytes: Int = 64 * 1024
    /// Deepest JSON nesting accepted in the header. Default 32.
    public var maxHeaderDepth: Int = 32
    /// Deepest JSON nesting accepted in the claims. Default 32.
    public var maxClaimsDepth: Int = 32
    /// If set, only these algorithms are accepted, on top of what each key allows.
    public var allowedAlgorithms: Set<SignatureAlgorithm>?
    /// How many keys a token without a usable `kid` may be tried against. Default 4.
    public var maxKeyAttempts: Int = 4
    /// Seconds of tolerated clock skew for `exp`, `nbf`, `iat` and maximum age. Default 0.
    public var leeway: Double = 0
    /// The source of "now".
    public var clock: JWTClock = .system
    /// Accepted issuers (`iss` must be one of them); empty means not checked.
    public var issuers: Set<String> = []
    /// Accepted audiences (`aud` must name at least one); empty means not checked.
    public var audiences: Set<String> = []
    /// Expected `typ` header, compared case-insensitively with an optional `application/` prefix.
    public var type: String?
    /// Claims that must be present (any value).
    public var requiredClaims: [String] = []
    /// Maximum seconds since `iat` (which then becomes required).
    public var maxAge: Double?

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
        self.maxTokenBytes = maxTokenBytes
        self.allowedAlgorithms = allowedAlgorithms
        self.leeway = leeway
        self.clock = clock
        self.issuers = issuers
        self.audiences = audiences
        self.type = type
        self.requiredClaims = requiredClaims
        self.maxAge = maxAge
    }

    /// Convenience for a single expected issuer.
    public var issuer: String? {
        get { issuers.count == 1 ? issuers.first : nil }
        set { issuers = newValue.map { [$0] } ?? [] }
    }
}
