import CryptoPrimitives
import Testing

/// `KeyPolicy.minimumHMACKeyBytes`: RFC 7518 §3.2's floor by default, the policy's number when set.
@Suite("Key policy: HMAC key length")
struct HMACKeyLengthPolicyTests {
    static func secret(_ byteCount: Int) -> CryptoKey {
        CryptoKey(HMACKey([UInt8](repeating: 0x5a, count: byteCount)))
    }

    @Test func theDefaultFloorIsTheHashOutputSize() throws {
        #expect(KeyPolicy.default.minimumHMACKeyBytes == nil)
        for (algorithm, hashBytes) in [(SignatureAlgorithm.hs256, 32), (.hs384, 48), (.hs512, 64)] {
            #expect(throws: Never.self, "\(algorithm)") {
                try Self.secret(hashBytes).checkPolicy(.default, for: algorithm)
            }
            let refused = #expect(throws: CryptoError.weakKey, "\(algorithm)") {
                try Self.secret(hashBytes - 1).checkPolicy(.default, for: algorithm)
            }
            let reason = refused?.reason ?? ""
            #expect(reason.contains("the \(hashBytes) bytes \(algorithm) needs"), "\(reason)")
            #expect(reason.contains("hash output, RFC 7518 §3.2"), "\(reason)")
        }
    }

    @Test func aLoweredFloorAcceptsAShortSecretForEveryAlgorithm() throws {
        let legacy = KeyPolicy(minimumHMACKeyBytes: 16)
        for algorithm in [SignatureAlgorithm.hs256, .hs384, .hs512] {
            #expect(throws: Never.self, "\(algorithm)") { try Self.secret(16).checkPolicy(legacy, for: algorithm) }
            let refused = #expect(throws: CryptoError.weakKey, "\(algorithm)") {
                try Self.secret(15).checkPolicy(legacy, for: algorithm)
            }
            let reason = refused?.reason ?? ""
            #expect(reason.contains("the 16 bytes \(algorithm) needs"), "\(reason)")
            #expect(reason.contains("minimumHMACKeyBytes"), "\(reason)")
        }
    }

    @Test func aRaisedFloorRefusesASecretTheRFCAccepts() throws {
        let strict = KeyPolicy(minimumHMACKeyBytes: 64)
        #expect(throws: Never.self) { try Self.secret(32).checkPolicy(.default, for: .hs256) }
        #expect(throws: CryptoError.weakKey) { try Self.secret(32).checkPolicy(strict, for: .hs256) }
        #expect(throws: Never.self) { try Self.secret(64).checkPolicy(strict, for: .hs256) }
    }

    @Test func hs512NeedsSixtyFourBytesUnlessThePolicySaysFortyEight() throws {
        let key = Self.secret(48)
        #expect(throws: CryptoError.weakKey) { try key.checkPolicy(.default, for: .hs512) }
        #expect(throws: Never.self) { try key.checkPolicy(KeyPolicy(minimumHMACKeyBytes: 48), for: .hs512) }
    }

    @Test("an empty secret is refused whatever the policy; a floor below 1 acts as 1")
    func emptySecretIsAlwaysRefused() throws {
        for floor in [nil, 1, 0, -5, Int.min] as [Int?] {
            let policy = KeyPolicy(minimumHMACKeyBytes: floor)
            #expect(throws: CryptoError.weakKey, "\(String(describing: floor))") {
                try Self.secret(0).checkPolicy(policy, for: .hs256)
            }
        }
        #expect(throws: Never.self) { try Self.secret(1).checkPolicy(KeyPolicy(minimumHMACKeyBytes: 0), for: .hs256) }
        #expect(throws: Never.self) { try Self.secret(1).checkPolicy(KeyPolicy(minimumHMACKeyBytes: -5), for: .hs512) }
    }

    @Test func theKnobTakesPartInEquality() {
        #expect(KeyPolicy() == KeyPolicy(minimumHMACKeyBytes: nil))
        #expect(KeyPolicy() != KeyPolicy(minimumHMACKeyBytes: 32))
        #expect(Set([KeyPolicy(minimumHMACKeyBytes: 16), KeyPolicy(minimumHMACKeyBytes: 16)]).count == 1)
    }
}
