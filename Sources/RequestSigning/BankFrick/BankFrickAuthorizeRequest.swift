extension BankFrick {
    /// The body of `POST /v2/authorize`: log in with an API key to receive a JWT.
    ///
    /// Encodes as `{"key":…,"password":…,"validUntil":"YYYY-MM-DD"}` in that order, leaving out
    /// absent optional members.
    ///
    /// The API key and password are credentials: `description`, `debugDescription` and the mirror
    /// (`dump`, `print`) redact them.
    public struct AuthorizeRequest: Codable, Hashable, Sendable, CustomStringConvertible,
        CustomDebugStringConvertible, CustomReflectable
    {
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

        /// `AuthorizeRequest(key: <redacted>, password: <redacted>, validUntil: 2025-04-01)`;
        /// an absent password or date reads `nil`.
        public var description: String {
            "AuthorizeRequest(key: <redacted>, password: \(password == nil ? "nil" : "<redacted>"), "
                + "validUntil: \(validUntil.map(\.description) ?? "nil"))"
        }

        /// Same as ``description``.
        public var debugDescription: String { description }

        /// Only `validUntil`, so `dump` shows no credential.
        public var customMirror: Mirror {
            Mirror(self, children: ["validUntil": validUntil as Any], displayStyle: .struct)
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
