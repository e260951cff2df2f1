import Synchronization

/// Verifies JWTs like ``JWTKeyCollection/verify(_:as:options:)`` and remembers the tokens that
/// passed, so a token seen again costs a hash and a lookup instead of a signature check.
///
/// Opt-in, in the manner of Envoy's JWT cache:
/// - Entries are keyed by the BLAKE2b-256 of the whole token, so only the very same bytes hit.
/// - Only tokens up to ``JWTCacheConfiguration/maxTokenBytes`` are looked up or stored.
/// - Only successful verifications are stored. On every hit the time-based claims (`exp`, `nbf`,
///   `iat`, maximum age) are checked again against the options' clock, so an entry never outlives
///   its token; an expired entry is dropped.
/// - ``replaceKeys(_:)`` empties the cache, and a verification that was already running with the
///   old keys cannot store its result afterwards.
/// - The cache is split into independently locked shards (``JWTCacheConfiguration/shardCount``),
///   each a bounded LRU, so threads rarely wait for each other. No actor, no `await`.
///
/// Everything that is not time-based (issuer, audience, type, required claims) was checked when the
/// entry was stored, with the verifier's fixed ``options``.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
public final class CachingJWTVerifier<Claims: Decodable & Sendable>: Sendable {
    /// The keys and the generation that entries are tagged with, swapped as one.
    private struct KeySnapshot: Sendable {
        var keys: JWTKeyCollection
        var generation: UInt64
    }

    /// A shard behind its own lock; separate objects so shards do not share cache lines.
    private final class Shard: Sendable {
        let state: Mutex<LRUShard<VerifiedJWT<Claims>>>
        init(capacity: Int) { state = Mutex(LRUShard(capacity: capacity)) }
    }

    /// The checks applied to every token (fixed for the life of the cache).
    public let options: JWTValidationOptions
    /// The cache limits.
    public let configuration: JWTCacheConfiguration
    private let snapshot: Mutex<KeySnapshot>
    private let shards: [Shard]
    private let shardMask: Int

    /// A verifier over `keys` with `options` (default: the collection's own ``JWTKeyCollection/options``).
    public init(
        keys: JWTKeyCollection,
        options: JWTValidationOptions? = nil,
        configuration: JWTCacheConfiguration = JWTCacheConfiguration()
    ) {
        self.options = options ?? keys.options
        self.configuration = configuration
        self.snapshot = Mutex(KeySnapshot(keys: keys, generation: 0))
        let shardCount = configuration.effectiveShardCount
        let perShard = configuration.perShardCapacity
        self.shards = (0..<shardCount).map { _ in Shard(capacity: perShard) }
        self.shardMask = shardCount - 1
    }

    /// The keys in use.
    public var keys: JWTKeyCollection {
        snapshot.withLock { $0.keys }
    }

    /// Switches to a new key set and forgets every cached token (they were verified with the old keys).
    public func replaceKeys(_ keys: JWTKeyCollection) {
        let generation = snapshot.withLock { (state) -> UInt64 in
            state.generation &+= 1
            state.keys = keys
            return state.generation
        }
        for shard in shards {
            shard.state.withLock { $0.removeAll(newGeneration: generation) }
        }
    }

    /// Forgets every cached token (the keys stay).
    public func removeAllCachedTokens() {
        replaceKeys(keys)
    }

    /// Counters summed over the shards.
    public var statistics: JWTCacheStatistics {
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

    /// Verifies `token` (from the cache when it was verified before and is still within its time limits).
    public func verify(_ token: some StringProtocol) throws(JWTError) -> VerifiedJWT<Claims> {
        try JWTTokenBytes.with(token) { (bytes) throws(JWTError) in try verify(bytes) }
    }

    /// Verifies a token given as UTF-8 bytes.
    public func verify(utf8 token: some Collection<UInt8>) throws(JWTError) -> VerifiedJWT<Claims> {
        try JWTTokenBytes.with(bytes: token) { (bytes) throws(JWTError) in try verify(bytes) }
    }

    private func verify(_ bytes: UnsafeBufferPointer<UInt8>) throws(JWTError) -> VerifiedJWT<Claims> {
        guard bytes.count <= configuration.maxTokenBytes else {
            shards[0].state.withLock { $0.bypasses += 1 }
            return try snapshot.withLock { $0.keys }.verifyClaims(bytes, as: Claims.self, options: options)
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
        let verified = try current.keys.verifyClaims(bytes, as: Claims.self, options: options)
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
