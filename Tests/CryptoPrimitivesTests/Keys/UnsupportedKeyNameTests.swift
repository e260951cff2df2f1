import CryptoPrimitives
import Foundation
import Testing

/// EdDSA here is Ed25519 only (RFC 8037 also defines Ed448): an Ed448 key, or another key type a
/// JOSE user may hand over by mistake, is refused with `unsupported_key` and a reason that names it,
/// whichever encoding it comes in.
@Suite(
    "Unsupported key types are named",
    .enabled(if: OpenSSLCLI.isAvailable, Comment(rawValue: OpenSSLCLI.missingReason))
)
struct UnsupportedKeyNameTests {
    static let cases: [(genpkey: [String], name: String)] = [
        (["-algorithm", "ED448"], "Ed448"),
        (["-algorithm", "X25519"], "X25519"),
        (["-algorithm", "X448"], "X448"),
        (["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1"], "secp256k1"),
        (["-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048"], "RSASSA-PSS"),
    ]

    @Test("SPKI, private key DER and PEM name the key type, through CryptoKey and the typed readers", arguments: cases)
    func named(genpkey: [String], name: String) throws {
        let cli = try OpenSSLCLI()
        try cli.run(["genpkey"] + genpkey + ["-out", "key.pem"])
        try cli.run(["pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "spki.der"])
        try cli.run(["pkey", "-in", "key.pem", "-outform", "DER", "-out", "pkcs8.der"])
        // `pkey` writes EC keys as SEC1, which has no algorithm to name: the typed readers get PKCS#8.
        try cli.run(["pkcs8", "-topk8", "-nocrypt", "-in", "key.pem", "-outform", "DER", "-out", "topk8.der"])
        let pem = String(decoding: try cli.read("key.pem"), as: UTF8.self)
        let inputs: [(String, () throws -> CryptoKey)] = [
            ("SPKI", { try CryptoKey(derRepresentation: try cli.read("spki.der")) }),
            ("private key DER", { try CryptoKey(derRepresentation: try cli.read("pkcs8.der")) }),
            ("PEM", { try CryptoKey(pemRepresentation: pem) }),
            ("RSA.PublicKey", { CryptoKey(try RSA.PublicKey(derRepresentation: try cli.read("spki.der"))) }),
            ("ECDSA.PublicKey", { CryptoKey(try ECDSA.PublicKey(derRepresentation: try cli.read("spki.der"))) }),
            ("Ed25519.PublicKey", { CryptoKey(try Ed25519.PublicKey(derRepresentation: try cli.read("spki.der"))) }),
            ("RSA.PrivateKey", { CryptoKey(try RSA.PrivateKey(derRepresentation: try cli.read("topk8.der"))) }),
            ("ECDSA.PrivateKey", { CryptoKey(try ECDSA.PrivateKey(derRepresentation: try cli.read("topk8.der"))) }),
            ("Ed25519.PrivateKey", { CryptoKey(try Ed25519.PrivateKey(derRepresentation: try cli.read("topk8.der"))) }),
        ]
        for (form, load) in inputs {
            let error = #expect(throws: CryptoError.self, "\(name) \(form)") { try load() }
            #expect(error?.code == .unsupportedKey, "\(name) \(form): \(String(describing: error))")
            #expect(error?.reason.contains(name) == true, "\(name) \(form): \(error?.reason ?? "")")
        }
    }

    /// Visibility is judged before the family, for the types this library does not read as for its
    /// own: an Ed448 private key handed to a public-key reader, or its public key to a private-key
    /// reader, is `invalid_key` (as an EC private key handed to `RSA.PublicKey` is), not `unsupported_key`.
    @Test("an unsupported type in the other visibility is invalid_key: visibility first")
    func otherVisibilityOfAnUnsupportedType() throws {
        let cli = try OpenSSLCLI()
        try cli.run(["genpkey", "-algorithm", "ED448", "-out", "key.pem"])
        try cli.run(["pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "spki.der"])
        try cli.run(["pkey", "-in", "key.pem", "-outform", "DER", "-out", "pkcs8.der"])
        let (spki, pkcs8) = (try cli.read("spki.der"), try cli.read("pkcs8.der"))
        let readers: [(String, () throws -> Void)] = [
            ("RSA.PublicKey", { _ = try RSA.PublicKey(derRepresentation: pkcs8) }),
            ("ECDSA.PublicKey", { _ = try ECDSA.PublicKey(derRepresentation: pkcs8) }),
            ("Ed25519.PublicKey", { _ = try Ed25519.PublicKey(derRepresentation: pkcs8) }),
            ("RSA.PrivateKey", { _ = try RSA.PrivateKey(derRepresentation: spki) }),
            ("ECDSA.PrivateKey", { _ = try ECDSA.PrivateKey(derRepresentation: spki) }),
            ("Ed25519.PrivateKey", { _ = try Ed25519.PrivateKey(derRepresentation: spki) }),
        ]
        for (reader, read) in readers {
            let error = #expect(throws: CryptoError.self, "\(reader)") { try read() }
            #expect(error?.code == .invalidKey, "\(reader): \(String(describing: error))")
        }
    }

    @Test("an Ed448 JWK says that EdDSA is Ed25519 only")
    func ed448JWK() throws {
        let x = String(repeating: "A", count: 76)
        let error = #expect(throws: CryptoError.self) {
            try JWK(json: Array(#"{"kty":"OKP","crv":"Ed448","x":"\#(x)"}"#.utf8))
        }
        #expect(error?.code == .unsupportedKey)
        #expect(error?.reason.contains("Ed25519 only") == true, "\(error?.reason ?? "")")
    }

    @Test("an X25519 or X448 JWK is named a key-agreement key, not an EdDSA curve")
    func keyAgreementJWK() throws {
        for (crv, length) in [("X25519", 43), ("X448", 75)] {
            let x = String(repeating: "A", count: length)
            let error = #expect(throws: CryptoError.self) {
                try JWK(json: Array(#"{"kty":"OKP","crv":"\#(crv)","x":"\#(x)"}"#.utf8))
            }
            #expect(error?.code == .unsupportedKey)
            let reason = error?.reason ?? ""
            #expect(reason.contains("key agreement") && !reason.contains("EdDSA"), "\(crv): \(reason)")
        }
    }
}
