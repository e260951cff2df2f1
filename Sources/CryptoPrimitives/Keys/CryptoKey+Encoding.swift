/// Reading and writing keys as PEM and DER, detecting the structure where that is unambiguous.
extension CryptoKey {
    /// Reads one PEM block: `PUBLIC KEY` (SPKI), `RSA PUBLIC KEY` (PKCS#1), `RSA PRIVATE KEY`
    /// (PKCS#1), `PRIVATE KEY` (PKCS#8), `EC PRIVATE KEY` (SEC1) or `CERTIFICATE` (its public key).
    /// PKCS#8 is version 1, or RFC 5958 version 2 when the public key inside is the private key's
    /// (`invalid_key` otherwise; see ``init(derRepresentation:)``).
    /// PKCS#8 under `RSA PRIVATE KEY` or `EC PRIVATE KEY` is `invalid_key`. One leniency: an SPKI
    /// under `RSA PUBLIC KEY`, which some tools write, is read (as OpenSSL and pyca/cryptography do).
    ///
    /// An `EC PARAMETERS` block, which `openssl ecparam -genkey` writes before the key, is skipped
    /// (the key names its curve itself).
    public init(pemRepresentation: String) throws(CryptoError) {
        let documents = try PEMDocument.parseAll(Array(pemRepresentation.utf8)).filter { !$0.isECParameters }
        guard documents.count == 1, let only = documents.first else {
            throw CryptoError(.invalidKey, "expected one PEM key block, found \(documents.count)")
        }
        try self.init(pemDocument: only)
    }

    /// Reads a parsed PEM block; see ``init(pemRepresentation:)`` for the labels understood.
    public init(pemDocument document: PEMDocument) throws(CryptoError) {
        let der = document.derBytes
        switch document.label {
        case "PUBLIC KEY":
            self = try Self.fromSubjectPublicKeyInfo(der)
        case "RSA PUBLIC KEY":
            self = CryptoKey(try RSA.PublicKey(derRepresentation: der))
        case "RSA PRIVATE KEY":
            try Self.refusePKCS8(der, label: document.label)
            self = CryptoKey(try RSA.PrivateKey(derRepresentation: der))
        case "EC PRIVATE KEY":
            try Self.refusePKCS8(der, label: document.label)
            self = CryptoKey(try ECDSA.PrivateKey(derRepresentation: der))
        case "PRIVATE KEY":
            self = try Self.fromPrivateKeyInfo(der)
        case "CERTIFICATE":
            self = try Self.fromSubjectPublicKeyInfo(try CryptoPrimitives.publicKeyInfoDER(fromCertificateDER: der))
        case "ENCRYPTED PRIVATE KEY":
            throw CryptoError(.unsupportedKey, "encrypted PKCS#8 keys are not supported; decrypt with `openssl pkey`")
        default:
            throw CryptoError(
                .unsupportedKey,
                "PEM label \(PrintableText.quoted(document.label)) is not a supported key type"
            )
        }
    }

    /// The traditional labels name PKCS#1 and SEC1; PKCS#8 under one of them would be a second
    /// accepted PEM form of the key (OpenSSL reads it, pyca/cryptography does not).
    private static func refusePKCS8(_ der: [UInt8], label: String) throws(CryptoError) {
        guard identifyPrivateKeyInfo(der) != nil else { return }
        throw CryptoError(.invalidKey, "the \(label) block holds PKCS#8, which is labelled PRIVATE KEY")
    }

    /// Reads DER: SubjectPublicKeyInfo, PKCS#8, an X.509 certificate, PKCS#1 (public or private)
    /// or SEC1. Structures are told apart by their ASN.1 shape before one parser reads them, so a
    /// key is never read as the wrong type and the error is that parser's (an inconsistent RSA key
    /// is `invalid_key`, an unsupported curve `unsupported_key`, as for PEM).
    ///
    /// PKCS#8 may be RFC 5958 version 2 (`OneAsymmetricKey` with the public key, as BouncyCastle
    /// writes Ed25519 keys): it is read only if that public key is, byte for byte, the one the
    /// private key gives (its SubjectPublicKeyInfo's BIT STRING: Ed25519's 32 bytes, EC's
    /// uncompressed point, RSA's `RSAPublicKey`), and is `invalid_key` otherwise. The key's own EC
    /// point in compressed form is `unsupported_key` (another point compressed is `invalid_key`).
    /// Keys are written as version 1 (``privateKeyInfoDER``).
    public init(derRepresentation: some Collection<UInt8>) throws(CryptoError) {
        let der = Array(derRepresentation)
        guard !der.isEmpty else { throw CryptoError(.invalidKey, "empty DER input") }
        if identifyPublicKeyInfo(der) != nil {
            self = try Self.fromSubjectPublicKeyInfo(der)
            return
        }
        if identifyPrivateKeyInfo(der) != nil {
            self = try Self.fromPrivateKeyInfo(der)
            return
        }
        switch DERKeyShape(der) {
        case .certificate:
            self = try Self.fromSubjectPublicKeyInfo(try CryptoPrimitives.publicKeyInfoDER(fromCertificateDER: der))
        case .rsaPublicKey:
            self = CryptoKey(try RSA.PublicKey(derRepresentation: der))
        case .rsaPrivateKey:
            self = CryptoKey(try RSA.PrivateKey(derRepresentation: der))
        case .ecPrivateKey:
            self = CryptoKey(try ECDSA.PrivateKey(derRepresentation: der))
        case nil:
            throw CryptoError(.invalidKey, "DER input is not a supported public key, private key or certificate")
        }
    }

    static func fromSubjectPublicKeyInfo(_ der: [UInt8]) throws(CryptoError) -> CryptoKey {
        switch identifyPublicKeyInfo(der) {
        case .rsa: return CryptoKey(try RSA.PublicKey(derRepresentation: der))
        case .ec: return CryptoKey(try ECDSA.PublicKey(derRepresentation: der))
        case .ed25519: return CryptoKey(try Ed25519.PublicKey(derRepresentation: der))
        case .other: throw CryptoError(.unsupportedKey, unsupportedPublicKeyInfoReason(der))
        case nil: throw CryptoError(.invalidKey, "not a valid SubjectPublicKeyInfo")
        }
    }

    static func fromPrivateKeyInfo(_ der: [UInt8]) throws(CryptoError) -> CryptoKey {
        switch identifyPrivateKeyInfo(der) {
        case .rsa: return CryptoKey(try RSA.PrivateKey(derRepresentation: der))
        case .ec: return CryptoKey(try ECDSA.PrivateKey(derRepresentation: der))
        case .ed25519: return CryptoKey(try Ed25519.PrivateKey(derRepresentation: der))
        case .other: throw CryptoError(.unsupportedKey, unsupportedPrivateKeyInfoReason(der))
        case nil: throw CryptoError(.invalidKey, "not a valid PKCS#8 PrivateKeyInfo")
        }
    }

    /// The SubjectPublicKeyInfo DER of the public key; `nil` for HMAC secrets.
    public var publicKeyInfoDER: [UInt8]? {
        switch storage {
        case .ed25519Public(let key): key.derRepresentation
        case .ed25519Private(let key): key.publicKey.derRepresentation
        case .rsaPublic(let key): key.derRepresentation
        case .rsaPrivate(let key): key.publicKey.derRepresentation
        case .ecPublic(let key): key.derRepresentation
        case .ecPrivate(let key): key.publicKey.derRepresentation
        case .hmac: nil
        }
    }

    /// The PKCS#8 DER of a private key, version 1 (without the public key) even for a key read
    /// from version 2; `nil` for public keys and HMAC secrets.
    public var privateKeyInfoDER: [UInt8]? {
        switch storage {
        case .ed25519Private(let key): Self.ed25519PrivateKeyInfoPrefix + key.seed
        case .rsaPrivate(let key): key.derRepresentation
        case .ecPrivate(let key): key.derRepresentation
        case .ed25519Public, .rsaPublic, .ecPublic, .hmac: nil
        }
    }

    /// `PUBLIC KEY` PEM (SPKI); `nil` for HMAC secrets.
    public var publicKeyPEM: String? {
        publicKeyInfoDER.map { PEMDocument(label: "PUBLIC KEY", derBytes: $0).pemRepresentation }
    }

    /// `PRIVATE KEY` PEM (PKCS#8); `nil` for public keys and HMAC secrets.
    public var privateKeyPEM: String? {
        privateKeyInfoDER.map { PEMDocument(label: "PRIVATE KEY", derBytes: $0).pemRepresentation }
    }

    // RFC 8410 §4 and §7: the fixed DER framing around a raw Ed25519 public key / seed.
    static let ed25519PublicKeyInfoPrefix: [UInt8] = [
        0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00,
    ]
    static let ed25519PrivateKeyInfoPrefix: [UInt8] = [
        0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]
}
