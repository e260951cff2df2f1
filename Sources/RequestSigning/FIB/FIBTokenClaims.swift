public import JSONWebToken
internal import StrictJSON

extension FIB {
    /// The claims of the session's access token (EdDSA JWT): `acc`, `sub`, `role`, `exp`, `jti`.
    ///
    /// Its rule (``validate(_:)``) refuses a token with `acjti`, wherever it is verified into this
    /// type: both tokens are signed by the same key with the same header, and a refresh token has
    /// every member this type requires, so `acjti`, which only a refresh token carries, is what
    /// tells them apart.
    public struct AccessTokenClaims: Codable, Hashable, Sendable, JWTClaimsValidating {
        /// `acc`: the account name (`alice@wonderland`).
        public var account: String?
        /// `sub`: the user's e-mail address.
        public var subject: String
        /// `role`: the user's role (`ROLE_PEER`).
        public var role: String?
        /// `exp`: when the token expires.
        public var expiration: ExpirationClaim
        /// `jti`: the token's ID, which the refresh token names in `acjti`.
        public var id: String?

        /// Claims with every member given; `nil` ones are left out of the encoded JSON.
        public init(account: String?, subject: String, role: String?, expiration: ExpirationClaim, id: String?) {
            self.account = account
            self.subject = subject
            self.role = role
            self.expiration = expiration
            self.id = id
        }

        /// Refuses a refresh token (one with `acjti`), which is valid a day longer than an access
        /// token, as the bearer token.
        public func validate(_ context: JWTValidationContext) throws {
            guard context.payload["acjti"] == nil else {
                throw JWTError(.invalidClaim, "the token has acjti: it is a refresh token, not an access token")
            }
        }

        private enum CodingKeys: String, CodingKey {
            case account = "acc"
            case subject = "sub"
            case role
            case expiration = "exp"
            case id = "jti"
        }
    }

    /// The claims of the session's refresh token (EdDSA JWT): `sub`, `acjti`, `exp`, `jti`.
    ///
    /// Its rule (``validate(_:)``) refuses a token without `acjti` (an access token), wherever it is
    /// verified into this type.
    public struct RefreshTokenClaims: Codable, Hashable, Sendable, JWTClaimsValidating {
        /// `sub`: the user's e-mail address.
        public var subject: String
        /// `acjti`: the `jti` of the access token issued with this refresh token.
        public var accessTokenID: String?
        /// `exp`: when the token expires.
        public var expiration: ExpirationClaim
        /// `jti`: the token's ID.
        public var id: String?

        /// Claims with every member given; `nil` ones are left out of the encoded JSON.
        public init(subject: String, accessTokenID: String?, expiration: ExpirationClaim, id: String?) {
            self.subject = subject
            self.accessTokenID = accessTokenID
            self.expiration = expiration
            self.id = id
        }

        /// Refuses an access token (one without `acjti`).
        public func validate(_ context: JWTValidationContext) throws {
            guard accessTokenID != nil else {
                throw JWTError(.invalidClaim, "the token has no acjti: it is an access token, not a refresh token")
            }
        }

        private enum CodingKeys: String, CodingKey {
            case subject = "sub"
            case accessTokenID = "acjti"
            case expiration = "exp"
            case id = "jti"
        }
    }
}
