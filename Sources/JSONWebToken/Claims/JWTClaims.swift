/// The registered claims of RFC 7519 §4.1, all optional.
///
/// Use it directly when you need nothing else, or embed it next to your own claims: the verifier
/// always fills ``VerifiedJWT/registeredClaims`` from the payload, so a custom claims type need not
/// repeat these members.
public struct JWTClaims: Codable, Hashable, Sendable {
    public var issuer: IssuerClaim?
    public var subject: SubjectClaim?
    public var audience: AudienceClaim?
    public var expiration: ExpirationClaim?
    public var notBefore: NotBeforeClaim?
    public var issuedAt: IssuedAtClaim?
    public var id: IDClaim?

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
