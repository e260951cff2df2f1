/// Which key structure a DER SEQUENCE is, judged by its first two elements, for the structures
/// without an algorithm identifier (everything but SubjectPublicKeyInfo and PKCS#8).
///
/// Telling them apart first lets one parser read the input and report its own error, instead of
/// trying each parser in turn and replacing the real reason with a generic one.
enum DERKeyShape: Equatable {
    /// `Certificate ::= SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE, … }`
    case certificate
    /// PKCS#1 `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }`
    case rsaPublicKey
    /// PKCS#1 `RSAPrivateKey ::= SEQUENCE { version INTEGER, modulus INTEGER, … }` (9 or more)
    case rsaPrivateKey
    /// SEC1 `ECPrivateKey ::= SEQUENCE { version INTEGER, privateKey OCTET STRING, … }`
    case ecPrivateKey

    /// `nil` unless `der` is exactly one DER SEQUENCE starting like one of the cases.
    init?(_ der: [UInt8]) {
        guard let shape = der.withUnsafeBytes({ DERKeyShape(der: $0) }) else { return nil }
        self = shape
    }

    /// The same, in place (typed key readers look at the shape of private key bytes without a copy).
    init?(der: UnsafeRawBufferPointer) {
        var outer = DERScanner(der)
        guard let body = outer.read(tag: DERWriter.sequence), outer.isAtEnd else { return nil }
        var inner = DERScanner(body)
        guard let first = inner.read(), let second = inner.read() else { return nil }
        switch (first.tag, second.tag) {
        case (DERWriter.sequence, DERWriter.sequence):
            self = .certificate
        case (DERWriter.integer, DERWriter.integer):
            self = inner.isAtEnd ? .rsaPublicKey : .rsaPrivateKey
        case (DERWriter.integer, DERWriter.octetString):
            self = .ecPrivateKey
        default:
            return nil
        }
    }
}
