public import JSONWebToken

extension FIB {
    /// The claims of the session's access token (EdDSA JWT): `acc`, `sub`, `role`, `exp`, `jti`.
    public struct AccessTokenClaims: Codable, Hashable, Sendable {
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

        private enum CodingKeys: String, CodingKey {
            case account = "acc"
            case subject = "sub"
            case role
            case expiration = "exp"
            case id = "jti"
        }
    }

    /// The claims of the session's refresh token (EdDSA JWT): `sub`, `acjti`, `exp`, `jti`.
    public struct RefreshTokenClaims: Codable, Hashable, Sendable {
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

        private enum CodingKeys: String, CodingKey {
            case subject = "sub"
            case accessTokenID = "acjti"
            case expiration = "exp"
            case id = "jti"
        }
    }
}
