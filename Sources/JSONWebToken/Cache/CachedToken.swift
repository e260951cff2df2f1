/// A cached verification, seen by the cache without its claims type: the registered claims are
/// all a hit needs to re-check time limits. Subclassed by ``CachedToken`` with the typed result.
///
/// `@unchecked Sendable`: immutable after init; subclasses add only immutable `Sendable` state.
@usableFromInline
class CachedTokenBase: @unchecked Sendable {
    let registeredClaims: JWTClaims

    init(registeredClaims: JWTClaims) {
        self.registeredClaims = registeredClaims
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
