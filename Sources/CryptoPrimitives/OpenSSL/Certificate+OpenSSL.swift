internal import CLibcrypto

/// The DER `SubjectPublicKeyInfo` of a DER X.509 certificate, byte for byte as the certificate
/// carries it (whatever the key algorithm), for key import to dispatch with
/// ``identifyPublicKeyInfo(_:)``. The certificate's signature and validity are not checked: only
/// its key is used.
///
/// - Throws: `invalid_key` if `der` is not exactly one certificate.
func publicKeyInfoDER(fromCertificateDER der: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
    try withContiguousBytes(der) { (raw) throws(CryptoError) -> [UInt8] in
        guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count > 0 else {
            throw CryptoError(.invalidKey, "empty certificate")
        }
        // One certificate, one encoding: PEM and DER input alike must be strict DER (OpenSSL
        // alone would also take BER lengths and chunked strings).
        guard DERKeyStructure.isStrictElement(raw) else {
            throw CryptoError(.invalidKey, "the certificate is not strict DER")
        }
        // d2i_X509 would decode explicit curve parameters at length (see the check's comment).
        switch DERKeyStructure.certificateHasExplicitECParameters(raw) {
        case nil: throw CryptoError(.invalidKey, "not a DER X.509 certificate")
        case true?:
            throw CryptoError(
                .unsupportedKey,
                "the certificate's EC key has explicit curve parameters, not a named curve (RFC 5480 §2.1.1)"
            )
        case false?: break
        }
        var cursor: UnsafePointer<UInt8>? = UnsafePointer(base)
        guard let certificate = d2i_X509(nil, &cursor, raw.count) else {
            throw CryptoError.openSSL(.invalidKey, "not a DER X.509 certificate")
        }
        defer { X509_free(certificate) }
        guard let cursor, cursor - UnsafePointer(base) == raw.count else {
            throw CryptoError(.invalidKey, "trailing bytes after the certificate")
        }
        return try encodedPublicKeyInfo(of: certificate)
    }
}

/// The SubjectPublicKeyInfo of a parsed certificate, DER-encoded as the certificate carries it.
func encodedPublicKeyInfo(of certificate: OpaquePointer) throws(CryptoError) -> [UInt8] {
    guard let info = X509_get_X509_PUBKEY(certificate) else {
        throw CryptoError.openSSL(.invalidKey, "the certificate has no public key")
    }
    var output: UnsafeMutablePointer<UInt8>? = nil
    let length = i2d_X509_PUBKEY(info, &output)
    guard length > 0, let output else {
        throw CryptoError.openSSL(.libraryFailure, "cannot encode the certificate's public key")
    }
    defer { vk_openssl_free(output) }
    return Array(UnsafeBufferPointer(start: output, count: Int(length)))
}
