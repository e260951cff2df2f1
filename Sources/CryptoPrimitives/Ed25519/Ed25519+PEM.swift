/// Ed25519 keys as PEM. Read by ``CryptoKey/init(pemRepresentation:)`` (one PEM parser, one set of
/// label rules for every entry point), then required to be an Ed25519 key of the asked-for
/// visibility, so code that wants an Ed25519 key never receives another type by accident.
extension Ed25519.PublicKey {
    /// From one PEM block: `PUBLIC KEY` (SubjectPublicKeyInfo, RFC 8410) or `CERTIFICATE` (its
    /// public key; the certificate itself is not verified). Text around the block is ignored.
    ///
    /// A point of small order reads, and is refused by key policy when it is used (``isWeak``).
    /// A private key is refused, not reduced to its public half (as swift-crypto does): a secret is
    /// not meant to travel where a public key is configured. Read it with
    /// ``Ed25519/PrivateKey/init(pemRepresentation:)`` and use its ``Ed25519/PrivateKey/publicKey``.
    ///
    /// - Throws: `invalid_key` for malformed PEM, no key block or more than one, or a private key;
    ///   `unsupported_key` for a key of another type (Ed448 and X25519 included), an encrypted key
    ///   or a label that holds no key; otherwise what ``init(derRepresentation:)`` throws.
    public init(pemRepresentation: String) throws(CryptoError) {
        let key = try CryptoKey(pemRepresentation: pemRepresentation)
        self = try KeyExpectation.ed25519PublicKey.extract(key) { $0.ed25519PublicKey }
    }

    /// `PUBLIC KEY` PEM (SubjectPublicKeyInfo, RFC 8410): the form key files, other libraries and
    /// ``init(pemRepresentation:)`` expect, where ``rawRepresentation`` is JOSE's.
    public var pemRepresentation: String {
        PEMDocument(label: "PUBLIC KEY", derBytes: derRepresentation).pemRepresentation
    }
}

extension Ed25519.PrivateKey {
    /// From one `PRIVATE KEY` PEM block (PKCS#8, RFC 8410), the only PEM form of an Ed25519 private
    /// key, as `openssl genpkey -algorithm ED25519` writes it, or RFC 5958 version 2 with the
    /// key's own public key inside (RFC 8410 §10.3, as BouncyCastle writes it).
    ///
    /// - Throws: `invalid_key` for malformed PEM, no key block or more than one, or a public key or
    ///   certificate; `unsupported_key` for a key of another type, an encrypted key, or a label that
    ///   holds no key; otherwise what ``init(derRepresentation:)`` throws.
    public init(pemRepresentation: String) throws(CryptoError) {
        let key = try CryptoKey(pemRepresentation: pemRepresentation)
        self = try KeyExpectation.ed25519PrivateKey.extract(key) { $0.ed25519PrivateKey }
    }
}
