internal import CLibcrypto

/// The parts of a DER `SubjectPublicKeyInfo`, read structurally: parsing succeeds for any
/// algorithm, even one OpenSSL cannot decode, so callers can tell "not SPKI" (`invalid_key`) from
/// "SPKI of another kind" (`unsupported_key`). The outer structure is split by ``DERScanner``
/// (OpenSSL's `d2i_X509_PUBKEY` would also decode the key, at hundreds of microseconds); the OIDs
/// are read by OpenSSL.
struct SubjectPublicKeyInfo {
    /// The algorithm OID as an OpenSSL NID (`NID_undef` for unknown OIDs).
    var algorithm: Int32
    /// The named-curve NID when the algorithm parameters are an OID, else `nil` (absent, NULL,
    /// or explicit EC parameters).
    var parameterOID: Int32?
    /// The contents of the `subjectPublicKey` BIT STRING.
    var keyBits: [UInt8]
    /// Whether the algorithm parameters are present and `NULL` (what RFC 3279 requires for
    /// `rsaEncryption`).
    var parametersAreNull = false

    /// Parses `der`, which must be exactly one SPKI; `nil` if it is not.
    init?(der: UnsafeRawBufferPointer) {
        var outer = DERScanner(der)
        guard let body = outer.read(tag: DERWriter.sequence), outer.isAtEnd else { return nil }
        var fields = DERScanner(body)
        guard let algorithmIdentifier = fields.read(tag: DERWriter.sequence),
            let bitString = fields.read(tag: DERWriter.bitString), fields.isAtEnd
        else { return nil }
        var algorithmFields = DERScanner(algorithmIdentifier)
        guard let (oidTag, _, oidElement) = algorithmFields.read(), oidTag == DERWriter.objectIdentifier,
            let algorithm = objectNID(oidElement)
        else { return nil }
        var parameterOID: Int32? = nil
        if !algorithmFields.isAtEnd {
            guard let (tag, _, element) = algorithmFields.read(), algorithmFields.isAtEnd else { return nil }
            if tag == DERWriter.objectIdentifier {
                guard let nid = objectNID(element) else { return nil }
                parameterOID = nid
            }
            parametersAreNull = element.elementsEqual([nullTag, 0])
        }
        // Key bits are whole bytes in every key format: no unused bits.
        guard bitString.first == 0 else { return nil }
        self.algorithm = algorithm
        self.parameterOID = parameterOID
        self.keyBits = Array(bitString.dropFirst())
    }
}

extension SubjectPublicKeyInfo {
    /// The dotted algorithm OID of the SPKI `der` (for messages), or `nil`.
    static func algorithmOIDText(der: UnsafeRawBufferPointer) -> String? {
        var outer = DERScanner(der)
        guard let body = outer.read(tag: DERWriter.sequence) else { return nil }
        var fields = DERScanner(body)
        guard let (_, _, algorithmIdentifier) = fields.read() else { return nil }
        return DERObjectIdentifier.algorithmText(ofAlgorithmIdentifier: algorithmIdentifier)
    }
}

private let nullTag: UInt8 = 0x05

/// The NID of one DER OBJECT IDENTIFIER element (`NID_undef` for OIDs OpenSSL does not know), or
/// `nil` if the element is malformed.
private func objectNID(_ element: UnsafeRawBufferPointer) -> Int32? {
    guard let base = element.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
    var cursor: UnsafePointer<UInt8>? = UnsafePointer(base)
    guard let object = d2i_ASN1_OBJECT(nil, &cursor, element.count) else {
        clearOpenSSLErrors()
        return nil
    }
    defer { ASN1_OBJECT_free(object) }
    guard let cursor, cursor - UnsafePointer(base) == element.count else { return nil }
    return OBJ_obj2nid(object)
}

/// A DER PKCS#8 `PrivateKeyInfo`, owned and freed in `deinit`.
///
/// Not Sendable and never stored: it lives only while a private key is being imported.
final class PrivateKeyInfo {
    private let pointer: OpaquePointer
    /// The algorithm OID as an OpenSSL NID.
    let algorithm: Int32
    /// The named-curve NID when the algorithm parameters are an OID, else `nil`.
    let parameterOID: Int32?

    /// The whole AlgorithmIdentifier element as encoded (for checks OpenSSL's reading leaves out,
    /// such as rsaEncryption's NULL parameters).
    let algorithmIdentifier: [UInt8]

    /// Parses `der`, which must be exactly one version 1 PKCS#8 structure in strict DER (see
    /// ``DERKeyStructure``); `nil` if it is not.
    ///
    /// A version 2 structure (RFC 5958, with the public key) is `nil` here, before OpenSSL sees it:
    /// OpenSSL 3.0 cannot parse one, but 3.5 reads it and ignores the public key inside
    /// (openssl/openssl#27076), so a public key that is not the private key's would go unnoticed and
    /// the same bytes would load or not depending on the libcrypto. The key readers take version 2
    /// through ``PKCS8Version2``, which passes its version 1 form here and then compares the public
    /// key.
    init?(der: UnsafeRawBufferPointer) {
        guard let base = der.baseAddress?.assumingMemoryBound(to: UInt8.self), der.count > 0,
            let structure = DERKeyStructure.privateKeyInfoAlgorithm(der), !structure.isVersion2
        else { return nil }
        self.algorithmIdentifier = Array(structure.algorithm)
        var cursor: UnsafePointer<UInt8>? = UnsafePointer(base)
        guard let info = d2i_PKCS8_PRIV_KEY_INFO(nil, &cursor, der.count) else {
            clearOpenSSLErrors()
            return nil
        }
        guard let cursor, cursor - UnsafePointer(base) == der.count else {
            PKCS8_PRIV_KEY_INFO_free(info)
            return nil
        }
        var object: OpaquePointer? = nil
        var algorithmIdentifier: UnsafePointer<X509_ALGOR>? = nil
        guard PKCS8_pkey_get0(&object, nil, nil, &algorithmIdentifier, info) == 1 else {
            clearOpenSSLErrors()
            PKCS8_PRIV_KEY_INFO_free(info)
            return nil
        }
        self.pointer = info
        self.algorithm = OBJ_obj2nid(object)
        self.parameterOID = algorithmIdentifier.flatMap { objectParameter(of: UnsafePointer($0)) }
    }

    deinit {
        PKCS8_PRIV_KEY_INFO_free(pointer)
    }

    /// The contents of the `privateKey` OCTET STRING (for RSA, a PKCS#1 `RSAPrivateKey`), valid
    /// only inside `body`.
    func withPrivateKeyOctets<R>(
        _ body: (UnsafeRawBufferPointer) throws(CryptoError) -> R
    ) throws(CryptoError) -> R {
        var octets: UnsafePointer<UInt8>? = nil
        var length: Int32 = 0
        guard PKCS8_pkey_get0(nil, &octets, &length, nil, pointer) == 1, let octets, length >= 0 else {
            clearOpenSSLErrors()
            throw CryptoError(.invalidKey, "the PKCS#8 structure holds no private key")
        }
        return try body(UnsafeRawBufferPointer(start: octets, count: Int(length)))
    }

    /// Decodes the key itself.
    func makeKey() throws(CryptoError) -> PKey {
        guard let key = EVP_PKCS82PKEY(pointer) else {
            throw CryptoError.openSSL(.invalidKey, "the PKCS#8 private key does not decode")
        }
        return PKey(taking: key)
    }
}

/// The NID of an algorithm identifier's parameters when they are a single OID (a named curve).
private func objectParameter(of algorithmIdentifier: UnsafePointer<X509_ALGOR>) -> Int32? {
    var type: Int32 = 0
    var value: UnsafeRawPointer? = nil
    X509_ALGOR_get0(nil, &type, &value, algorithmIdentifier)
    guard type == V_ASN1_OBJECT, let value else { return nil }
    return OBJ_obj2nid(OpaquePointer(value))
}

extension ECCurve {
    /// The curve with OpenSSL NID `nid`, if supported.
    init?(nid: Int32) {
        guard let curve = ECCurve.allCases.first(where: { vk_curve_nid(Int32($0.tableIndex)) == nid }) else {
            return nil
        }
        self = curve
    }

    /// The OpenSSL NID of the curve.
    var nid: Int32 { vk_curve_nid(Int32(tableIndex)) }

    /// The OpenSSL group name (a C literal, safe to hand to parameter builders).
    var groupName: UnsafePointer<CChar> { vk_curve_group_name(Int32(tableIndex)) }

    /// The curve with OpenSSL group name `name` ("prime256v1", …), if supported.
    init?(groupName name: String) {
        guard let curve = ECCurve.allCases.first(where: { String(cString: $0.groupName) == name }) else {
            return nil
        }
        self = curve
    }
}

/// The kind of key inside a DER `SubjectPublicKeyInfo`, or `nil` if `der` is not exactly one SPKI.
///
/// Reads only the algorithm identifier, so key import can pick the right parser first time.
func identifyPublicKeyInfo(_ der: some Collection<UInt8>) -> PKeyKind? {
    withContiguousBytes(der) { raw in
        SubjectPublicKeyInfo(der: raw).map { keyKind(algorithm: $0.algorithm, parameterOID: $0.parameterOID) }
    }
}

/// The kind of key inside a DER PKCS#8 `PrivateKeyInfo` of version 1 or 2, or `nil` if `der` is
/// not exactly one. A version 2 key's public key is not compared here: the key readers do that
/// (``PKCS8Version2``).
func identifyPrivateKeyInfo(_ der: some Collection<UInt8>) -> PKeyKind? {
    withContiguousBytes(der) { raw in
        privateKeyInfo(anyVersion: raw).map { keyKind(algorithm: $0.algorithm, parameterOID: $0.parameterOID) }
    }
}

/// `der` as a ``PrivateKeyInfo``, a version 2 structure through its version 1 form: for naming
/// the key only, never for reading it (the public key inside is not compared).
private func privateKeyInfo(anyVersion der: UnsafeRawBufferPointer) -> PrivateKeyInfo? {
    if let info = PrivateKeyInfo(der: der) { return info }
    guard let version1 = DERKeyStructure.version2Parts(der)?.version1 else { return nil }
    return version1.withUnsafeBytes { PrivateKeyInfo(der: $0) }
}

private func keyKind(algorithm: Int32, parameterOID: Int32?) -> PKeyKind {
    switch algorithm {
    case NID_rsaEncryption: return .rsa
    case NID_ED25519: return .ed25519
    case NID_X9_62_id_ecPublicKey:
        guard let parameterOID, let curve = ECCurve(nid: parameterOID) else { return .other }
        return .ec(curve)
    default: return .other
    }
}

/// The raw 32-byte Ed25519 public key inside a DER `SubjectPublicKeyInfo`.
///
/// - Throws: `invalid_key` if `der` is not a well-formed SPKI, `unsupported_key` if it holds
///   another algorithm.
func ed25519Raw(fromPublicKeyInfo der: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
    try withContiguousBytes(der) { (raw) throws(CryptoError) -> [UInt8] in
        guard let info = SubjectPublicKeyInfo(der: raw) else {
            throw CryptoError(.invalidKey, "not a DER SubjectPublicKeyInfo")
        }
        guard info.algorithm == NID_ED25519 else {
            throw CryptoError(.unsupportedKey, "the SubjectPublicKeyInfo does not hold an Ed25519 key")
        }
        guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            throw CryptoError(.invalidKey, "empty key")
        }
        var cursor: UnsafePointer<UInt8>? = UnsafePointer(base)
        guard let key = d2i_PUBKEY(nil, &cursor, raw.count) else {
            throw CryptoError.openSSL(.invalidKey, "the Ed25519 public key does not decode")
        }
        defer { EVP_PKEY_free(key) }
        var length = 32
        var output = [UInt8](repeating: 0, count: 32)
        guard EVP_PKEY_get_raw_public_key(key, &output, &length) == 1, length == 32 else {
            throw CryptoError.openSSL(.invalidKey, "the Ed25519 public key is not 32 bytes")
        }
        return output
    }
}

/// The 32-byte Ed25519 private seed inside a DER PKCS#8 `PrivateKeyInfo`.
///
/// - Throws: `invalid_key` if `der` is not a well-formed PKCS#8 structure, `unsupported_key` if it
///   holds another algorithm.
func ed25519Seed(fromPrivateKeyInfo der: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
    try withContiguousBytes(der) { (raw) throws(CryptoError) -> [UInt8] in
        guard let info = PrivateKeyInfo(der: raw) else {
            throw CryptoError(.invalidKey, "not a DER PKCS#8 PrivateKeyInfo")
        }
        guard info.algorithm == NID_ED25519 else {
            throw CryptoError(.unsupportedKey, "the PrivateKeyInfo does not hold an Ed25519 key")
        }
        // RFC 8410 §3 and §7: no parameters, and CurvePrivateKey is one OCTET STRING of 32 bytes.
        guard info.algorithmIdentifier == [0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70],
            try info.withPrivateKeyOctets({ $0.count == 34 && $0[0] == DERWriter.octetString && $0[1] == 32 })
        else {
            throw CryptoError(.invalidKey, "not a DER Ed25519 PrivateKeyInfo (RFC 8410)")
        }
        let key = try info.makeKey()
        var length = 32
        var output = [UInt8](repeating: 0, count: 32)
        let status = key.withPointer { EVP_PKEY_get_raw_private_key($0, &output, &length) }
        guard status == 1, length == 32 else {
            throw CryptoError.openSSL(.invalidKey, "the Ed25519 private key is not 32 bytes")
        }
        return output
    }
}

/// Why a SubjectPublicKeyInfo or PKCS#8 structure of an unsupported kind is refused, naming the
/// kind: the ones a JOSE user may hand over by mistake (Ed448, X25519/X448, RSA-PSS-restricted
/// keys, another curve) by name.
///
/// Any other kind is named by `algorithmOID`, its dotted algorithm OID, and
/// ``DERObjectIdentifier/keyAlgorithmNames``, not by OpenSSL's table, whose names differ between
/// releases and are missing for OIDs it does not know: the reason is the same on any libcrypto.
func unsupportedKeyReason(algorithm: Int32, parameterOID: Int32?, algorithmOID: String?, structure: String) -> String {
    switch algorithm {
    case NID_ED448:
        return "\(structure) holds an Ed448 key: EdDSA here is Ed25519 only"
    case NID_X25519, NID_X448:
        let name = algorithm == NID_X25519 ? "X25519" : "X448"
        return "\(structure) holds an \(name) key, which is for key agreement, not signatures"
    case NID_rsassaPss:
        return "\(structure) holds an RSASSA-PSS-restricted RSA key (id-RSASSA-PSS), which is not supported;"
            + " PS256/384/512 use rsaEncryption keys"
    case NID_X9_62_id_ecPublicKey:
        guard let parameterOID else {
            return "\(structure) holds an EC key without a named curve (explicit parameters are refused)"
        }
        return "\(structure) holds an EC key on \(shortName(parameterOID)), which is not supported"
            + " (only P-256, P-384 and P-521)"
    default:
        guard let algorithmOID else { return "\(structure) holds an unsupported key type (an unknown OID)" }
        let name = DERObjectIdentifier.keyAlgorithmNames[algorithmOID].map { ", \($0)" } ?? ""
        return "\(structure) holds an unsupported key type (OID \(algorithmOID)\(name))"
    }
}

/// OpenSSL's short name for a NID (a static C string), or "an unknown OID".
private func shortName(_ nid: Int32) -> String {
    guard nid != NID_undef, let name = OBJ_nid2sn(nid) else { return "an unknown OID" }
    return String(cString: name)
}

/// The reason for an SPKI that ``identifyPublicKeyInfo(_:)`` classed as `.other`.
func unsupportedPublicKeyInfoReason(_ der: some Collection<UInt8>) -> String {
    withContiguousBytes(der) { raw in
        guard let info = SubjectPublicKeyInfo(der: raw) else {
            return "SubjectPublicKeyInfo holds an unsupported key type"
        }
        return unsupportedKeyReason(
            algorithm: info.algorithm,
            parameterOID: info.parameterOID,
            algorithmOID: SubjectPublicKeyInfo.algorithmOIDText(der: raw),
            structure: "SubjectPublicKeyInfo"
        )
    }
}

/// The reason for a PKCS#8 structure that ``identifyPrivateKeyInfo(_:)`` classed as `.other`.
func unsupportedPrivateKeyInfoReason(_ der: some Collection<UInt8>) -> String {
    withContiguousBytes(der) { raw in
        guard let info = privateKeyInfo(anyVersion: raw) else {
            return "PKCS#8 PrivateKeyInfo holds an unsupported key type"
        }
        return unsupportedKeyReason(
            algorithm: info.algorithm,
            parameterOID: info.parameterOID,
            algorithmOID: info.algorithmIdentifier.withUnsafeBytes(
                DERObjectIdentifier.algorithmText(ofAlgorithmIdentifier:)
            ),
            structure: "PKCS#8 PrivateKeyInfo"
        )
    }
}
