import CryptoPrimitives
import Testing
import VerifyKitTestSupport

/// Keys under which signatures could be forged: the eight points of small order and encodings that are not a
/// canonical point of the prime-order subgroup.
@Suite("Ed25519 weak public keys")
struct Ed25519WeakKeyTests {
    /// The canonical encodings of the eight points of order 1, 2, 4 and 8 on edwards25519.
    static let smallOrderPoints = [
        "0100000000000000000000000000000000000000000000000000000000000000",  // identity, order 1
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // (0, -1), order 2
        "0000000000000000000000000000000000000000000000000000000000000000",  // order 4
        "0000000000000000000000000000000000000000000000000000000000000080",  // order 4
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",  // order 8
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",  // order 8
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",  // order 8
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",  // order 8
    ]

    /// Non-canonical encodings: y ≥ p (p = 2^255 - 19), or the sign bit set on a point with x = 0.
    static let nonCanonical = [
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // y = p
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // y = p + 1
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // y = 2^255 - 1
        "0100000000000000000000000000000000000000000000000000000000000080",  // identity with "negative" x = 0
    ]

    @Test("small-order points are flagged weak and no signature verifies under them", arguments: smallOrderPoints)
    func smallOrder(_ encoding: String) throws {
        let key = try Ed25519.PublicKey(rawRepresentation: SodiumTestSupport.bytes(encoding))
        #expect(key.isWeak)
        #expect(key.rawRepresentation == SodiumTestSupport.bytes(encoding))
        for signature in Self.forgeryCandidates(publicKey: SodiumTestSupport.bytes(encoding)) {
            for message in [[], Array("alice@mail.com".utf8), [UInt8](repeating: 0x61, count: 1000)] {
                #expect(!key.isValidSignature(signature, for: message))
                let fast = signature.withUnsafeBytes { sig in
                    message.withUnsafeBytes { key.isValidSignature(sig, for: $0) }
                }
                #expect(!fast)
            }
        }
    }

    @Test("non-canonical encodings are flagged weak", arguments: nonCanonical)
    func nonCanonicalEncoding(_ encoding: String) throws {
        let key = try Ed25519.PublicKey(rawRepresentation: SodiumTestSupport.bytes(encoding))
        #expect(key.isWeak)
        for signature in Self.forgeryCandidates(publicKey: SodiumTestSupport.bytes(encoding)) {
            #expect(!key.isValidSignature(signature, for: Array("m".utf8)))
        }
    }

    @Test("ordinary keys are not weak")
    func ordinaryKeys() throws {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<32 {
            let key = try Ed25519.PrivateKey(seed: generator.bytes(count: 32))
            #expect(!key.publicKey.isWeak)
        }
    }

    /// Signatures that verify under a small-order key A with a naive verifier: R = A or R = identity, S = 0
    /// (then [S]B = R + [k]A holds whenever [k]A = identity or R cancels it), plus all-zero bytes.
    static func forgeryCandidates(publicKey: [UInt8]) -> [[UInt8]] {
        let identity = [1] + [UInt8](repeating: 0, count: 31)
        let zeroScalar = [UInt8](repeating: 0, count: 32)
        return [
            identity + zeroScalar,
            publicKey + zeroScalar,
            [UInt8](repeating: 0, count: 64),
        ]
    }
}
