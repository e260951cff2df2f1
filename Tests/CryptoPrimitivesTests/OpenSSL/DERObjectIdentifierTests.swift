import Testing

@testable import CryptoPrimitives

/// Unsupported key types are named by their dotted OID and our own table, the same on every
/// libcrypto: OpenSSL 3.5 has names for ML-DSA, ML-KEM and SLH-DSA, 3.0 called them "an unknown
/// OID".
@Suite("DER OBJECT IDENTIFIER text")
struct DERObjectIdentifierTests {
    static func text(_ contents: [UInt8]) -> String? {
        contents.withUnsafeBytes { DERObjectIdentifier.dottedText(contents: $0) }
    }

    @Test("known OIDs in dotted form, the first sub-identifier split into two arcs")
    func dotted() {
        // rsaEncryption (RFC 8017), id-ml-dsa-44 (FIPS 204 / NIST CSOR), id-Ed25519 (RFC 8410).
        #expect(Self.text([0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]) == "1.2.840.113549.1.1.1")
        #expect(Self.text([0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x11]) == "2.16.840.1.101.3.4.3.17")
        #expect(Self.text([0x2B, 0x65, 0x70]) == "1.3.101.112")
        // First arc 0, 1 and 2 (2 takes every second arc from 80 up: X.690 §8.19.4).
        #expect(Self.text([0x09]) == "0.9")
        #expect(Self.text([0x27]) == "0.39")
        #expect(Self.text([0x28]) == "1.0")
        #expect(Self.text([0x4F]) == "1.39")
        #expect(Self.text([0x50]) == "2.0")
        #expect(Self.text([0x88, 0x37]) == "2.999")
        // The largest sub-identifier read: 63 bits in nine groups.
        #expect(Self.text([0x2A] + [UInt8](repeating: 0xFF, count: 8) + [0x7F]) == "1.2.\(UInt64(1) << 63 - 1)")
    }

    @Test("not strict DER: nil")
    func refused() {
        #expect(Self.text([]) == nil, "empty")
        #expect(Self.text([0x2A, 0x86]) == nil, "cut inside a sub-identifier")
        #expect(Self.text([0x2A, 0x80, 0x01]) == nil, "a sub-identifier with a leading 0x80")
        #expect(Self.text([0x80, 0x01]) == nil, "the first sub-identifier with a leading 0x80")
        #expect(Self.text([0x2A] + [UInt8](repeating: 0xFF, count: 9) + [0x7F]) == nil, "70 bits")
        #expect(Self.text([0x2A, 0x83] + [UInt8](repeating: 0xFF, count: 8) + [0x7F]) == nil, "65 bits")
        #expect(
            Self.text([0x2A, 0x81] + [UInt8](repeating: 0xFF, count: 8) + [0x7F]) == "1.2.\(UInt64.max)",
            "64 bits fit"
        )
        #expect(Self.text([UInt8](repeating: 0x01, count: 65)) == nil, "longer than any key algorithm OID")
        #expect(Self.text([UInt8](repeating: 0x01, count: 64)) != nil, "64 bytes is the limit")
    }

    /// The names come from our table, not from OpenSSL's, which lacks them before 3.5. OIDs as
    /// NIST's register assigns them (and as OpenSSL 3.6's `genpkey` writes them).
    @Test("names of unsupported key algorithms by OID")
    func names() {
        let names = DERObjectIdentifier.keyAlgorithmNames
        #expect(names.count == 21)
        #expect(Set(names.values).count == names.count, "one name per OID")
        #expect(names["1.2.840.10040.4.1"] == "DSA")
        #expect(names["2.16.840.1.101.3.4.3.17"] == "ML-DSA-44")
        #expect(names["2.16.840.1.101.3.4.3.19"] == "ML-DSA-87")
        #expect(names["2.16.840.1.101.3.4.4.2"] == "ML-KEM-768")
        #expect(names["2.16.840.1.101.3.4.3.20"] == "SLH-DSA-SHA2-128s")
        #expect(names["2.16.840.1.101.3.4.3.23"] == "SLH-DSA-SHA2-192f")
        #expect(names["2.16.840.1.101.3.4.3.26"] == "SLH-DSA-SHAKE-128s")
        #expect(names["2.16.840.1.101.3.4.3.31"] == "SLH-DSA-SHAKE-256f")
        #expect(names["2.16.840.1.101.3.4.3.32"] == nil)
    }

    /// Key structures with the ML-DSA-44 OID, built by hand so that no libcrypto needs to know it.
    static let mlDSA44 = DERWriter.element(
        0x30,
        DERWriter.element(0x06, [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x11])
    )

    @Test("an ML-DSA public or private key is unsupported_key naming its OID, in DER and PEM")
    func postQuantumKeysAreNamed() throws {
        let spki = DERWriter.element(
            0x30,
            Self.mlDSA44 + DERWriter.element(0x03, [0x00] + [UInt8](repeating: 7, count: 1312))
        )
        let seed = DERWriter.element(0x80, [UInt8](repeating: 9, count: 32))
        let pkcs8 = DERWriter.element(0x30, [0x02, 0x01, 0x00] + Self.mlDSA44 + DERWriter.element(0x04, seed))
        let inputs: [(String, () throws -> CryptoKey)] = [
            ("SPKI DER", { try CryptoKey(derRepresentation: spki) }),
            ("PKCS#8 DER", { try CryptoKey(derRepresentation: pkcs8) }),
            (
                "SPKI PEM",
                { try CryptoKey(pemRepresentation: PEMDocument(label: "PUBLIC KEY", derBytes: spki).pemRepresentation) }
            ),
            (
                "PKCS#8 PEM",
                {
                    try CryptoKey(
                        pemRepresentation: PEMDocument(label: "PRIVATE KEY", derBytes: pkcs8).pemRepresentation
                    )
                }
            ),
        ]
        for (form, load) in inputs {
            let error = #expect(throws: CryptoError.self, "\(form)") { try load() }
            #expect(error?.code == .unsupportedKey, "\(form): \(String(describing: error))")
            // The whole reason: OpenSSL 3.5 has its own name for this OID, and it must not show.
            let structure = form.hasPrefix("SPKI") ? "SubjectPublicKeyInfo" : "PKCS#8 PrivateKeyInfo"
            #expect(
                error?.reason == "\(structure) holds an unsupported key type (OID 2.16.840.1.101.3.4.3.17, ML-DSA-44)",
                "\(form): \(error?.reason ?? "")"
            )
        }
    }
}
