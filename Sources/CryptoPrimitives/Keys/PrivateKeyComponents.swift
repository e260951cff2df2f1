/// JWK export of private keys: the members a private JWK carries beyond the public ones, taken
/// apart from our own PKCS#8 export with the strict ``DERScanner``.
extension RSA.PrivateKey {
    /// The RSAPrivateKey (PKCS#1) members, big-endian without leading zeros.
    struct Components {
        var privateExponent: [UInt8] = []
        var prime1: [UInt8] = []
        var prime2: [UInt8] = []
        var exponent1: [UInt8] = []
        var exponent2: [UInt8] = []
        var coefficient: [UInt8] = []
    }

    /// PrivateKeyInfo → OCTET STRING → RSAPrivateKey { version, n, e, d, p, q, dp, dq, qi }.
    /// Our own export always has this shape; empty members would make a broken export visible in tests.
    var components: Components {
        derRepresentation.withUnsafeBytes { der in
            guard var rsa = privateKeyStructure(der), rsa.read(tag: DERWriter.integer) != nil,
                rsa.read(tag: DERWriter.integer) != nil, rsa.read(tag: DERWriter.integer) != nil
            else { return Components() }
            var values: [[UInt8]] = []
            while values.count < 6, let integer = rsa.read(tag: DERWriter.integer) {
                values.append(Array(integer.drop { $0 == 0 }))
            }
            guard values.count == 6 else { return Components() }
            return Components(
                privateExponent: values[0],
                prime1: values[1],
                prime2: values[2],
                exponent1: values[3],
                exponent2: values[4],
                coefficient: values[5]
            )
        }
    }
}

extension ECDSA.PrivateKey {
    /// The private scalar `d`, left-padded to the coordinate size:
    /// PrivateKeyInfo → OCTET STRING → ECPrivateKey { version, OCTET STRING d, … }.
    var scalar: [UInt8] {
        let size = curve.coordinateByteCount
        return derRepresentation.withUnsafeBytes { der -> [UInt8] in
            guard var ec = privateKeyStructure(der), ec.read(tag: DERWriter.integer) != nil,
                let d = ec.read(tag: octetStringTag), d.count <= size
            else { return [] }
            return [UInt8](repeating: 0, count: size - d.count) + Array(d)
        }
    }
}

private let octetStringTag: UInt8 = 0x04

/// The algorithm-specific structure inside a PKCS#8 PrivateKeyInfo, positioned at its first field.
private func privateKeyStructure(_ der: UnsafeRawBufferPointer) -> DERScanner? {
    var outer = DERScanner(der)
    guard let info = outer.read(tag: DERWriter.sequence) else { return nil }
    var fields = DERScanner(info)
    guard fields.read(tag: DERWriter.integer) != nil, fields.read(tag: DERWriter.sequence) != nil,
        let octets = fields.read(tag: octetStringTag)
    else { return nil }
    var wrapped = DERScanner(octets)
    guard let structure = wrapped.read(tag: DERWriter.sequence) else { return nil }
    return DERScanner(structure)
}
