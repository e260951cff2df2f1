/// Limits of a ``CachingJWTVerifier``'s verified-token cache.
///
/// By default it keeps up to 10 000 entries and, like Envoy's JWT cache, only tokens up to 4 KiB
/// (longer tokens are verified every time and never stored, so a flood of huge tokens cannot
/// push out the useful entries or pin much memory).
public struct JWTCacheConfiguration: Sendable, Hashable {
    /// Most entries kept in total (at least 1, at most ``maximumCapacity``); the least recently used
    /// entry of a shard is evicted first. Default 10 000. Memory grows with use, not with this number.
    ///
    /// Split evenly over the shards and rounded down: 100 entries over 16 shards keep at most 96,
    /// and 0 keeps one entry (there is no "off": verify through the key collection instead).
    public var capacity: Int
    /// Longest token, in bytes, that is looked up and stored. Default 4096. 0 or less caches nothing
    /// (every token counts as a bypass).
    ///
    /// An entry holds the token's header and payload JSON and your decoded claims, so the cache's
    /// memory stays within about ``capacity`` times a small multiple of this limit.
    public var maxTokenBytes: Int
    /// Number of independently locked shards, rounded up to a power of two in 1...256, and lowered
    /// (to a power of two) when the capacity is smaller. Default 16.
    public var shardCount: Int

    /// The largest usable ``capacity`` (16,777,216 entries); larger values are lowered to it.
    public static let maximumCapacity = 1 << 24

    /// Limits as given; out-of-range values are adjusted when the cache is built, as each property
    /// describes, so no value is an error.
    public init(capacity: Int = 10_000, maxTokenBytes: Int = 4096, shardCount: Int = 16) {
        self.capacity = capacity
        self.maxTokenBytes = maxTokenBytes
        self.shardCount = shardCount
    }

    /// `capacity` clamped to 0...maximumCapacity.
    var clampedCapacity: Int { min(max(capacity, 0), Self.maximumCapacity) }

    /// `shardCount` clamped to 1...256, rounded up to a power of two, then halved until every shard
    /// can hold at least one entry.
    var effectiveShardCount: Int {
        let clamped = min(max(shardCount, 1), 256)
        var count = 1
        while count < clamped { count <<= 1 }
        while count > 1, count > clampedCapacity { count >>= 1 }
        return count
    }

    /// Entries per shard (at least one), so the total never exceeds `max(capacity, 1)`.
    var perShardCapacity: Int {
        max(1, clampedCapacity / effectiveShardCount)
    }
}
