import CryptoPrimitives
import Foundation
import Testing
import VerifyKitTestSupport

@Suite("Ed25519 keys as DER (RFC 8410)")
struct Ed25519DERTests {
    /// RFC 8410 §10.3: the example private key, and §10.1 the public key derived from it.
    static let pkcs8 = SodiumTestSupport.bytes(
        "302e020100300506032b657004220420d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842"
    )
    static let spki = SodiumTestSupport.bytes(
        "302a300506032b657003210019bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1"
    )
    static let message = Array("read from DER".utf8)

    @Test("the RFC 8410 examples read and write back byte for byte; the pair signs and verifies")
    func rfc8410Examples() throws {
        let privateKey = try Ed25519.PrivateKey(derRepresentation: Self.pkcs8)
        let publicKey = try Ed25519.PublicKey(derRepresentation: Self.spki)
        #expect(privateKey.seed == Array(Self.pkcs8.suffix(32)))
        #expect(privateKey.publicKey == publicKey)
        #expect(publicKey.rawRepresentation == Array(Self.spki.suffix(32)))
        #expect(publicKey.derRepresentation == Self.spki)
        #expect(CryptoKey(privateKey).privateKeyInfoDER == Self.pkcs8)
        let signature = privateKey.signature(for: Self.message)
        #expect(publicKey.isValidSignature(signature, for: Self.message))
        #expect(!publicKey.isValidSignature(signature, for: Self.message + [0]))
        // Non-contiguous input reads the same.
        #expect(try Ed25519.PublicKey(derRepresentation: Self.spki.lazy.map { $0 }) == publicKey)
        #expect(try Ed25519.PrivateKey(derRepresentation: Self.pkcs8.lazy.map { $0 }).seed == privateKey.seed)
    }

    @Test("seeded random keys round-trip through their DER")
    func randomRoundTrips() throws {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        for round in 0..<32 {
            let key = try Ed25519.PrivateKey(seed: generator.bytes(count: 32))
            let context = Comment(rawValue: "seed \(seed), round \(round)")
            let der = try #require(CryptoKey(key).privateKeyInfoDER, context)
            #expect(try Ed25519.PrivateKey(derRepresentation: der).seed == key.seed, context)
            #expect(try Ed25519.PublicKey(derRepresentation: key.publicKey.derRepresentation) == key.publicKey, context)
            #expect(CryptoKey(key).publicKeyInfoDER == key.publicKey.derRepresentation, context)
        }
    }

    @Test(
        "keys made by the openssl tool read; its signature verifies and our SPKI is its SPKI",
        .enabled(if: OpenSSLTool.isAvailable, Comment(rawValue: OpenSSLTool.missingReason))
    )
    func opensslInterop() throws {
        let dir = try TemporaryDirectory.make(prefix: "verifykit-ed25519-der")
        defer { try? FileManager.default.removeItem(at: dir) }
        func read(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: dir.appendingPathComponent(name))) }
        try Data(Self.message).write(to: dir.appendingPathComponent("msg"))
        try OpenSSLTool.succeed(["genpkey", "-algorithm", "ED25519", "-outform", "DER", "-out", "key.der"], in: dir)
        try OpenSSLTool.succeed(
            ["pkey", "-inform", "DER", "-in", "key.der", "-pubout", "-outform", "DER", "-out", "pub.der"],
            in: dir
        )
        try OpenSSLTool.succeed(
            ["pkeyutl", "-sign", "-keyform", "DER", "-inkey", "key.der", "-rawin", "-in", "msg", "-out", "sig"],
            in: dir
        )
        let privateKey = try Ed25519.PrivateKey(derRepresentation: read("key.der"))
        let publicKey = try Ed25519.PublicKey(derRepresentation: read("pub.der"))
        #expect(privateKey.publicKey == publicKey)
        #expect(publicKey.derRepresentation == (try read("pub.der")))
        #expect(CryptoKey(privateKey).privateKeyInfoDER == (try read("key.der")))
        #expect(publicKey.isValidSignature(try read("sig"), for: Self.message))
        #expect(privateKey.signature(for: Self.message) == (try read("sig")))
    }

    @Test("other algorithms are unsupported_key")
    func otherAlgorithms() throws {
        let rsa = RSAKeyTests.key
        let ec = try ECDSA.PrivateKey(curve: .p256)
        // RFC 8410 §10.1's X25519 public key: an OKP key, but not a signing one.
        let x25519 = SodiumTestSupport.bytes(
            "302a300506032b656e032100" + "19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1"
        )
        for (what, spki) in [("RSA", rsa.publicKey.derRepresentation), ("EC", ec.publicKey.derRepresentation)]
            + [("X25519", x25519)]
        {
            #expect(throws: CryptoError.unsupportedKey, "\(what)") { try Ed25519.PublicKey(derRepresentation: spki) }
        }
        for (what, pkcs8) in [("RSA", rsa.derRepresentation), ("EC", ec.derRepresentation)] {
            #expect(throws: CryptoError.unsupportedKey, "\(what)") { try Ed25519.PrivateKey(derRepresentation: pkcs8) }
        }
    }

    @Test("a private key is not a public key, nor the reverse: invalid_key")
    func otherVisibility() {
        #expect(throws: CryptoError.invalidKey) { try Ed25519.PublicKey(derRepresentation: Self.pkcs8) }
        #expect(throws: CryptoError.invalidKey) { try Ed25519.PrivateKey(derRepresentation: Self.spki) }
    }

    @Test("malformed DER throws invalid_key, never crashes")
    func malformedDER() {
        let seed = SeededGenerator.freshSeed()
        for der in malformedVariants(of: Self.spki, randomCount: 300, seed: seed) {
            #expect(throws: CryptoError.invalidKey, "seed \(seed), \(der.count) bytes") {
                try Ed25519.PublicKey(derRepresentation: der)
            }
        }
        for der in malformedVariants(of: Self.pkcs8, randomCount: 300, seed: seed) {
            #expect(throws: CryptoError.invalidKey, "seed \(seed), \(der.count) bytes") {
                try Ed25519.PrivateKey(derRepresentation: der)
            }
        }
    }
}
