internal import StrictJSON

extension FIB {
    /// The body of `POST /auth/api/v1/authentication-management/session`.
    ///
    /// Encodes as `{"email":…,"signature":…,"authPublicKeyHex":…}` in that order.
    public struct SessionRequest: Codable, Hashable, Sendable {
        /// The user's e-mail address, exactly as signed.
        public var email: String
        /// The e-mail proof as 128 lowercase hex digits.
        public var signature: String
        /// The "Authorization" public key as 64 lowercase hex digits.
        public var authPublicKeyHex: String

        public init(email: String, signature: String, authPublicKeyHex: String) {
            self.email = email
            self.signature = signature
            self.authPublicKeyHex = authPublicKeyHex
        }

        private enum CodingKeys: String, CodingKey {
            case email, signature, authPublicKeyHex
        }

        /// The compact JSON body to send (UTF-8).
        public func jsonBody() -> [UInt8] {
            let object: JSONObject = [
                "email": .string(email),
                "signature": .string(signature),
                "authPublicKeyHex": .string(authPublicKeyHex),
            ]
            return JSONValue.object(object).serialized()
        }

        /// Checks the proof as a server would: parses the key and signature, then verifies.
        ///
        /// - Returns: the digest variant the signature covers, or `nil` if it verifies under none of
        ///   the accepted ones.
        /// - Throws: `invalid_key` / `weak_key` for an unusable `authPublicKeyHex`,
        ///   `malformed_signature` for a `signature` that is not 128 hex digits.
        public func verifiedDigest(
            accepting accepted: AcceptedEmailDigests = .either
        ) throws(RequestSigningError)
            -> EmailDigest?
        {
            let key = try AuthorizationPublicKey(hex: authPublicKeyHex)
            let proof = try EmailSignature(hex: signature)
            return key.matchingDigest(of: proof, forEmail: email, accepting: accepted)
        }

        /// Whether the proof verifies; see ``verifiedDigest(accepting:)`` for what throws.
        public func isValid(accepting accepted: AcceptedEmailDigests = .either) throws(RequestSigningError) -> Bool {
            try verifiedDigest(accepting: accepted) != nil
        }
    }
}
