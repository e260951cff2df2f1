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

    init(registeredClaims claims: JWTClaims) {
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

    init(_ value: VerifiedJWT<Claims>) {
        self.value = value
        super.init(registeredClaims: value.registeredClaims)
    }
}
