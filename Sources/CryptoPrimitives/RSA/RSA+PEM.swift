/// RSA keys as PEM. Read by ``CryptoKey/init(pemRepresentation:)`` (one PEM parser, one set of label
/// rules for every entry point), then required to be an RSA key of the asked-for visibility, so code
/// that wants an RSA key never receives another type by accident.
extension RSA.PublicKey {
    /// From one PEM block: `PUBLIC KEY` (SubjectPublicKeyInfo), `RSA PUBLIC KEY` (PKCS#1) or
    /// `CERTIFICATE` (its public key; the certificate itself is not verified). Text around the
    /// block is ignored.
    ///
    /// A private key is refused, not reduced to its public half (as swift-crypto does): a secret is
    /// not meant to travel where a public key is configured. Read it with
    /// ``RSA/PrivateKey/init(pemRepresentation:)`` and use its ``RSA/PrivateKey/publicKey``.
    ///
    /// - Throws: `invalid_key` for malformed PEM, no key block or more than one, or a private key;
    ///   `unsupported_key` for a key of another type, an encrypted key or a label that holds no
    ///   key; otherwise what ``init(derRepresentation:)`` throws for the key inside.
    public init(pemRepresentation: String) throws(CryptoError) {
        let key = try CryptoKey(pemRepresentation: pemRepresentation)
        self = try KeyExpectation.rsaPublicKey.extract(key) { $0.rsaPublicKey }
    }

    /// `PUBLIC KEY` PEM (SubjectPublicKeyInfo): the form key files, other libraries and
    /// ``init(pemRepresentation:)`` expect, whichever form the key was read from.
    public var pemRepresentation: String {
        PEMDocument(label: "PUBLIC KEY", derBytes: derRepresentation).pemRepresentation
    }
}

extension RSA.PrivateKey {
    /// From one PEM block: `RSA PRIVATE KEY` (PKCS#1) or `PRIVATE KEY` (PKCS#8). PKCS#8 under the
    /// `RSA PRIVATE KEY` label is refused, so one key has one accepted PEM form.
    ///
    /// The key is checked for consistency as by ``init(derRepresentation:)``.
    ///
    /// - Throws: `invalid_key` for malformed PEM, no key block or more than one, a public key or
    ///   certificate, or an inconsistent key; `unsupported_key` for a key of another type, an
    ///   encrypted key or a label that holds no key; otherwise what ``init(derRepresentation:)``
    ///   throws for the key inside.
    public init(pemRepresentation: String) throws(CryptoError) {
        let key = try CryptoKey(pemRepresentation: pemRepresentation)
        self = try KeyExpectation.rsaPrivateKey.extract(key) { $0.rsaPrivateKey }
    }
}
