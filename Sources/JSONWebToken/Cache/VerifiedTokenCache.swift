import Synchronization

/// The type-independent part of ``CachingJWTVerifier``: shards, keys, generation, and the lookup.
///
/// Kept free of generics so that a hit runs as plain, fully optimized code whatever the caller's
/// claims type (no generic metadata lookups); the claims type only appears in the miss handler,
/// which builds the cached value, and in the final copy of the typed result.
///
/// A hit costs: BLAKE2b-256 of the token (straight from its UTF-8, into stack words), one
/// uncontended lock of one shard, an open-addressing probe, four index writes to move the entry to
/// the front, and — only if the token has time claims — one clock reading and a few comparisons;
/// then the claims type's own rules, if it has any (``JWTClaimsValidating``).
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
@usableFromInline
final class VerifiedTokenCache: Sendable {
    /// Full verification of a token that was not in the cache, producing the value to store.
    typealias MissHandler =
        @Sendable (JWTKeyCollection, UnsafeBufferPointer<UInt8>, JWTValidationOptions, CacheTimeRules) throws(JWTError)
        -> CachedTokenBase

    /// The keys, the options that go with them and the generation that entries are tagged with,
    /// swapped as one: a verification reads all of them from one snapshot.
    private struct KeySnapshot: Sendable {
        var keys: JWTKeyCollection
        var options: JWTValidationOptions
        var timeRules: CacheTimeRules
        var generation: UInt64
    }

    /// A shard behind its own lock; separate objects so shards do not share cache lines.
    private final class Shard: Sendable {
        let state: ShardLock<LRUShard>
        init(capacity: Int) { state = ShardLock(LRUShard(capacity: capacity)) }
    }

    /// The options given at init; `nil` means "the current key collection's own".
    private let pinnedOptions: JWTValidationOptions?
    let configuration: JWTCacheConfiguration
    private let snapshot: ShardLock<KeySnapshot>
    private let shards: [Shard]
    private let shardMask: Int
    private let maxTokenBytes: Int
    private let miss: MissHandler

    init(
        keys: JWTKeyCollection,
        options: JWTValidationOptions?,
        configuration: JWTCacheConfiguration,
        miss: @escaping MissHandler
    ) {
        self.pinnedOptions = options
        self.configuration = configuration
        let effective = options ?? keys.options
        self.snapshot = ShardLock(
            KeySnapshot(keys: keys, options: effective, timeRules: CacheTimeRules(effective), generation: 0)
        )
        let shardCount = configuration.effectiveShardCount
        let perShard = configuration.perShardCapacity
        self.shards = (0..<shardCount).map { _ in Shard(capacity: perShard) }
        self.shardMask = shardCount - 1
        // A limit of 0 caches nothing: as -1 an empty token (0 bytes, not over 0) bypasses too,
        // and the hit path keeps its single comparison.
        self.maxTokenBytes = configuration.maxTokenBytes > 0 ? configuration.maxTokenBytes : -1
        self.miss = miss
    }

    var keys: JWTKeyCollection {
        snapshot.withLock { $0.keys }
    }

    /// The options in force: the pinned ones, or the current collection's.
    var options: JWTValidationOptions {
        snapshot.withLock { $0.options }
    }

    /// Without pinned options, the new collection's options come into force with its keys, in the
    /// same critical section (a verifier that kept the first collection's options would silently
    /// skip checks the new collection asks for).
    func replaceKeys(_ keys: JWTKeyCollection) {
        let pinnedOptions = pinnedOptions
        advanceGeneration { state in
            state.keys = keys
            if pinnedOptions == nil {
                state.options = keys.options
                state.timeRules = CacheTimeRules(keys.options)
            }
        }
    }

    /// Forgets every entry and keeps the keys. The keys are not read and written back: a
    /// ``replaceKeys(_:)`` landing between the two would be undone, reviving rotated-out keys.
    func removeAll() {
        advanceGeneration { _ in }
    }

    /// Applies `change` and starts a new generation in one critical section, then empties the
    /// shards; a verification that read the previous generation can no longer store its result.
    ///
    /// What is replaced or removed (old keys and options with their clock, cached entries with
    /// their claims) is released only after each lock is let go: a last release runs `deinit`s of
    /// the caller's types, which may call back into this cache.
    private func advanceGeneration(_ change: (inout KeySnapshot) -> Void) {
        let (previous, generation) = snapshot.withLock { (state) -> (KeySnapshot, UInt64) in
            let previous = state
            state.generation &+= 1
            change(&state)
            return (previous, state.generation)
        }
        withExtendedLifetime(previous) {}
        for shard in shards {
            let removed = shard.state.withLock { $0.removeAll(newGeneration: generation) }
            withExtendedLifetime(removed) {}
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

    // MARK: Entry points (non-generic, so they are compiled once, fully optimized, in this module)

    /// The cached or freshly verified entry for a `String` token (native strings are lent as UTF-8
    /// without copying).
    @usableFromInline
    func verify(_ token: String) throws(JWTError) -> CachedTokenBase {
        if let result = token.utf8.withContiguousStorageIfAvailable({ result(for: $0) }) {
            return try result.get()
        }
        try checkSizeBeforeCopy(token.utf8.count)
        return try Array(token.utf8).withUnsafeBufferPointer { result(for: $0) }.get()
    }

    /// The cached or freshly verified entry for a `Substring` token.
    @usableFromInline
    func verify(_ token: Substring) throws(JWTError) -> CachedTokenBase {
        if let result = token.utf8.withContiguousStorageIfAvailable({ result(for: $0) }) {
            return try result.get()
        }
        try checkSizeBeforeCopy(token.utf8.count)
        return try Array(token.utf8).withUnsafeBufferPointer { result(for: $0) }.get()
    }

    /// Rule 1 for a token without contiguous storage, before it is copied (see `JWTTokenBytes`):
    /// one over the options' limit would only be refused after the copy.
    @usableFromInline
    func checkSizeBeforeCopy(_ count: Int) throws(JWTError) {
        let limit = options.maxTokenBytes
        guard count > limit else { return }
        // Counted as the same bytes given contiguously are: a bypass over the cache's own limit,
        // else a lookup that finds nothing (no entry is ever stored over the options' limit).
        // Otherwise a flood of huge tokens would not show in the statistics when it arrives as
        // a lazy or chained view.
        shards[0].state.withLock { state in
            if count > maxTokenBytes { state.bypasses += 1 } else { state.misses += 1 }
        }
        throw JWTTokenBytes.tooLarge(count, limit: limit)
    }

    /// The cached or freshly verified entry for contiguous UTF-8, as a `Result` so that generic
    /// callers can run it inside non-throwing closures.
    @usableFromInline
    func result(for bytes: UnsafeBufferPointer<UInt8>) -> Result<CachedTokenBase, JWTError> {
        do throws(JWTError) {
            return .success(try verify(bytes))
        } catch {
            return .failure(error)
        }
    }

    /// The cached or freshly verified entry; throws what full verification (or the time re-check) throws.
    @usableFromInline
    func verify(_ bytes: UnsafeBufferPointer<UInt8>) throws(JWTError) -> CachedTokenBase {
        guard bytes.count <= maxTokenBytes else {
            shards[0].state.withLock { $0.bypasses += 1 }
            let current = snapshot.withLock { $0 }
            return try miss(current.keys, bytes, current.options, current.timeRules)
        }
        let digest = TokenDigest(bytes)
        let shard = shards[digest.shardIndex(mask: shardMask)]
        if let cached = shard.state.withLock({ $0.value(for: digest) }) {
            if cached.hasTimeClaims {
                do {
                    try recheckTime(cached)
                } catch {
                    if error.code == .expired || error.code == .tooOld {
                        // Released here, after unlocking (see `advanceGeneration`).
                        let removed = shard.state.withLock { $0.removeValue(for: digest) }
                        withExtendedLifetime(removed) {}
                    }
                    throw error
                }
            }
            if cached.hasClaimsRules, let rules = cached.claimsRules {
                let timeRules = cached.timeRules
                try JWTValidationContext.run(
                    rules,
                    parts: cached.parts,
                    clock: timeRules.clock,
                    leeway: timeRules.leeway
                )
            }
            return cached
        }
        let current = snapshot.withLock { $0 }
        let verified = try miss(current.keys, bytes, current.options, current.timeRules)
        let displaced = shard.state.withLock { $0.insert(verified, for: digest, generation: current.generation) }
        withExtendedLifetime(displaced) {}
        return verified
    }

    /// The time-based part of the claim checks, from the entry's stored numbers and the rules of the
    /// options it was verified with, in the same order and with the same errors as the full verification.
    private func recheckTime(_ entry: CachedTokenBase) throws(JWTError) {
        let rules = entry.timeRules
        let clock = rules.clock
        let leeway = rules.leeway
        let maxAge = rules.maxAge
        let now = clock.now()
        // As in a full verification, the reading matters only to a token with a time claim.
        if !now.isFinite, entry.expiration != nil || entry.notBefore != nil || entry.issuedAt != nil {
            throw JWTClaimsValidator.invalidClockReading(now)
        }
        if let expiration = entry.expiration {
            try ExpirationClaim(value: expiration).verifyNotExpired(now: now, leeway: leeway)
        }
        if let notBefore = entry.notBefore {
            try NotBeforeClaim(value: notBefore).verifyNotBefore(now: now, leeway: leeway)
        }
        if let issuedAt = entry.issuedAt {
            let claim = IssuedAtClaim(value: issuedAt)
            try claim.verifyNotInFuture(now: now, leeway: leeway)
            if let maxAge { try claim.verifyAge(maximum: maxAge, now: now, leeway: leeway) }
        }
    }
}
