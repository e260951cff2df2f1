import CryptoPrimitives
import Testing

/// No way of printing a private key or secret shows its bytes: a log line of a key, of a
/// `CryptoKey` or JWK wrapping it, or of a type holding one must not leak it.
@Suite("Private keys and secrets are never printed")
struct SecretRedactionTests {
    /// Every way Swift turns a value into text for people.
    private static func renderings(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return ["\(value)", String(reflecting: value), dumped]
    }

    /// Any 8 secret bytes in a row, as Swift prints an array of them, in decimal or hex, or as
    /// `dump` lists one (an element per line).
    private static func leaks(_ secret: [UInt8], in text: String) -> Bool {
        let window = Array(secret.prefix(8))
        let decimal = window.map(String.init).joined(separator: ", ")
        let hex = window.map { String($0, radix: 16) }.joined(separator: ", ")
        // `dump` of a byte array: "- 48", "- 130", … one per line; compare the numbers in order.
        let dumped = text.split(separator: "\n").compactMap { line -> UInt8? in
            let trimmed = line.drop { $0 == " " }
            return trimmed.hasPrefix("- ") ? UInt8(trimmed.dropFirst(2)) : nil
        }
        let inDump =
            dumped.count >= window.count
            && (0...(dumped.count - window.count)).contains { dumped[$0..<($0 + window.count)].elementsEqual(window) }
        return text.contains(decimal) || text.contains(hex) || inDump
    }

    private static func check(_ secret: [UInt8], _ values: [Any], comment: Comment) {
        for value in values {
            for text in renderings(value) {
                #expect(!leaks(secret, in: text), "\(comment): \(text.prefix(300))")
            }
        }
    }

    @Test func ecdsa() throws {
        let key = try ECDSA.PrivateKey(curve: .p256)
        // The PKCS#8 DER, whose tail after the header holds the scalar.
        let secret = Array(key.derRepresentation.dropFirst(36))
        Self.check(secret, [key, CryptoKey(key)], comment: "ECDSA")
    }

    @Test func rsa() throws {
        let key = try RSA.PrivateKey(keySize: 2048)
        let secret = Array(key.derRepresentation.dropFirst(300))
        Self.check(secret, [key, CryptoKey(key)], comment: "RSA")
    }

    @Test func ed25519() {
        let key = Ed25519.PrivateKey()
        Self.check(key.seed, [key, CryptoKey(key)], comment: "Ed25519")
    }

    @Test("a PEM block holding a private key prints its label and size, not its bytes")
    func pemDocument() throws {
        let key = try ECDSA.PrivateKey(curve: .p256)
        let der = key.derRepresentation
        let document = PEMDocument(label: "PRIVATE KEY", derBytes: der)
        Self.check(Array(der.dropFirst(36)), [document], comment: "PEMDocument")
        let parsed = try PEMDocument(pemRepresentation: try #require(CryptoKey(key).privateKeyPEM))
        Self.check(Array(der.dropFirst(36)), [parsed, [parsed]], comment: "parsed PEMDocument")
        #expect("\(document)" == #"PEMDocument(label: "PRIVATE KEY", \#(der.count) bytes)"#)
    }

    @Test func hmac() {
        let key = HMACKey(randomByteCount: 32)
        Self.check(key.rawRepresentation, [key, CryptoKey(key)], comment: "HMAC")
    }
}
