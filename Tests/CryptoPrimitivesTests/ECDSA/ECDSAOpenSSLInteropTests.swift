import CryptoPrimitives
import Foundation
import Testing

/// EC keys and signatures made by the `openssl` tool load and verify here, and ours verify there.
@Suite(
    "ECDSA interop with the openssl tool",
    .enabled(if: OpenSSLCLI.isAvailable, Comment(rawValue: OpenSSLCLI.missingReason))
)
struct ECDSAOpenSSLInteropTests {
    static let message = Array("interop message\n".utf8)

    static func opensslName(_ curve: ECCurve) -> String {
        switch curve {
        case .p256: "P-256"
        case .p384: "P-384"
        case .p521: "P-521"
        }
    }

    static func digestFlag(_ curve: ECCurve) -> String {
        switch curve {
        case .p256: "-sha256"
        case .p384: "-sha384"
        case .p521: "-sha512"
        }
    }

    @Test("every encoding loads to the same key; signatures verify both ways", arguments: ECCurve.allCases)
    func interop(curve: ECCurve) throws {
        let cli = try OpenSSLCLI()
        try cli.run([
            "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:\(Self.opensslName(curve))", "-out",
            "key.pem",
        ])
        try cli.run(["pkcs8", "-topk8", "-nocrypt", "-in", "key.pem", "-outform", "DER", "-out", "pkcs8.der"])
        try cli.run(["ec", "-in", "key.pem", "-outform", "DER", "-out", "sec1.der"])
        try cli.run(["pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "spki.der"])
        try cli.run(["pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem"])
        try cli.run([
            "ec", "-in", "key.pem", "-pubout", "-conv_form", "compressed", "-outform", "DER", "-out", "compressed.der",
        ])
        try cli.write(Self.message, to: "message.txt")

        let fromPKCS8 = try ECDSA.PrivateKey(derRepresentation: cli.read("pkcs8.der"))
        let fromSEC1 = try ECDSA.PrivateKey(derRepresentation: cli.read("sec1.der"))
        let fromSPKI = try ECDSA.PublicKey(derRepresentation: cli.read("spki.der"))
        let fromCompressed = try ECDSA.PublicKey(derRepresentation: cli.read("compressed.der"))
        #expect(fromPKCS8.curve == curve && fromSEC1.curve == curve && fromSPKI.curve == curve)
        #expect(fromPKCS8.derRepresentation == (try cli.read("pkcs8.der")))
        #expect(fromSEC1.derRepresentation == fromPKCS8.derRepresentation)
        #expect(fromSPKI.derRepresentation == (try cli.read("spki.der")))
        #expect(fromCompressed.derRepresentation == fromSPKI.derRepresentation)
        #expect(fromPKCS8.publicKey.derRepresentation == fromSPKI.derRepresentation)

        try cli.run(["dgst", Self.digestFlag(curve), "-sign", "key.pem", "-out", "theirs.sig", "message.txt"])
        let theirs = try #require(derToP1363(try cli.read("theirs.sig"), size: curve.coordinateByteCount))
        #expect(fromSPKI.isValidSignature(theirs, for: Self.message))
        #expect(!fromSPKI.isValidSignature(theirs, for: Self.message + [0]))

        try cli.write(p1363ToDER(try fromSEC1.signature(for: Self.message)), to: "ours.sig")
        let verified = try cli.run(
            ["dgst", Self.digestFlag(curve), "-verify", "pub.pem", "-signature", "ours.sig", "message.txt"],
            allowFailure: true
        )
        #expect(verified.status == 0 && verified.output.contains("Verified OK"), "\(verified.output)")
        try cli.write(Self.message + [0], to: "other.txt")
        let rejected = try cli.run(
            ["dgst", Self.digestFlag(curve), "-verify", "pub.pem", "-signature", "ours.sig", "other.txt"],
            allowFailure: true
        )
        #expect(rejected.status != 0)
    }

    @Test("explicit curve parameters and other curves are unsupported_key")
    func unsupportedCurves() throws {
        let cli = try OpenSSLCLI()
        try cli.run([
            "ecparam", "-name", "prime256v1", "-param_enc", "explicit", "-genkey", "-noout", "-out", "explicit.pem",
        ])
        try cli.run([
            "ec", "-in", "explicit.pem", "-param_enc", "explicit", "-outform", "DER", "-out", "explicit-sec1.der",
        ])
        try cli.run([
            "pkcs8", "-topk8", "-nocrypt", "-in", "explicit.pem", "-outform", "DER", "-out", "explicit-pkcs8.der",
        ])
        try cli.run([
            "ec", "-in", "explicit.pem", "-param_enc", "explicit", "-pubout", "-outform", "DER", "-out",
            "explicit-spki.der",
        ])
        try cli.run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1", "-out", "k1.pem"])
        try cli.run(["pkcs8", "-topk8", "-nocrypt", "-in", "k1.pem", "-outform", "DER", "-out", "k1-pkcs8.der"])
        try cli.run(["ec", "-in", "k1.pem", "-outform", "DER", "-out", "k1-sec1.der"])
        try cli.run(["pkey", "-in", "k1.pem", "-pubout", "-outform", "DER", "-out", "k1-spki.der"])
        try cli.run(["genpkey", "-algorithm", "ED25519", "-out", "ed.pem"])
        try cli.run(["pkey", "-in", "ed.pem", "-pubout", "-outform", "DER", "-out", "ed-spki.der"])

        for name in ["explicit-spki.der", "k1-spki.der", "ed-spki.der"] {
            #expect(throws: CryptoError.unsupportedKey, "\(name)") {
                try ECDSA.PublicKey(derRepresentation: cli.read(name))
            }
        }
        for name in ["explicit-sec1.der", "explicit-pkcs8.der", "k1-pkcs8.der", "k1-sec1.der"] {
            #expect(throws: CryptoError.unsupportedKey, "\(name)") {
                try ECDSA.PrivateKey(derRepresentation: cli.read(name))
            }
        }
    }
}
