import CryptoPrimitives
import Foundation
import JSONWebToken
import Synchronization
import Testing
import VerifyKitTestSupport

@Suite("Verified-token cache")
struct CachingJWTVerifierTests {
    typealias Support = CacheTestSupport

    @Test("a hit returns the same verified token as the first verification")
    func hitReturnsSameResult() throws {
        let clock = ManualClock(Support.now)
        let verifier = CachingJWTVerifier<JWTClaims>(keys: Support.keys(), options: clock.options())
        let token = Support.token(subject: "alice")

        let first = try verifier.verify(token)
        let second = try verifier.verify(token)
        let direct = try Support.keys().verify(token, as: JWTClaims.self, options: clock.options())

        #expect(first.claims == second.claims)
        #expect(second.claims == direct.claims)
        #expect(second.header == direct.header)
        #expect(second.algorithm == .eddsa)
        #expect(second.claims.subject?.value == "alice")
        let stats = verifier.statistics
        #expect(stats.misses == 1)
        #expect(stats.hits == 1)
        #expect(stats.count == 1)
    }

    @Test("a hit with a clock that reads a non-finite time is invalid_options, as a full verification is")
    func nonFiniteClockOnHit() throws {
        let reading = LockedValue(Support.now)
        let options = JWTValidationOptions(clock: JWTClock { reading.withLock { $0 } })
        let verifier = CachingJWTVerifier<JWTClaims>(keys: Support.keys(), options: options)
        let token = Support.token(subject: "clock")
        _ = try verifier.verify(token)
        for value in [Double.nan, .infinity] {
            reading.withLock { $0 = value }
            #expect(throws: JWTError.invalidOptions) { try verifier.verify(token) }
            #expect(throws: JWTError.invalidOptions) { try Support.keys().verify(token, options: options) }
        }
        reading.withLock { $0 = Support.now }
        #expect(try verifier.verify(token).claims.subject?.value == "clock")
    }

    @Test("byte input and string input share entries")
    func utf8InputHits() throws {
        let verifier = CachingJWTVerifier<JWTClaims>(keys: Support.keys(), options: ManualClock(Support.now).options())
        let token = Support.token(subject: "bytes")
        _ = try verifier.verify(token)
        let again = try verifier.verify(utf8: Array(token.utf8))
        #expect(again.claims.subject?.value == "bytes")
        #expect(verifier.statistics.hits == 1)
    }

    @Test("String, Substring, generic and non-contiguous inputs share entries")
    func inputFormsShareEntries() throws {
        let verifier = CachingJWTVerifier<JWTClaims>(keys: Support.keys(), options: ManualClock(Support.now).options())
        let token = Support.token(subject: "forms")
        let padded = " " + token + " "
        let substring = padded.dropFirst().dropLast()
        _ = try verifier.verify(token)
        #expect(try verifier.verify(substring).claims.subject?.value == "forms")
        #expect(try verifier.verify(utf8: Array(token.utf8).lazy.map { $0 }).claims.subject?.value == "forms")
        // Through the generic `some StringProtocol` entry point.
        func generic(_ text: some StringProtocol) throws -> String? { try verifier.verify(text).claims.subject?.value }
        #expect(try generic(substring) == "forms")
        let stats = verifier.statistics
        #expect(stats.misses == 1)
        #expect(stats.hits == 3)
    }

    @Test("a token without time claims hits without reading the clock; one with them reads it once")
    func clockReadsOnHit() throws {
        let reads = Atomic<Int>(0)
        let clock = JWTClock {
            reads.wrappingAdd(1, ordering: .relaxed)
            return Support.now
        }
        let verifier = CachingJWTVerifier<JWTClaims>(keys: Support.keys(), options: JWTValidationOptions(clock: clock))
        let timeless = try JWTSigner.sign(
            JWTClaims(subject: SubjectClaim(value: "timeless")),
            key: CryptoKey(Support.signingKey),
            algorithm: .eddsa
        )
        _ = try verifier.verify(timeless)
        let afterMiss = reads.load(ordering: .relaxed)
        for _ in 0..<5 { _ = try verifier.verify(timeless) }
        #expect(reads.load(ordering: .relaxed) == afterMiss)

        let timed = Support.token(subject: "timed")
        _ = try verifier.verify(timed)
        let before = reads.load(ordering: .relaxed)
        _ = try verifier.verify(timed)
        #expect(reads.load(ordering: .relaxed) == before + 1)
        #expect(verifier.statistics.hits == 6)
    }

    @Test("a cached token whose nbf lies ahead of a clock moved back is rejected, and accepted again later")
    func notBeforeOnHit() throws {
        let clock = ManualClock(Support.now)
        let verifier = CachingJWTVerifier<JWTClaims>(keys: Support.keys(), options: clock.options())
        let token = try JWTSigner.sign(
            JWTClaims(subject: SubjectClaim(value: "nbf"), notBefore: NotBeforeClaim(value: Support.now - 10)),
            key: CryptoKey(Support.signingKey),
            algorithm: .eddsa
        )
        _ = try verifier.verify(token)
        clock.advance(by: -20)
        #expect(throws: JWTError.notYetValid) { try verifier.verify(token) }
        clock.advance(by: 20)
        #expect(try verifier.verify(token).claims.subject?.value == "nbf")
        // A not-yet-valid hit keeps the entry (the token becomes valid again); only expiry drops it.
        #expect(verifier.statistics.misses == 1)
        #expect(verifier.statistics.hits == 2)
    }

    @Test("an absurd capacity is clamped and allocates only what is used")
    func hugeCapacity() throws {
        let configuration = JWTCacheConfiguration(capacity: .max, shardCount: 4)
        let verifier = CachingJWTVerifier<JWTClaims>(
            keys: Support.keys(),
            options: ManualClock(Support.now).options(),
            configuration: configuration
        )
        for index in 0..<20 { _ = try verifier.verify(Support.token(subject: "h\(index)")) }
        #expect(verifier.statistics.count == 20)
        #expect(verifier.statistics.evictions == 0)
        let negative = CachingJWTVerifier<JWTClaims>(
            keys: Support.keys(),
            options: ManualClock(Support.now).options(),
            configuration: JWTCacheConfiguration(capacity: -5, shardCount: -1)
        )
        for index in 0..<3 { _ = try negative.verify(Support.token(subject: "n\(index)")) }
        #expect(negative.statistics.count == 1)
    }

    @Test("a cached token is rejected once it expires, and its entry is dropped")
    func expiredOnHit() throws {
        let clock = ManualClock(Support.now)
        let verifier = CachingJWTVerifier<JWTClaims>(keys: Support.keys(), options: clock.options())
        let token = Support.token(subject: "bob", expiresAt: Support.now + 10)

        _ = try verifier.verify(token)
        clock.advance(by: 5)
        _ = try verifier.verify(token)
        #expect(verifier.statistics.hits == 1)

        clock.advance(by: 5)  // now == exp: expired (RFC 7519: on or after)
        #expect(throws: JWTError.expired) { try verifier.verify(token) }
        #expect(verifier.statistics.hits == 2)
        #expect(verifier.statistics.count == 0)
        // The full path agrees.
        #expect(throws: JWTError.expired) { try verifier.verify(token) }
        #expect(verifier.statistics.misses == 2)
    }

    @Test("maximum age and a clock moved back are re-checked on a hit")
    func maxAgeAndNotBeforeOnHit() throws {
        let (clock, verifier, token) = try cachedWithMaxAge120(subject: "carol")
        clock.advance(by: -3600)  // iat now lies in the future
        #expect(throws: JWTError.notYetValid) { try verifier.verify(token) }
        clock.advance(by: 3600 + 61)  // 121 s after iat
        #expect(throws: JWTError.tooOld) { try verifier.verify(token) }
        #expect(verifier.statistics.hits == 2)
    }

    @Test("a cached token found past the maximum age is refused and its entry is dropped, as an expired one is")
    func tooOldOnHitDropsEntry() throws {
        let (clock, verifier, token) = try cachedWithMaxAge120(subject: "erin")
        #expect(verifier.statistics.count == 1)
        clock.advance(by: 61)  // 121 s after iat
        #expect(throws: JWTError.tooOld) { try verifier.verify(token) }
        #expect(verifier.statistics.hits == 1)
        #expect(verifier.statistics.count == 0)
        // Looked up again it is a miss, and the full verification refuses it too.
        #expect(throws: JWTError.tooOld) { try verifier.verify(token) }
        #expect(verifier.statistics.misses == 2)
        #expect(verifier.statistics.hits == 1)
    }

    @Test("tokens over the size limit are never looked up or stored")
    func sizeLimitBypass() throws {
        let token = Support.token(subject: "dave")
        let verifier = CachingJWTVerifier<JWTClaims>(
            keys: Support.keys(),
            options: ManualClock(Support.now).options(),
            configuration: JWTCacheConfiguration(maxTokenBytes: token.utf8.count - 1)
        )
        for _ in 0..<3 {
            #expect(try verifier.verify(token).claims.subject?.value == "dave")
        }
        let stats = verifier.statistics
        #expect(stats.bypasses == 3)
        #expect(stats.hits == 0)
        #expect(stats.count == 0)
    }

    @Test("failed verifications are not cached")
    func failuresNotCached() throws {
        let verifier = CachingJWTVerifier<JWTClaims>(keys: Support.keys(), options: ManualClock(Support.now).options())
        let bad = Support.tampered(Support.token(subject: "eve"))
        for _ in 0..<2 {
            #expect(throws: JWTError.badSignature) { try verifier.verify(bad) }
        }
        #expect(verifier.statistics.misses == 2)
        #expect(verifier.statistics.count == 0)
    }

    @Test("replacing the key set forgets every cached token")
    func keySetChangeInvalidates() throws {
        let verifier = CachingJWTVerifier<JWTClaims>(keys: Support.keys(), options: ManualClock(Support.now).options())
        let token = Support.token(subject: "frank")
        _ = try verifier.verify(token)
        _ = try verifier.verify(token)
        #expect(verifier.statistics.count == 1)

        verifier.replaceKeys(Support.keys(Support.otherKey))
        #expect(verifier.statistics.count == 0)
        #expect(throws: JWTError.badSignature) { try verifier.verify(token) }

        // Tokens of the new key verify and are cached again.
        let fresh = Support.token(subject: "frank", key: Support.otherKey)
        _ = try verifier.verify(fresh)
        _ = try verifier.verify(fresh)
        #expect(verifier.statistics.count == 1)

        verifier.removeAllCachedTokens()
        #expect(verifier.statistics.count == 0)
        #expect(try verifier.verify(fresh).claims.subject?.value == "frank")
    }

    @Test("without explicit options, the new collection's options come in with its keys")
    func replaceKeysFollowsCollectionOptions() throws {
        let clock = ManualClock(Support.now)
        var first = JWTKeyCollection(options: clock.options())
        try first.add(CryptoKey(Support.signingKey.publicKey))
        let verifier = CachingJWTVerifier<JWTClaims>(keys: first)
        let token = Support.token(subject: "grace")
        _ = try verifier.verify(token)

        var stricter = clock.options()
        stricter.requiredClaims = ["jti"]
        stricter.leeway = 30
        var second = JWTKeyCollection(options: stricter)
        try second.add(CryptoKey(Support.signingKey.publicKey))
        verifier.replaceKeys(second)

        #expect(verifier.options.requiredClaims == ["jti"])
        #expect(throws: JWTError.invalidClaim) { try verifier.verify(token) }
        #expect(throws: JWTError.invalidClaim) { try second.verify(token) }

        // The hit path re-checks time with the rules the entry was verified under: leeway 30 now.
        var lenient = JWTKeyCollection(
            options: {
                var options = clock.options()
                options.leeway = 30
                return options
            }()
        )
        try lenient.add(CryptoKey(Support.signingKey.publicKey))
        verifier.replaceKeys(lenient)
        let expiring = Support.token(subject: "grace", expiresAt: Support.now + 10)
        _ = try verifier.verify(expiring)
        clock.advance(by: 20)  // past exp, within the leeway
        #expect(try verifier.verify(expiring).claims.subject?.value == "grace")
        #expect(verifier.statistics.hits == 1)
        clock.advance(by: 30)  // past exp + leeway
        #expect(throws: JWTError.expired) { try verifier.verify(expiring) }
    }

    @Test("explicit options stay when the keys are replaced")
    func replaceKeysKeepsPinnedOptions() throws {
        let clock = ManualClock(Support.now)
        let verifier = CachingJWTVerifier<JWTClaims>(keys: Support.keys(), options: clock.options())
        var second = JWTKeyCollection(
            options: {
                var options = clock.options()
                options.requiredClaims = ["jti"]
                return options
            }()
        )
        try second.add(CryptoKey(Support.signingKey.publicKey))
        verifier.replaceKeys(second)
        #expect(verifier.options.requiredClaims.isEmpty)
        #expect(try verifier.verify(Support.token(subject: "heidi")).claims.subject?.value == "heidi")
    }

    @Test("emptying the cache while another thread replaces the keys never brings the old keys back")
    func removeAllRacingReplaceKeys() throws {
        let verifier = CachingJWTVerifier<JWTClaims>(keys: Support.keys(), options: ManualClock(Support.now).options())
        let keySets = [Support.keys(Support.signingKey), Support.keys(Support.otherKey)]
        let tokens = [
            Support.token(subject: "a", key: Support.signingKey), Support.token(subject: "b", key: Support.otherKey),
        ]
        let stop = Atomic<Bool>(false)
        let clears = Atomic<Int>(0)
        let clearer = Thread {
            while !stop.load(ordering: .relaxed) {
                verifier.removeAllCachedTokens()
                clears.add(1, ordering: .relaxed)
            }
        }
        clearer.start()
        defer { stop.store(true, ordering: .relaxed) }
        var revived = 0
        let rounds = 1500
        for round in 0..<rounds {
            let current = round % 2
            verifier.replaceKeys(keySets[current])
            // The rotated-out key must stay out, whatever the clearing thread did meanwhile.
            if (try? verifier.verify(tokens[1 - current])) != nil { revived += 1 }
            if (try? verifier.verify(tokens[current])) == nil { revived += 1 }
        }
        stop.store(true, ordering: .relaxed)
        #expect(revived == 0, "\(revived) of \(rounds) rounds saw the replaced key set")
        #expect(clears.load(ordering: .relaxed) > 0, "the clearing thread never ran")
    }

    @Test("the least recently used entry is evicted and the size stays bounded")
    func lruEviction() throws {
        let verifier = CachingJWTVerifier<JWTClaims>(
            keys: Support.keys(),
            options: ManualClock(Support.now).options(),
            configuration: JWTCacheConfiguration(capacity: 4, shardCount: 1)
        )
        let tokens = (0..<10).map { Support.token(subject: "user-\($0)") }
        for token in tokens.prefix(4) { _ = try verifier.verify(token) }
        _ = try verifier.verify(tokens[0])  // token 0 becomes most recent; token 1 is now the oldest
        _ = try verifier.verify(tokens[4])  // evicts token 1
        var stats = verifier.statistics
        #expect(stats.count == 4)
        #expect(stats.evictions == 1)

        let hitsBefore = stats.hits
        _ = try verifier.verify(tokens[0])
        #expect(verifier.statistics.hits == hitsBefore + 1)
        _ = try verifier.verify(tokens[1])  // was evicted: a miss
        #expect(verifier.statistics.hits == hitsBefore + 1)

        for token in tokens { _ = try verifier.verify(token) }
        stats = verifier.statistics
        #expect(stats.count == 4)
        #expect(stats.count <= 4)
    }

    @Test("capacity is respected across shards", arguments: [1, 3, 16, 1000])
    func shardBound(shards: Int) throws {
        let verifier = CachingJWTVerifier<JWTClaims>(
            keys: Support.keys(),
            options: ManualClock(Support.now).options(),
            configuration: JWTCacheConfiguration(capacity: 32, shardCount: shards)
        )
        for index in 0..<80 { _ = try verifier.verify(Support.token(subject: "s\(index)")) }
        let stats = verifier.statistics
        #expect(stats.count <= 32)
        #expect(stats.count + stats.evictions == 80)
    }

    @Test("many threads hitting, missing and evicting at once get correct answers")
    func concurrencyStress() async throws {
        let verifier = CachingJWTVerifier<JWTClaims>(
            keys: Support.keys(),
            options: ManualClock(Support.now).options(),
            configuration: JWTCacheConfiguration(capacity: 24, shardCount: 4)
        )
        let tokens = (0..<48).map { Support.token(subject: "u\($0)") }
        let bad = tokens.prefix(8).map(Support.tampered)
        let failures = await withTaskGroup(of: Int.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var failures = 0
                    for round in 0..<300 {
                        let index = (round * 7 + worker * 13) % tokens.count
                        if round % 10 == 0 {
                            let badIndex = index % bad.count
                            do {
                                _ = try verifier.verify(bad[badIndex])
                                failures += 1
                            } catch {
                                if (error as? JWTError)?.code != .badSignature { failures += 1 }
                            }
                        }
                        do {
                            let verified = try verifier.verify(tokens[index])
                            if verified.claims.subject?.value != "u\(index)" { failures += 1 }
                        } catch {
                            failures += 1
                        }
                        if worker == 0, round == 150 {
                            verifier.replaceKeys(Support.keys())
                        }
                    }
                    return failures
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
        let stats = verifier.statistics
        #expect(stats.count <= 24)
        #expect(stats.hits + stats.misses == 4 * 330)
    }

    /// A verifier with `maxAge` 120 s on a manual clock, holding one verified token whose `iat`
    /// lies 60 s before the clock's time.
    private func cachedWithMaxAge120(
        subject: String
    ) throws -> (ManualClock, CachingJWTVerifier<JWTClaims>, String) {
        let clock = ManualClock(Support.now)
        var options = clock.options()
        options.maxAge = 120
        let verifier = CachingJWTVerifier<JWTClaims>(keys: Support.keys(), options: options)
        let token = Support.token(subject: subject)
        _ = try verifier.verify(token)
        return (clock, verifier, token)
    }
}
