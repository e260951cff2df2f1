public import CryptoPrimitives
internal import StrictJSON

extension BankFrick {
    /// Verifies signed bodies with the signer's RSA public key (on the client, the bank's key).
    public struct Verifier: Sendable {
        /// The RSA public key.
        public let publicKey: RSA.PublicKey
        /// The `algorithm` values this verifier accepts; a body signed with any other is not valid.
        public let acceptedAlgorithms: [SignatureAlgorithm]
        /// The hashes of ``acceptedAlgorithms``, matched per body without comparing strings.
        private let acceptedDigests: [Digest]

        /// Checks the key against `policy` once, here (size, exponent, ROCA).
        ///
        /// - Parameters:
        ///   - publicKey: the signer's key.
        ///   - policy: the rules the key must meet.
        ///   - acceptedAlgorithms: the `algorithm` values to accept, like a JWT algorithm allow-list:
        ///     all of ``SignatureAlgorithm/supported`` by default (the sender chooses among them);
        ///     `[.rsaSHA512]` pins the documented default, so a peer cannot move to a weaker hash.
        /// - Throws: `weak_key` if the key breaks the policy; `unsupported_algorithm` for an empty
        ///   list or a value outside ``SignatureAlgorithm/supported``.
        public init(
            publicKey: RSA.PublicKey,
            policy: KeyPolicy = .default,
            acceptedAlgorithms: [SignatureAlgorithm] = SignatureAlgorithm.supported
        ) throws(RequestSigningError) {
            do {
                try CryptoKey(publicKey).checkPolicy(policy, for: .rs512)
            } catch {
                throw RequestSigningError(.weakKey, error.reason)
            }
            guard !acceptedAlgorithms.isEmpty else {
                throw RequestSigningError(.unsupportedAlgorithm, "accept at least one algorithm")
            }
            var digests: [Digest] = []
            for algorithm in acceptedAlgorithms {
                guard let digest = algorithm.digest else {
                    throw RequestSigningError(
                        .unsupportedAlgorithm,
                        "cannot accept \(PrintableText.quoted(algorithm.rawValue)); supported: rsa-sha512, "
                            + "rsa-sha384, rsa-sha256"
                    )
                }
                if !digests.contains(digest) { digests.append(digest) }
            }
            self.publicKey = publicKey
            self.acceptedAlgorithms = acceptedAlgorithms
            self.acceptedDigests = digests
        }

        /// From a PEM public key: SubjectPublicKeyInfo (`PUBLIC KEY`), PKCS#1 (`RSA PUBLIC KEY`) or an
        /// X.509 `CERTIFICATE`. A private key PEM is accepted for its public half.
        ///
        /// - Throws: `invalid_key` for unreadable PEM or a non-RSA key, `weak_key` and
        ///   `unsupported_algorithm` as in ``init(publicKey:policy:acceptedAlgorithms:)``.
        public init(
            pemRepresentation: String,
            policy: KeyPolicy = .default,
            acceptedAlgorithms: [SignatureAlgorithm] = SignatureAlgorithm.supported
        ) throws(RequestSigningError) {
            try self.init(
                publicKey: BankFrick.rsaPublicKey(pemRepresentation: pemRepresentation),
                policy: policy,
                acceptedAlgorithms: acceptedAlgorithms
            )
        }

        /// Whether `headers` sign `body` (the exact octets received). False for an unsupported
        /// algorithm, one outside ``acceptedAlgorithms``, or a signature of the wrong length.
        public func isValidSignature(_ headers: SignatureHeaders, for body: some Collection<UInt8>) -> Bool {
            guard let digest = headers.algorithm.digest, acceptedDigests.contains(digest) else { return false }
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
        ///
        /// A dictionary keeps one value per name, so a response that repeats `Signature` or
        /// `algorithm` reaches this check with the repeat already gone: from an HTTP library's
        /// header list, prefer ``isValidSignature(fields:body:)``, which refuses repeats
        /// (`duplicate_header`).
        public func isValidSignature(
            headers: [String: String],
            body: some Collection<UInt8>
        ) throws(RequestSigningError) -> Bool {
            isValidSignature(try SignatureHeaders(headers: headers), for: body)
        }

        /// The largest body ``decodeVerified(_:body:headers:)`` reads (16 MiB).
        public static let maximumDecodedBodyBytes = 16 << 20

        /// Verifies `body` under `headers`, then decodes those same bytes as strict JSON: the one
        /// call a client needs for a signed response, so that what is decoded is exactly what was
        /// verified, and no lenient reader (duplicate members, first or last one wins) sees other
        /// values than the signer meant.
        ///
        /// ```swift
        /// let response = try bank.decodeVerified(
        ///     BankFrick.AuthorizeResponse.self, body: responseBody, headers: responseHeaders)
        /// ```
        ///
        /// - Throws: what ``SignatureHeaders/init(headers:)`` throws for headers that cannot be
        ///   read; `bad_signature` when the signature does not verify; `malformed_body` for a body
        ///   over ``maximumDecodedBodyBytes``, not strict JSON (nesting at most 32), or not
        ///   decodable as `type`.
        public func decodeVerified<T: Decodable>(
            _ type: T.Type,
            body: some Collection<UInt8>,
            headers: [String: String]
        ) throws(RequestSigningError) -> T {
            try decodeVerified(type, body: body, signatureHeaders: try SignatureHeaders(headers: headers))
        }

        /// ``decodeVerified(_:body:headers:)`` for the received header fields as a list (names
        /// case-insensitive), which, unlike a dictionary, still shows a repeated `Signature` or
        /// `algorithm` to refuse (`duplicate_header`).
        public func decodeVerified<T: Decodable>(
            _ type: T.Type,
            body: some Collection<UInt8>,
            fields: some Sequence<(name: String, value: String)>
        ) throws(RequestSigningError) -> T {
            try decodeVerified(type, body: body, signatureHeaders: try SignatureHeaders(fields: fields))
        }

        /// ``decodeVerified(_:body:headers:)`` with headers already read.
        public func decodeVerified<T: Decodable>(
            _ type: T.Type,
            body: some Collection<UInt8>,
            signatureHeaders headers: SignatureHeaders
        ) throws(RequestSigningError) -> T {
            guard body.count <= Self.maximumDecodedBodyBytes else {
                throw RequestSigningError(.malformedBody, "the body is over \(Self.maximumDecodedBodyBytes) bytes")
            }
            // One copy, verified and decoded: a collection read twice could give other bytes.
            let bytes = Array(body)
            guard isValidSignature(headers, for: bytes) else {
                throw RequestSigningError(
                    .badSignature,
                    // Headers taken as given can name any text here: quoted and clipped.
                    "the body's signature does not verify (algorithm "
                        + "\(PrintableText.quoted(headers.algorithm.rawValue)))"
                )
            }
            do {
                return try JSONParser().decode(type, from: bytes)
            } catch {
                // The message can quote received text: clipped to printable ASCII.
                throw RequestSigningError(
                    .malformedBody,
                    "the verified body is not strict JSON of the expected shape: "
                        + PrintableText.clipped("\(error)", limit: 200)
                )
            }
        }
    }
}
