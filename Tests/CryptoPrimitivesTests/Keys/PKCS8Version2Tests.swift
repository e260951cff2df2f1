import CryptoPrimitives
import Foundation
import Testing

/// An RFC 5958 version 2 private key (PKCS#8 `OneAsymmetricKey` with the `[1]` public key, as
/// BouncyCastle writes Ed25519 keys and RFC 8410 §10.3 shows) loads, through every entry point,
/// exactly when the public key inside is, byte for byte, the private key's own: the BIT STRING
/// contents of its SubjectPublicKeyInfo. OpenSSL 3.0 cannot parse version 2 and OpenSSL 3.5 ignores
/// the public key inside, so the comparison is VerifyKit's, before any key is returned: a key file
/// carrying another key's public key is `invalid_key` whichever libcrypto is linked.
@Suite("PKCS#8 version 2 keys load when their public key is their own")
struct PKCS8Version2Tests {
    typealias DER = StrictPrivateKeyDERTests

    /// RFC 8410 §10.3, the example with attributes (a `Curdle Chairs` name) and the public key.
    static let rfc8410Example = """
        -----BEGIN PRIVATE KEY-----
        MHICAQEwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
        oB8wHQYKKoZIhvcNAQkJFDEPDA1DdXJkbGUgQ2hhaXJzgSEAGb9ECWmEzf6FQbrB
        Z9w7lshQhqowtrbLDFw4rXAxZuE=
        -----END PRIVATE KEY-----

        """
    /// The public key RFC 8410 prints for that private key (§10.3's dump; §10.1's SPKI holds it).
    static let rfc8410PublicKeyHex = "19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1"
    /// RFC 8410 §10.3's first example: the same private key as version 1.
    static let rfc8410Version1Base64 = "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC"
    /// RFC 8410 §10.1: the example public key's SubjectPublicKeyInfo.
    static let rfc8410PublicKeyInfoBase64 = "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE="

    static let kinds = ["RSA", "P-256", "P-384", "P-521", "Ed25519"]
    static let curves = ["P-256", "P-384", "P-521"]

    /// A fresh private key of `kind` ("EC" is P-256).
    static func makeKey(_ kind: String) throws -> CryptoKey {
        switch kind {
        case "RSA": CryptoKey(try RSA.PrivateKey(keySize: 2048))
        case "EC", "P-256": CryptoKey(try ECDSA.PrivateKey(curve: .p256))
        case "P-384": CryptoKey(try ECDSA.PrivateKey(curve: .p384))
        case "P-521": CryptoKey(try ECDSA.PrivateKey(curve: .p521))
        default: CryptoKey(Ed25519.PrivateKey())
        }
    }

    /// The contents of `key`'s SubjectPublicKeyInfo BIT STRING: the unused-bits byte, then the key.
    static func publicKeyBits(of key: CryptoKey) throws -> [UInt8] {
        let spki = try #require(key.publicKeyInfoDER)
        let spkiFields = DER.children(DER.element(spki[...]).contents)
        try #require(spkiFields.count == 2, "algorithm, public key")
        return Array(DER.element(spkiFields[1][...]).contents)
    }

    /// `key`'s PKCS#8 with `version`, optional attributes and, when given, `publicKeyBits` as the
    /// contents of `[1] IMPLICIT BIT STRING`.
    static func pkcs8(
        of key: CryptoKey,
        version: UInt8 = 1,
        attributes: Bool = false,
        publicKeyBits: [UInt8]?
    ) throws -> [UInt8] {
        let info = try #require(key.privateKeyInfoDER)
        let fields = DER.children(DER.element(info[...]).contents)
        try #require(fields.count == 3, "version, algorithm, private key")
        // RFC 8410 §10.3's attribute: an unstructuredName (1.2.840.113549.1.9.9.20) of "Curdle Chairs".
        let attribute = DER.encode(
            0x30,
            [0x06, 0x0A, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x09, 0x14]
                + DER.encode(0x31, DER.encode(0x0C, Array("Curdle Chairs".utf8)))
        )
        return DER.encode(
            0x30,
            [0x02, 0x01, version] + fields[1] + fields[2] + (attributes ? DER.encode(0xA0, attribute) : [])
                + (publicKeyBits.map { DER.encode(0x81, $0) } ?? [])
        )
    }

    /// `key`'s PKCS#8 rewritten as version 2 with the public key of `owner` in `[1]`.
    static func version2(of key: CryptoKey, publicKeyOf owner: CryptoKey) throws -> [UInt8] {
        try pkcs8(of: key, publicKeyBits: try publicKeyBits(of: owner))
    }

    static func pem(_ der: [UInt8], label: String = "PRIVATE KEY") -> String {
        PEMDocument(label: label, derBytes: der).pemRepresentation
    }

    /// Every entry point that reads PKCS#8 for a key of `kind`, each giving back a ``CryptoKey``.
    static func entries(_ der: [UInt8], kind: String) -> [(String, () throws -> CryptoKey)] {
        let pem = pem(der)
        let typed: [(String, () throws -> CryptoKey)] =
            switch kind {
            case "RSA":
                [
                    ("RSA DER", { CryptoKey(try RSA.PrivateKey(derRepresentation: der)) }),
                    ("RSA PEM", { CryptoKey(try RSA.PrivateKey(pemRepresentation: pem)) }),
                ]
            case "Ed25519":
                [
                    ("Ed25519 DER", { CryptoKey(try Ed25519.PrivateKey(derRepresentation: der)) }),
                    ("Ed25519 PEM", { CryptoKey(try Ed25519.PrivateKey(pemRepresentation: pem)) }),
                ]
            default:
                [
                    ("ECDSA DER", { CryptoKey(try ECDSA.PrivateKey(derRepresentation: der)) }),
                    ("ECDSA PEM", { CryptoKey(try ECDSA.PrivateKey(pemRepresentation: pem)) }),
                ]
            }
        return [
            ("CryptoKey DER", { try CryptoKey(derRepresentation: der) }),
            ("CryptoKey PEM", { try CryptoKey(pemRepresentation: pem) }),
            ("KeyImporter DER", { try #require(try KeyImporter.importKeys(from: der).keys.first).key }),
            ("KeyImporter PEM", { try #require(try KeyImporter.importKeys(from: Array(pem.utf8)).keys.first).key }),
        ] + typed
    }

    /// Expects every entry point to refuse `der` with `code`, the reason containing `reason`.
    static func expectRefused(
        _ der: [UInt8],
        kind: String,
        _ code: CryptoError.Code,
        reason: String? = nil,
        _ context: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for (entry, attempt) in entries(der, kind: kind) {
            let error = #expect(throws: CryptoError.self, "\(context), \(entry)", sourceLocation: sourceLocation) {
                try attempt()
            }
            #expect(
                error?.code == code,
                "\(context), \(entry): \(String(describing: error))",
                sourceLocation: sourceLocation
            )
            if let reason {
                #expect(
                    error?.reason.contains(reason) == true,
                    "\(context), \(entry): \(error?.reason ?? "")",
                    sourceLocation: sourceLocation
                )
            }
        }
    }

    /// Signs with `key` and checks the signature against `publicKey`.
    static func expectSignsForPublicKey(
        _ key: CryptoKey,
        _ publicKey: CryptoKey,
        _ context: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let algorithm = try #require(key.compatibleAlgorithms.first, sourceLocation: sourceLocation)
        let message = Array("version 2 \(context)".utf8)
        let signature = try key.signature(for: message, algorithm: algorithm)
        #expect(
            try publicKey.isValidSignature(signature, for: message, algorithm: algorithm),
            "\(context)",
            sourceLocation: sourceLocation
        )
    }

    @Test("RFC 8410 §10.3's version 2 Ed25519 key, with attributes, loads with its public key")
    func rfc8410Example() throws {
        let der = try PEMDocument(pemRepresentation: Self.rfc8410Example).derBytes
        let version1 = [UInt8](try #require(Data(base64Encoded: Self.rfc8410Version1Base64)))
        let publicKeyInfo = [UInt8](try #require(Data(base64Encoded: Self.rfc8410PublicKeyInfoBase64)))
        for (entry, attempt) in Self.entries(der, kind: "Ed25519") {
            let key = try attempt()
            let privateKey = try #require(key.ed25519PrivateKey, "\(entry)")
            let hex = privateKey.publicKey.rawRepresentation.map { String(format: "%02x", $0) }.joined()
            #expect(hex == Self.rfc8410PublicKeyHex, "\(entry)")
            #expect(key.publicKeyInfoDER == publicKeyInfo, "\(entry)")
            // Written back as version 1, attributes dropped: RFC 8410 §10.3's first example.
            #expect(key.privateKeyInfoDER == version1, "\(entry)")
            try Self.expectSignsForPublicKey(key, try CryptoKey(derRepresentation: publicKeyInfo), entry)
        }
        // The same file with one bit of its public key flipped (the key's last byte ends the file).
        var altered = der
        altered[altered.count - 1] ^= 0x01
        Self.expectRefused(altered, kind: "Ed25519", .invalidKey, reason: "does not match", "RFC 8410 altered")
    }

    @Test("its own public key: loads everywhere, writes version 1, and signs for that key", arguments: kinds)
    func ownPublicKey(kind: String) throws {
        let key = try Self.makeKey(kind)
        let bits = try Self.publicKeyBits(of: key)
        for attributes in [false, true] {
            let der = try Self.pkcs8(of: key, attributes: attributes, publicKeyBits: bits)
            for (entry, attempt) in Self.entries(der, kind: kind) {
                let context = "\(kind)\(attributes ? " with attributes" : ""), \(entry)"
                let loaded = try attempt()
                #expect(loaded.isPrivate, "\(context)")
                #expect(loaded.publicKeyInfoDER == key.publicKeyInfoDER, "\(context)")
                #expect(loaded.privateKeyInfoDER == key.privateKeyInfoDER, "\(context): written as version 1")
                let publicKey = try #require(loaded.publicKey)
                try Self.expectSignsForPublicKey(loaded, publicKey, context)
                // The JWK of the loaded key reads back to the same key.
                let jwk = try JWK(jsonObject: JWK(key: loaded).privateJSON)
                #expect(jwk.key.privateKeyInfoDER == key.privateKeyInfoDER, "\(context) JWK")
            }
        }
    }

    /// The key's own RSA public key with its exponent as a non-minimal INTEGER (`02 04 00 01 00 01`
    /// for 65537) is the same key, but not its one DER encoding: refused, and the reason says which
    /// encoding is expected (review: it only said "does not match").
    @Test("the key's own RSA public key in a non-DER encoding is invalid_key, naming the expected encoding")
    func ownRSAPublicKeyNotDER() throws {
        let key = try Self.makeKey("RSA")
        let bits = try Self.publicKeyBits(of: key)
        try #require(bits.first == 0)
        let fields = DER.children(DER.element(bits.dropFirst()).contents)
        try #require(fields.count == 2 && fields[1] == [0x02, 0x03, 0x01, 0x00, 0x01], "n, then e = 65537")
        let padded = DER.encode(0x30, fields[0] + [0x02, 0x04, 0x00, 0x01, 0x00, 0x01])
        let der = try Self.pkcs8(of: key, publicKeyBits: [0] + padded)
        Self.expectRefused(
            der,
            kind: "RSA",
            .invalidKey,
            reason: "encoded as in its SubjectPublicKeyInfo",
            "own public key, exponent not minimal"
        )
    }

    @Test("another key's public key is invalid_key everywhere", arguments: kinds)
    func anotherKeysPublicKey(kind: String) throws {
        let key = try Self.makeKey(kind)
        var owners = [("another \(kind) key", try Self.makeKey(kind))]
        // A public key of another type or curve.
        for other in ["RSA", "P-384", "Ed25519"] where other != kind {
            owners.append(("a \(other) key", try Self.makeKey(other)))
        }
        for (what, owner) in owners {
            let der = try Self.version2(of: key, publicKeyOf: owner)
            Self.expectRefused(der, kind: kind, .invalidKey, reason: "does not match", "\(kind) carrying \(what)")
            let withAttributes = try Self.pkcs8(
                of: key,
                attributes: true,
                publicKeyBits: try Self.publicKeyBits(of: owner)
            )
            Self.expectRefused(withAttributes, kind: kind, .invalidKey, "\(kind) with attributes carrying \(what)")
        }
    }

    @Test("a truncated, lengthened or bit-shifted public key is invalid_key", arguments: kinds)
    func malformedPublicKey(kind: String) throws {
        let key = try Self.makeKey(kind)
        let bits = try Self.publicKeyBits(of: key)
        try #require(bits.first == 0)
        let variants: [(String, [UInt8])] = [
            ("the last byte dropped", Array(bits.dropLast())),
            ("a byte appended", bits + [0]),
            ("the first key byte dropped", [0] + bits.dropFirst(2)),
            ("one unused bit", [1] + bits.dropFirst()),
            ("seven unused bits", [7] + bits.dropFirst()),
            ("only the unused-bits byte", [0]),
            ("nothing", []),
        ]
        for (what, variant) in variants {
            Self.expectRefused(
                try Self.pkcs8(of: key, publicKeyBits: variant),
                kind: kind,
                .invalidKey,
                "\(kind) with \(what)"
            )
        }
    }

    @Test("DER strictness holds around the public key", arguments: kinds)
    func strictDER(kind: String) throws {
        let key = try Self.makeKey(kind)
        let bits = try Self.publicKeyBits(of: key)
        let good = try Self.pkcs8(of: key, publicKeyBits: bits)
        let fields = DER.children(DER.element(good[...]).contents)
        try #require(fields.count == 4)
        let (version, algorithm, privateKey, publicKey) = (fields[0], fields[1], fields[2], fields[3])
        let attributes = DER.children(
            DER.element(try Self.pkcs8(of: key, attributes: true, publicKeyBits: nil)[...]).contents
        )[3]
        let variants: [(String, [UInt8])] = [
            (
                "a long-form [1] length",
                DER.encode(0x30, version + algorithm + privateKey + DER.encode(0x81, bits, extraLengthBytes: 1))
            ),
            (
                "a long-form outer length",
                DER.encode(0x30, version + algorithm + privateKey + publicKey, extraLengthBytes: 1)
            ),
            (
                "a constructed [1]",
                DER.encode(0x30, version + algorithm + privateKey + DER.encode(0xA1, DER.encode(0x03, bits)))
            ),
            ("[1] twice", DER.encode(0x30, version + algorithm + privateKey + publicKey + publicKey)),
            ("[1] before [0]", DER.encode(0x30, version + algorithm + privateKey + publicKey + attributes)),
            ("[0] twice", DER.encode(0x30, version + algorithm + privateKey + attributes + attributes + publicKey)),
            ("an element after [1]", DER.encode(0x30, version + algorithm + privateKey + publicKey + [0x05, 0x00])),
            ("a byte after the key", good + [0x00]),
            ("a second key after the key", good + good),
        ]
        for (what, der) in variants {
            Self.expectRefused(der, kind: kind, .invalidKey, "\(kind) with \(what)")
        }
    }

    /// RFC 5958 §2: "If publicKey is present, then version is set to v2 else version is set to v1."
    /// The grammar allows both mismatches; the text does not, and neither is read.
    @Test("version 1 with a public key, and version 2 without one, are invalid_key", arguments: kinds)
    func versionMustMatchThePublicKey(kind: String) throws {
        let key = try Self.makeKey(kind)
        let bits = try Self.publicKeyBits(of: key)
        for attributes in [false, true] {
            let suffix = attributes ? " and attributes" : ""
            Self.expectRefused(
                try Self.pkcs8(of: key, version: 0, attributes: attributes, publicKeyBits: bits),
                kind: kind,
                .invalidKey,
                "\(kind) version 1 with its public key\(suffix)"
            )
            Self.expectRefused(
                try Self.pkcs8(of: key, version: 1, attributes: attributes, publicKeyBits: nil),
                kind: kind,
                .invalidKey,
                "\(kind) version 2 without a public key\(suffix)"
            )
            Self.expectRefused(
                try Self.pkcs8(of: key, version: 2, attributes: attributes, publicKeyBits: bits),
                kind: kind,
                .invalidKey,
                "\(kind) version 3 with its public key\(suffix)"
            )
        }
        // Version 1 with attributes only is read, as it always was.
        let plain = try Self.pkcs8(of: key, version: 0, attributes: true, publicKeyBits: nil)
        #expect(try CryptoKey(derRepresentation: plain).privateKeyInfoDER == key.privateKeyInfoDER)
    }

    /// The key's SubjectPublicKeyInfo writes the point uncompressed, and so must a version 2 key:
    /// the same point compressed is named and refused (`unsupported_key`), another point compressed
    /// is a mismatch.
    @Test("an EC public key in compressed form is refused", arguments: curves)
    func compressedPoint(curve: String) throws {
        let key = try Self.makeKey(curve)
        let other = try Self.makeKey(curve)
        func compressed(_ key: CryptoKey) throws -> [UInt8] {
            let point = try #require(key.ecdsaPrivateKey?.publicKey)
            return [0, 2 | (point.y.last ?? 0) & 1] + point.x
        }
        Self.expectRefused(
            try Self.pkcs8(of: key, publicKeyBits: try compressed(key)),
            kind: curve,
            .unsupportedKey,
            reason: "compressed",
            "\(curve) with its own point compressed"
        )
        var wrongParity = try compressed(key)
        wrongParity[1] ^= 1
        Self.expectRefused(
            try Self.pkcs8(of: key, publicKeyBits: wrongParity),
            kind: curve,
            .invalidKey,
            reason: "does not match",
            "\(curve) with its x and the other y"
        )
        Self.expectRefused(
            try Self.pkcs8(of: key, publicKeyBits: try compressed(other)),
            kind: curve,
            .invalidKey,
            reason: "does not match",
            "\(curve) with another point compressed"
        )
        // The hybrid form (X9.62: 06 or 07 by y's parity, then x and y) of the key's own point is
        // no encoding its SubjectPublicKeyInfo writes either: a mismatch.
        var hybrid = try Self.publicKeyBits(of: key)
        hybrid[1] = 6 | (hybrid[hybrid.count - 1] & 1)
        Self.expectRefused(
            try Self.pkcs8(of: key, publicKeyBits: hybrid),
            kind: curve,
            .invalidKey,
            reason: "does not match",
            "\(curve) with its own point in hybrid form"
        )
    }

    @Test("a version 2 key of another type, or under a traditional PEM label, is refused as before")
    func otherReadersAndLabels() throws {
        let ed25519 = try PEMDocument(pemRepresentation: Self.rfc8410Example).derBytes
        let rsaError = #expect(throws: CryptoError.self) { try RSA.PrivateKey(derRepresentation: ed25519) }
        #expect(rsaError?.code == .unsupportedKey, "\(String(describing: rsaError))")
        #expect(rsaError?.reason.contains("expected an RSA private key") == true, "\(rsaError?.reason ?? "")")
        let ecError = #expect(throws: CryptoError.self) { try ECDSA.PrivateKey(pemRepresentation: Self.rfc8410Example) }
        #expect(ecError?.code == .unsupportedKey, "\(String(describing: ecError))")
        #expect(ecError?.reason.contains("expected an EC private key") == true, "\(ecError?.reason ?? "")")
        let publicError = #expect(throws: CryptoError.self) { try Ed25519.PublicKey(derRepresentation: ed25519) }
        #expect(publicError?.code == .invalidKey, "\(String(describing: publicError))")
        // PKCS#8 belongs under PRIVATE KEY, version 2 as well.
        for (kind, label) in [("RSA", "RSA PRIVATE KEY"), ("P-256", "EC PRIVATE KEY")] {
            let key = try Self.makeKey(kind)
            let pem = Self.pem(try Self.version2(of: key, publicKeyOf: key), label: label)
            let error = #expect(throws: CryptoError.self, "\(label)") { try CryptoKey(pemRepresentation: pem) }
            #expect(error?.code == .invalidKey, "\(label): \(String(describing: error))")
            #expect(error?.reason.contains("PKCS#8") == true, "\(label): \(error?.reason ?? "")")
        }
    }
}
