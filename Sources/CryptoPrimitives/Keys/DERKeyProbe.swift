/// Tells key structures apart by their ASN.1 shape, in pure Swift, before any C parser sees them:
/// SubjectPublicKeyInfo vs PKCS#8 vs certificate, and the algorithm OID inside.
enum DERKeyProbe {
    /// The algorithm of a SubjectPublicKeyInfo or PKCS#8 structure.
    enum Kind: Equatable {
        case rsa
        case ec(ECCurve)
        case ed25519
        /// A well-formed structure for an algorithm (or curve) we do not support.
        case other
    }

    // DER-encoded OBJECT IDENTIFIER contents.
    private static let rsaEncryption: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
    private static let ecPublicKey: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]
    private static let ed25519: [UInt8] = [0x2B, 0x65, 0x70]
    private static let p256: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
    private static let p384: [UInt8] = [0x2B, 0x81, 0x04, 0x00, 0x22]
    private static let p521: [UInt8] = [0x2B, 0x81, 0x04, 0x00, 0x23]
    private static let objectIdentifier: UInt8 = 0x06
    private static let bitString: UInt8 = 0x03

    /// SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier, BIT STRING }, nothing after it.
    static func publicKeyInfoKind(_ der: [UInt8]) -> Kind? {
        do {
            var outer = DERReader(der[...])
            var spki = DERReader(try outer.read(tag: DERReader.sequence))
            guard outer.isAtEnd else { return nil }
            let kind = try algorithmKind(DERReader(try spki.read(tag: DERReader.sequence)))
            _ = try spki.read(tag: bitString)
            return spki.isAtEnd ? kind : nil
        } catch {
            return nil
        }
    }

    /// PrivateKeyInfo ::= SEQUENCE { INTEGER version (0 or 1), AlgorithmIdentifier, OCTET STRING, … }.
    static func privateKeyInfoKind(_ der: [UInt8]) -> Kind? {
        do {
            var outer = DERReader(der[...])
            var info = DERReader(try outer.read(tag: DERReader.sequence))
            guard outer.isAtEnd else { return nil }
            let version = try info.read(tag: DERReader.integer)
            guard version.count == 1, version.first! <= 1 else { return nil }
            let kind = try algorithmKind(DERReader(try info.read(tag: DERReader.sequence)))
            _ = try info.read(tag: DERReader.octetString)
            return kind
        } catch {
            return nil
        }
    }

    /// The raw 32-byte key inside an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4).
    static func ed25519PublicKey(fromPublicKeyInfo der: [UInt8]) throws(CryptoError) -> [UInt8] {
        var outer = DERReader(der[...])
        var spki = DERReader(try outer.read(tag: DERReader.sequence))
        _ = try spki.read(tag: DERReader.sequence)
        let bits = try spki.read(tag: bitString)
        guard bits.count == 33, bits.first == 0 else {
            throw CryptoError(.invalidKey, "Ed25519 public key must be 32 bytes")
        }
        return Array(bits.dropFirst())
    }

    /// The 32-byte seed inside an Ed25519 PKCS#8 key: the OCTET STRING wraps a CurvePrivateKey
    /// OCTET STRING (RFC 8410 §7).
    static func ed25519Seed(fromPrivateKeyInfo der: [UInt8]) throws(CryptoError) -> [UInt8] {
        var outer = DERReader(der[...])
        var info = DERReader(try outer.read(tag: DERReader.sequence))
        _ = try info.read(tag: DERReader.integer)
        _ = try info.read(tag: DERReader.sequence)
        var wrapped = DERReader(try info.read(tag: DERReader.octetString))
        let seed = try wrapped.read(tag: DERReader.octetString)
        guard seed.count == 32, wrapped.isAtEnd else {
            throw CryptoError(.invalidKey, "Ed25519 private key seed must be 32 bytes")
        }
        return Array(seed)
    }

    /// The SubjectPublicKeyInfo of an X.509 certificate (RFC 5280 §4.1), as its own DER.
    static func publicKeyInfo(fromCertificate der: [UInt8]) throws(CryptoError) -> [UInt8] {
        var outer = DERReader(der[...])
        var certificate = DERReader(try outer.read(tag: DERReader.sequence))
        guard outer.isAtEnd else { throw CryptoError(.invalidKey, "trailing bytes after certificate") }
        var tbs = DERReader(try certificate.read(tag: DERReader.sequence))
        _ = try certificate.read(tag: DERReader.sequence)  // signatureAlgorithm
        _ = try certificate.read(tag: bitString)  // signatureValue
        guard certificate.isAtEnd else { throw CryptoError(.invalidKey, "not an X.509 certificate") }
        if tbs.peekTag == 0xA0 { _ = try tbs.read(tag: 0xA0) }  // [0] EXPLICIT version
        _ = try tbs.read(tag: DERReader.integer)  // serialNumber
        _ = try tbs.read(tag: DERReader.sequence)  // signature
        _ = try tbs.read(tag: DERReader.sequence)  // issuer
        _ = try tbs.read(tag: DERReader.sequence)  // validity
        _ = try tbs.read(tag: DERReader.sequence)  // subject
        let spki = try tbs.readElement(tag: DERReader.sequence)
        return Array(spki)
    }

    private static func algorithmKind(_ reader: DERReader) throws(CryptoError) -> Kind {
        var algorithm = reader
        let oid = Array(try algorithm.read(tag: objectIdentifier))
        switch oid {
        case rsaEncryption:
            return .rsa
        case ed25519:
            return algorithm.isAtEnd ? .ed25519 : .other
        case ecPublicKey:
            // Named curves only: explicit parameters are refused (CVE-2020-0601 style confusion).
            guard algorithm.peekTag == objectIdentifier else { return .other }
            switch Array(try algorithm.read(tag: objectIdentifier)) {
            case p256: return .ec(.p256)
            case p384: return .ec(.p384)
            case p521: return .ec(.p521)
            default: return .other
            }
        default:
            return .other
        }
    }
}
