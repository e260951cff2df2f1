import Base64URL
import CryptoPrimitives
import Foundation
import Testing
import VerifyKitTestSupport

@testable import JSONWebToken

/// Edge cases of the verified-token cache: verifications in flight while the keys change, the
/// size limit's boundary, the configuration's clamps, and claims types other than `JWTClaims`.
@Suite("Verified-token cache: edge cases")
struct CacheEdgeCaseTests {
    typealias Support = CacheTestSupport

    /// A clock that, once armed, stops the next reading until the test lets it go: a full
    /// verification (which reads the clock for a token with time claims) is then held in flight.
    final class GateClock: Sendable {
        private let armed = LockedValue(false)
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)

        func arm() { armed.withLock { $0 = true } }

        var clock: JWTClock {
            JWTClock { [self] in
                let stop = armed.withLock { (armed) -> Bool in
                    defer { armed = false }
                    return armed
                }
                if stop {
                    entered.signal()
                    release.wait()
                }
                return Support.now
            }
        }
    }

    /// Runs `verify` on a thread of its own while its clock reading is held, runs `meanwhile`, then
    /// lets the verification finish and returns its result.
    static func withVerificationInFlight(
        _ gate: GateClock,
        verify: @escaping @Sendable () -> Result<VerifiedJWT<JWTClaims>, JWTError>,
        meanwhile: () -> Void
    ) -> Result<VerifiedJWT<JWTClaims>, JWTError> {
        let result = LockedValue<Result<VerifiedJWT<JWTClaims>, JWTError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        gate.arm()
        let thread = Thread {
            let outcome = verify()
            result.withLock { $0 = outcome }
            done.signal()
        }
        thread.start()
        gate.entered.wait()
        meanwhile()
        gate.release.signal()
        done.wait()
        return result.withLock { $0! }
    }

    @Test("a verification in flight when the keys are replaced does not store its result")
    func missInFlightDuringReplaceKeys() throws {
        let gate = GateClock()
        let verifier = CachingJWTVerifier<JWTClaims>(
            keys: Support.keys(),
            options: JWTValidationOptions(clock: gate.clock)
        )
        let token = Support.token(subject: "in-flight")
        let outcome = Self.withVerificationInFlight(
            gate,
            verify: { Result { () throws(JWTError) in try verifier.verify(token) } },
            meanwhile: { verifier.replaceKeys(Support.keys(Support.otherKey)) }
        )
        // Started with the old keys, it may answer with them; it must not outlive them in the cache.
        #expect((try? outcome.get())?.claims.subject?.value == "in-flight")
        #expect(verifier.statistics.count == 0)
        #expect(throws: JWTError.badSignature) { try verifier.verify(token) }
        #expect(throws: JWTError.badSignature) {
            try Support.keys(Support.otherKey).verify(token, options: JWTValidationOptions(clock: gate.clock))
        }
    }

    @Test("a verification in flight when the cache is emptied does not store its result")
    func missInFlightDuringRemoveAll() throws {
        let gate = GateClock()
        let verifier = CachingJWTVerifier<JWTClaims>(
            keys: Support.keys(),
            options: JWTValidationOptions(clock: gate.clock)
        )
        let token = Support.token(subject: "cleared")
        _ = Self.withVerificationInFlight(
            gate,
            verify: { Result { () throws(JWTError) in try verifier.verify(token) } },
            meanwhile: { verifier.removeAllCachedTokens() }
        )
        #expect(verifier.statistics.count == 0)
        #expect(try verifier.verify(token).claims.subject?.value == "cleared")
        #expect(verifier.statistics.count == 1)
    }

    @Test("a token of exactly maxTokenBytes is cached; one byte over, or a limit of 0 or less, bypasses")
    func sizeLimitBoundary() throws {
        let token = Support.token(subject: "edge")
        let size = token.utf8.count
        let cases: [(limit: Int, cached: Bool)] = [
            (size, true), (size + 1, true), (size - 1, false), (0, false), (-1, false), (.min, false),
        ]
        for (limit, cached) in cases {
            let verifier = CachingJWTVerifier<JWTClaims>(
                keys: Support.keys(),
                options: ManualClock(Support.now).options(),
                configuration: JWTCacheConfiguration(maxTokenBytes: limit)
            )
            for _ in 0..<2 { #expect(try verifier.verify(token).claims.subject?.value == "edge") }
            let stats = verifier.statistics
            #expect(stats.count == (cached ? 1 : 0), "limit \(limit)")
            #expect(stats.hits == (cached ? 1 : 0), "limit \(limit)")
            #expect(stats.bypasses == (cached ? 0 : 2), "limit \(limit)")
        }
    }

    @Test("with a limit of 0 or less even an empty token bypasses the cache (it is 0 bytes, not over 0)")
    func emptyTokenUnderZeroLimit() throws {
        for limit in [0, -1] {
            let verifier = CachingJWTVerifier<JWTClaims>(
                keys: Support.keys(),
                options: ManualClock(Support.now).options(),
                configuration: JWTCacheConfiguration(maxTokenBytes: limit)
            )
            #expect(throws: JWTError.malformed) { try verifier.verify("") }
            #expect(throws: JWTError.malformed) { try verifier.verify(utf8: [UInt8]()) }
            let stats = verifier.statistics
            #expect(stats.bypasses == 2, "limit \(limit)")
            #expect(stats.misses == 0, "limit \(limit)")
        }
    }

    /// A token over the options' size limit is refused before it is copied when it has no
    /// contiguous storage; the statistics must still count it as they count the same bytes given
    /// contiguously, or a flood of huge tokens would go unseen depending on how it arrived.
    @Test("an oversized token counts alike in the statistics, with or without contiguous storage")
    func oversizedTokenStatistics() throws {
        for cacheLimit in [4096, 100_000] {
            let verifier = CachingJWTVerifier<JWTClaims>(
                keys: Support.keys(),
                options: ManualClock(Support.now).options(),
                configuration: JWTCacheConfiguration(maxTokenBytes: cacheLimit)
            )
            let huge = String(repeating: "A", count: 70_000)
            #expect(throws: JWTError.tokenTooLarge) { try verifier.verify(huge) }
            let contiguous = verifier.statistics
            #expect(throws: JWTError.tokenTooLarge) { try verifier.verify(utf8: huge.utf8.lazy.map { $0 }) }
            let both = verifier.statistics
            #expect(both.bypasses == 2 * contiguous.bypasses, "cache limit \(cacheLimit)")
            #expect(both.misses == 2 * contiguous.misses, "cache limit \(cacheLimit)")
            #expect(contiguous.bypasses + contiguous.misses == 1, "cache limit \(cacheLimit)")
        }
    }

    /// The options' limit is checked before a token without contiguous storage is copied; a token
    /// at the cache's own limit is still within it, so it counts as the lookup it would have been
    /// (a miss), not as a bypass.
    @Test("a token of exactly the cache's limit, over the options' limit, is a miss with or without contiguous storage")
    func atCacheLimitOverOptionsLimit() throws {
        var options = ManualClock(Support.now).options()
        options.maxTokenBytes = 100
        let verifier = CachingJWTVerifier<JWTClaims>(
            keys: Support.keys(),
            options: options,
            configuration: JWTCacheConfiguration(maxTokenBytes: 200)
        )
        let token = String(repeating: "A", count: 200)
        #expect(throws: JWTError.tokenTooLarge) { try verifier.verify(token) }
        #expect(verifier.statistics.misses == 1)
        #expect(verifier.statistics.bypasses == 0)
        #expect(throws: JWTError.tokenTooLarge) { try verifier.verify(utf8: token.utf8.lazy.map { $0 }) }
        #expect(verifier.statistics.misses == 2)
        #expect(verifier.statistics.bypasses == 0)
        // One byte more is over the cache's limit too: a bypass either way.
        let longer = token + "A"
        #expect(throws: JWTError.tokenTooLarge) { try verifier.verify(longer) }
        #expect(throws: JWTError.tokenTooLarge) { try verifier.verify(utf8: longer.utf8.lazy.map { $0 }) }
        #expect(verifier.statistics.bypasses == 2)
        #expect(verifier.statistics.misses == 2)
    }

    /// "Lowered when the capacity is smaller": a capacity equal to the shard count keeps every
    /// shard (one entry each); only a smaller one halves them.
    @Test(
        "the shard count is lowered only below the capacity",
        arguments: [
            (16, 16, 16), (2, 4, 2), (8, 16, 8), (7, 16, 4), (3, 4, 2), (1, 16, 1), (256, 256, 256), (255, 256, 128),
        ]
    )
    func shardCountLoweredBelowCapacity(capacity: Int, shards: Int, expected: Int) {
        let configuration = JWTCacheConfiguration(capacity: capacity, shardCount: shards)
        #expect(configuration.effectiveShardCount == expected)
        #expect(configuration.perShardCapacity == capacity / expected)
    }

    @Test("capacities above maximumCapacity are lowered to it, not below")
    func capacityClampedToMaximum() {
        let maximum = JWTCacheConfiguration.maximumCapacity
        for capacity in [maximum, maximum + 1, Int.max] {
            let configuration = JWTCacheConfiguration(capacity: capacity, shardCount: 16)
            #expect(configuration.clampedCapacity == maximum, "capacity \(capacity)")
            #expect(configuration.effectiveShardCount == 16)
            #expect(configuration.perShardCapacity == maximum / 16, "capacity \(capacity)")
        }
        #expect(JWTCacheConfiguration(capacity: maximum - 1, shardCount: 1).clampedCapacity == maximum - 1)
    }

    @Test(
        "shard counts are clamped to a power of two in 1...256 and never exceed the capacity",
        arguments: [Int.min, -1, 0, 1, 2, 3, 5, 16, 17, 255, 256, 257, 1 << 40, Int.max]
    )
    func shardCountClamps(shards: Int) throws {
        for capacity in [Int.min, -1, 0, 1, 2, 3, 7, 100, 10_000, Int.max] {
            let configuration = JWTCacheConfiguration(capacity: capacity, shardCount: shards)
            let count = configuration.effectiveShardCount
            #expect((1...256).contains(count), "shards \(shards), capacity \(capacity)")
            #expect(count & (count - 1) == 0, "shards \(shards), capacity \(capacity): \(count)")
            #expect(count <= max(1, configuration.clampedCapacity), "shards \(shards), capacity \(capacity)")
            let total = count * configuration.perShardCapacity
            #expect(total <= max(1, min(capacity, JWTCacheConfiguration.maximumCapacity)))
            #expect(total >= 1)
        }
        // And such a cache works.
        let verifier = CachingJWTVerifier<JWTClaims>(
            keys: Support.keys(),
            options: ManualClock(Support.now).options(),
            configuration: JWTCacheConfiguration(capacity: 8, shardCount: shards)
        )
        for index in 0..<12 { _ = try verifier.verify(Support.token(subject: "c\(index)")) }
        #expect(verifier.statistics.count <= 8)
    }

    @Test("capacity 0 and 1 keep exactly one entry (the documented minimum)", arguments: [0, 1])
    func tinyCapacity(capacity: Int) throws {
        let verifier = CachingJWTVerifier<JWTClaims>(
            keys: Support.keys(),
            options: ManualClock(Support.now).options(),
            configuration: JWTCacheConfiguration(capacity: capacity, shardCount: 16)
        )
        let tokens = (0..<3).map { Support.token(subject: "t\($0)") }
        for token in tokens { _ = try verifier.verify(token) }
        #expect(verifier.statistics.count == 1)
        #expect(verifier.statistics.evictions == 2)
        _ = try verifier.verify(tokens[2])
        #expect(verifier.statistics.hits == 1)
    }

    /// A claims type of the caller's own: the cache then reads `exp`/`nbf`/`iat` from the payload
    /// JSON, not from a stored `JWTClaims`.
    struct AppClaims: Decodable, Sendable, Equatable {
        var sub: String
        var exp: Double
        var iat: Double
    }

    @Test("a custom claims type: a hit still expires, hits equal a full verification")
    func customClaimsExpireOnHit() throws {
        let clock = ManualClock(Support.now)
        let verifier = CachingJWTVerifier<AppClaims>(keys: Support.keys(), options: clock.options())
        let token = Support.token(subject: "custom", expiresAt: Support.now + 10)
        let first = try verifier.verify(token)
        let hit = try verifier.verify(token)
        #expect(hit.claims == first.claims)
        #expect(hit.claims == (try Support.keys().verify(token, as: AppClaims.self, options: clock.options())).claims)
        #expect(verifier.statistics.hits == 1)
        clock.advance(by: 10)
        #expect(throws: JWTError.expired) { try verifier.verify(token) }
        #expect(throws: JWTError.expired) {
            try Support.keys().verify(token, as: AppClaims.self, options: clock.options())
        }
        #expect(verifier.statistics.count == 0)
    }

    @Test("a time claim spelled with escapes in its name is still re-checked on a hit")
    func escapedTimeClaimNames() throws {
        let clock = ManualClock(Support.now)
        let verifier = CachingJWTVerifier<JWTClaims>(keys: Support.keys(), options: clock.options())
        // "\u0065xp" is "exp": a strict JSON reader sees the same member.
        let header = Base64URL.encode(Array(#"{"alg":"EdDSA"}"#.utf8))
        let payload = Base64URL.encode(Array(#"{"sub":"esc","\u0065xp":\#(Int(Support.now) + 10)}"#.utf8))
        let input = Array("\(header).\(payload)".utf8)
        let signature = Base64URL.encode(Support.signingKey.signature(for: input))
        let token = "\(header).\(payload).\(signature)"
        #expect(try verifier.verify(token).claims.expiration?.value == Support.now + 10)
        _ = try verifier.verify(token)
        #expect(verifier.statistics.hits == 1)
        clock.advance(by: 10)
        #expect(throws: JWTError.expired) { try verifier.verify(token) }
    }

    @Test("the documented rounding: 100 entries over 16 shards keep at most 96")
    func capacityRoundsDown() {
        let configuration = JWTCacheConfiguration(capacity: 100, shardCount: 16)
        #expect(configuration.effectiveShardCount * configuration.perShardCapacity == 96)
    }

    /// Counts its decodings: the cache decodes a claims type once, when it stores the entry.
    struct CountedClaims: Decodable, Sendable {
        static let decodings = LockedValue(0)
        var sub: String
        init(from decoder: any Decoder) throws {
            enum Keys: String, CodingKey { case sub }
            sub = try decoder.container(keyedBy: Keys.self).decode(String.self, forKey: .sub)
            Self.decodings.withLock { $0 += 1 }
        }
    }

    @Test("a claims type is decoded once, on the miss; hits return that value (as documented)")
    func claimsDecodedOnce() throws {
        let verifier = CachingJWTVerifier<CountedClaims>(
            keys: Support.keys(),
            options: ManualClock(Support.now).options()
        )
        let token = Support.token(subject: "once")
        let before = CountedClaims.decodings.withLock { $0 }
        for _ in 0..<3 { #expect(try verifier.verify(token).claims.sub == "once") }
        #expect(CountedClaims.decodings.withLock { $0 } == before + 1)
    }

    /// Claims whose `deinit` reads the cache that held them, as code run on release may: a verifier
    /// that released entries while holding a shard's lock deadlocked (or trapped) on it.
    final class ReentrantClaims: Decodable, Sendable {
        static let verifier = LockedValue<CachingJWTVerifier<ReentrantClaims>?>(nil)
        static let deinits = LockedValue(0)
        let sub: String

        private enum Keys: String, CodingKey { case sub }

        required init(from decoder: any Decoder) throws {
            sub = try decoder.container(keyedBy: Keys.self).decode(String.self, forKey: .sub)
        }

        deinit {
            if let verifier = Self.verifier.withLock({ $0 }) { _ = verifier.statistics }
            Self.deinits.withLock { $0 += 1 }
        }
    }

    @Test("entries are released outside the locks: a claims deinit may call back into the verifier")
    func releaseOutsideLocks() throws {
        let verifier = CachingJWTVerifier<ReentrantClaims>(
            keys: Support.keys(),
            options: ManualClock(Support.now).options(),
            configuration: JWTCacheConfiguration(capacity: 1, shardCount: 1)
        )
        // Swapped, never assigned, inside the lock: the previous verifier comes out and is released
        // after unlocking. Optimized, a local's life ends at its last use, so assigning released
        // the last reference inside the lock, and the deinit below took that lock again.
        func install(_ next: CachingJWTVerifier<ReentrantClaims>?) {
            let previous = ReentrantClaims.verifier.withLock { (current) in
                defer { current = next }
                return current
            }
            withExtendedLifetime(previous) {}
        }
        install(verifier)
        defer { install(nil) }
        let before = ReentrantClaims.deinits.withLock { $0 }
        // Eviction: the second token pushes the first out.
        _ = try verifier.verify(Support.token(subject: "first"))
        _ = try verifier.verify(Support.token(subject: "second"))
        // Expiry on a hit drops the entry.
        let clock = ManualClock(Support.now)
        let expiring = CachingJWTVerifier<ReentrantClaims>(keys: Support.keys(), options: clock.options())
        install(expiring)
        _ = try expiring.verify(Support.token(subject: "expiring", expiresAt: Support.now + 1))
        clock.advance(by: 1)
        #expect(throws: JWTError.expired) {
            try expiring.verify(Support.token(subject: "expiring", expiresAt: Support.now + 1))
        }
        // Emptying and replacing the keys.
        _ = try expiring.verify(Support.token(subject: "cleared", expiresAt: Support.now + 100))
        expiring.removeAllCachedTokens()
        _ = try expiring.verify(Support.token(subject: "replaced", expiresAt: Support.now + 100))
        expiring.replaceKeys(Support.keys())
        #expect(ReentrantClaims.deinits.withLock { $0 } >= before + 4)
    }
}
