/// Dotted text of DER OBJECT IDENTIFIERs, and names of the key algorithms a user may hand over
/// that VerifyKit does not support, for messages about such keys.
///
/// OpenSSL names only the OIDs its own table knows, and the table grows between releases (3.5
/// knows ML-DSA, 3.0 does not): the dotted form and a table of our own name every key type the
/// same way on any libcrypto, and the OID can be looked up.
enum DERObjectIdentifier {
    /// The longest OID text produced; longer OIDs are not key algorithms.
    static let maximumContentBytes = 64

    /// Names of key algorithms by dotted OID: DSA and Diffie-Hellman (older than JOSE), and NIST's
    /// post-quantum ML-DSA (FIPS 204), SLH-DSA (FIPS 205) and ML-KEM (FIPS 203), with the OIDs of
    /// NIST's Computer Security Objects Register.
    static let keyAlgorithmNames: [String: String] = {
        var names = [
            "1.2.840.10040.4.1": "DSA",
            "1.2.840.113549.1.3.1": "Diffie-Hellman (PKCS #3)",
            "1.2.840.10046.2.1": "Diffie-Hellman (X9.42)",
        ]
        let nist = "2.16.840.1.101.3.4"
        for (arc, size) in zip(17...19, [44, 65, 87]) { names["\(nist).3.\(arc)"] = "ML-DSA-\(size)" }
        for (arc, size) in zip(1...3, [512, 768, 1024]) { names["\(nist).4.\(arc)"] = "ML-KEM-\(size)" }
        var arc = 20
        for hash in ["SHA2", "SHAKE"] {
            for level in ["128", "192", "256"] {
                for variant in ["s", "f"] {
                    names["\(nist).3.\(arc)"] = "SLH-DSA-\(hash)-\(level)\(variant)"
                    arc += 1
                }
            }
        }
        return names
    }()

    /// `2.16.840.1.101.3.4.3.17` for the contents of an OBJECT IDENTIFIER, or `nil` if they are not
    /// strict DER (empty, a sub-identifier with a leading 0x80 byte or cut short, or one that does
    /// not fit in 64 bits).
    static func dottedText(contents: UnsafeRawBufferPointer) -> String? {
        guard !contents.isEmpty, contents.count <= maximumContentBytes, contents.last.map({ $0 & 0x80 == 0 }) == true
        else { return nil }
        var arcs: [UInt64] = []
        var value: UInt64 = 0
        var startsArc = true
        for byte in contents {
            // X.690 §8.19.2: a sub-identifier is encoded in the fewest bytes, so never starts with 0x80.
            if startsArc, byte == 0x80 { return nil }
            guard value >> 57 == 0 else { return nil }
            value = value << 7 | UInt64(byte & 0x7F)
            startsArc = byte & 0x80 == 0
            if startsArc {
                arcs.append(value)
                value = 0
            }
        }
        // The first sub-identifier holds the first two arcs: 40 × first + second, first ≤ 2.
        let first = min(arcs[0] / 40, 2)
        let leading = [first, arcs[0] - 40 * first]
        return (leading + arcs.dropFirst()).map(String.init).joined(separator: ".")
    }

    /// The dotted algorithm OID of a DER `AlgorithmIdentifier` element (header included), or `nil`.
    static func algorithmText(ofAlgorithmIdentifier element: UnsafeRawBufferPointer) -> String? {
        var outer = DERScanner(element)
        guard let body = outer.read(tag: DERWriter.sequence) else { return nil }
        var fields = DERScanner(body)
        guard let oid = fields.read(tag: DERWriter.objectIdentifier) else { return nil }
        return dottedText(contents: oid)
    }
}
