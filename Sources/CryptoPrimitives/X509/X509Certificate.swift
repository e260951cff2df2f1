internal import CLibcrypto

/// One X.509 certificate, parsed once, for chain validation (``X509TrustStore``) and for the
/// public key it certifies.
///
/// Parsing is strict about framing: exactly one certificate, DER tags and lengths (no BER
/// indefinite or long-form lengths), no trailing bytes, at most ``maxDERBytes``; the contents are
/// OpenSSL's to read. Parsing checks nothing about the certificate's signature, validity or trust:
/// that is ``X509TrustStore/validate(_:at:)``'s job.
///
/// ```swift
/// let roots = try X509Certificate.certificates(pemBundle: try String(contentsOfFile: "roots.pem"))
/// let store = try X509TrustStore(trusting: roots)
/// ```
public struct X509Certificate: Sendable, Hashable, CustomStringConvertible {
    /// The largest DER certificate accepted (64 KiB). Real certificates are 0.5–4 KiB; the bound
    /// keeps a hostile chain from making OpenSSL parse megabytes.
    public static let maxDERBytes = 64 * 1024

    let handle: X509Handle

    /// The certificate's DER encoding, exactly as given.
    public var derRepresentation: [UInt8] { handle.der }

    /// Reads one DER certificate.
    ///
    /// - Throws: `invalid_certificate` if `der` is not exactly one strict-DER X.509 certificate of
    ///   at most ``maxDERBytes``, or if it certifies an EC key by explicit curve parameters (RFC 5480
    ///   §2.1.1 allows named curves only; OpenSSL would spend up to 0.2 s decoding them).
    public init(derRepresentation der: some Collection<UInt8>) throws(CryptoError) {
        handle = try X509Handle(der: Array(der))
    }

    /// Reads a PEM text holding exactly one `CERTIFICATE` block.
    ///
    /// - Throws: `invalid_certificate` for any other label, a second block, or a certificate
    ///   ``init(derRepresentation:)`` refuses.
    public init(pemRepresentation: String) throws(CryptoError) {
        let all = try Self.certificates(pemBundle: pemRepresentation)
        guard all.count == 1 else {
            throw CryptoError(.invalidCertificate, "expected one CERTIFICATE block, found \(all.count)")
        }
        self = all[0]
    }

    /// Reads every certificate of a PEM bundle (such as a file of trusted roots), in order.
    ///
    /// - Throws: `invalid_certificate` if the text holds no block, a block not labelled
    ///   `CERTIFICATE`, or a certificate ``init(derRepresentation:)`` refuses; nothing is skipped.
    public static func certificates(pemBundle text: String) throws(CryptoError) -> [X509Certificate] {
        let documents: [PEMDocument]
        do {
            documents = try PEMDocument.parseAll(Array(text.utf8))
        } catch {
            throw CryptoError(.invalidCertificate, "not a PEM certificate bundle: \(error.reason)")
        }
        guard !documents.isEmpty else { throw CryptoError(.invalidCertificate, "no PEM block found") }
        var certificates: [X509Certificate] = []
        for (index, document) in documents.enumerated() {
            guard document.label == "CERTIFICATE" else {
                throw CryptoError(
                    .invalidCertificate,
                    "PEM block \(index) is \(PrintableText.quoted(document.label)), not CERTIFICATE"
                )
            }
            do {
                certificates.append(try X509Certificate(derRepresentation: document.derBytes))
            } catch {
                throw CryptoError(.invalidCertificate, "PEM block \(index): \(error.reason)")
            }
        }
        return certificates
    }

    /// The subject's distinguished name on one line, RFC 2253 style (`CN=…,O=…`), as the
    /// certificate's issuer chose it: quote it before it goes into a message.
    public var subject: String { handle.subject }

    /// ``subject`` quoted, clipped and escaped for messages.
    var quotedSubject: String { PrintableText.quoted(handle.subject, limit: 160) }

    /// Start of the validity period, in seconds since 1970 (UTC).
    public var notBefore: Int64 { handle.notBefore }

    /// End of the validity period, in seconds since 1970 (UTC). RFC 5280 counts this second as
    /// valid; OpenSSL's path validation, which ``X509TrustStore`` uses, already counts it as expired.
    public var notAfter: Int64 { handle.notAfter }

    /// The certified public key, read as ``CryptoKey/init(derRepresentation:)`` reads an SPKI.
    ///
    /// - Throws: `invalid_key` or `unsupported_key` as for any public key.
    public func publicKey() throws(CryptoError) -> CryptoKey {
        try CryptoKey.fromSubjectPublicKeyInfo(try handle.publicKeyInfoDER())
    }

    /// Whether the certificate carries an extension with this OID, whether or not OpenSSL has a
    /// name for it (issuers mark certificates for a purpose this way: Apple's App Store leaf
    /// certificates carry `1.2.840.113635.100.6.11.1`). Note that chain validation refuses a
    /// certificate with a *critical* extension OpenSSL does not implement, so a marker used with
    /// ``X509TrustStore`` must be non-critical (Apple's are).
    ///
    /// - Parameter oid: dotted decimal text, such as `"2.5.29.19"`; anything else is `false`.
    public func hasExtension(oid: String) -> Bool {
        guard Self.isDottedOID(oid) else { return false }
        return handle.hasExtension(oid: oid)
    }

    /// Whether `text` is an OID in dotted decimal (`"2.5.29.19"`): at least two arcs of digits,
    /// none empty, at most 200 characters. What ``hasExtension(oid:)`` can match.
    public static func isDottedOID(_ text: String) -> Bool { DottedOID.isWellFormed(text) }

    /// Whether the certificate may sign data other than certificates and CRLs: it has no key
    /// usage extension, or one that asserts `digitalSignature` (RFC 5280 §4.2.1.3).
    public var permitsDigitalSignature: Bool { handle.permitsDigitalSignature }

    /// Whether the certificate is a CA certificate: basic constraints `CA:TRUE` (whatever its key
    /// usage), or what OpenSSL's `X509_check_ca` also counts (a key usage with `keyCertSign`, a
    /// self-signed version 1 certificate).
    public var isCertificateAuthority: Bool { handle.isCertificateAuthority }

    /// Whether subject and issuer are the same name (a root, or a self-issued key rollover).
    public var isSelfIssued: Bool { handle.isSelfIssued }

    /// The extended key usage purposes as dotted OIDs (`"1.3.6.1.5.5.7.3.1"` for TLS servers), or
    /// `nil` if the certificate has no extended key usage extension (RFC 5280 §4.2.1.12: no
    /// restriction beyond the key usage).
    public var extendedKeyUsages: [String]? { handle.extendedKeyUsages }

    public var description: String { "X509Certificate(\(quotedSubject))" }

    /// Equal when the DER encodings are equal.
    public static func == (lhs: X509Certificate, rhs: X509Certificate) -> Bool {
        lhs.handle === rhs.handle || lhs.handle.der == rhs.handle.der
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(handle.der) }
}

/// Dotted-decimal OID text as OpenSSL's numeric-only parser should see it: arcs of digits,
/// at least two, no empty arc, bounded length (so no hostile string reaches `OBJ_txt2obj`).
enum DottedOID {
    static func isWellFormed(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (3...200).contains(bytes.count) else { return false }
        var arcs = 1
        var arcLength = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard arcLength > 0 else { return false }
                arcs += 1
                arcLength = 0
            } else {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return false }
                arcLength += 1
            }
        }
        return arcLength > 0 && arcs >= 2
    }
}
