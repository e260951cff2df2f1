internal import CLibcrypto

/// The DER `SubjectPublicKeyInfo` of a DER X.509 certificate, byte for byte as the certificate
/// carries it (whatever the key algorithm), for key import to dispatch with
/// ``identifyPublicKeyInfo(_:)``. The certificate's signature and validity are not checked: only
/// its key is used.
///
/// - Throws: `invalid_key` if `der` is not exactly one certificate; `unsupported_key` if its EC key
///   has explicit curve parameters.
func publicKeyInfoDER(fromCertificateDER der: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
    let certificate = try withContiguousBytes(der) { (raw) throws(CryptoError) -> OpaquePointer in
        try parseStrictCertificate(raw, invalid: .invalidKey, explicitCurve: .unsupportedKey)
    }
    defer { X509_free(certificate) }
    return try encodedPublicKeyInfo(of: certificate)
}

/// Parses exactly one certificate, strict DER (OpenSSL alone would also take BER lengths and
/// chunked strings), with no trailing bytes; the caller frees the result with `X509_free`.
///
/// A certificate whose EC key has explicit curve parameters is refused from its framing before
/// `d2i_X509` sees it: OpenSSL 3.0 decompresses such a key's points while parsing, which a
/// crafted curve makes cost 0.1 s and more (see
/// ``DERKeyStructure/certificateHasExplicitECParameters(_:)``).
///
/// - Parameters:
///   - invalid: the code for input that is not one strict-DER certificate.
///   - explicitCurve: the code for a certificate with explicit EC parameters.
func parseStrictCertificate(
    _ raw: UnsafeRawBufferPointer,
    invalid: CryptoError.Code,
    explicitCurve: CryptoError.Code
) throws(CryptoError) -> OpaquePointer {
    guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count > 0 else {
        throw CryptoError(invalid, "empty certificate")
    }
    // Named apart from other framing faults: a DER file saved with a newline at its end is common.
    var scanner = DERScanner(raw)
    if let first = scanner.read(), !scanner.isAtEnd {
        let extra = raw.count - first.element.count
        throw CryptoError(invalid, "\(extra) trailing byte\(extra == 1 ? "" : "s") after the certificate")
    }
    guard DERKeyStructure.isStrictElement(raw) else {
        throw CryptoError(invalid, "the certificate is not strict DER")
    }
    switch DERKeyStructure.certificateHasExplicitECParameters(raw) {
    case nil: throw CryptoError(invalid, "not a DER X.509 certificate")
    case true?:
        throw CryptoError(
            explicitCurve,
            "the certificate's EC key has explicit curve parameters, not a named curve (RFC 5480 §2.1.1)"
        )
    case false?: break
    }
    var cursor: UnsafePointer<UInt8>? = UnsafePointer(base)
    guard let certificate = d2i_X509(nil, &cursor, raw.count) else {
        throw CryptoError.openSSL(invalid, "not a DER X.509 certificate")
    }
    guard let cursor, cursor - UnsafePointer(base) == raw.count else {
        X509_free(certificate)
        throw CryptoError(invalid, "trailing bytes after the certificate")
    }
    return certificate
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
