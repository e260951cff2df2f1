internal import CryptoPrimitives
internal import StrictJSON

extension FIB {
    /// The body of `POST /auth/api/v1/authentication-management/session`.
    ///
    /// Encodes as `{"email":…,"signature":…,"authPublicKeyHex":…}` in that order.
    ///
    /// On a server, read a received body with ``init(jsonBody:)``, not a general-purpose JSON
    /// decoder: the proof covers the e-mail's exact bytes, and a lenient decoder (duplicate
    /// members, first or last one wins) lets two readers of one body see different e-mails. Then
    /// check it with ``isValid(registeredKey:accepting:)`` against the key on file for the e-mail:
    /// the body carries its own public key, and a proof under that key alone proves nothing.
    ///
    /// The proof is the same bytes at every login (Ed25519 is deterministic and nothing else is
    /// signed): whoever sees one request can send it again. It is a bearer credential, to be kept
    /// as secret as a password; nothing in the request lets a server tell a replay apart.
    ///
    /// Equality and hashing compare the members' UTF-8 bytes, as the proof does, not Swift's
    /// canonical equivalence: "josé" with a composed and with a decomposed "é" are two requests,
    /// of which at most one verifies.
    public struct SessionRequest: Codable, Hashable, Sendable {
        /// The largest body ``init(jsonBody:)`` reads (64 KiB).
        public static let maximumBodyBytes = 64 * 1024
        /// The user's e-mail address, exactly as signed.
        public var email: String
        /// The e-mail proof as 128 lowercase hex digits.
        public var signature: String
        /// The "Authorization" public key as 64 lowercase hex digits.
        public var authPublicKeyHex: String

        /// A request from its three members, taken as given: nothing is checked until
        /// ``verifiedDigest(registeredKey:accepting:)`` or ``isValid(registeredKey:accepting:)``.
        /// ``AuthorizationPrivateKey/sessionRequest(email:digest:)`` makes a signed one.
        public init(email: String, signature: String, authPublicKeyHex: String) {
            self.email = email
            self.signature = signature
            self.authPublicKeyHex = authPublicKeyHex
        }

        /// Reads a received body strictly: one JSON object (UTF-8, no duplicate members, nesting
        /// at most 8 deep, at most ``maximumBodyBytes``) whose `email`, `signature` and
        /// `authPublicKeyHex` are strings. Other members are ignored. The proof is not checked
        /// here; call ``isValid(registeredKey:accepting:)``.
        ///
        /// - Throws: `malformed_body`.
        public init(jsonBody: some Collection<UInt8>) throws(RequestSigningError) {
            guard jsonBody.count <= Self.maximumBodyBytes else {
                throw RequestSigningError(.malformedBody, "the body is over \(Self.maximumBodyBytes) bytes")
            }
            let object: JSONObject
            do {
                guard case .object(let parsed) = try JSONParser(options: .init(maxDepth: 8)).parse(Array(jsonBody))
                else {
                    throw RequestSigningError(.malformedBody, "the body is not a JSON object")
                }
                object = parsed
            } catch let error as RequestSigningError {
                throw error
            } catch {
                // The parser's message can quote a member name of the body (up to 64 characters, each
                // of any length, non-ASCII kept): clipped to printable ASCII like any received text.
                throw RequestSigningError(
                    .malformedBody,
                    "the body is not strict JSON: \(PrintableText.clipped("\(error)", limit: 160))"
                )
            }
            func member(_ name: String) throws(RequestSigningError) -> String {
                guard let value = object[name] else {
                    throw RequestSigningError(.malformedBody, "the body has no \(name)")
                }
                guard case .string(let text) = value else {
                    throw RequestSigningError(.malformedBody, "\(name) must be a JSON string")
                }
                return text
            }
            self.init(
                email: try member("email"),
                signature: try member("signature"),
                authPublicKeyHex: try member("authPublicKeyHex")
            )
        }

        private enum CodingKeys: String, CodingKey {
            case email, signature, authPublicKeyHex
        }

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.email.utf8.elementsEqual(rhs.email.utf8) && lhs.signature.utf8.elementsEqual(rhs.signature.utf8)
                && lhs.authPublicKeyHex.utf8.elementsEqual(rhs.authPublicKeyHex.utf8)
        }

        public func hash(into hasher: inout Hasher) {
            for text in [email, signature, authPublicKeyHex] {
                hasher.combine(text.utf8.count)
                for byte in text.utf8 { hasher.combine(byte) }
            }
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

        /// Checks the proof as a server would: that `email` is signed by the user's registered
        /// "Authorization" key, and that `authPublicKeyHex` names that key.
        ///
        /// The request carries its own public key, so a proof that verifies under
        /// `authPublicKeyHex` alone shows nothing about who sent it: anyone can make a key pair and
        /// sign any e-mail. `registeredKey` is the key the server has on file for `email` (looked up
        /// however the server matches e-mail addresses); the proof must verify under it, and
        /// `authPublicKeyHex` must be that key (in any form ``AuthorizationPublicKey/init(hex:)``
        /// reads: either case, with or without `ed0120`). The signature is checked whatever key
        /// `authPublicKeyHex` names, so the time taken does not depend on it.
        ///
        /// - Returns: the digest variant the signature covers, or `nil` if `authPublicKeyHex` is
        ///   another key or the signature verifies under none of the accepted variants.
        /// - Throws: `invalid_key` / `weak_key` for an unusable `authPublicKeyHex`,
        ///   `malformed_signature` for a `signature` that is not 128 hex digits.
        public func verifiedDigest(
            registeredKey: AuthorizationPublicKey,
            accepting accepted: AcceptedEmailDigests = .either
        ) throws(RequestSigningError) -> EmailDigest? {
            let sent = try AuthorizationPublicKey(hex: authPublicKeyHex)
            let proof = try EmailSignature(hex: signature)
            // The proof first, whatever key the body names: a server checks an unknown e-mail against
            // a decoy key that no body names, and a comparison that returned early made a body naming
            // the key on file an Ed25519 check slower, so the reply time told which e-mails are on file.
            let digest = registeredKey.matchingDigest(of: proof, forEmail: email, accepting: accepted)
            return sent == registeredKey ? digest : nil
        }

        /// Whether `email` is signed by `registeredKey` and `authPublicKeyHex` is that key; see
        /// ``verifiedDigest(registeredKey:accepting:)``.
        public func isValid(
            registeredKey: AuthorizationPublicKey,
            accepting accepted: AcceptedEmailDigests = .either
        ) throws(RequestSigningError) -> Bool {
            try verifiedDigest(registeredKey: registeredKey, accepting: accepted) != nil
        }

        /// Checks only that the proof verifies under the key the request itself carries: a client's
        /// check of a request it built, or a server's cheap refusal of garbage before it looks the
        /// user up.
        ///
        /// **Not a login check**: anyone can make a key pair and sign any e-mail with it, so this
        /// answers for a request forged for any user. A server uses
        /// ``verifiedDigest(registeredKey:accepting:)`` with the key on file for `email`. (Named
        /// apart from that check so that one cannot be mistaken for the other.)
        ///
        /// - Returns: the digest variant the signature covers, or `nil` if it verifies under none of
        ///   the accepted ones.
        /// - Throws: `invalid_key` / `weak_key` for an unusable `authPublicKeyHex`,
        ///   `malformed_signature` for a `signature` that is not 128 hex digits.
        public func selfConsistentDigest(
            accepting accepted: AcceptedEmailDigests = .either
        ) throws(RequestSigningError)
            -> EmailDigest?
        {
            let key = try AuthorizationPublicKey(hex: authPublicKeyHex)
            let proof = try EmailSignature(hex: signature)
            return key.matchingDigest(of: proof, forEmail: email, accepting: accepted)
        }

        /// Whether the proof verifies under the request's own `authPublicKeyHex`: **not a login
        /// check**, see ``selfConsistentDigest(accepting:)``; a server uses
        /// ``isValid(registeredKey:accepting:)``.
        public func isSelfConsistent(
            accepting accepted: AcceptedEmailDigests = .either
        ) throws(RequestSigningError)
            -> Bool
        {
            try selfConsistentDigest(accepting: accepted) != nil
        }
    }
}
