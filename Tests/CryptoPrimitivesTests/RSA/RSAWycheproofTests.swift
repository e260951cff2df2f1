import CryptoPrimitives
import HexCoding
import Testing

/// A Wycheproof RSA signature group (PKCS#1 v1.5 or PSS): the key in several encodings.
struct RSASignatureGroup: Decodable, Sendable {
    let keySize: Int
    let sha: String
    let publicKeyDer: String
    let publicKeyAsn: String
    let sLen: Int?
    let tests: [WycheproofTest]
}

@Suite("RSA Wycheproof")
struct RSAWycheproofTests {
    static let pkcs1Files: [(String, Digest)] = [
        ("rsa_signature_2048_sha256_test.json", .sha256),
        ("rsa_signature_2048_sha384_test.json", .sha384),
        ("rsa_signature_2048_sha512_test.json", .sha512),
        ("rsa_signature_3072_sha512_test.json", .sha512),
        ("rsa_signature_4096_sha512_test.json", .sha512),
    ]

    static let pssFiles: [(String, Digest)] = [
        ("rsa_pss_2048_sha256_mgf1_32_test.json", .sha256),
        ("rsa_pss_2048_sha384_mgf1_48_test.json", .sha384),
        ("rsa_pss_4096_sha512_mgf1_64_test.json", .sha512),
    ]

    @Test(
        "PKCS#1 v1.5 vectors",
        .enabled(if: Wycheproof.isAvailable, Comment(rawValue: Wycheproof.missingReason)),
        arguments: pkcs1Files
    )
    func pkcs1(file: String, digest: Digest) throws {
        try Self.run(file: file, digest: digest, padding: .pkcs1v15)
    }

    @Test(
        "PSS vectors",
        .enabled(if: Wycheproof.isAvailable, Comment(rawValue: Wycheproof.missingReason)),
        arguments: pssFiles
    )
    func pss(file: String, digest: Digest) throws {
        try Self.run(file: file, digest: digest, padding: .pss)
    }

    static func run(file: String, digest: Digest, padding: RSA.Padding) throws {
        var keys: [String: RSA.PublicKey?] = [:]
        try Wycheproof.run(file, groups: RSASignatureGroup.self, tests: \.tests) { group, test in
            #expect(group.sha == digest.rawValue, "\(file): group hash \(group.sha)")
            if padding == .pss {
                #expect(group.sLen == digest.byteCount, "\(file): salt length \(String(describing: group.sLen))")
            }
            let key: RSA.PublicKey?
            if let cached = keys[group.publicKeyDer] {
                key = cached
            } else {
                // Every key in these files is valid: one that does not load is a failure, not an
                // "invalid" verdict for every vector of its group.
                do {
                    key = try RSA.PublicKey(derRepresentation: Hex.decode(group.publicKeyDer))
                } catch {
                    Issue.record("\(file): tcId \(test.tcId)'s group key does not load: \(error)")
                    key = nil
                }
                if let key {
                    let pkcs1 = try RSA.PublicKey(derRepresentation: Hex.decode(group.publicKeyAsn))
                    #expect(pkcs1.modulus == key.modulus, "\(file): PKCS#1 and SPKI moduli differ")
                    #expect(pkcs1.publicExponent == key.publicExponent)
                    #expect(pkcs1.derRepresentation == key.derRepresentation)
                    #expect(key.keySizeInBits == group.keySize)
                }
                keys[group.publicKeyDer] = key
            }
            guard let key else { return false }
            return key.isValidSignature(
                try Hex.decode(test.sig ?? ""),
                for: try Hex.decode(test.msg),
                digest: digest,
                padding: padding
            )
        }
    }
}
