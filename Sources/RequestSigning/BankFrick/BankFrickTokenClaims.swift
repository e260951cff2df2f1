public import JSONWebToken

extension BankFrick {
    /// The claims of the JWT returned by `POST /v2/authorize` (RS512):
    /// `iss`, `sub`, `contact`, `name`, `permissions`, `aud`, `exp`, `iat`.
    public struct TokenClaims: Codable, Hashable, Sendable {
        /// `iss`: `Bank Frick WebAPI`.
        public var issuer: String?
        /// `sub`: the API key's name (`Tagesabschluss`).
        public var subject: String?
        /// `contact`: the user's contact number.
        public var contact: String?
        /// `name`: the user's name.
        public var name: String?
        /// `permissions`: what the token may access (`accounts`, `transactions`, `camt052`, `camt053`).
        public var permissions: [String]
        /// `aud`: the system (`production`).
        public var audience: AudienceClaim?
        /// `exp`: when the token expires.
        public var expiration: ExpirationClaim
        /// `iat`: when the token was issued.
        public var issuedAt: IssuedAtClaim?

        /// Claims with every member given; `nil` ones are left out of the encoded JSON. (Decoding
        /// requires `permissions` and `exp`.)
        public init(
            issuer: String?,
            subject: String?,
            contact: String?,
            name: String?,
            permissions: [String],
            audience: AudienceClaim?,
            expiration: ExpirationClaim,
            issuedAt: IssuedAtClaim?
        ) {
            self.issuer = issuer
            self.subject = subject
            self.contact = contact
            self.name = name
            self.permissions = permissions
            self.audience = audience
            self.expiration = expiration
            self.issuedAt = issuedAt
        }

        private enum CodingKeys: String, CodingKey {
            case issuer = "iss"
            case subject = "sub"
            case contact
            case name
            case permissions
            case audience = "aud"
            case expiration = "exp"
            case issuedAt = "iat"
        }
    }
}
