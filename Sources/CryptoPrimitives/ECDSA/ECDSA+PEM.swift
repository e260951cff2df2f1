/// EC keys as PEM. Read by ``CryptoKey/init(pemRepresentation:)`` (one PEM parser, one set of label
/// rules for every entry point), then required to be an EC key of the asked-for visibility, so code
/// that wants an EC key never receives another type by accident.
extension ECDSA.PublicKey {
    /// From one PEM block: `PUBLIC KEY` (SubjectPublicKeyInfo) or `CERTIFICATE` (its public key; the
    /// certificate itself is not verified), on any supported curve (see ``curve``). Text around
    /// the block is ignored.
    ///
    /// A private key is refused, not reduced to its public half (as swift-crypto does): a secret is
    /// not meant to travel where a public key is configured. Read it with
    /// ``ECDSA/PrivateKey/init(pemRepresentation:)`` and use its ``ECDSA/PrivateKey/publicKey``.
    ///
    /// - Throws: `invalid_key` for malformed PEM, no key block or more than one, or a private key;
    ///   `unsupported_key` for a key of another type or curve, an encrypted key or a label that
    ///   holds no key; otherwise what ``init(derRepresentation:)`` throws for the key inside.
    public init(pemRepresentation: String) throws(CryptoError) {
        let key = try CryptoKey(pemRepresentation: pemRepresentation)
        self = try KeyExpectation.ecPublicKey.extract(key) { $0.ecdsaPublicKey }
    }

    /// `PUBLIC KEY` PEM (SubjectPublicKeyInfo, uncompressed point): the form key files, other
    /// libraries and ``init(pemRepresentation:)`` expect, whichever form the key was read from.
    public var pemRepresentation: String {
        PEMDocument(label: "PUBLIC KEY", derBytes: derRepresentation).pemRepresentation
    }
}

extension ECDSA.PrivateKey {
    /// From one PEM block: `EC PRIVATE KEY` (SEC1) or `PRIVATE KEY` (PKCS#8). An `EC PARAMETERS`
    /// block before the key, as `openssl ecparam -genkey` writes, is skipped (the key names its
    /// curve itself). PKCS#8 under the `EC PRIVATE KEY` label is refused, so one key has one
    /// accepted PEM form.
    ///
    /// - Throws: `invalid_key` for malformed PEM, no key block or more than one, a public key or
    ///   certificate, or a public point that does not match the scalar; `unsupported_key` for a
    ///   key of another type or curve, an encrypted key or a label that holds no key; otherwise
    ///   what ``init(derRepresentation:)`` throws for the key inside.
    public init(pemRepresentation: String) throws(CryptoError) {
        let key = try CryptoKey(pemRepresentation: pemRepresentation)
        self = try KeyExpectation.ecPrivateKey.extract(key) { $0.ecdsaPrivateKey }
    }
}
