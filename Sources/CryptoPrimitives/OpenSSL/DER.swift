/// Minimal strict DER for the fixed outer structures of public keys.
///
/// OpenSSL 3.0's `d2i_X509_PUBKEY` / `i2d_PUBKEY` go through its decoder/encoder framework and cost
/// hundreds of microseconds per key; splitting a SubjectPublicKeyInfo and writing one are a few
/// dozen lines of DER. Only universal low tags and definite lengths up to 4 bytes, in minimal
/// form, are accepted; everything inside the key bits is still parsed by OpenSSL.
struct DERScanner {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset == bytes.count }

    /// The next element as (tag, contents, whole encoding), or `nil` if it is not valid DER.
    mutating func read() -> (tag: UInt8, contents: UnsafeRawBufferPointer, element: UnsafeRawBufferPointer)? {
        let start = offset
        guard bytes.count - offset >= 2 else { return nil }
        let tag = bytes[offset]
        // High-tag-number form is never needed here.
        guard tag & 0x1F != 0x1F else { return nil }
        var length = Int(bytes[offset + 1])
        offset += 2
        if length >= 0x80 {
            let lengthBytes = length & 0x7F
            // 0x80 is BER's indefinite length; more than 4 length bytes is never a key.
            guard (1...4).contains(lengthBytes), bytes.count - offset >= lengthBytes, bytes[offset] != 0 else {
                return nil
            }
            length = 0
            for _ in 0..<lengthBytes {
                length = length << 8 | Int(bytes[offset])
                offset += 1
            }
            // DER: the long form only for lengths that need it.
            guard length >= 0x80 else { return nil }
        }
        guard bytes.count - offset >= length else { return nil }
        let contents = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
        offset += length
        return (tag, contents, UnsafeRawBufferPointer(rebasing: bytes[start..<offset]))
    }

    /// The next element's contents if it has `tag`.
    mutating func read(tag expected: UInt8) -> UnsafeRawBufferPointer? {
        guard let (tag, contents, _) = read(), tag == expected else { return nil }
        return contents
    }
}

/// DER encodings of the public-key structures this module writes.
enum DERWriter {
    static let sequence: UInt8 = 0x30
    static let integer: UInt8 = 0x02
    static let bitString: UInt8 = 0x03
    static let octetString: UInt8 = 0x04
    static let objectIdentifier: UInt8 = 0x06

    /// `06 09 2a864886f70d010101 05 00`: rsaEncryption with NULL parameters (RFC 8017 A.1).
    static let rsaAlgorithm: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00]
    /// id-ecPublicKey (RFC 5480).
    static let ecPublicKeyOID: [UInt8] = [0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]

    /// The named-curve OID element of `curve` (RFC 5480 §2.1.1.1).
    static func curveOID(_ curve: ECCurve) -> [UInt8] {
        switch curve {
        case .p256: [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
        case .p384: [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22]
        case .p521: [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x23]
        }
    }

    static func element(_ tag: UInt8, _ contents: [UInt8]) -> [UInt8] {
        var encoded = [tag]
        let count = contents.count
        if count < 0x80 {
            encoded.append(UInt8(count))
        } else {
            let lengthBytes = (count.bitWidth - count.leadingZeroBitCount + 7) / 8
            encoded.append(0x80 | UInt8(lengthBytes))
            for index in stride(from: lengthBytes - 1, through: 0, by: -1) {
                encoded.append(UInt8(truncatingIfNeeded: count >> (8 * index)))
            }
        }
        return encoded + contents
    }

    /// An INTEGER for the unsigned big-endian `value` (leading zeros dropped, sign byte added).
    static func unsignedInteger(_ value: [UInt8]) -> [UInt8] {
        var minimal = Array(value.drop(while: { $0 == 0 }))
        if minimal.isEmpty || minimal[0] >= 0x80 { minimal.insert(0, at: 0) }
        return element(integer, minimal)
    }

    /// SubjectPublicKeyInfo for an RSA key (RFC 8017 A.1.1 inside RFC 5280 §4.1).
    static func rsaPublicKeyInfo(modulus: [UInt8], exponent: [UInt8]) -> [UInt8] {
        let rsaPublicKey = element(sequence, unsignedInteger(modulus) + unsignedInteger(exponent))
        return element(sequence, element(sequence, rsaAlgorithm) + element(bitString, [0] + rsaPublicKey))
    }

    /// SubjectPublicKeyInfo for an EC key with an uncompressed point (RFC 5480).
    static func ecPublicKeyInfo(curve: ECCurve, x: [UInt8], y: [UInt8]) -> [UInt8] {
        let algorithm = element(sequence, ecPublicKeyOID + curveOID(curve))
        return element(sequence, algorithm + element(bitString, [0, 4] + x + y))
    }
}
