public import CryptoPrimitives
internal import StrictJSON

extension BankFrick {
    /// Signs request bodies with the client's RSA private key (or, on the bank's side, responses).
    public struct Signer: Sendable {
        /// The RSA private key.
        public let privateKey: RSA.PrivateKey

        /// Checks the key against `policy` once, here, as ``Verifier`` does: signatures from a key
        /// the bank's verifier would refuse are never made.
        ///
        /// - Throws: `weak_key` if the key breaks the policy (by default, under 2048 bits).
        public init(privateKey: RSA.PrivateKey, policy: KeyPolicy = .default) throws(RequestSigningError) {
            do {
                try CryptoKey(privateKey.publicKey).checkPolicy(policy, for: .rs512)
            } catch {
                throw RequestSigningError(.weakKey, error.reason)
            }
            self.privateKey = privateKey
        }

        /// From a PEM private key: PKCS#8 (`PRIVATE KEY`) or PKCS#1 (`RSA PRIVATE KEY`).
        ///
        /// - Throws: `invalid_key` for unreadable PEM or a key that is not an RSA private key,
        ///   `weak_key` as in ``init(privateKey:policy:)``.
        public init(pemRepresentation: String, policy: KeyPolicy = .default) throws(RequestSigningError) {
            try self.init(privateKey: BankFrick.rsaPrivateKey(pemRepresentation: pemRepresentation), policy: policy)
        }

        /// The `Signature` and `algorithm` headers for `body`, the exact octets that will be sent
        /// (empty for a bodyless request).
        ///
        /// - Throws: `unsupported_algorithm` for an algorithm outside ``SignatureAlgorithm/supported``,
        ///   `weak_key` for a key too small to hold that hash's PKCS#1 v1.5 encoding (possible only
        ///   under a policy that admits keys below 745 bits), `signing_failed` if the RSA library fails.
        public func signatureHeaders(
            for body: some Collection<UInt8>,
            algorithm: SignatureAlgorithm = .default
        ) throws(RequestSigningError) -> SignatureHeaders {
            guard let digest = algorithm.digest else {
                throw RequestSigningError(
                    .unsupportedAlgorithm,
                    "unsupported algorithm \(PrintableText.quoted(algorithm.rawValue))"
                )
            }
            do {
                let signature = try privateKey.signature(for: body, digest: digest, padding: .pkcs1v15)
                return SignatureHeaders(signature: signature, algorithm: algorithm)
            } catch {
                // A key too small for the hash's encoding (RSA checks the RFC 8017 bound) is the key's fault.
                throw RequestSigningError(
                    error.code == .weakKey ? .weakKey : .signingFailed,
                    "\(algorithm.rawValue): \(error.reason)"
                )
            }
        }

        /// Signs `body` and keeps it together with its headers.
        public func sign(
            body: some Collection<UInt8>,
            algorithm: SignatureAlgorithm = .default
        ) throws(RequestSigningError) -> SignedBody {
            let bytes = Array(body)
            return SignedBody(body: bytes, headers: try signatureHeaders(for: bytes, algorithm: algorithm))
        }

        /// Encodes `value` as compact JSON once and signs those bytes; send ``SignedBody/body`` as is.
        ///
        /// Members appear in the order `value` encodes them; absent optionals are left out.
        /// - Throws: `encoding_failed` if `value` cannot be encoded (for example a non-finite number),
        ///   and what ``signatureHeaders(for:algorithm:)`` throws.
        public func sign<Body: Encodable>(
            json value: Body,
            algorithm: SignatureAlgorithm = .default
        ) throws(RequestSigningError) -> SignedBody {
            let body: [UInt8]
            do {
                body = try JSONValueEncoder().encode(value).serialized()
            } catch {
                throw RequestSigningError(.encodingFailed, "cannot encode the body as JSON: \(error)")
            }
            var signed = try sign(body: body, algorithm: algorithm)
            signed.contentType = "application/json"
            return signed
        }
    }

    /// A body and the headers that sign it: send exactly ``body`` with ``headers``.
    ///
    /// Printed (`description`, `debugDescription`, `dump`), it shows the body's length, never its
    /// bytes: an authorize request's body holds the API key and password.
    public struct SignedBody: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
        CustomReflectable
    {
        /// The exact octets signed.
        public var body: [UInt8]
        /// `Signature` and `algorithm`.
        public var headers: SignatureHeaders
        /// `application/json` for bodies made by ``Signer/sign(json:algorithm:)``, otherwise `nil`.
        public var contentType: String?

        /// A body with its headers, taken as given (nothing is signed or checked here).
        public init(body: [UInt8], headers: SignatureHeaders, contentType: String? = nil) {
            self.body = body
            self.headers = headers
            self.contentType = contentType
        }

        /// The header fields to send: `Content-Type` (when known), `Signature`, `algorithm`.
        public var fields: [(name: String, value: String)] {
            (contentType.map { [("Content-Type", $0)] } ?? []) + headers.fields
        }

        /// `SignedBody(body: 93 bytes, algorithm: rsa-sha512, contentType: application/json)`.
        public var description: String {
            "SignedBody(body: \(body.count) bytes, algorithm: \(headers.algorithm.rawValue), "
                + "contentType: \(contentType ?? "nil"))"
        }

        /// Same as ``description``.
        public var debugDescription: String { description }

        /// The body's length instead of its bytes, so `dump` shows no credential.
        public var customMirror: Mirror {
            Mirror(
                self,
                children: ["bodyByteCount": body.count, "headers": headers, "contentType": contentType as Any],
                displayStyle: .struct
            )
        }
    }
}
