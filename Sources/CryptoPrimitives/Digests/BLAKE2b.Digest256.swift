extension BLAKE2b {
    /// A BLAKE2b-256 digest kept inline as four 64-bit words (32 bytes, no heap storage): cheap to
    /// copy, compare and hash, so it works as a dictionary key.
    public struct Digest256: Hashable, Sendable {
        /// The digest bytes in order, loaded into words in the machine's byte order.
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        init() {}

        /// Word `index` (0...3) of the digest, bytes `8 * index ..< 8 * index + 8` read in the
        /// machine's byte order. Uniformly distributed, so any word can pick a bucket or a shard.
        public func word(_ index: Int) -> UInt64 {
            switch index & 3 {
            case 0: words.0
            case 1: words.1
            case 2: words.2
            default: words.3
            }
        }

        /// The 32 digest bytes.
        public var bytes: [UInt8] {
            withUnsafeBytes { Array($0) }
        }

        /// Calls `body` with the 32 digest bytes.
        public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
            var copy = words
            return try Swift.withUnsafeBytes(of: &copy) { (raw) throws(E) -> R in try body(raw) }
        }

        public static func == (lhs: Digest256, rhs: Digest256) -> Bool {
            // Branch-free: a digest comparison should not stop early.
            ((lhs.words.0 ^ rhs.words.0) | (lhs.words.1 ^ rhs.words.1) | (lhs.words.2 ^ rhs.words.2)
                | (lhs.words.3 ^ rhs.words.3)) == 0
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(words.0)
            hasher.combine(words.1)
            hasher.combine(words.2)
            hasher.combine(words.3)
        }
    }
}
