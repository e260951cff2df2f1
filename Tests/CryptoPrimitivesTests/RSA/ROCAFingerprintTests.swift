import CryptoPrimitives
import Foundation
import HexCoding
import Testing
import VerifyKitTestSupport

@Suite("ROCA fingerprint (CVE-2017-15361)")
struct ROCAFingerprintTests {
    /// A 512-bit public key from the vulnerable Infineon generator, published as a test key with a
    /// ROCA attack implementation (brunoproduit/roca, data/512.pem).
    static let vulnerable512SPKI =
        "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAJmnHXx3+tyZ9eUa4Z4emso3JYGo/nvJKLAE9GQgFbJ5/TkzjCwd1N7iXprEKUQ7Lj/3FYX51BoduZKOAE2i1/0CAwEAAQ=="

    /// The 2048-bit modulus p·q of the ROCA-structured primes in the same project's attack test
    /// (test/test_roca.py).
    static let vulnerable2048Modulus =
        "926b2fb2d546bb609b7b8fc90de139226be8a521003d4e43b1fa33fbf26eb77fd207e79be2931fa0c4e2aaa2799ebbf0"
        + "43eace45a0968487eaf3f11cb51805b6bd76e743edd5997a0cca0fddbb57aaa48815f1aa3385d8922a241e8cd4343d07"
        + "a1a8acfcc8848d2d27012efb4c315b8902f4df0649d58bf352218c63b7ee0644c610d68def1a78b0eb4463c861668c9c"
        + "96817164e261e433364d7490be9057e791e2f83a2e8a8e7036f1b2be8b920b2c1d450bffe2914aabcfd209865c6a015a"
        + "5be6b0a74066a5392640135e8677bf7cdb0b4d8f46edf2a63359a4030afb073b1c9d7fd988c00e7c7bad81cfedee14cc"
        + "3d6bcb347f88b19d02cc0ab2d68861df"

    static let primes: [UInt32] = [
        3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73,
        79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167,
    ]

    @Test("published vulnerable keys are flagged")
    func publishedKeys() throws {
        let der = try #require(Data(base64Encoded: Self.vulnerable512SPKI))
        let key512 = try RSA.PublicKey(derRepresentation: [UInt8](der))
        #expect(key512.keySizeInBits == 512)
        #expect(key512.hasROCAFingerprint)
        let key2048 = try RSA.PublicKey(modulus: Hex.decode(Self.vulnerable2048Modulus), publicExponent: [1, 0, 1])
        #expect(key2048.keySizeInBits == 2048)
        #expect(key2048.hasROCAFingerprint)
    }

    /// n = R·M + 65537 with M the product of all fingerprint primes: n ≡ 65537 (mod p) for every
    /// p, which lies in ⟨65537⟩ — the fingerprint without a real key. R is even so that n is odd,
    /// as every modulus must be. Adding 4 more lands on a residue outside the subgroup mod 11
    /// (⟨65537 mod 11⟩ = {1, 10}, and 65541 ≡ 3) and keeps n odd.
    @Test("synthetic fingerprinted moduli are flagged, near misses are not")
    func synthetic() throws {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<5 {
            var value = (0..<220).map { _ in UInt8.random(in: 0...255, using: &generator) }
            value[0] |= 0x80
            value[value.count - 1] &= 0xFE
            for prime in Self.primes { value = Self.multiply(value, by: prime) }
            let fingerprinted = Self.add(value, 65537)
            let key = try RSA.PublicKey(modulus: fingerprinted, publicExponent: [1, 0, 1])
            #expect(key.hasROCAFingerprint, "seed \(seed)")
            let nearMiss = try RSA.PublicKey(modulus: Self.add(value, 65541), publicExponent: [1, 0, 1])
            #expect(!nearMiss.hasROCAFingerprint, "seed \(seed)")
        }
    }

    @Test("the key policy refuses a fingerprinted modulus unless rejectROCAModuli is off")
    func policyRefusesFingerprintedModuli() throws {
        let key = CryptoKey(
            try RSA.PublicKey(modulus: Hex.decode(Self.vulnerable2048Modulus), publicExponent: [1, 0, 1])
        )
        for algorithm in [SignatureAlgorithm.rs256, .ps512] {
            let refusal = #expect(throws: CryptoError.weakKey) { try key.checkPolicy(.default, for: algorithm) }
            #expect(refusal?.reason == "RSA modulus has the ROCA fingerprint (CVE-2017-15361)")
            #expect(throws: Never.self) { try key.checkPolicy(KeyPolicy(rejectROCAModuli: false), for: algorithm) }
        }
    }

    @Test("freshly generated keys are not flagged")
    func generated() throws {
        #expect(!(try RSA.PrivateKey(keySize: 2048).publicKey.hasROCAFingerprint))
    }

    static func multiply(_ value: [UInt8], by factor: UInt32) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: value.count)
        var carry: UInt64 = 0
        for index in stride(from: value.count - 1, through: 0, by: -1) {
            let product = UInt64(value[index]) * UInt64(factor) + carry
            result[index] = UInt8(truncatingIfNeeded: product)
            carry = product >> 8
        }
        while carry > 0 {
            result.insert(UInt8(truncatingIfNeeded: carry), at: 0)
            carry >>= 8
        }
        return result
    }

    static func add(_ value: [UInt8], _ addend: UInt32) -> [UInt8] {
        var result = value
        var carry = UInt64(addend)
        var index = result.count - 1
        while carry > 0 && index >= 0 {
            let sum = UInt64(result[index]) + (carry & 0xFF)
            result[index] = UInt8(truncatingIfNeeded: sum)
            carry = (carry >> 8) + (sum >> 8)
            index -= 1
        }
        return result
    }
}
