import Synchronization

/// The type-independent part of ``CachingJWTVerifier``: shards, keys, generation, and the lookup.
///
/// Kept free of generics so that a hit runs as plain code even when the caller's claims type is
/// not known to this module (no generic metadata lookups per call); the claims type only appears
/// in the miss handler, which builds the cached value.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
@usableFromInline
final class VerifiedTokenCache: Sendable {
    /// Full verification of a token that was not in the cache, producing the value to store.
    typealias MissHandler =
        @Sendable (JWTKeyCollection, UnsafeBufferPointer<UInt8>, JWTValidationOptions) throws(JWTError) ->
        CachedTokenBase

    /// The keys and the generation that entries are tagged with, swapped as one.
    private struct KeySnapshot: Sendable {
        var keys: JWTKeyCollection
        var generation: UInt64
    }

    /// A shard behind its own lock; separate objects so shards do not share cache lines.
    private final class Shard: Sendable {
        let state: Mutex<LRUShard>
        init(capacity: Int) { state = Mutex(LRUShard(capacity: capacity)) }
    }

    let options: JWTValidationOptions
    let configuration: JWTCacheConfiguration
    private let snapshot: Mutex<KeySnapshot>
    private let shards: [Shard]
    private let shardMask: Int
    private let miss: MissHandler

    init(
        keys: JWTKeyCollection,
        options: JWTValidationOptions,
        configuration: JWTCacheConfiguration,
        miss: @escaping MissHandler
    ) {
        self.options = options
        self.configuration = configuration
        self.snapshot = Mutex(KeySnapshot(keys: keys, generation: 0))
        let shardCount = configuration.effectiveShardCount
        let perShard = configuration.perShardCapacity
        self.shards = (0..<shardCount).map { _ in Shard(capacity: perShard) }
        self.shardMask = shardCount - 1
        self.miss = miss
    }

    var keys: JWTKeyCollection {
        snapshot.withLock { $0.keys }
    }

    func replaceKeys(_ keys: JWTKeyCollection) {
        let generation = snapshot.withLock { (state) -> UInt64 in
            state.generation &+= 1
            state.keys = keys
            return state.generation
        }
        for shard in shards {
            shard.state.withLock { $0.removeAll(newGeneration: generation) }
        }
    }

    var statistics: JWTCacheStatistics {
        var total = JWTCacheStatistics()
        for shard in shards {
            shard.state.withLock { state in
                total.hits += state.hits
                total.misses += state.misses
                total.evictions += state.evictions
                total.bypasses += state.bypasses
                total.count += state.count
            }
        }
        return total
    }

    /// The cached or freshly verified token; throws what full verification (or the time re-check) throws.
    @usableFromInline
    func verify(_ bytes: UnsafeBufferPointer<UInt8>) throws(JWTError) -> CachedTokenBase {
        guard bytes.count <= configuration.maxTokenBytes else {
            shards[0].state.withLock { $0.bypasses += 1 }
            return try miss(keys, bytes, options)
        }
        let digest = TokenDigest(bytes)
        let shard = shards[digest.shardIndex(mask: shardMask)]
        if let cached = shard.state.withLock({ $0.value(for: digest) }) {
            do {
                try Self.recheckTime(cached.registeredClaims, options: options)
            } catch {
                if error.code == .expired || error.code == .tooOld {
                    shard.state.withLock { $0.removeValue(for: digest) }
                }
                throw error
            }
            return cached
        }
        let current = snapshot.withLock { $0 }
        let verified = try miss(current.keys, bytes, options)
        shard.state.withLock { $0.insert(verified, for: digest, generation: current.generation) }
        return verified
    }

    /// The time-based part of rule 8, in the same order as the full verification.
    static func recheckTime(_ claims: JWTClaims, options: JWTValidationOptions) throws(JWTError) {
        guard claims.expiration != nil || claims.notBefore != nil || claims.issuedAt != nil else { return }
        let now = options.clock.now()
        let leeway = options.leeway
        try claims.expiration?.verifyNotExpired(now: now, leeway: leeway)
        try claims.notBefore?.verifyNotBefore(now: now, leeway: leeway)
        try claims.issuedAt?.verifyNotInFuture(now: now, leeway: leeway)
        if let maxAge = options.maxAge, let issuedAt = claims.issuedAt {
            try issuedAt.verifyAge(maximum: maxAge, now: now, leeway: leeway)
        }
    }
}
