/// Strict DER checks of the private-key containers that OpenSSL then decodes.
///
/// OpenSSL's `d2i_PKCS8_PRIV_KEY_INFO` and `d2i_PrivateKey` take BER (long-form lengths where the
/// short form fits, extra length bytes, indefinite lengths): the same key would then have several
/// accepted encodings, and the answer would depend on the entry point. These checks walk the
/// element headers with ``DERScanner`` first; the key material inside is still parsed by OpenSSL
/// (RSA by our own reader).
enum DERKeyStructure {
    /// PKCS#8 / RFC 5958 `OneAsymmetricKey ::= SEQUENCE { version INTEGER (0 | 1),
    /// AlgorithmIdentifier, privateKey OCTET STRING, [0] attributes OPTIONAL, [1] publicKey
    /// OPTIONAL }`: the AlgorithmIdentifier element (header included) and whether the structure is
    /// version 2 (it carries the public key), when `der` is exactly that.
    ///
    /// Version 1 (v2) if and only if the public key is present (RFC 5958 §2: "If publicKey is
    /// present, then version is set to v2 else version is set to v1"), so v2 without the public key
    /// and v1 with one are `nil`, malformed; the attributes are strict DER all the way down.
    static func privateKeyInfoAlgorithm(
        _ der: UnsafeRawBufferPointer
    ) -> (algorithm: UnsafeRawBufferPointer, isVersion2: Bool)? {
        var outer = DERScanner(der)
        guard let body = outer.read(tag: DERWriter.sequence), outer.isAtEnd else { return nil }
        var fields = DERScanner(body)
        guard let version = fields.read(tag: DERWriter.integer), version.count == 1, version[0] <= 1,
            let algorithm = fields.read(), algorithm.tag == DERWriter.sequence,
            isAlgorithmIdentifier(algorithm.contents),
            fields.read(tag: DERWriter.octetString) != nil
        else { return nil }
        // Optional [0] attributes (constructed), then optional [1] IMPLICIT BIT STRING, in order.
        var expected: [UInt8] = [0xA0, 0x81]
        var hasPublicKey = false
        while !fields.isAtEnd {
            guard let element = fields.read(), let position = expected.firstIndex(of: element.tag) else { return nil }
            if element.tag == 0xA0 {
                guard isStrict(element.contents, depth: 0) else { return nil }
            } else {
                hasPublicKey = true
            }
            expected.removeFirst(position + 1)
        }
        guard hasPublicKey == (version[0] == 1) else { return nil }
        return (algorithm.element, hasPublicKey)
    }

    /// `AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }`.
    private static func isAlgorithmIdentifier(_ contents: UnsafeRawBufferPointer) -> Bool {
        var fields = DERScanner(contents)
        guard fields.read(tag: DERWriter.objectIdentifier) != nil else { return false }
        if fields.isAtEnd { return true }
        guard let parameters = fields.read(), fields.isAtEnd else { return false }
        return parameters.tag & constructed == 0 || isStrict(parameters.contents, depth: 0)
    }

    /// SEC1 `ECPrivateKey ::= SEQUENCE { version INTEGER (1), privateKey OCTET STRING,
    /// [0] parameters OPTIONAL, [1] publicKey BIT STRING OPTIONAL }`, each explicit tag holding
    /// exactly one element: the length of the private scalar's octets and the whole `[0]`
    /// parameters element (OID or SEQUENCE) if present, or `nil` if `der` is not exactly that in
    /// strict DER.
    static func ecPrivateKeyFields(_ der: UnsafeRawBufferPointer) -> (scalarLength: Int, parameters: [UInt8]?)? {
        var outer = DERScanner(der)
        guard let body = outer.read(tag: DERWriter.sequence), outer.isAtEnd else { return nil }
        var fields = DERScanner(body)
        guard let version = fields.read(tag: DERWriter.integer), version.count == 1, version[0] == 1,
            let scalar = fields.read(tag: DERWriter.octetString)
        else { return nil }
        // [0] holds a named-curve OID or explicit parameters (a SEQUENCE, refused later as
        // unsupported, not here as malformed); [1] holds the public key's BIT STRING.
        var expected: [(tag: UInt8, inner: [UInt8])] = [
            (0xA0, [DERWriter.objectIdentifier, DERWriter.sequence]), (0xA1, [DERWriter.bitString]),
        ]
        var parameters: [UInt8]?
        while !fields.isAtEnd {
            guard let element = fields.read(), let position = expected.firstIndex(where: { $0.tag == element.tag })
            else { return nil }
            var inner = DERScanner(element.contents)
            guard let value = inner.read(), expected[position].inner.contains(value.tag), inner.isAtEnd,
                value.tag != DERWriter.sequence || isStrict(value.contents, depth: 0)
            else { return nil }
            if element.tag == 0xA0 { parameters = Array(value.element) }
            expected.removeFirst(position + 1)
        }
        return (scalar.count, parameters)
    }

    /// Whether the certificate `der` certifies an EC key given by explicit curve parameters rather
    /// than a named curve, read from the certificate's framing alone (`nil` if `der` is not framed as
    /// `Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber,
    /// signature, issuer, validity, subject, subjectPublicKeyInfo, … }, … }`).
    ///
    /// OpenSSL 3.0's `d2i_X509` decodes the key while it parses; explicit parameters make it build
    /// the curve and decompress its points (Tonelli–Shanks over a field of up to 661 bits, 0.1 s and
    /// more per certificate). RFC 5480 §2.1.1 allows only named curves, and strict path validation
    /// refuses the others, so such a certificate is refused before OpenSSL sees it.
    static func certificateHasExplicitECParameters(_ der: UnsafeRawBufferPointer) -> Bool? {
        var outer = DERScanner(der)
        guard let certificate = outer.read(tag: DERWriter.sequence) else { return nil }
        var fields = DERScanner(certificate)
        guard let tbs = fields.read(tag: DERWriter.sequence) else { return nil }
        var tbsFields = DERScanner(tbs)
        guard var element = tbsFields.read() else { return nil }
        if element.tag == 0xA0 {
            guard let next = tbsFields.read() else { return nil }
            element = next
        }
        // serialNumber, then signature, issuer, validity, subject (all SEQUENCEs), then the SPKI.
        guard element.tag == DERWriter.integer else { return nil }
        for _ in 0..<4 {
            guard tbsFields.read(tag: DERWriter.sequence) != nil else { return nil }
        }
        guard let publicKeyInfo = tbsFields.read(tag: DERWriter.sequence) else { return nil }
        var infoFields = DERScanner(publicKeyInfo)
        guard let algorithm = infoFields.read(tag: DERWriter.sequence) else { return nil }
        var algorithmFields = DERScanner(algorithm)
        guard let oid = algorithmFields.read(tag: DERWriter.objectIdentifier) else { return nil }
        guard oid.elementsEqual(idECPublicKey) else { return false }
        guard let (parameterTag, _, _) = algorithmFields.read() else { return true }
        return parameterTag != DERWriter.objectIdentifier
    }

    /// The contents of the OID 1.2.840.10045.2.1 (`id-ecPublicKey`).
    private static let idECPublicKey: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]

    /// Whether `der` is exactly one element with strict DER headers all the way down (see
    /// ``isStrict(_:depth:)``): for structures such as certificates that OpenSSL would also read as BER.
    static func isStrictElement(_ der: UnsafeRawBufferPointer) -> Bool {
        var scanner = DERScanner(der)
        guard let element = scanner.read(), scanner.isAtEnd else { return false }
        guard element.tag & constructed != 0 else { return true }
        return isStrict(element.contents, depth: 0)
    }

    /// Whether every element in `contents`, and inside every constructed one, has a strict DER
    /// header (nesting bounded: key structures are shallow).
    private static func isStrict(_ contents: UnsafeRawBufferPointer, depth: Int) -> Bool {
        guard depth < 16 else { return false }
        var scanner = DERScanner(contents)
        while !scanner.isAtEnd {
            guard let element = scanner.read() else { return false }
            guard element.tag & constructed != 0 else { continue }
            // DER writes every string primitive: of the universal types only SEQUENCE and SET
            // are constructed (a constructed OCTET or BIT STRING is BER's chunked form).
            if element.tag & 0xC0 == 0, element.tag != DERWriter.sequence, element.tag != 0x31 { return false }
            if !isStrict(element.contents, depth: depth + 1) { return false }
        }
        return true
    }

    /// For a strict-DER PKCS#8 version 2 structure (RFC 5958, public key in `[1]`): the same key
    /// as version 1 (version 0, attributes kept, `[1]` dropped) and the contents of the `[1]
    /// IMPLICIT BIT STRING` (the unused-bits byte, which must be 0, then the public key). `nil` for
    /// anything else. ``PKCS8Version2`` reads the first and compares the second.
    static func version2Parts(_ der: UnsafeRawBufferPointer) -> (version1: [UInt8], publicKeyBits: [UInt8])? {
        guard privateKeyInfoAlgorithm(der)?.isVersion2 == true else { return nil }
        var outer = DERScanner(der)
        guard let body = outer.read(tag: DERWriter.sequence) else { return nil }
        var fields = DERScanner(body)
        guard let version = fields.read(tag: DERWriter.integer), version.count == 1, version[0] == 1 else {
            return nil
        }
        var kept: [UInt8] = [DERWriter.integer, 0x01, 0x00]
        var publicKeyBits: [UInt8]?
        while let element = fields.read() {
            if element.tag == 0x81 {
                // A public key of whole bytes: a zero unused-bits count, then the key.
                guard element.contents.count >= 2, element.contents[0] == 0 else { return nil }
                publicKeyBits = Array(element.contents)
                continue
            }
            kept += element.element
        }
        guard let publicKeyBits else { return nil }
        return (DERWriter.element(DERWriter.sequence, kept), publicKeyBits)
    }

    /// The contents of a SubjectPublicKeyInfo's `subjectPublicKey` BIT STRING (unused-bits byte
    /// included), or `nil` if `der` is not `SEQUENCE { AlgorithmIdentifier, BIT STRING }`.
    static func publicKeyBits(ofPublicKeyInfo der: [UInt8]) -> [UInt8]? {
        der.withUnsafeBytes { raw in
            var outer = DERScanner(raw)
            guard let body = outer.read(tag: DERWriter.sequence), outer.isAtEnd else { return nil }
            var fields = DERScanner(body)
            guard fields.read(tag: DERWriter.sequence) != nil, let bits = fields.read(tag: DERWriter.bitString),
                fields.isAtEnd
            else { return nil }
            return Array(bits)
        }
    }

    private static let constructed: UInt8 = 0x20
}
