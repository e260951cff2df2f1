internal import CryptoPrimitives

/// The cache key: BLAKE2b-256 of the token's bytes.
///
/// A cryptographic hash, so that nobody can craft a second token that lands on a verified
/// token's entry; 256 bits so that accidental collisions never happen in practice. The four
/// words are kept inline (no heap storage per key).
struct TokenDigest: Hashable, Sendable {
    let w0: UInt64
    let w1: UInt64
    let w2: UInt64
    let w3: UInt64

    init(_ token: UnsafeBufferPointer<UInt8>) {
        let digest = BLAKE2b.hash256(token)
        (w0, w1, w2, w3) = digest.withUnsafeBytes { raw in
            (
                raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
                raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self),
                raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
            )
        }
    }

    /// One uniformly distributed word is enough for bucket selection; equality still compares all four.
    func hash(into hasher: inout Hasher) {
        hasher.combine(w0)
    }

    /// Picks the shard from bits that `hash(into:)` does not use.
    func shardIndex(mask: Int) -> Int {
        Int(truncatingIfNeeded: w1) & mask
    }
}
