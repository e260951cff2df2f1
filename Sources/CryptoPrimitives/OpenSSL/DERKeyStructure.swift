/// Strict DER checks of the private-key containers that OpenSSL then decodes.
///
/// OpenSSL's `d2i_PKCS8_PRIV_KEY_INFO` and `d2i_PrivateKey` take BER (long-form lengths where the
/// short form fits, extra length bytes): the same key would then have several accepted encodings,
/// and the answer would depend on the entry point. These checks walk the element headers with
/// ``DERScanner`` first; the key material inside is still parsed by OpenSSL (RSA by our own
/// reader).
enum DERKeyStructure {
    /// PKCS#8 / RFC 5958 `OneAsymmetricKey ::= SEQUENCE { version INTEGER (0 | 1),
    /// AlgorithmIdentifier, privateKey OCTET STRING, [0] attributes OPTIONAL, [1] publicKey
    /// OPTIONAL }`: the AlgorithmIdentifier element (header included) when `der` is exactly that.
    static func privateKeyInfoAlgorithm(_ der: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
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
        while !fields.isAtEnd {
            guard let element = fields.read(), let position = expected.firstIndex(of: element.tag) else { return nil }
            expected.removeFirst(position + 1)
        }
        return algorithm.element
    }

    /// `AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }`.
    private static func isAlgorithmIdentifier(_ contents: UnsafeRawBufferPointer) -> Bool {
        var fields = DERScanner(contents)
        guard fields.read(tag: objectIdentifier) != nil else { return false }
        if fields.isAtEnd { return true }
        return fields.read() != nil && fields.isAtEnd
    }

    /// SEC1 `ECPrivateKey ::= SEQUENCE { version INTEGER (1), privateKey OCTET STRING,
    /// [0] parameters OPTIONAL, [1] publicKey BIT STRING OPTIONAL }`, each explicit tag holding
    /// exactly one element.
    static func isECPrivateKey(_ der: UnsafeRawBufferPointer) -> Bool {
        var outer = DERScanner(der)
        guard let body = outer.read(tag: DERWriter.sequence), outer.isAtEnd else { return false }
        var fields = DERScanner(body)
        guard let version = fields.read(tag: DERWriter.integer), version.count == 1, version[0] == 1,
            fields.read(tag: DERWriter.octetString) != nil
        else { return false }
        // [0] holds a named-curve OID or explicit parameters (a SEQUENCE, refused later as
        // unsupported, not here as malformed); [1] holds the public key's BIT STRING.
        var expected: [(tag: UInt8, inner: [UInt8])] = [
            (0xA0, [objectIdentifier, DERWriter.sequence]), (0xA1, [DERWriter.bitString]),
        ]
        while !fields.isAtEnd {
            guard let element = fields.read(), let position = expected.firstIndex(where: { $0.tag == element.tag })
            else { return false }
            var inner = DERScanner(element.contents)
            guard let value = inner.read(), expected[position].inner.contains(value.tag), inner.isAtEnd else {
                return false
            }
            expected.removeFirst(position + 1)
        }
        return true
    }

    private static let objectIdentifier: UInt8 = 0x06
}
