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

    /// JOSE names are case-sensitive (RFC 7515 §4.1.1): a supported name in another case is an
    /// unknown algorithm, with no family, hash or curve.
    @Test func algorithmNamesAreCaseSensitive() {
        for algorithm in SignatureAlgorithm.supported {
            for name in [algorithm.rawValue.lowercased(), algorithm.rawValue.uppercased()]
            where name != algorithm.rawValue {
                let other = SignatureAlgorithm(rawValue: name)
                #expect(!other.isSupported && other.family == nil, "\(name)")
                #expect(other.digest == nil && other.curve == nil, "\(name)")
            }
        }
    }

    /// RSA modulus and HMAC secret sizes in bits; the fixed sizes of the curves and of Ed25519.
    @Test func bitLengthOfEachKeyType() throws {
        for (curve, bits) in [(ECCurve.p256, 256), (.p384, 384), (.p521, 521)] {
            #expect(curve.bitLength == bits)
            let key = CryptoKey(try ECDSA.PrivateKey(curve: curve))
            #expect(key.bitLength == bits, "\(curve)")
            #expect(key.publicKey?.bitLength == bits, "\(curve)")
        }
        #expect(CryptoKey(Ed25519.PrivateKey()).bitLength == 256)
        #expect(CryptoKey(HMACKey(randomByteCount: 48)).bitLength == 384)
        #expect(CryptoKey(try RSA.PrivateKey(keySize: 2048)).bitLength == 2048)
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

    /// A seeded odd number of exactly 2048 bits: the policy reads only the modulus size, so it
    /// stands in for a key.
    static func seededModulus() -> [UInt8] {
        var generator = SeededGenerator(seed: 2048)
        var modulus = generator.bytes(count: 256)
        modulus[0] |= 0x80
        modulus[255] |= 1
        return modulus
    }

    /// Seeded odd numbers of 2048 and 2047 bits stand in for keys.
    @Test func rsaMinimumIsInclusive() throws {
        var modulus = Self.seededModulus()
        let full = CryptoKey(try RSA.PublicKey(modulus: modulus, publicExponent: [1, 0, 1]))
        #expect(throws: Never.self) { try full.checkPolicy(.default, for: .rs256) }
        modulus[0] = modulus[0] & 0x7F | 0x40
        let short = try RSA.PublicKey(modulus: modulus, publicExponent: [1, 0, 1])
        try #require(short.keySizeInBits == 2047)
        let refusal = #expect(throws: CryptoError.weakKey) { try CryptoKey(short).checkPolicy(.default, for: .ps256) }
        #expect(refusal?.reason == "RSA modulus of 2047 bits is below the policy minimum of 2048")
        #expect(throws: Never.self) { try CryptoKey(short).checkPolicy(KeyPolicy(minimumRSABits: 2047), for: .ps256) }
    }

    /// The maximum is inclusive as the minimum is: a key of exactly `maximumRSABits` is accepted.
    @Test func rsaMaximumIsInclusive() throws {
        let key = CryptoKey(try RSA.PublicKey(modulus: Self.seededModulus(), publicExponent: [1, 0, 1]))
        #expect(throws: Never.self) { try key.checkPolicy(KeyPolicy(maximumRSABits: 2048), for: .rs256) }
        let refusal = #expect(throws: CryptoError.weakKey) {
            try key.checkPolicy(KeyPolicy(maximumRSABits: 2047), for: .rs256)
        }
        #expect(refusal?.reason == "RSA modulus of 2048 bits is above the policy maximum of 2047")
    }

    /// An EC key, public or private, is bound to the one algorithm of its curve: another ES*
    /// algorithm is `algorithm_mismatch` for the policy check and for verification alike, even
    /// with a signature the key made (ECDSA verification would otherwise use the curve's own hash
    /// whatever the name asked for).
    @Test func ecKeysVerifyOnlyTheirCurvesAlgorithm() throws {
        let privateKey = CryptoKey(try ECDSA.PrivateKey(curve: .p256))
        let publicKey = try #require(privateKey.publicKey)
        let message = Array("curve binding".utf8)
        let signature = try privateKey.signature(for: message, algorithm: .es256)
        for key in [privateKey, publicKey] {
            let kind = key.isPrivate ? "private" : "public"
            #expect(try key.isValidSignature(signature, for: message, algorithm: .es256), "\(kind)")
            for other in [SignatureAlgorithm.es384, .es512] {
                #expect(throws: CryptoError.algorithmMismatch, "\(kind) \(other)") {
                    try key.checkPolicy(.default, for: other)
                }
                #expect(throws: CryptoError.algorithmMismatch, "\(kind) \(other)") {
                    try key.isValidSignature(signature, for: message, algorithm: other)
                }
            }
        }
    }

    /// An HMAC secret verifies HS* only. Asked to check an RSA, PSS or ECDSA signature that is in
    /// fact its own HMAC tag (same hash), it refuses the algorithm rather than compute a tag: a
    /// token's alg must never turn a secret into a verifier for another family.
    @Test func hmacKeysVerifyOnlyHMACAlgorithms() throws {
        let key = CryptoKey(HMACKey(randomByteCount: 64))
        let message = Array("alg confusion".utf8)
        let tag = try key.signature(for: message, algorithm: .hs256)
        #expect(try key.isValidSignature(tag, for: message, algorithm: .hs256))
        for other in [SignatureAlgorithm.rs256, .ps256, .es256] {
            #expect(throws: CryptoError.algorithmMismatch, "\(other)") {
                try key.isValidSignature(tag, for: message, algorithm: other)
            }
            #expect(throws: CryptoError.algorithmMismatch, "\(other)") {
                try key.signature(for: message, algorithm: other)
            }
        }
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
