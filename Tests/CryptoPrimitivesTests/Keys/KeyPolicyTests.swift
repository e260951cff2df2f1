import CryptoPrimitives
import HexCoding
import Testing
import VerifyKitTestSupport

@Suite("Key policy")
struct KeyPolicyTests {
    @Test func algorithmsAreBoundToKeyFamiliesAndCurves() throws {
        let p256 = CryptoKey(try ECDSA.PrivateKey(curve: .p256))
        #expect(p256.compatibleAlgorithms == [.es256])
        #expect(throws: CryptoError.algorithmMismatch) { try p256.checkPolicy(.default, for: .es384) }
        #expect(throws: CryptoError.algorithmMismatch) { try p256.checkPolicy(.default, for: .hs256) }
        let ed = CryptoKey(Ed25519.PrivateKey())
        #expect(Set(ed.compatibleAlgorithms) == [.eddsa, .ed25519])
        let mismatch = #expect(throws: CryptoError.algorithmMismatch) { try ed.checkPolicy(.default, for: .rs256) }
        #expect(mismatch?.reason == "algorithm RS256 cannot be used with this Ed25519 private key")
        let secret = CryptoKey(HMACKey(randomByteCount: 64))
        #expect(throws: CryptoError.algorithmMismatch) { try secret.checkPolicy(.default, for: .eddsa) }
        #expect(throws: CryptoError.algorithmMismatch) {
            try secret.isValidSignature([UInt8](repeating: 0, count: 64), for: [], algorithm: .eddsa)
        }
    }

    @Test func publicKeysCannotSign() throws {
        let key = CryptoKey(Ed25519.PrivateKey()).publicKey!
        #expect(throws: CryptoError.algorithmMismatch) { try key.signature(for: [1], algorithm: .eddsa) }
    }

    @Test func hmacKeysShorterThanTheHashAreWeak() throws {
        let key = CryptoKey(HMACKey(randomByteCount: 32))
        #expect(throws: Never.self) { try key.checkPolicy(.default, for: .hs256) }
        #expect(throws: CryptoError.weakKey) { try key.checkPolicy(.default, for: .hs384) }
        #expect(throws: CryptoError.weakKey) { try CryptoKey(HMACKey([1, 2, 3])).checkPolicy(.default, for: .hs256) }
    }

    @Test func rsaModulusBelowTheMinimumIsWeakUnlessLowered() throws {
        let key = CryptoKey(try RSA.PrivateKey(keySize: 2048))
        #expect(throws: Never.self) { try key.checkPolicy(.default, for: .rs256) }
        #expect(throws: CryptoError.weakKey) { try key.checkPolicy(KeyPolicy(minimumRSABits: 3072), for: .rs256) }
        #expect(throws: CryptoError.weakKey) { try key.checkPolicy(KeyPolicy(maximumRSABits: 1024), for: .ps256) }
    }

    /// The policy reads only the modulus size, so seeded odd numbers of 2048 and 2047 bits stand in for keys.
    @Test func rsaMinimumIsInclusive() throws {
        var generator = SeededGenerator(seed: 2048)
        var modulus = generator.bytes(count: 256)
        modulus[0] |= 0x80
        modulus[255] |= 1
        let full = CryptoKey(try RSA.PublicKey(modulus: modulus, publicExponent: [1, 0, 1]))
        #expect(throws: Never.self) { try full.checkPolicy(.default, for: .rs256) }
        modulus[0] = modulus[0] & 0x7F | 0x40
        let short = try RSA.PublicKey(modulus: modulus, publicExponent: [1, 0, 1])
        try #require(short.keySizeInBits == 2047)
        let refusal = #expect(throws: CryptoError.weakKey) { try CryptoKey(short).checkPolicy(.default, for: .ps256) }
        #expect(refusal?.reason == "RSA modulus of 2047 bits is below the policy minimum of 2048")
        #expect(throws: Never.self) { try CryptoKey(short).checkPolicy(KeyPolicy(minimumRSABits: 2047), for: .ps256) }
    }

    @Test func smallOrderEd25519KeysAreWeak() throws {
        // Encodings of small-order points (identity, order-2 point, and an order-8 point).
        let smallOrder = [
            "0100000000000000000000000000000000000000000000000000000000000000",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        ]
        for hex in smallOrder {
            let key = CryptoKey(try Ed25519.PublicKey(rawRepresentation: try Hex.decode(hex)))
            #expect(throws: CryptoError.weakKey, "\(hex)") { try key.checkPolicy(.default, for: .eddsa) }
        }
        #expect(throws: Never.self) { try CryptoKey(Ed25519.PrivateKey()).checkPolicy(.default, for: .eddsa) }
    }

    @Test func pemKeysAreNeverHMACSecrets() throws {
        let pem = try #require(CryptoKey(Ed25519.PrivateKey()).publicKeyPEM)
        let key = try CryptoKey(pemRepresentation: pem)
        #expect(!key.isSymmetric)
        #expect(throws: CryptoError.algorithmMismatch) { try key.checkPolicy(.default, for: .hs256) }
    }

    @Test func rsaExponentsMustBeOddAtLeastThreeAndAtMost33Bits() throws {
        let modulus = try RSA.PrivateKey(keySize: 2048).publicKey.modulus
        func check(_ exponent: [UInt8]) throws {
            try CryptoKey(try RSA.PublicKey(modulus: modulus, publicExponent: exponent)).checkPolicy(
                .default,
                for: .rs256
            )
        }
        #expect(throws: Never.self) { try check([3]) }
        #expect(throws: Never.self) { try check([0x01, 0x00, 0x01]) }
        #expect(throws: Never.self) { try check([0x01, 0x00, 0x00, 0x00, 0x01]) }  // 2^32 + 1: 33 bits
        #expect(throws: CryptoError.weakKey) { try check([1]) }
        #expect(throws: CryptoError.weakKey) { try check([0x01, 0x00, 0x00]) }
        #expect(throws: CryptoError.weakKey) { try check([0x02, 0x00, 0x00, 0x00, 0x01]) }  // 2^33 + 1: 34 bits
        // An exponent just below n loads (OpenSSL could use it) but a verifier must not pay for it.
        // n less 2^(bits − 8): odd as n is, and below n whatever n's bytes are (the leading byte is
        // at least 0x80). Taking 2 off the last byte wrapped when that byte was 1 (one modulus in 128).
        var nearModulus = modulus
        nearModulus[0] -= 1
        try #require(nearModulus[0] > 0 && nearModulus.last! & 1 == 1)
        #expect(throws: CryptoError.weakKey) { try check(nearModulus) }
    }
}
