import CryptoPrimitives
import Foundation
import HexCoding
import Testing
import VerifyKitTestSupport

@Suite("RSA keys and signatures")
struct RSAKeyTests {
    /// One 2048-bit key for the whole suite: generation is the slow part.
    static let key: RSA.PrivateKey = try! RSA.PrivateKey(keySize: 2048)
    static let message = Array("The quick brown fox jumps over the lazy dog".utf8)

    static let schemes: [(Digest, RSA.Padding)] = Digest.allCases.flatMap { digest in
        [(digest, RSA.Padding.pkcs1v15), (digest, .pss)]
    }

    @Test("sign → verify round trip; tampering fails", arguments: schemes)
    func roundTrip(digest: Digest, padding: RSA.Padding) throws {
        let publicKey = Self.key.publicKey
        let signature = try Self.key.signature(for: Self.message, digest: digest, padding: padding)
        #expect(signature.count == 256)
        #expect(publicKey.isValidSignature(signature, for: Self.message, digest: digest, padding: padding))
        // The raw-buffer fast path and a non-contiguous message agree.
        let viaBuffers = signature.withUnsafeBytes { signature in
            Self.message.withUnsafeBytes { message in
                publicKey.isValidSignature(signature, for: message, digest: digest, padding: padding)
            }
        }
        #expect(viaBuffers)
        #expect(
            publicKey.isValidSignature(signature, for: Self.message.lazy.map { $0 }, digest: digest, padding: padding)
        )

        var tamperedMessage = Self.message
        tamperedMessage[0] ^= 1
        #expect(!publicKey.isValidSignature(signature, for: tamperedMessage, digest: digest, padding: padding))
        for index in [0, 100, 255] {
            var tampered = signature
            tampered[index] ^= 0x40
            #expect(!publicKey.isValidSignature(tampered, for: Self.message, digest: digest, padding: padding))
        }
        let otherPadding: RSA.Padding = padding == .pss ? .pkcs1v15 : .pss
        #expect(!publicKey.isValidSignature(signature, for: Self.message, digest: digest, padding: otherPadding))
        for other in Digest.allCases where other != digest {
            #expect(!publicKey.isValidSignature(signature, for: Self.message, digest: other, padding: padding))
        }
        #expect(!publicKey.isValidSignature([], for: Self.message, digest: digest, padding: padding))
        #expect(!publicKey.isValidSignature(signature.dropLast(), for: Self.message, digest: digest, padding: padding))
        #expect(!publicKey.isValidSignature([0] + signature, for: Self.message, digest: digest, padding: padding))
    }

    /// A signature is an integer s with 0 < s < n in exactly the modulus' length (RFC 8017 §5.2.2,
    /// §8.2.2): s + n, n itself, 0 and a value above n must never verify, nor the same signature
    /// with its leading zero byte dropped or another added (one signature, one encoding).
    @Test("signatures outside 0 < s < n or of another length never verify", arguments: schemes)
    func signatureRange(digest: Digest, padding: RSA.Padding) throws {
        let publicKey = Self.key.publicKey
        let modulus = publicKey.modulus
        #expect(modulus.count == 256)
        let signature = try Self.key.signature(for: Self.message, digest: digest, padding: padding)
        // s + n, big-endian, in 257 bytes.
        var sum = [UInt8](repeating: 0, count: 257)
        var carry = 0
        for index in (0..<256).reversed() {
            let total = Int(signature[index]) + Int(modulus[index]) + carry
            sum[index + 1] = UInt8(total & 0xFF)
            carry = total >> 8
        }
        sum[0] = UInt8(carry)
        let outOfRange: [[UInt8]] = [
            sum, Array(sum.drop { $0 == 0 }), modulus, [UInt8](repeating: 0, count: 256),
            [UInt8](repeating: 0xFF, count: 256), [0] + signature, signature + [0],
        ]
        for candidate in outOfRange {
            #expect(!publicKey.isValidSignature(candidate, for: Self.message, digest: digest, padding: padding))
        }
        // A signature whose first byte is zero, as one in 256 are: without that byte it is refused.
        for attempt in 0..<4096 {
            let message = Self.message + Array("\(attempt)".utf8)
            let signature = try Self.key.signature(for: message, digest: digest, padding: padding)
            guard signature[0] == 0 else { continue }
            #expect(publicKey.isValidSignature(signature, for: message, digest: digest, padding: padding))
            #expect(
                !publicKey.isValidSignature(signature.dropFirst(), for: message, digest: digest, padding: padding)
            )
            return
        }
        Issue.record("no signature with a leading zero byte in 4096 attempts")
    }

    @Test("PSS signatures are randomised, PKCS#1 v1.5 signatures deterministic")
    func randomisation() throws {
        let pss1 = try Self.key.signature(for: Self.message, digest: .sha256, padding: .pss)
        let pss2 = try Self.key.signature(for: Self.message, digest: .sha256, padding: .pss)
        #expect(pss1 != pss2)
        let pkcs1 = try Self.key.signature(for: Self.message, digest: .sha256, padding: .pkcs1v15)
        #expect(pkcs1 == (try Self.key.signature(for: Self.message, digest: .sha256, padding: .pkcs1v15)))
    }

    @Test("DER export/import round trips (PKCS#8, SPKI, components)")
    func exportImport() throws {
        let reimported = try RSA.PrivateKey(derRepresentation: Self.key.derRepresentation)
        #expect(reimported.derRepresentation == Self.key.derRepresentation)
        #expect(reimported.publicKey.modulus == Self.key.publicKey.modulus)
        let publicKey = try RSA.PublicKey(derRepresentation: Self.key.publicKey.derRepresentation)
        #expect(publicKey.modulus == Self.key.publicKey.modulus)
        #expect(publicKey.publicExponent == [0x01, 0x00, 0x01])
        #expect(publicKey.keySizeInBits == 2048)
        #expect(!publicKey.hasROCAFingerprint)
        let fromComponents = try RSA.PublicKey(
            modulus: [0, 0] + publicKey.modulus,
            publicExponent: [0] + publicKey.publicExponent
        )
        #expect(fromComponents.derRepresentation == publicKey.derRepresentation)
        let signature = try reimported.signature(for: Self.message, digest: .sha384, padding: .pss)
        #expect(fromComponents.isValidSignature(signature, for: Self.message, digest: .sha384, padding: .pss))
    }

    @Test("generation refuses sizes outside 2048…16384")
    func generationSizes() {
        for size in [-1, 0, 512, 1024, 2047, 16385, Int.max] {
            #expect(throws: CryptoError.unsupportedKey) { try RSA.PrivateKey(keySize: size) }
        }
    }

    @Test("public components: zero, e ≥ n, even and oversized moduli are refused; odd exponents are kept")
    func publicComponents() throws {
        let modulus = Self.key.publicKey.modulus
        #expect(throws: CryptoError.invalidKey) { try RSA.PublicKey(modulus: [], publicExponent: [1, 0, 1]) }
        #expect(throws: CryptoError.invalidKey) { try RSA.PublicKey(modulus: [0, 0], publicExponent: [1, 0, 1]) }
        #expect(throws: CryptoError.invalidKey) { try RSA.PublicKey(modulus: modulus, publicExponent: [0]) }
        #expect(throws: CryptoError.invalidKey) { try RSA.PublicKey(modulus: modulus, publicExponent: modulus) }
        // An even modulus is no product of two odd primes.
        let evenModulus = Array(modulus.dropLast()) + [modulus[modulus.count - 1] ^ 1]
        #expect(throws: CryptoError.invalidKey) { try RSA.PublicKey(modulus: evenModulus, publicExponent: [1, 0, 1]) }
        let huge = [UInt8](repeating: 0xC5, count: 16384 / 8 + 1)
        #expect(throws: CryptoError.unsupportedKey) { try RSA.PublicKey(modulus: huge, publicExponent: [3]) }
        // Weak exponents load and are reported; refusing them is key policy.
        let three = try RSA.PublicKey(modulus: modulus, publicExponent: [3])
        #expect(three.publicExponent == [3])
        let even = try RSA.PublicKey(modulus: modulus, publicExponent: [0x01, 0x00, 0x00])
        #expect(even.publicExponent == [1, 0, 0])
        let maximum = try RSA.PublicKey(modulus: [0xC5] + [UInt8](repeating: 0xFF, count: 2047), publicExponent: [3])
        #expect(maximum.keySizeInBits == 16384)
        // OpenSSL never verifies with an exponent over 64 bits once the modulus is over 3072 bits.
        let large = [0xC5] + [UInt8](repeating: 0xFF, count: 3072 / 8)
        let longExponent: [UInt8] = [0x01] + [UInt8](repeating: 0, count: 7) + [0x01]
        #expect(throws: CryptoError.unsupportedKey) { try RSA.PublicKey(modulus: large, publicExponent: longExponent) }
        #expect(throws: Never.self) { try RSA.PublicKey(modulus: modulus, publicExponent: longExponent) }
        // At exactly 3072 bits it still does.
        let exactly3072 = [0xC5] + [UInt8](repeating: 0xFF, count: 3072 / 8 - 1)
        #expect(try RSA.PublicKey(modulus: exactly3072, publicExponent: longExponent).keySizeInBits == 3072)
    }

    @Test("malformed public key DER throws invalid_key, never crashes")
    func malformedPublicDER() {
        let seed = SeededGenerator.freshSeed()
        for der in malformedVariants(of: Self.key.publicKey.derRepresentation, randomCount: 300, seed: seed) {
            #expect(throws: CryptoError.invalidKey, "seed \(seed), \(der.count) bytes") {
                try RSA.PublicKey(derRepresentation: der)
            }
        }
    }

    @Test("malformed private key DER throws invalid_key, never crashes")
    func malformedPrivateDER() {
        let seed = SeededGenerator.freshSeed()
        // Every 7th truncation keeps this fast; the random inputs cover the rest.
        let variants = malformedVariants(of: Self.key.derRepresentation, randomCount: 300, seed: seed)
        for (index, der) in variants.enumerated()
        where index % 7 == 0 || der.count > Self.key.derRepresentation.count
            || index > Self.key.derRepresentation.count
        {
            #expect(throws: CryptoError.invalidKey, "seed \(seed), \(der.count) bytes") {
                try RSA.PrivateKey(derRepresentation: der)
            }
        }
    }

    @Test("other key types are unsupported_key")
    func otherKeyTypes() throws {
        let ec = try ECDSA.PrivateKey(curve: .p256)
        #expect(throws: CryptoError.unsupportedKey) {
            try RSA.PublicKey(derRepresentation: ec.publicKey.derRepresentation)
        }
        #expect(throws: CryptoError.unsupportedKey) { try RSA.PrivateKey(derRepresentation: ec.derRepresentation) }
    }

    @Test("verification is safe from many threads at once")
    func concurrentVerification() async throws {
        let publicKey = Self.key.publicKey
        let signature = try Self.key.signature(for: Self.message, digest: .sha256, padding: .pkcs1v15)
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    var message = Self.message
                    if index % 2 == 1 { message[0] ^= 1 }
                    return publicKey.isValidSignature(signature, for: message, digest: .sha256, padding: .pkcs1v15)
                        == (index % 2 == 0)
                }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 64 && results.allSatisfy { $0 })
    }

    @Test("public key DER has one encoding: strict INTEGERs and lengths, NULL rsaEncryption parameters")
    func canonicalPublicDER() throws {
        func element(_ tag: UInt8, _ body: [UInt8]) -> [UInt8] {
            let count = body.count
            let length: [UInt8] =
                count < 0x80
                ? [UInt8(count)]
                : count < 0x100 ? [0x81, UInt8(count)] : [0x82, UInt8(count >> 8), UInt8(count & 0xFF)]
            return [tag] + length + body
        }
        let n = Self.key.publicKey.modulus  // 256 bytes, top bit set
        func spki(modulus: [UInt8], exponent: [UInt8] = [1, 0, 1], parameters: [UInt8] = [0x05, 0x00]) -> [UInt8] {
            let rsaPublicKey = element(0x30, element(0x02, modulus) + element(0x02, exponent))
            let oid: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
            return element(0x30, element(0x30, oid + parameters) + element(0x03, [0] + rsaPublicKey))
        }
        // The canonical form reads, and is what the key writes.
        let canonical = spki(modulus: [0] + n)
        #expect(try RSA.PublicKey(derRepresentation: canonical).derRepresentation == canonical)
        let refused: [(String, [UInt8])] = [
            ("negative modulus (no sign byte)", spki(modulus: n)),
            ("zero-padded modulus", spki(modulus: [0, 0] + n)),
            ("zero-padded exponent", spki(modulus: [0] + n, exponent: [0, 1, 0, 1])),
            ("absent parameters", spki(modulus: [0] + n, parameters: [])),
            ("OID parameters", spki(modulus: [0] + n, parameters: [0x06, 0x03, 0x2B, 0x65, 0x70])),
            ("PKCS#1 with a non-minimal length", [0x30, 0x81, 0x06, 0x02, 0x01, 0x03, 0x02, 0x01, 0x03]),
        ]
        for (what, der) in refused {
            let error = #expect(throws: CryptoError.self, "\(what)") { try RSA.PublicKey(derRepresentation: der) }
            #expect(error?.code == .invalidKey, "\(what)")
        }
    }
}
