import CryptoPrimitives
import Foundation
import Testing
import VerifyKitTestSupport

/// Private keys have one accepted encoding, as public keys do: BER forms that OpenSSL alone would
/// take (long-form lengths where the short form fits, extra length bytes) are refused by every
/// entry point, in PKCS#8 and SEC1 alike.
@Suite("Private key DER is strict")
struct StrictPrivateKeyDERTests {
    /// One element of `der` at its start: tag, contents and the whole element's length.
    static func element(_ der: ArraySlice<UInt8>) -> (tag: UInt8, contents: ArraySlice<UInt8>, end: Int) {
        let start = der.startIndex
        var length = Int(der[start + 1])
        var header = 2
        if length >= 0x80 {
            let count = length & 0x7F
            length = der[(start + 2)..<(start + 2 + count)].reduce(0) { $0 << 8 | Int($1) }
            header += count
        }
        return (der[start], der[(start + header)..<(start + header + length)], start + header + length)
    }

    /// The elements inside a constructed element's contents.
    static func children(_ contents: ArraySlice<UInt8>) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var rest = contents
        while !rest.isEmpty {
            let child = element(rest)
            result.append(Array(rest[rest.startIndex..<child.end]))
            rest = rest[child.end...]
        }
        return result
    }

    /// `tag` around `contents`, with the length written in `extra` more bytes than needed.
    static func encode(_ tag: UInt8, _ contents: [UInt8], extraLengthBytes extra: Int = 0) -> [UInt8] {
        let count = contents.count
        var lengthBytes: [UInt8] = []
        var value = count
        while value > 0 {
            lengthBytes.insert(UInt8(value & 0xFF), at: 0)
            value >>= 8
        }
        if count < 0x80 && extra == 0 { return [tag, UInt8(count)] + contents }
        let padded = [UInt8](repeating: 0, count: max(0, extra - (count < 0x80 ? 1 : 0))) + lengthBytes
        return [tag, 0x80 | UInt8(padded.count)] + padded + contents
    }

    static func refuses(_ der: [UInt8], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: CryptoError.self, "\(what)", sourceLocation: sourceLocation) {
            try CryptoKey(derRepresentation: der)
        }
        #expect(error?.code == .invalidKey, "\(what): \(String(describing: error))", sourceLocation: sourceLocation)
        #expect(throws: CryptoError.self, "\(what) via KeyImporter", sourceLocation: sourceLocation) {
            try KeyImporter.importKeys(from: der)
        }
    }

    @Test("PKCS#8 RSA: BER lengths anywhere in the wrapper and absent NULL parameters are refused")
    func pkcs8RSA() throws {
        let canonical = try RSA.PrivateKey(keySize: 2048).derRepresentation
        #expect(try RSA.PrivateKey(derRepresentation: canonical).derRepresentation == canonical)
        let fields = Self.children(Self.element(canonical[...]).contents)
        try #require(fields.count == 3)
        let (version, algorithm, octets) = (fields[0], fields[1], fields[2])
        let inner = Array(Self.element(octets[...]).contents)
        let algorithmFields = Self.children(Self.element(algorithm[...]).contents)
        let variants: [(String, [UInt8])] = [
            ("long-form outer length", Self.encode(0x30, version + algorithm + octets, extraLengthBytes: 1)),
            (
                "long-form version length",
                Self.encode(0x30, Self.encode(0x02, [0], extraLengthBytes: 1) + algorithm + octets)
            ),
            (
                "four-byte OCTET STRING length",
                Self.encode(0x30, version + algorithm + Self.encode(0x04, inner, extraLengthBytes: 2))
            ),
            ("rsaEncryption without NULL", Self.encode(0x30, version + Self.encode(0x30, algorithmFields[0]) + octets)),
            ("version 2", Self.encode(0x30, [0x02, 0x01, 0x02] + algorithm + octets)),
            ("an unknown trailing element", Self.encode(0x30, version + algorithm + octets + [0x82, 0x00])),
        ]
        // Attributes: accepted in DER, refused with BER anywhere inside (RFC 5958 [0] attributes).
        let friendlyName: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x14]
        let value = Self.encode(0x31, [0x1E, 0x02, 0x00, 0x61])
        let attribute = Self.encode(0x30, friendlyName + value)
        let withAttributes = Self.encode(0x30, version + algorithm + octets + Self.encode(0xA0, attribute))
        #expect(try RSA.PrivateKey(derRepresentation: withAttributes).derRepresentation == canonical)
        let berAttribute = Self.encode(0x30, friendlyName + value, extraLengthBytes: 1)
        let berSet = Self.encode(0x30, friendlyName + Self.encode(0x31, [0x1E, 0x02, 0x00, 0x61], extraLengthBytes: 1))
        let variantsInside: [(String, [UInt8])] = [
            ("BER attribute", Self.encode(0x30, version + algorithm + octets + Self.encode(0xA0, berAttribute))),
            ("BER attribute value set", Self.encode(0x30, version + algorithm + octets + Self.encode(0xA0, berSet))),
            // RFC 5958: version 1 (v2) exactly when the public key is present.
            ("version 1 without a public key", Self.encode(0x30, [0x02, 0x01, 0x01] + algorithm + octets)),
        ]
        for (what, der) in variants + variantsInside {
            Self.refuses(der, what)
            // The typed reader says malformed too (a version 1 PKCS#8 shape is no multi-prime key).
            let error = #expect(throws: CryptoError.self, "\(what)") { try RSA.PrivateKey(derRepresentation: der) }
            #expect(error?.code == .invalidKey, "\(what): \(String(describing: error))")
        }
    }

    /// Runs `openssl` with `arguments` (which must write `k.pem` in `dir`) and returns that key as
    /// unencrypted PKCS#8 DER.
    static func pkcs8(generatedBy arguments: [String], in dir: URL) throws -> [UInt8] {
        try OpenSSLTool.succeed(arguments, in: dir)
        try OpenSSLTool.succeed(
            ["pkcs8", "-topk8", "-nocrypt", "-in", "k.pem", "-outform", "DER", "-out", "pkcs8.der"],
            in: dir
        )
        return [UInt8](try Data(contentsOf: dir.appendingPathComponent("pkcs8.der")))
    }

    @Test(
        "SEC1 and PKCS#8 EC: BER lengths are refused in DER and PEM alike",
        .enabled(if: OpenSSLTool.isAvailable, "openssl CLI not installed")
    )
    func ecKeys() throws {
        let dir = try TemporaryDirectory.make(prefix: "verifykit-strict")
        defer { try? FileManager.default.removeItem(at: dir) }
        let pkcs8 = try Self.pkcs8(
            generatedBy: ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "k.pem"],
            in: dir
        )
        try OpenSSLTool.succeed(["ec", "-in", "k.pem", "-outform", "DER", "-out", "sec1.der"], in: dir)
        let sec1 = [UInt8](try Data(contentsOf: dir.appendingPathComponent("sec1.der")))
        _ = try ECDSA.PrivateKey(derRepresentation: sec1)
        _ = try ECDSA.PrivateKey(derRepresentation: pkcs8)

        let sec1Fields = Self.children(Self.element(sec1[...]).contents)
        let berSEC1 = Self.encode(0x30, sec1Fields.flatMap { $0 }, extraLengthBytes: 1)
        let pkcs8Fields = Self.children(Self.element(pkcs8[...]).contents)
        try #require(pkcs8Fields.count == 3 && pkcs8Fields[2].first == 0x04, "PKCS#8 from openssl")
        let innerSEC1 = Array(Self.element(pkcs8Fields[2][...]).contents)
        let innerFields = Self.children(Self.element(innerSEC1[...]).contents)
        let berInner = Self.encode(0x30, innerFields.flatMap { $0 }, extraLengthBytes: 1)
        let pkcs8WithBERInner = Self.encode(0x30, pkcs8Fields[0] + pkcs8Fields[1] + Self.encode(0x04, berInner))
        // RFC 5915: the scalar in exactly the curve's size; a leading zero octet is another encoding.
        let scalar = Array(Self.element(sec1Fields[1][...]).contents)
        try #require(scalar.count == 32)
        let paddedSEC1 = Self.encode(
            0x30,
            sec1Fields[0] + Self.encode(0x04, [0] + scalar) + sec1Fields.dropFirst(2).flatMap { $0 }
        )
        // RFC 5915: ecPrivkeyVer1 is the only version; 0 and 2 are no SEC1 key.
        try #require(sec1Fields[0] == [0x02, 0x01, 0x01])
        let version0SEC1 = Self.encode(0x30, [0x02, 0x01, 0x00] + sec1Fields.dropFirst().flatMap { $0 })
        let version2SEC1 = Self.encode(0x30, [0x02, 0x01, 0x02] + sec1Fields.dropFirst().flatMap { $0 })
        for (what, der) in [
            ("SEC1 with a long-form length", berSEC1), ("PKCS#8 holding BER SEC1", pkcs8WithBERInner),
            ("SEC1 with a zero-padded scalar", paddedSEC1), ("SEC1 of version 0", version0SEC1),
            ("SEC1 of version 2", version2SEC1),
        ] {
            Self.refuses(der, what)
            #expect(throws: CryptoError.self, "\(what)") { try ECDSA.PrivateKey(derRepresentation: der) }
            let label = what.hasPrefix("SEC1") ? "EC PRIVATE KEY" : "PRIVATE KEY"
            let pem =
                "-----BEGIN \(label)-----\n\(Data(der).base64EncodedString(options: .lineLength64Characters))\n-----END \(label)-----\n"
            let error = #expect(throws: CryptoError.self, "\(what) as PEM") { try CryptoKey(pemRepresentation: pem) }
            #expect(error?.code == .invalidKey, "\(what) as PEM: \(String(describing: error))")
        }
    }

    /// The AlgorithmIdentifier's parameters are strict DER too: explicit EC curve parameters are
    /// `unsupported_key`, and the same parameters with a BER length inside are not PKCS#8 at all.
    @Test(
        "PKCS#8 EC: BER inside explicit curve parameters is invalid_key, not an unsupported curve",
        .enabled(if: OpenSSLTool.isAvailable, "openssl CLI not installed")
    )
    func berInsideCurveParameters() throws {
        let dir = try TemporaryDirectory.make(prefix: "verifykit-strict")
        defer { try? FileManager.default.removeItem(at: dir) }
        let pkcs8 = try Self.pkcs8(
            generatedBy: [
                "ecparam", "-name", "prime256v1", "-param_enc", "explicit", "-genkey", "-noout", "-out", "k.pem",
            ],
            in: dir
        )
        let fields = Self.children(Self.element(pkcs8[...]).contents)
        let algorithm = Self.children(Self.element(fields[1][...]).contents)
        try #require(algorithm.count == 2 && algorithm[1].first == 0x30, "explicit parameters from openssl")
        let parameters = Self.children(Self.element(algorithm[1][...]).contents)
        try #require(parameters.first == [0x02, 0x01, 0x01], "ECParameters version 1")
        let berParameters = Self.encode(
            0x30,
            Self.encode(0x02, [0x01], extraLengthBytes: 1) + parameters.dropFirst().flatMap { $0 }
        )
        let ber = Self.encode(0x30, fields[0] + Self.encode(0x30, algorithm[0] + berParameters) + fields[2])
        #expect(throws: CryptoError.unsupportedKey) { try CryptoKey(derRepresentation: pkcs8) }
        #expect(throws: CryptoError.unsupportedKey) { try ECDSA.PrivateKey(derRepresentation: pkcs8) }
        Self.refuses(ber, "explicit parameters with a long-form length inside")
        #expect(throws: CryptoError.invalidKey) { try ECDSA.PrivateKey(derRepresentation: ber) }
    }

    /// OpenSSL takes the curve of the SEC1 `[0]` inside PKCS#8 over the outer algorithm's; a key
    /// that names two curves is refused, one whose `[0]` repeats the outer curve is read.
    @Test(
        "PKCS#8 EC: the inner SEC1 parameters must name the outer curve",
        .enabled(if: OpenSSLTool.isAvailable, "openssl CLI not installed")
    )
    func ecInnerCurveMustMatch() throws {
        let dir = try TemporaryDirectory.make(prefix: "verifykit-strict")
        defer { try? FileManager.default.removeItem(at: dir) }
        try OpenSSLTool.succeed(
            ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "k.pem"],
            in: dir
        )
        try OpenSSLTool.succeed(
            ["pkcs8", "-topk8", "-nocrypt", "-in", "k.pem", "-outform", "DER", "-out", "k.der"],
            in: dir
        )
        let pkcs8 = [UInt8](try Data(contentsOf: dir.appendingPathComponent("k.der")))
        let fields = Self.children(Self.element(pkcs8[...]).contents)
        let sec1 = Array(Self.element(fields[2][...]).contents)
        let inner = Self.children(Self.element(sec1[...]).contents)
        try #require(inner.count == 3 && inner[2].first == 0xA1, "SEC1 inside PKCS#8 from openssl")
        let p256: [UInt8] = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
        let p384: [UInt8] = [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22]
        let ecPublicKey: [UInt8] = [0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]
        func key(outer: [UInt8], innerParameters: [UInt8]) -> [UInt8] {
            let sec1 = Self.encode(0x30, inner[0] + inner[1] + Self.encode(0xA0, innerParameters) + inner[2])
            return Self.encode(0x30, fields[0] + Self.encode(0x30, ecPublicKey + outer) + Self.encode(0x04, sec1))
        }
        #expect(try ECDSA.PrivateKey(derRepresentation: key(outer: p384, innerParameters: p384)).curve == .p384)
        let twoCurves = key(outer: p256, innerParameters: p384)
        Self.refuses(twoCurves, "outer P-256, inner P-384")
        let error = #expect(throws: CryptoError.self) { try ECDSA.PrivateKey(derRepresentation: twoCurves) }
        #expect(error?.code == .invalidKey, "\(String(describing: error))")
    }

    /// A certificate reads the same from PEM and DER: strict DER only, down to its innermost
    /// headers (OpenSSL's d2i_X509 alone also takes BER).
    @Test(
        "certificates: BER lengths inside are refused in PEM and DER alike",
        .enabled(if: OpenSSLTool.isAvailable, "openssl CLI not installed")
    )
    func certificates() throws {
        let dir = try TemporaryDirectory.make(prefix: "verifykit-strict")
        defer { try? FileManager.default.removeItem(at: dir) }
        let der = try OpenSSLTool.selfSignedP256(named: "k", subject: "/CN=verifykit-test", in: dir)
        _ = try CryptoKey(derRepresentation: der)
        let fields = Self.children(Self.element(der[...]).contents)
        try #require(fields.count == 3, "Certificate ::= SEQUENCE { tbs, algorithm, signature }")
        // tbsCertificate's own fields, with the validity SEQUENCE (index 4 with a version) in BER.
        let tbs = Self.children(Self.element(fields[0][...]).contents)
        try #require(tbs.count >= 7 && tbs[4].first == 0x30, "tbsCertificate from openssl")
        var berTBS = tbs
        berTBS[4] = Self.encode(0x30, Array(Self.element(tbs[4][...]).contents), extraLengthBytes: 1)
        let berCertificate = Self.encode(0x30, Self.encode(0x30, berTBS.flatMap { $0 }) + fields[1] + fields[2])
        Self.refuses(berCertificate, "certificate with a BER length in its validity")
        let pem = PEMDocument(label: "CERTIFICATE", derBytes: berCertificate).pemRepresentation
        let error = #expect(throws: CryptoError.self) { try CryptoKey(pemRepresentation: pem) }
        #expect(error?.code == .invalidKey, "\(String(describing: error))")
    }

    @Test("PKCS#8 Ed25519: parameters or a CurvePrivateKey of another shape are refused (RFC 8410)")
    func ed25519() throws {
        let seed = [UInt8](repeating: 7, count: 32)
        let algorithm: [UInt8] = [0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70]
        func pkcs8(_ algorithm: [UInt8], _ inner: [UInt8]) -> [UInt8] {
            Self.encode(0x30, [0x02, 0x01, 0x00] + algorithm + Self.encode(0x04, inner))
        }
        let canonical = pkcs8(algorithm, [0x04, 0x20] + seed)
        let key = try CryptoKey(derRepresentation: canonical)
        #expect(key.isPrivate)
        Self.refuses(
            pkcs8([0x30, 0x07, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x05, 0x00], [0x04, 0x20] + seed),
            "NULL parameters"
        )
        Self.refuses(pkcs8(algorithm, [0x04, 0x81, 0x20] + seed), "long-form inner length")
        // OpenSSL reads the CurvePrivateKey OCTET STRING and ignores what follows it.
        Self.refuses(pkcs8(algorithm, [0x04, 0x20] + seed + [0x00]), "a byte after the CurvePrivateKey")
        // RFC 5958 v2 with the public key (RFC 8410 §10.3's form): read when the public key is the
        // key's own (PKCS8Version2Tests), whatever the libcrypto (OpenSSL 3.5 reads it, 3.0 does
        // not); the RSA and EC readers refuse it as another type.
        let publicKey = try CryptoKey(derRepresentation: canonical).publicKeyInfoDER.map { Array($0.suffix(32)) } ?? []
        let version2 = Self.encode(
            0x30,
            [0x02, 0x01, 0x01] + algorithm + Self.encode(0x04, [0x04, 0x20] + seed) + Self.encode(0x81, [0] + publicKey)
        )
        let pem = "-----BEGIN PRIVATE KEY-----\n\(Data(version2).base64EncodedString())\n-----END PRIVATE KEY-----\n"
        let attempts: [(String, () throws(CryptoError) -> Void)] = [
            ("DER", { () throws(CryptoError) in _ = try CryptoKey(derRepresentation: version2) }),
            ("PEM", { () throws(CryptoError) in _ = try CryptoKey(pemRepresentation: pem) }),
            ("RSA", { () throws(CryptoError) in _ = try RSA.PrivateKey(derRepresentation: version2) }),
            ("EC", { () throws(CryptoError) in _ = try ECDSA.PrivateKey(derRepresentation: version2) }),
            ("Ed25519", { () throws(CryptoError) in _ = try Ed25519.PrivateKey(derRepresentation: version2) }),
        ]
        // A version 2 structure around a malformed key, or with a malformed public key, is malformed.
        let malformedVersion2: [(String, [UInt8])] = [
            (
                "garbage private key",
                Self.encode(0x30, [0x02, 0x01, 0x01] + algorithm + [0x04, 0x01, 0xFF, 0x81, 0x01, 0x00])
            ),
            (
                "empty [1]",
                Self.encode(
                    0x30,
                    [0x02, 0x01, 0x01] + algorithm + Self.encode(0x04, [0x04, 0x20] + seed) + [0x81, 0x00]
                )
            ),
            (
                "nine unused bits",
                Self.encode(
                    0x30,
                    [0x02, 0x01, 0x01] + algorithm + Self.encode(0x04, [0x04, 0x20] + seed)
                        + Self.encode(0x81, [9] + publicKey)
                )
            ),
        ]
        for (what, der) in malformedVersion2 { Self.refuses(der, "version 2 with \(what)") }
        // Attributes in BER's chunked (constructed) OCTET STRING form.
        let chunked: [UInt8] = [0x24, 0x08, 0x04, 0x02, 0x01, 0x02, 0x04, 0x02, 0x03, 0x04]
        let localKeyID: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x15]
        func withAttribute(_ value: [UInt8]) -> [UInt8] {
            let attribute = Self.encode(0x30, localKeyID + Self.encode(0x31, value))
            return Self.encode(
                0x30,
                [0x02, 0x01, 0x00] + algorithm + Self.encode(0x04, [0x04, 0x20] + seed) + Self.encode(0xA0, attribute)
            )
        }
        #expect(try CryptoKey(derRepresentation: withAttribute([0x04, 0x04, 0x01, 0x02, 0x03, 0x04])).isPrivate)
        Self.refuses(withAttribute(chunked), "constructed OCTET STRING in an attribute")
        // RFC 5958 orders the optional fields: attributes [0], then the public key [1]. Swapped,
        // the structure is malformed, not a well-formed version 2 key.
        let attribute = Self.encode(0x30, localKeyID + Self.encode(0x31, [0x04, 0x01, 0x01]))
        let swapped = Self.encode(
            0x30,
            [0x02, 0x01, 0x01] + algorithm + Self.encode(0x04, [0x04, 0x20] + seed) + Self.encode(0x81, [0] + publicKey)
                + Self.encode(0xA0, attribute)
        )
        Self.refuses(swapped, "version 2 with the public key before the attributes")
        for (entry, attempt) in attempts {
            // The RSA and EC readers find the key is not theirs, as for version 1.
            let expected = ["RSA": "expected an RSA private key", "EC": "expected an EC private key"][entry]
            do throws(CryptoError) {
                try attempt()
                #expect(expected == nil, "\(entry): a version 2 Ed25519 key was read as another type")
            } catch {
                #expect(error.code == .unsupportedKey, "\(entry): \(error)")
                #expect(expected.map(error.reason.contains) == true, "\(entry): \(error.reason)")
            }
        }
        Self.refuses(pkcs8(algorithm, Self.encode(0x04, seed, extraLengthBytes: 1)), "long-form inner length (helper)")
    }
}
