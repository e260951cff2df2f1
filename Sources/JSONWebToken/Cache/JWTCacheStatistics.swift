/// Counters of a ``CachingJWTVerifier``'s cache, summed over its shards at one moment.
public struct JWTCacheStatistics: Sendable, Hashable {
    /// Lookups answered from the cache (including hits then rejected by a time check).
    public var hits: Int = 0
    /// Lookups that found nothing usable and ran the full verification.
    public var misses: Int = 0
    /// Entries pushed out to make room.
    public var evictions: Int = 0
    /// Tokens longer than ``JWTCacheConfiguration/maxTokenBytes``, verified without the cache.
    public var bypasses: Int = 0
    /// Entries held now.
    public var count: Int = 0

    /// All counters at zero.
    public init() {}
}
