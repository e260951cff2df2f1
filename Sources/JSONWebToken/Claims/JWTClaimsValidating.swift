/// A claims type with rules of its own (a role, a tenant, a scope), which every verification into
/// it runs after all other checks have passed: jwt-kit's `JWTPayload.verify(using:)`, synchronous.
///
/// ```swift
/// struct StaffClaims: Codable, Sendable, JWTClaimsValidating {
///     var sub: SubjectClaim
///     var exp: ExpirationClaim
///     var admin: Bool
///
///     func validate(_ context: JWTValidationContext) throws {
///         guard admin else { throw JWTError(.invalidClaim, "admin: must be true") }
///     }
/// }
///
/// let staff = try keys.verify(token, as: StaffClaims.self).claims  // admin, or it threw
/// ```
///
/// The rules run wherever a token is verified into the type: ``JWTKeyCollection/verify(_:as:options:)``
/// and its variants, ``JWTBatchVerifier``, and ``CachingJWTVerifier`` — on a cache hit too, with a
/// new clock reading, so a rule that depends on the time keeps holding. The conformance is looked
/// up when the token is verified, so a call from generic code (`func check<C: Decodable>`) runs
/// the rules as well: a rule cannot be skipped by the way the type reaches the verifier.
///
/// An Optional of a conforming type (`StaffClaims?`) runs the wrapped type's rules. ``JWTClaims``
/// itself never has rules: a conformance added to it is ignored on every path.
///
/// The rules run last, after the signature, the registered claims and the decoding into this
/// type, so `validate` only ever sees an authentic token that passed every configured check.
/// Rules that hold for every claims type (`exp`, issuers, audiences, required claims) belong in
/// ``JWTValidationOptions`` instead.
public protocol JWTClaimsValidating: Decodable {
    /// Throws when the claims break a rule of the application.
    ///
    /// Throw a ``JWTError`` to choose its code (``JWTError/Code/invalidClaim`` fits most rules;
    /// name the claim in the message). Any other error is reported as `invalid_claim` whose
    /// message is the type's name and the error's description, clipped and printable.
    ///
    /// - Parameter context: the verification's algorithm, key and time, for rules that need them.
    func validate(_ context: JWTValidationContext) throws
}
