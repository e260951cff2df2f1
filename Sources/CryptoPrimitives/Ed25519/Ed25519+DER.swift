/// Ed25519 keys as DER. RFC 8410 gives Ed25519 only the standard structures (SubjectPublicKeyInfo
/// and PKCS#8), so these readers take those alone, through the same code ``CryptoKey`` reads them
/// with: one key, one accepted encoding, whichever entry point is used.
extension Ed25519.PublicKey {
    /// From a DER SubjectPublicKeyInfo (RFC 8410 §4): what `openssl pkey -pubout -outform DER`
    /// writes and what other libraries export, where ``init(rawRepresentation:)`` needs the 32 bytes
    /// cut out first.
    ///
    /// A point of small order reads, as it does from raw bytes, and is refused by key policy when
    /// it is used (``isWeak``).
    ///
    /// - Throws: `invalid_key` for input that is not one strict-DER SubjectPublicKeyInfo (a private
    ///   key or a certificate included), `unsupported_key` for a key of another type.
    public init(derRepresentation: some Collection<UInt8>) throws(CryptoError) {
        let raw = try withContiguousBytes(derRepresentation) { (der) throws(CryptoError) -> [UInt8] in
            try KeyExpectation.ed25519PublicKey.check(der: der)
            return try ed25519Raw(fromPublicKeyInfo: der)
        }
        try self.init(rawRepresentation: raw)
    }

    /// SubjectPublicKeyInfo DER (RFC 8410 §4), as ``RSA/PublicKey/derRepresentation`` and
    /// ``ECDSA/PublicKey/derRepresentation`` give theirs: the form key files, certificates and
    /// other libraries expect, where ``rawRepresentation`` is JOSE's and libsodium's.
    public var derRepresentation: [UInt8] { CryptoKey.ed25519PublicKeyInfoPrefix + rawRepresentation }
}

extension Ed25519.PrivateKey {
    /// From a DER PKCS#8 PrivateKeyInfo (RFC 8410 §7): what `openssl genpkey -algorithm ED25519
    /// -outform DER` writes, where ``init(seed:)`` needs the 32 bytes cut out first. RFC 5958
    /// version 2, with the public key inside (RFC 8410 §10.3, BouncyCastle's default), is read when
    /// that public key is this key's 32 bytes.
    ///
    /// - Throws: `invalid_key` for input that is not one strict-DER PKCS#8 Ed25519 key (a public key
    ///   included) or a version 2 key whose public key is not this key's; `unsupported_key` for a
    ///   key of another type (PKCS#8, PKCS#1 or SEC1).
    public init(derRepresentation: some Collection<UInt8>) throws(CryptoError) {
        if let key = try PKCS8Version2.key(
            from: derRepresentation,
            reading: { (version1) throws(CryptoError) in try Ed25519.PrivateKey(derRepresentation: version1) },
            publicKeyInfo: { $0.publicKey.derRepresentation }
        ) {
            self = key
            return
        }
        let seed = try withContiguousBytes(derRepresentation) { (der) throws(CryptoError) -> [UInt8] in
            try KeyExpectation.ed25519PrivateKey.check(der: der)
            return try ed25519Seed(fromPrivateKeyInfo: der)
        }
        try self.init(seed: seed)
    }
}
