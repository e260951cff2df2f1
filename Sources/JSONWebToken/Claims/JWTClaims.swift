/// The registered claims of RFC 7519 §4.1, all optional.
///
/// Use it directly when you need nothing else, or embed it next to your own claims: the verifier
/// always fills ``VerifiedJWT/registeredClaims`` from the payload, so a custom claims type need not
/// repeat these members.
public struct JWTClaims: Codable, Hashable, Sendable {
    /// `iss`: who issued the token.
    public var issuer: IssuerClaim?
    /// `sub`: whom the token is about.
    public var subject: SubjectClaim?
    /// `aud`: the recipients the token is meant for.
    public var audience: AudienceClaim?
    /// `exp`: the time from which the token is refused.
    public var expiration: ExpirationClaim?
    /// `nbf`: the time before which the token is refused.
    public var notBefore: NotBeforeClaim?
    /// `iat`: when the token was issued.
    public var issuedAt: IssuedAtClaim?
    /// `jti`: the token's unique identifier.
    public var id: IDClaim?

    /// Claims with the given members; `nil` members are left out of the encoded JSON.
    public init(
        issuer: IssuerClaim? = nil,
        subject: SubjectClaim? = nil,
        audience: AudienceClaim? = nil,
        expiration: ExpirationClaim? = nil,
        notBefore: NotBeforeClaim? = nil,
        issuedAt: IssuedAtClaim? = nil,
        id: IDClaim? = nil
    ) {
        self.issuer = issuer
        self.subject = subject
        self.audience = audience
        self.expiration = expiration
        self.notBefore = notBefore
        self.issuedAt = issuedAt
        self.id = id
    }

    enum CodingKeys: String, CodingKey {
        case issuer = "iss"
        case subject = "sub"
        case audience = "aud"
        case expiration = "exp"
        case notBefore = "nbf"
        case issuedAt = "iat"
        case id = "jti"
    }
}
