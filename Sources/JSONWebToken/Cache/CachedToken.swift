/// A cached verification, seen by the cache without its claims type. Subclassed by ``CachedToken``
/// with the typed result.
///
/// The time-based claims are copied out as plain numbers when the entry is made, so a hit re-checks
/// them without touching JSON, strings or the claims struct.
///
/// `@unchecked Sendable`: immutable after init; subclasses add only immutable `Sendable` state.
@usableFromInline
class CachedTokenBase: @unchecked Sendable {
    let expiration: Double?
    let notBefore: Double?
    let issuedAt: Double?
    /// False when the token has none of `exp`, `nbf`, `iat`: a hit then needs no clock reading.
    let hasTimeClaims: Bool
    /// The clock, leeway and maximum age of the options this token was verified with.
    let timeRules: CacheTimeRules
    /// The claims, when their type has rules of its own (``JWTClaimsValidating``), which a hit runs
    /// again; found once, when the entry is made, so a hit makes no conformance test.
    let claimsRules: (any JWTClaimsValidating)?
    /// `claimsRules != nil`, tested first on a hit: reading the optional existential itself copied
    /// it out (a retain and an outlined copy, ~150 instructions per hit) even when it was `nil`.
    let hasClaimsRules: Bool
    /// The verification's facts, for the rules' context.
    let parts: JWTKeyCollection.VerifiedParts

    init(
        registeredClaims claims: JWTClaims,
        claimsRules: (any JWTClaimsValidating)?,
        parts: JWTKeyCollection.VerifiedParts,
        timeRules: CacheTimeRules
    ) {
        self.timeRules = timeRules
        self.claimsRules = claimsRules
        self.hasClaimsRules = claimsRules != nil
        self.parts = parts
        expiration = claims.expiration?.value
        notBefore = claims.notBefore?.value
        issuedAt = claims.issuedAt?.value
        hasTimeClaims = expiration != nil || notBefore != nil || issuedAt != nil
    }
}

/// The typed result of a cached verification.
@usableFromInline
final class CachedToken<Claims: Sendable>: CachedTokenBase, @unchecked Sendable {
    @usableFromInline
    let value: VerifiedJWT<Claims>

    init(_ value: VerifiedJWT<Claims>, timeRules: CacheTimeRules) {
        self.value = value
        super.init(
            registeredClaims: value.registeredClaims,
            // JWTClaims has no rules on any path (a conformance added to it elsewhere is ignored,
            // as full verification ignores it), so a hit answers as a miss does.
            claimsRules: Claims.self == JWTClaims.self ? nil : value.claims as? any JWTClaimsValidating,
            parts: value.parts,
            timeRules: timeRules
        )
    }
}

/// What a cache hit needs from the options to re-check time-based claims, made once per set of
/// options and shared by every entry verified with them.
final class CacheTimeRules: Sendable {
    let clock: JWTClock
    let leeway: Double
    let maxAge: Double?

    init(_ options: JWTValidationOptions) {
        clock = options.clock
        leeway = options.leeway
        maxAge = options.maxAge
    }
}
