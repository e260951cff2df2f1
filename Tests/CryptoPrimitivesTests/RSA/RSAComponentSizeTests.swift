import Testing

@testable import CryptoPrimitives

/// The size bound on RSA private components, on the bytes before OpenSSL builds a key: OpenSSL 3.5
/// refuses an over-long component inside `EVP_PKEY_fromdata` with only "invalid keypair", 3.0 builds
/// the key, so without this check the reason depended on the libcrypto.
@Suite("RSA private component sizes, before OpenSSL")
struct RSAComponentSizeTests {
    /// n, e, d, p, q, dp, dq, qi, with n of 16 bits and every private component of `bits` bits.
    static func components(privateBits bits: [String: Int]) -> [[UInt8]] {
        func value(bits: Int) -> [UInt8] {
            guard bits > 0 else { return [0x00] }
            var bytes = [UInt8](repeating: 0xFF, count: (bits + 7) / 8)
            bytes[0] = UInt8(truncatingIfNeeded: (1 << ((bits - 1) % 8 + 1)) - 1)
            return bytes
        }
        let names = ["d", "p", "q", "dp", "dq", "qi"]
        let privateParts = names.map { value(bits: bits[$0] ?? 8) }
        return [value(bits: 16), [0x01, 0x00, 0x01]] + privateParts
    }

    static func refusal(_ components: [[UInt8]]) -> String? {
        do {
            try RSAPrivateKeyCheck.requireWithinModulus(components)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test("a component one bit longer than the modulus is named; as long as it passes")
    func oneBitOver() {
        for name in ["d", "p", "q", "dp", "dq", "qi"] {
            #expect(
                Self.refusal(Self.components(privateBits: [name: 17]))
                    == "RSA private key component \(name) is larger than the modulus",
                "\(name)"
            )
            #expect(Self.refusal(Self.components(privateBits: [name: 16])) == nil, "\(name)")
        }
    }

    @Test("leading zero bytes do not count, and p is named before qi, as the full check names them")
    func leadingZerosAndOrder() {
        var padded = Self.components(privateBits: [:])
        padded[3] = [0x00, 0x00, 0x00] + padded[0]  // p as n's bits after three zero bytes
        #expect(Self.refusal(padded) == nil)
        #expect(
            Self.refusal(Self.components(privateBits: ["qi": 40, "p": 40, "d": 40]))
                == "RSA private key component p is larger than the modulus"
        )
    }
}
