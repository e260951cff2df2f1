extension FIB {
    /// The response envelope of the session request:
    /// `{"status":{"code","name","message"},"data":{"accessToken","refreshToken","expirationTime"}}`.
    ///
    /// `data` is absent when authorization fails; `status` then says why.
    public struct SessionResponse: Codable, Hashable, Sendable {
        /// The outcome.
        public struct Status: Codable, Hashable, Sendable {
            /// The HTTP-like status code (`200` on success).
            public var code: Int32
            /// The status name (`"OK"`).
            public var name: String
            /// A human-readable message, when present.
            public var message: String?

            /// A status; `message` is left out of the JSON when `nil`.
            public init(code: Int32, name: String, message: String? = nil) {
                self.code = code
                self.name = name
                self.message = message
            }
        }

        /// The session's tokens.
        public struct Tokens: Codable, Hashable, Sendable {
            /// The access token (a JWT, EdDSA), sent later as a bearer token.
            public var accessToken: String
            /// The refresh token (a JWT, EdDSA).
            public var refreshToken: String
            /// The lifetime the server reports, in seconds (an `int64`; the documentation calls it
            /// a Unix time but its example is `300`).
            public var expirationTime: Int64

            /// The tokens as given: neither JWT is verified here.
            public init(accessToken: String, refreshToken: String, expirationTime: Int64) {
                self.accessToken = accessToken
                self.refreshToken = refreshToken
                self.expirationTime = expirationTime
            }
        }

        /// Whether the request succeeded, and why not when it did not.
        public var status: Status
        /// The session's tokens; `nil` when authorization failed.
        public var data: Tokens?

        /// A response; `data` is `nil` (and left out of the JSON) when authorization failed.
        public init(status: Status, data: Tokens?) {
            self.status = status
            self.data = data
        }
    }
}
