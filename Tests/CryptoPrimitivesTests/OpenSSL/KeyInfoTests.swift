import Foundation
import Testing
import VerifyKitTestSupport

@testable import CryptoPrimitives

/// The internal probes key import dispatches on: SPKI / PKCS#8 kind, Ed25519 raw bytes, and the
/// key inside an X.509 certificate.
@Suite(
    "OpenSSL key-info helpers",
    .enabled(if: OpenSSLCLI.isAvailable, Comment(rawValue: OpenSSLCLI.missingReason))
)
struct KeyInfoTests {
    static let algorithms: [(String, [String], PKeyKind)] = [
        ("rsa", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"], .rsa),
        ("p256", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"], .ec(.p256)),
        ("p384", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"], .ec(.p384)),
        ("p521", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"], .ec(.p521)),
        ("k1", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1"], .other),
        ("ed25519", ["-algorithm", "ED25519"], .ed25519),
        ("x25519", ["-algorithm", "X25519"], .other),
        ("rsapss", ["-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:1024"], .other),
    ]

    @Test("SPKI and PKCS#8 are identified by algorithm", arguments: algorithms)
    func identify(name: String, options: [String], kind: PKeyKind) throws {
        let cli = try OpenSSLCLI()
        try cli.run(["genpkey"] + options + ["-out", "key.pem"])
        try cli.run(["pkcs8", "-topk8", "-nocrypt", "-in", "key.pem", "-outform", "DER", "-out", "pkcs8.der"])
        try cli.run(["pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "spki.der"])
        let spki = try cli.read("spki.der")
        let pkcs8 = try cli.read("pkcs8.der")
        #expect(identifyPublicKeyInfo(spki) == kind)
        #expect(identifyPrivateKeyInfo(pkcs8) == kind)
        // Each probe recognises only its own structure, and trailing bytes disqualify.
        #expect(identifyPublicKeyInfo(pkcs8) == nil)
        #expect(identifyPrivateKeyInfo(spki) == nil)
        #expect(identifyPublicKeyInfo(spki + [0]) == nil)
        #expect(identifyPrivateKeyInfo(pkcs8.dropLast()) == nil)

        if kind == .ed25519 {
            // Ed25519 SPKI is a fixed 12-byte prefix and the key; PKCS#8 a 16-byte prefix and the seed.
            #expect(try ed25519Raw(fromPublicKeyInfo: spki) == Array(spki.suffix(32)))
            #expect(try ed25519Seed(fromPrivateKeyInfo: pkcs8) == Array(pkcs8.suffix(32)))
        } else {
            #expect(throws: CryptoError.unsupportedKey) { try ed25519Raw(fromPublicKeyInfo: spki) }
            #expect(throws: CryptoError.unsupportedKey) { try ed25519Seed(fromPrivateKeyInfo: pkcs8) }
        }
    }

    @Test("garbage is not identified and Ed25519 extraction throws invalid_key")
    func garbage() {
        let seed = SeededGenerator.freshSeed()
        for bytes in malformedVariants(
            of: [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70],
            randomCount: 200,
            seed: seed
        ) {
            #expect(identifyPublicKeyInfo(bytes) == nil, "seed \(seed)")
            #expect(identifyPrivateKeyInfo(bytes) == nil, "seed \(seed)")
            #expect(throws: CryptoError.invalidKey, "seed \(seed)") { try ed25519Raw(fromPublicKeyInfo: bytes) }
            #expect(throws: CryptoError.invalidKey, "seed \(seed)") { try ed25519Seed(fromPrivateKeyInfo: bytes) }
            #expect(throws: CryptoError.invalidKey, "seed \(seed)") { try publicKeyInfoDER(fromCertificateDER: bytes) }
        }
    }

    @Test("a certificate's SubjectPublicKeyInfo is extracted byte for byte", arguments: ["EC", "RSA", "ED25519"])
    func certificate(algorithm: String) throws {
        let cli = try OpenSSLCLI()
        let options: [String] =
            switch algorithm {
            case "EC": ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
            case "RSA": ["-newkey", "rsa:2048"]
            default: ["-newkey", "ed25519"]
            }
        try cli.run(
            ["req", "-x509"] + options + [
                "-keyout", "key.pem", "-nodes", "-subj", "/CN=verifykit test", "-days", "1", "-outform", "DER",
                "-out", "cert.der",
            ]
        )
        try cli.run(["pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "spki.der"])
        let certificate = try cli.read("cert.der")
        let extracted = try publicKeyInfoDER(fromCertificateDER: certificate)
        #expect(extracted == (try cli.read("spki.der")))
        #expect(throws: CryptoError.invalidKey) { try publicKeyInfoDER(fromCertificateDER: certificate + [0]) }
        #expect(throws: CryptoError.invalidKey) { try publicKeyInfoDER(fromCertificateDER: certificate.dropLast(1)) }
        switch algorithm {
        case "EC": #expect(try ECDSA.PublicKey(derRepresentation: extracted).curve == .p256)
        case "RSA": #expect(try RSA.PublicKey(derRepresentation: extracted).keySizeInBits == 2048)
        default: #expect(identifyPublicKeyInfo(extracted) == .ed25519)
        }
    }
}
