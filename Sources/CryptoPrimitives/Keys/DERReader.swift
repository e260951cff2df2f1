/// A minimal strict DER reader for the few fixed structures we take apart in Swift (the
/// contents of our own PKCS#8 exports). Untrusted-input safe: every length is bounds-checked.
struct DERReader {
    private var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { bytes.isEmpty }

    /// The tag of the next element, if any.
    var peekTag: UInt8? { bytes.first }

    /// Reads one TLV with the expected tag and returns its contents.
    mutating func read(tag: UInt8) throws(CryptoError) -> ArraySlice<UInt8> {
        try readElement(tag: tag, includingHeader: false)
    }

    /// Reads one TLV with the expected tag and returns it whole (tag and length included).
    mutating func readElement(tag: UInt8) throws(CryptoError) -> ArraySlice<UInt8> {
        try readElement(tag: tag, includingHeader: true)
    }

    private mutating func readElement(tag: UInt8, includingHeader: Bool) throws(CryptoError) -> ArraySlice<UInt8> {
        guard let first = bytes.first, first == tag else {
            throw CryptoError(.invalidKey, "unexpected DER tag")
        }
        var index = bytes.index(after: bytes.startIndex)
        guard index < bytes.endIndex else { throw CryptoError(.invalidKey, "truncated DER") }
        var length = Int(bytes[index])
        index += 1
        if length & 0x80 != 0 {
            let lengthBytes = length & 0x7F
            guard lengthBytes > 0, lengthBytes <= 4, bytes.endIndex - index >= lengthBytes else {
                throw CryptoError(.invalidKey, "unsupported DER length")
            }
            length = 0
            for _ in 0..<lengthBytes {
                length = (length << 8) | Int(bytes[index])
                index += 1
            }
        }
        guard bytes.endIndex - index >= length else { throw CryptoError(.invalidKey, "truncated DER") }
        guard length < 0x80 || lengthIsMinimal(length, headerBytes: index - bytes.startIndex) else {
            throw CryptoError(.invalidKey, "non-minimal DER length")
        }
        let element = bytes[(includingHeader ? bytes.startIndex : index)..<(index + length)]
        bytes = bytes[(index + length)...]
        return element
    }

    /// DER requires the shortest length form: long form only from 128, no leading zero byte.
    private func lengthIsMinimal(_ length: Int, headerBytes: Int) -> Bool {
        let lengthBytes = headerBytes - 2
        return lengthBytes == 1 ? length >= 0x80 : length >= 1 << (8 * (lengthBytes - 1))
    }

    /// Reads an INTEGER as unsigned big-endian bytes without leading zeros.
    mutating func readUnsignedInteger() throws(CryptoError) -> [UInt8] {
        let contents = try read(tag: 0x02)
        return Array(contents.drop { $0 == 0 })
    }

    static let sequence: UInt8 = 0x30
    static let octetString: UInt8 = 0x04
    static let integer: UInt8 = 0x02
}

extension RSA.PrivateKey {
    /// The RSAPrivateKey (PKCS#1) members, big-endian without leading zeros, for JWK export.
    struct Components {
        var privateExponent: [UInt8]
        var prime1: [UInt8]
        var prime2: [UInt8]
        var exponent1: [UInt8]
        var exponent2: [UInt8]
        var coefficient: [UInt8]
    }

    /// Taken apart from our own PKCS#8 export: PrivateKeyInfo → OCTET STRING → RSAPrivateKey.
    var components: Components {
        do {
            var outer = DERReader(derRepresentation[...])
            var info = DERReader(try outer.read(tag: DERReader.sequence))
            _ = try info.read(tag: DERReader.integer)
            _ = try info.read(tag: DERReader.sequence)
            var octets = DERReader(try info.read(tag: DERReader.octetString))
            var rsa = DERReader(try octets.read(tag: DERReader.sequence))
            _ = try rsa.read(tag: DERReader.integer)  // version
            _ = try rsa.readUnsignedInteger()  // n
            _ = try rsa.readUnsignedInteger()  // e
            return Components(
                privateExponent: try rsa.readUnsignedInteger(),
                prime1: try rsa.readUnsignedInteger(),
                prime2: try rsa.readUnsignedInteger(),
                exponent1: try rsa.readUnsignedInteger(),
                exponent2: try rsa.readUnsignedInteger(),
                coefficient: try rsa.readUnsignedInteger()
            )
        } catch {
            // Our own export always has this shape; an empty result makes a broken export visible in tests.
            return Components(
                privateExponent: [],
                prime1: [],
                prime2: [],
                exponent1: [],
                exponent2: [],
                coefficient: []
            )
        }
    }
}

extension ECDSA.PrivateKey {
    /// The private scalar `d`, left-padded to the coordinate size, for JWK export.
    /// Taken apart from our own PKCS#8 export: PrivateKeyInfo → OCTET STRING → ECPrivateKey.
    var scalar: [UInt8] {
        do {
            var outer = DERReader(derRepresentation[...])
            var info = DERReader(try outer.read(tag: DERReader.sequence))
            _ = try info.read(tag: DERReader.integer)
            _ = try info.read(tag: DERReader.sequence)
            var octets = DERReader(try info.read(tag: DERReader.octetString))
            var ec = DERReader(try octets.read(tag: DERReader.sequence))
            _ = try ec.read(tag: DERReader.integer)  // version
            let d = Array(try ec.read(tag: DERReader.octetString))
            let size = curve.coordinateByteCount
            return d.count >= size ? Array(d.suffix(size)) : [UInt8](repeating: 0, count: size - d.count) + d
        } catch {
            return []
        }
    }
}
