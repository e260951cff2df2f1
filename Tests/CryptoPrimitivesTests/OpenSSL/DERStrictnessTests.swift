import Testing

@testable import CryptoPrimitives

/// Public keys must be DER, not merely BER: the outer SubjectPublicKeyInfo split is done here
/// rather than by OpenSSL, so its strictness is tested directly.
@Suite("SubjectPublicKeyInfo DER strictness")
struct DERStrictnessTests {
    static let ecKey: [UInt8] = try! ECDSA.PrivateKey(curve: .p256).publicKey.derRepresentation
    static let rsaKey: [UInt8] = RSAKeyTests.key.publicKey.derRepresentation

    @Test("the canonical encodings are accepted")
    func canonical() throws {
        #expect(identifyPublicKeyInfo(Self.ecKey) == .ec(.p256))
        #expect(identifyPublicKeyInfo(Self.rsaKey) == .rsa)
        #expect(Self.ecKey.count == 91 && Self.ecKey[0] == 0x30 && Self.ecKey[1] == 0x59)
    }

    @Test("BER-only length forms and stray bits are refused")
    func berForms() throws {
        let body = Array(Self.ecKey[2...])
        let variants: [(String, [UInt8])] = [
            ("long-form length for a short length", [0x30, 0x81, 0x59] + body),
            ("two length bytes with a leading zero", [0x30, 0x82, 0x00, 0x59] + body),
            ("indefinite length", [0x30, 0x80] + body + [0x00, 0x00]),
            ("length one too long", [0x30, 0x5A] + body),
            ("length one too short", [0x30, 0x58] + body),
            ("trailing byte", Self.ecKey + [0x00]),
            (
                "unused bits in the key BIT STRING",
                try Self.withByte(Self.ecKey, at: 25, expected: 0x00, replacedBy: 0x01)
            ),
            (
                "BIT STRING retagged OCTET STRING",
                try Self.withByte(Self.ecKey, at: 23, expected: 0x03, replacedBy: 0x04)
            ),
            ("high-tag-number form", [0x3F, 0x59] + body),
        ]
        for (name, der) in variants {
            #expect(identifyPublicKeyInfo(der) == nil, "\(name)")
            #expect(throws: CryptoError.invalidKey, "\(name)") { try ECDSA.PublicKey(derRepresentation: der) }
        }
        var longForm = Self.rsaKey
        // 30 82 01 22 → 30 83 00 01 22: a non-minimal three-byte length.
        longForm.replaceSubrange(0..<4, with: [0x30, 0x83, 0x00, 0x01, 0x22])
        #expect(identifyPublicKeyInfo(longForm) == nil)
        #expect(throws: CryptoError.invalidKey) { try RSA.PublicKey(derRepresentation: longForm) }
    }

    /// SubjectPublicKeyInfo is exactly `SEQUENCE { algorithm, subjectPublicKey }`: a third element
    /// inside the outer SEQUENCE (here a NULL, the outer length grown to cover it) is another
    /// encoding, refused for every family and through every entry point, not read past.
    @Test("an element after the key BIT STRING inside the SubjectPublicKeyInfo is refused")
    func elementAfterKeyBits() throws {
        let ed25519Key = try Ed25519.PrivateKey(seed: [UInt8](repeating: 9, count: 32)).publicKey.derRepresentation
        func withTrailingNull(_ der: [UInt8]) throws -> [UInt8] {
            let headerLength = der[1] < 0x80 ? 2 : 2 + Int(der[1] & 0x7F)
            let body = Array(der[headerLength...]) + [0x05, 0x00]
            try #require(body.count < 0x10000, "fixture too large for a two-byte length")
            let length: [UInt8]
            if body.count < 0x80 {
                length = [UInt8(body.count)]
            } else if body.count < 0x100 {
                length = [0x81, UInt8(body.count)]
            } else {
                length = [0x82, UInt8(body.count >> 8), UInt8(body.count & 0xFF)]
            }
            return [0x30] + length + body
        }
        for (name, canonical) in [("EC", Self.ecKey), ("RSA", Self.rsaKey), ("Ed25519", ed25519Key)] {
            _ = try CryptoKey(derRepresentation: canonical)
            let der = try withTrailingNull(canonical)
            #expect(identifyPublicKeyInfo(der) == nil, "\(name)")
            let error = #expect(throws: CryptoError.self, "\(name)") { try CryptoKey(derRepresentation: der) }
            #expect(error?.code == .invalidKey, "\(name): \(String(describing: error))")
            #expect(throws: CryptoError.self, "\(name) via KeyImporter") { try KeyImporter.importKeys(from: der) }
        }
        #expect(throws: CryptoError.invalidKey) { try ECDSA.PublicKey(derRepresentation: withTrailingNull(Self.ecKey)) }
        #expect(throws: CryptoError.invalidKey) { try RSA.PublicKey(derRepresentation: withTrailingNull(Self.rsaKey)) }
        #expect(throws: CryptoError.invalidKey) {
            try Ed25519.PublicKey(derRepresentation: withTrailingNull(ed25519Key))
        }
    }

    /// The RSAPublicKey in an RSA SubjectPublicKeyInfo is exactly `SEQUENCE { n, e }`: a third
    /// INTEGER after the exponent is another encoding, refused, not read past.
    @Test("an element after the exponent inside the RSA key bits is refused")
    func elementAfterRSAExponent() throws {
        typealias DER = StrictPrivateKeyDERTests
        let fields = DER.children(DER.element(Self.rsaKey[...]).contents)
        try #require(fields.count == 2 && fields[1].first == 0x03, "SPKI from the library")
        let bits = Array(DER.element(fields[1][...]).contents)
        try #require(bits.first == 0)
        let numbers = DER.children(DER.element(bits.dropFirst()).contents)
        try #require(numbers.count == 2)
        let extended = DER.encode(0x30, numbers.flatMap { $0 } + [0x02, 0x01, 0x00])
        let der = DER.encode(0x30, fields[0] + DER.encode(0x03, [0] + extended))
        #expect(identifyPublicKeyInfo(der) == .rsa)
        #expect(throws: CryptoError.invalidKey) { try RSA.PublicKey(derRepresentation: der) }
        #expect(throws: CryptoError.invalidKey) { try CryptoKey(derRepresentation: der) }
    }

    /// A point of the uncompressed length must start with 0x04: the same coordinates after any
    /// other byte (X9.62's hybrid forms 0x06 and 0x07 included) are refused, not read as if it did.
    @Test("an uncompressed-length point must start with 0x04")
    func pointFormByte() throws {
        for byte: UInt8 in [0x00, 0x05, 0x06, 0x07] {
            let der = try Self.withByte(Self.ecKey, at: 26, expected: 0x04, replacedBy: byte)
            #expect(throws: CryptoError.invalidKey, "\(byte)") { try ECDSA.PublicKey(derRepresentation: der) }
            #expect(throws: CryptoError.invalidKey, "\(byte)") { try CryptoKey(derRepresentation: der) }
        }
    }

    /// `bytes` with one byte replaced, after checking the fixture still has the expected layout
    /// (30 59 | 30 13 06 07 … 06 08 … | 03 42 00 04 …).
    static func withByte(_ bytes: [UInt8], at index: Int, expected: UInt8, replacedBy value: UInt8) throws -> [UInt8] {
        try #require(bytes.count > index && bytes[index] == expected, "fixture layout changed")
        var copy = bytes
        copy[index] = value
        return copy
    }
}
