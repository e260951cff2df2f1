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

    /// A' = A + T: A the public key of the seed 0x41 0x42 … 0x60, T the first order-8 point above. A' is
    /// canonical and not of small order, so libsodium's `crypto_sign_verify_detached` takes it as a key,
    /// but it is outside the prime-order subgroup. The signature was made once with libsodium's
    /// `crypto_sign_detached` and the secret key seed ‖ A' (so k = H(R ‖ A' ‖ M)): then [S]B = R + [k]A'
    /// holds whenever 8 divides k, as it does for this message (the first of "… message 0", "… message 1",
    /// … that verified). Only the subgroup check (`isWeak`) refuses it.
    static let mixedOrderKey = "cc4e9fb4b89d2cb6585cd64177799866b10877d0167919b7af87259777f31129"
    static let mixedOrderMessage = "mixed-order key, message 20"
    static let mixedOrderSignature =
        "4e7da522a0a1374a5a3414bb872e6f12deb1e874957b61bd28f44ed283b29033"
        + "faa411158c073fffff1f746a338f872eb96672788aa04c0a1883638c5a1eff09"

    @Test("a key with a small-order component is weak; a signature that holds under it does not verify")
    func mixedOrder() throws {
        let key = try Ed25519.PublicKey(rawRepresentation: SodiumTestSupport.bytes(Self.mixedOrderKey))
        #expect(key.isWeak)
        let signature = SodiumTestSupport.bytes(Self.mixedOrderSignature)
        let message = Array(Self.mixedOrderMessage.utf8)
        #expect(!key.isValidSignature(signature, for: message))
        let fast = signature.withUnsafeBytes { sig in
            message.withUnsafeBytes { key.isValidSignature(sig, for: $0) }
        }
        #expect(!fast)
        #expect(throws: CryptoError.weakKey) { try CryptoKey(key).checkPolicy(.default, for: .eddsa) }
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
