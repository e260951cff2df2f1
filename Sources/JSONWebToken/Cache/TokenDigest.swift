internal import CryptoPrimitives

/// The cache key: BLAKE2b-256 of the token's bytes.
///
/// A cryptographic hash, so that nobody can craft a second token that lands on a verified
/// token's entry; 256 bits so that accidental collisions never happen in practice. Hashed straight
/// from the token's UTF-8 into four inline words: no allocation per lookup.
struct TokenDigest: Equatable, Sendable {
    let w0: UInt64
    let w1: UInt64
    let w2: UInt64
    let w3: UInt64

    init(_ token: UnsafeBufferPointer<UInt8>) {
        let digest = BLAKE2b.digest256(UnsafeRawBufferPointer(token))
        (w0, w1, w2, w3) = (digest.word(0), digest.word(1), digest.word(2), digest.word(3))
    }

    init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        (self.w0, self.w1, self.w2, self.w3) = (w0, w1, w2, w3)
    }

    static func == (lhs: TokenDigest, rhs: TokenDigest) -> Bool {
        ((lhs.w0 ^ rhs.w0) | (lhs.w1 ^ rhs.w1) | (lhs.w2 ^ rhs.w2) | (lhs.w3 ^ rhs.w3)) == 0
    }

    /// The home bucket in a power-of-two table: the words are uniformly distributed already, so no
    /// further mixing is needed.
    func bucket(mask: Int) -> Int {
        Int(truncatingIfNeeded: w0) & mask
    }

    /// Picks the shard from bits that ``bucket(mask:)`` does not use.
    func shardIndex(mask: Int) -> Int {
        Int(truncatingIfNeeded: w1) & mask
    }
}
