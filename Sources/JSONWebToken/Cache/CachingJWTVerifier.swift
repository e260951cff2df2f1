/// Verifies JWTs like ``JWTKeyCollection/verify(_:as:options:)`` and remembers the tokens that
/// passed, so a token seen again costs a hash and a lookup instead of a signature check.
///
/// Opt-in, in the manner of Envoy's JWT cache:
/// - Entries are keyed by the BLAKE2b-256 of the whole token, so only the very same bytes hit.
/// - Only tokens up to ``JWTCacheConfiguration/maxTokenBytes`` are looked up or stored.
/// - Only successful verifications are stored. On every hit the time-based claims (`exp`, `nbf`,
///   `iat`, maximum age) are checked again against the options' clock, so an entry never outlives
///   its token; an entry found expired or past the maximum age is dropped. A claims type's own
///   rules (``JWTClaimsValidating``) run again on every hit too, with that hit's clock reading.
/// - ``replaceKeys(_:)`` empties the cache, and a verification that was already running with the
///   old keys cannot store its result afterwards.
/// - The cache is split into independently locked shards (``JWTCacheConfiguration/shardCount``),
///   each a bounded LRU, so threads rarely wait for each other. No actor, no `await`.
///
/// Everything that is not time-based (issuer, audience, type, required claims) was checked when the
/// entry was stored, with the ``options`` in force then. Your claims type, too, is decoded once, when
/// the entry is stored: a hit returns that value, so a rule of your own belongs in
/// ``JWTClaimsValidating/validate(_:)`` (which runs on every hit), not in the type's `init(from:)`.
/// That is also where revocation goes (a `jti` or session looked up in your denylist): taking one
/// entry out of the cache would not revoke anything, as the next request verifies and stores the
/// token again.
///
/// Failures are not stored, so a flood of well-formed tokens with bad signatures costs a full check
/// each, as without the cache; limit such clients before verification (per address or per `kid`).
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
public final class CachingJWTVerifier<Claims: Decodable & Sendable>: Sendable {
    @usableFromInline
    let cache: VerifiedTokenCache

    /// A verifier over `keys` with `options`.
    ///
    /// - Parameters:
    ///   - keys: the trusted keys (replaceable later with ``replaceKeys(_:)``).
    ///   - options: the checks for every token. `nil` (the default) means the key collection's own
    ///     ``JWTKeyCollection/options``, and then they follow the collection: ``replaceKeys(_:)``
    ///     brings in the new collection's options with its keys.
    ///   - configuration: the cache's size limits and sharding.
    public init(
        keys: JWTKeyCollection,
        options: JWTValidationOptions? = nil,
        configuration: JWTCacheConfiguration = JWTCacheConfiguration()
    ) {
        cache = VerifiedTokenCache(
            keys: keys,
            options: options,
            configuration: configuration
        ) { (keys, bytes, options, timeRules) throws(JWTError) -> CachedTokenBase in
            CachedToken(try keys.verifyClaims(bytes, as: Claims.self, options: options), timeRules: timeRules)
        }
    }

    /// The checks applied to every token: the options given at init, or else the current key
    /// collection's own (replaced with the keys).
    public var options: JWTValidationOptions { cache.options }

    /// The cache limits.
    public var configuration: JWTCacheConfiguration { cache.configuration }

    /// The keys in use.
    public var keys: JWTKeyCollection { cache.keys }

    /// Switches to a new key set and forgets every cached token (they were verified with the old keys).
    /// Unless the verifier was made with explicit options, the new collection's options apply from
    /// now on too.
    public func replaceKeys(_ keys: JWTKeyCollection) {
        cache.replaceKeys(keys)
    }

    /// Forgets every cached token (the keys stay). Safe to call while another thread calls
    /// ``replaceKeys(_:)``: the replacement is never undone.
    public func removeAllCachedTokens() {
        cache.removeAll()
    }

    /// Counters summed over the shards.
    public var statistics: JWTCacheStatistics { cache.statistics }

    // The entry points below are inlinable so the caller's claims type is specialized: a hit then
    // runs the non-generic lookup in `VerifiedTokenCache` and copies the typed result out, without
    // generic metadata lookups. Unspecialized, the copy costs a metadata lookup (measured ~2.5× slower).

    /// Verifies `token` (from the cache when it was verified before and is still within its time limits).
    @inlinable
    public func verify(_ token: String) throws(JWTError) -> VerifiedJWT<Claims> {
        Self.value(of: try cache.verify(token))
    }

    /// Verifies `token` (from the cache when it was verified before and is still within its time limits).
    @inlinable
    public func verify(_ token: Substring) throws(JWTError) -> VerifiedJWT<Claims> {
        Self.value(of: try cache.verify(token))
    }

    /// Verifies `token` (from the cache when it was verified before and is still within its time limits).
    @inlinable
    public func verify(_ token: some StringProtocol) throws(JWTError) -> VerifiedJWT<Claims> {
        if let direct = token.utf8.withContiguousStorageIfAvailable({ cache.result(for: $0) }) {
            return Self.value(of: try direct.get())
        }
        try cache.checkSizeBeforeCopy(token.utf8.count)
        return Self.value(of: try Array(token.utf8).withUnsafeBufferPointer { cache.result(for: $0) }.get())
    }

    /// Verifies a token given as UTF-8 bytes (for example straight from a request buffer).
    @inlinable
    public func verify(utf8 token: some Collection<UInt8>) throws(JWTError) -> VerifiedJWT<Claims> {
        if let direct = token.withContiguousStorageIfAvailable({ cache.result(for: $0) }) {
            return Self.value(of: try direct.get())
        }
        try cache.checkSizeBeforeCopy(token.count)
        return Self.value(of: try Array(token).withUnsafeBufferPointer { cache.result(for: $0) }.get())
    }

    @inlinable
    static func value(of entry: CachedTokenBase) -> VerifiedJWT<Claims> {
        // Every entry of this cache was made by this verifier's miss handler, so it is a CachedToken<Claims>.
        unsafeDowncast(entry, to: CachedToken<Claims>.self).value
    }
}
