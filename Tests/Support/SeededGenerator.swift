import Foundation

/// A small, fast, seedable generator (SplitMix64) so random tests can be replayed: tests print the
/// seed in every failure message and read `VERIFYKIT_TEST_SEED` to replay one.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed for one random test: `VERIFYKIT_TEST_SEED` when set (to replay a failed run),
    /// otherwise a new one from the system generator so every run explores new inputs.
    public static func freshSeed() -> UInt64 {
        if let text = ProcessInfo.processInfo.environment["VERIFYKIT_TEST_SEED"], let seed = UInt64(text) {
            return seed
        }
        return UInt64.random(in: .min ... .max)
    }

    /// `count` uniformly random bytes.
    public mutating func bytes(count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &self) }
    }
}
