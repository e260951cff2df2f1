/// RFC 5958 version 2 PKCS#8 private keys: `OneAsymmetricKey` with the `[1] publicKey`, which
/// BouncyCastle writes for Ed25519 by default and RFC 8410 §10.3 gives an example of.
///
/// A version 2 key is read as its version 1 form (version 0, attributes kept, public key dropped)
/// by the reader that reads every version 1 key, and accepted only if the public key inside is,
/// byte for byte, the contents of the `subjectPublicKey` BIT STRING of the key's own
/// SubjectPublicKeyInfo: for Ed25519 the 32 raw bytes, for EC the uncompressed point
/// (`04 ‖ x ‖ y`), for RSA the `RSAPublicKey` DER with minimal INTEGERs. Anything else is
/// `invalid_key`, so a file whose public key is another key's never loads.
///
/// OpenSSL never sees the version 2 structure (``PrivateKeyInfo`` refuses it): OpenSSL 3.0 cannot
/// parse one, and 3.5 reads it and ignores the public key inside (openssl/openssl#27076). Because the
/// comparison here happens before a key is returned, whichever libcrypto is linked, no OpenSSL
/// version can load a version 2 key carrying a public key that is not its own.
///
/// Decisions beyond the comparison:
/// - The key's own EC point in compressed form (`02`/`03 ‖ x`), though it is the right point, is
///   `unsupported_key`: the key must carry its public key as its SubjectPublicKeyInfo writes it,
///   uncompressed, so a version 2 key has one accepted encoding. Nothing common writes version 2 EC
///   keys with compressed points. Another point, compressed or not, and the hybrid form (`06`/`07`)
///   are mismatches, `invalid_key`.
/// - Version 2 without the public key, and version 1 with one, break RFC 5958 §2 and are
///   `invalid_key` (``DERKeyStructure/privateKeyInfoAlgorithm(_:)``), as are a nonzero unused-bits
///   count and every DER strictness failure.
/// - Keys are always written as version 1 (``CryptoKey/privateKeyInfoDER``, `derRepresentation`),
///   which every OpenSSL reads.
enum PKCS8Version2 {
    /// The key in `der` when `der` is a strict-DER PKCS#8 version 2 structure: read from its
    /// version 1 form with `read`, then checked against the public key inside. `nil` for any other
    /// input, which the caller reads as it would without this.
    ///
    /// - Parameters:
    ///   - publicKeyInfo: the SubjectPublicKeyInfo DER of the key `read` returned.
    ///   - compressedPoint: for EC keys, the key's point in compressed form, to name that refusal.
    /// - Throws: what `read` throws for the version 1 form; `invalid_key` if the public key does not
    ///   match; `unsupported_key` for the right EC point in compressed form.
    static func key<Key>(
        from der: some Collection<UInt8>,
        reading read: ([UInt8]) throws(CryptoError) -> Key,
        publicKeyInfo: (Key) -> [UInt8],
        compressedPoint: ((Key) -> [UInt8])? = nil
    ) throws(CryptoError) -> Key? {
        guard let parts = withContiguousBytes(der, { DERKeyStructure.version2Parts($0) }) else { return nil }
        let key = try read(parts.version1)
        guard let derived = DERKeyStructure.publicKeyBits(ofPublicKeyInfo: publicKeyInfo(key)) else {
            throw CryptoError(.libraryFailure, "the key's own SubjectPublicKeyInfo does not parse")
        }
        if parts.publicKeyBits == derived { return key }
        if let compressedPoint, parts.publicKeyBits == [0] + compressedPoint(key) {
            throw CryptoError(
                .unsupportedKey,
                "PKCS#8 version 2 public key is the EC point in compressed form; only the uncompressed form"
                    + " (as in the key's SubjectPublicKeyInfo) is read"
            )
        }
        // Also the answer for the key's own public key in another encoding (an RSAPublicKey with
        // a non-minimal INTEGER): the message says which encoding is expected.
        throw CryptoError(
            .invalidKey,
            "PKCS#8 version 2 public key does not match the private key "
                + "(it must be the key's own, encoded as in its SubjectPublicKeyInfo)"
        )
    }
}
