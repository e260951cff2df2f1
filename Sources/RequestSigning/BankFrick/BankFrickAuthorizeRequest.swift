extension BankFrick {
    /// The body of `POST /v2/authorize`: log in with an API key to receive a JWT.
    ///
    /// Encodes as `{"key":…,"password":…,"validUntil":"YYYY-MM-DD"}` in that order, leaving out
    /// absent optional members.
    public struct AuthorizeRequest: Codable, Hashable, Sendable {
        /// The API key generated in the online banking "Manage API-Keys" dialog.
        public var key: String
        /// The optional password.
        public var password: String?
        /// The optional last day the JWT is valid.
        public var validUntil: CalendarDate?

        /// The body for `key`; `password` and `validUntil` are left out of the JSON when `nil`.
        public init(key: String, password: String? = nil, validUntil: CalendarDate? = nil) {
            self.key = key
            self.password = password
            self.validUntil = validUntil
        }

        private enum CodingKeys: String, CodingKey {
            case key, password, validUntil
        }
    }

    /// The body of a successful authorize response: `{"token": …}`, a JWT signed RS512 by the bank.
    public struct AuthorizeResponse: Codable, Hashable, Sendable {
        /// The JWT to send as a bearer token to privileged WebAPI resources.
        public var token: String

        /// A response carrying `token` as is; verify the JWT with ``TokenVerifier`` before trusting it.
        public init(token: String) { self.token = token }
    }
}
