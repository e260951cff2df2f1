public import CryptoPrimitives

extension BankFrick {
    /// Verifies signed bodies with the signer's RSA public key (on the client, the bank's key).
    public struct Verifier: Sendable {
        /// The RSA public key.
        public let publicKey: RSA.PublicKey

        /// Checks the key against `policy` once, here (size, exponent, ROCA).
        ///
        /// - Throws: `weak_key` if the key breaks the policy.
        public init(publicKey: RSA.PublicKey, policy: KeyPolicy = .default) throws(RequestSigningError) {
            do {
                try CryptoKey(publicKey).checkPolicy(policy, for: .rs512)
            } catch {
                throw RequestSigningError(.weakKey, error.reason)
            }
            self.publicKey = publicKey
        }

        /// From a PEM public key: SubjectPublicKeyInfo (`PUBLIC KEY`), PKCS#1 (`RSA PUBLIC KEY`) or an
        /// X.509 `CERTIFICATE`. A private key PEM is accepted for its public half.
        ///
        /// - Throws: `invalid_key` for unreadable PEM or a non-RSA key, `weak_key` as in
        ///   ``init(publicKey:policy:)``.
        public init(pemRepresentation: String, policy: KeyPolicy = .default) throws(RequestSigningError) {
            try self.init(publicKey: BankFrick.rsaPublicKey(pemRepresentation: pemRepresentation), policy: policy)
        }

        /// Whether `headers` sign `body` (the exact octets received). False for an unsupported
        /// algorithm or a signature of the wrong length.
        public func isValidSignature(_ headers: SignatureHeaders, for body: some Collection<UInt8>) -> Bool {
            guard let digest = headers.algorithm.digest else { return false }
            return publicKey.isValidSignature(headers.signature, for: body, digest: digest, padding: .pkcs1v15)
        }

        /// Reads `Signature` / `algorithm` from received header fields (names case-insensitive) and
        /// verifies `body`.
        ///
        /// - Returns: false when the signature does not match.
        /// - Throws: what ``SignatureHeaders/init(fields:)`` throws, for headers that cannot be read.
        public func isValidSignature(
            fields: some Sequence<(name: String, value: String)>,
            body: some Collection<UInt8>
        ) throws(RequestSigningError) -> Bool {
            isValidSignature(try SignatureHeaders(fields: fields), for: body)
        }

        /// ``isValidSignature(fields:body:)`` for headers in a dictionary.
        public func isValidSignature(
            headers: [String: String],
            body: some Collection<UInt8>
        ) throws(RequestSigningError) -> Bool {
            isValidSignature(try SignatureHeaders(headers: headers), for: body)
        }
    }
}
