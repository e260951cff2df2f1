import CryptoPrimitives
import Foundation
import Testing
import VerifyKitTestSupport

/// Keys and signatures made by the `openssl` tool load and verify here, and ours verify there.
@Suite(
    "RSA interop with the openssl tool",
    .enabled(if: OpenSSLCLI.isAvailable, Comment(rawValue: OpenSSLCLI.missingReason))
)
struct RSAOpenSSLInteropTests {
    static let message = Array("interop message\n".utf8)

    /// A fresh key in every encoding: key.pem, pkcs8.der, pkcs1.der, spki.der, rsapub.der, pub.pem.
    static func makeKey(_ cli: OpenSSLCLI) throws {
        try cli.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "key.pem"])
        try cli.run(["pkcs8", "-topk8", "-nocrypt", "-in", "key.pem", "-outform", "DER", "-out", "pkcs8.der"])
        try cli.run(["rsa", "-in", "key.pem", "-traditional", "-outform", "DER", "-out", "pkcs1.der"])
        try cli.run(["pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "spki.der"])
        try cli.run(["pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem"])
        try cli.run(["rsa", "-in", "key.pem", "-RSAPublicKey_out", "-outform", "DER", "-out", "rsapub.der"])
        try cli.write(message, to: "message.txt")
    }

    @Test("every DER encoding loads to the same key, and components match openssl's")
    func encodings() throws {
        let cli = try OpenSSLCLI()
        try Self.makeKey(cli)
        let fromPKCS8 = try RSA.PrivateKey(derRepresentation: cli.read("pkcs8.der"))
        let fromPKCS1 = try RSA.PrivateKey(derRepresentation: cli.read("pkcs1.der"))
        let fromSPKI = try RSA.PublicKey(derRepresentation: cli.read("spki.der"))
        let fromRSAPublicKey = try RSA.PublicKey(derRepresentation: cli.read("rsapub.der"))
        #expect(fromPKCS8.derRepresentation == (try cli.read("pkcs8.der")))
        #expect(fromPKCS1.derRepresentation == fromPKCS8.derRepresentation)
        #expect(fromPKCS8.derRepresentation != (try cli.read("pkcs1.der")))
        #expect(fromSPKI.derRepresentation == (try cli.read("spki.der")))
        #expect(fromRSAPublicKey.derRepresentation == fromSPKI.derRepresentation)
        #expect(fromPKCS8.publicKey.modulus == fromSPKI.modulus)

        let fields = OpenSSLCLI.textFields(try cli.run(["pkey", "-in", "key.pem", "-text", "-noout"]).output)
        func field(_ name: String) throws -> [UInt8] {
            try #require(fields[name], "openssl printed no \(name)")
        }
        #expect(Array(try field("modulus").drop(while: { $0 == 0 })) == fromSPKI.modulus)
        let fromComponents = try RSA.PrivateKey(
            modulus: try field("modulus"),
            publicExponent: try field("publicExponent"),
            privateExponent: try field("privateExponent"),
            prime1: try field("prime1"),
            prime2: try field("prime2"),
            exponent1: try field("exponent1"),
            exponent2: try field("exponent2"),
            coefficient: try field("coefficient")
        )
        #expect(fromComponents.derRepresentation == fromPKCS8.derRepresentation)

        // Inconsistent components are caught once, at import.
        #expect(throws: CryptoError.invalidKey) {
            try RSA.PrivateKey(
                modulus: try field("modulus"),
                publicExponent: try field("publicExponent"),
                privateExponent: try field("privateExponent"),
                prime1: try field("prime1"),
                prime2: try field("prime2"),
                exponent1: try field("exponent2"),
                exponent2: try field("exponent1"),
                coefficient: try field("coefficient")
            )
        }
        // A corrupted CRT value inside PKCS#1 DER is caught too.
        var corrupted = try cli.read("pkcs1.der")
        corrupted[corrupted.count - 10] ^= 1
        #expect(throws: CryptoError.invalidKey) { try RSA.PrivateKey(derRepresentation: corrupted) }
    }

    static let cases: [(Digest, RSA.Padding)] = Digest.allCases.flatMap { [($0, .pkcs1v15), ($0, .pss)] }

    @Test("openssl's signatures verify here, ours verify in openssl", arguments: cases)
    func signatures(digest: Digest, padding: RSA.Padding) throws {
        let cli = try OpenSSLCLI()
        try Self.makeKey(cli)
        let name = "-" + digest.rawValue.replacingOccurrences(of: "-", with: "").lowercased()
        let pss = padding == .pss ? ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest"] : []
        try cli.run(["dgst", name, "-sign", "key.pem"] + pss + ["-out", "theirs.sig", "message.txt"])
        let publicKey = try RSA.PublicKey(derRepresentation: cli.read("spki.der"))
        let theirs = try cli.read("theirs.sig")
        #expect(publicKey.isValidSignature(theirs, for: Self.message, digest: digest, padding: padding))
        #expect(!publicKey.isValidSignature(theirs, for: Self.message + [0], digest: digest, padding: padding))

        let privateKey = try RSA.PrivateKey(derRepresentation: cli.read("pkcs8.der"))
        try cli.write(try privateKey.signature(for: Self.message, digest: digest, padding: padding), to: "ours.sig")
        let verified = try cli.run(
            ["dgst", name, "-verify", "pub.pem"] + pss + ["-signature", "ours.sig", "message.txt"],
            allowFailure: true
        )
        #expect(verified.status == 0 && verified.output.contains("Verified OK"), "\(verified.output)")
        // And openssl rejects ours for a different message (the check above can fail).
        try cli.write(Self.message + [0], to: "other.txt")
        let rejected = try cli.run(
            ["dgst", name, "-verify", "pub.pem"] + pss + ["-signature", "ours.sig", "other.txt"],
            allowFailure: true
        )
        #expect(rejected.status != 0)
    }

    @Test("a PSS signature with a salt other than the hash length is refused")
    func pssSaltLength() throws {
        let cli = try OpenSSLCLI()
        try Self.makeKey(cli)
        try cli.run([
            "dgst", "-sha256", "-sign", "key.pem", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:20",
            "-out", "salt20.sig", "message.txt",
        ])
        let publicKey = try RSA.PublicKey(derRepresentation: cli.read("spki.der"))
        #expect(
            !publicKey.isValidSignature(try cli.read("salt20.sig"), for: Self.message, digest: .sha256, padding: .pss)
        )
    }
}

/// Keys that only a lowered policy admits can be too small for a hash's encoding: that is the
/// key's fault (`weak_key`), named as such, not an OpenSSL failure.
@Suite("RSA keys too small for the hash", .enabled(if: OpenSSLTool.isAvailable, "openssl CLI not installed"))
struct RSAKeyTooSmallForHashTests {
    @Test func tooSmallIsWeakKeyAtTheExactBound() throws {
        let dir = try TemporaryDirectory.make(prefix: "verifykit-small-rsa")
        defer { try? FileManager.default.removeItem(at: dir) }
        // (bits, what signs, what is too small): PKCS#1 needs ⌈bits/8⌉ ≥ 19 + hLen + 11,
        // PSS ⌈(bits − 1)/8⌉ ≥ 2·hLen + 2.
        let cases: [(Int, [(Digest, RSA.Padding)], [(Digest, RSA.Padding)])] = [
            (512, [(.sha256, .pkcs1v15)], [(.sha384, .pkcs1v15), (.sha512, .pkcs1v15), (.sha256, .pss)]),
            (744, [(.sha384, .pkcs1v15), (.sha256, .pss)], [(.sha512, .pkcs1v15)]),
            (752, [(.sha512, .pkcs1v15)], [(.sha512, .pss)]),
            (1033, [(.sha384, .pss)], [(.sha512, .pss)]),
            (1034, [(.sha512, .pss)], []),
        ]
        var checked = 0
        for (bits, signing, tooSmall) in cases {
            try OpenSSLTool.succeed(
                ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:\(bits)", "-out", "k\(bits).pem"],
                in: dir
            )
            let pem = String(decoding: try Data(contentsOf: dir.appendingPathComponent("k\(bits).pem")), as: UTF8.self)
            let key = try #require(try CryptoKey(pemRepresentation: pem).rsaPrivateKey, "\(bits)")
            #expect(key.publicKey.keySizeInBits == bits)
            for (digest, padding) in signing {
                let signature = try key.signature(for: [1, 2, 3], digest: digest, padding: padding)
                #expect(key.publicKey.isValidSignature(signature, for: [1, 2, 3], digest: digest, padding: padding))
                checked += 1
            }
            for (digest, padding) in tooSmall {
                let error = #expect(throws: CryptoError.self, "\(bits) \(digest) \(padding)") {
                    try key.signature(for: [1, 2, 3], digest: digest, padding: padding)
                }
                #expect(error?.code == .weakKey, "\(bits) \(digest) \(padding): \(String(describing: error))")
                checked += 1
            }
        }
        #expect(checked == 12)
    }
}
