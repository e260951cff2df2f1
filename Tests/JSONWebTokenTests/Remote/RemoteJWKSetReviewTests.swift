import CryptoPrimitives
import Dispatch
import JSONWebToken
import Testing
import VerifyKitTestSupport

/// Findings of the review of `RemoteJWKSet`: configuration that crashed, a clock that steps back,
/// a clock read that races a fetch, cancellation, abandoned fetches.
@Suite("RemoteJWKSet: review findings", .serialized, .timeLimit(.minutes(1)))
struct RemoteJWKSetReviewTests {
    typealias Server = KeyServer

    static let tokenA = Server.token(Server.keyA, kid: "a")
    /// Valid for a week, for tests that move the clock by a day.
    static let weekTokenA = try! JWTSigner.sign(
        JWTClaims(subject: "alice", expiration: ExpirationClaim(value: TestTokens.now + 7 * 86_400)),
        jwk: JWK(key: CryptoKey(Server.keyA), keyID: "a", algorithm: .eddsa)
    )

    // MARK: Configuration that crashed

    @Test("an infinite or huge cooldown does not crash the request refused for it", arguments: [.infinity, 1e19])
    func hugeCooldownDoesNotTrap(cooldown: Double) async throws {
        let server = Server(.failure("HTTP 503"))
        let remote = server.remoteSet(configuration: RemoteJWKSetConfiguration(cooldown: cooldown))
        await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(Self.tokenA) }
        // Within the cooldown: refused with the time to wait, which trapped (Int(Double.infinity)).
        let error = await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(Self.tokenA) }
        #expect(error?.message.contains("cooldown") == true)
        // The cooldown has an upper bound, so the set recovers on its own.
        server.serve([(Server.keyA, "a")])
        server.advance(remote.configuration.cooldown)
        #expect(try await remote.verify(Self.weekTokenA).keyID == "a")
    }

    @Test("a fetchTimeout of .seconds(Int64.max) (\"never\") does not crash the fetch")
    func hugeFetchTimeoutDoesNotTrap() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = server.remoteSet(configuration: RemoteJWKSetConfiguration(fetchTimeout: .seconds(Int64.max)))
        // Task.sleep(for:) traps when now + limit overflows; the fetch is held so the timer sleeps.
        server.close()
        let request = Task { try await remote.verify(Self.tokenA).keyID }
        await server.fetchesStarted(1)
        try await Task.sleep(for: .milliseconds(20))
        server.open()
        #expect(try await request.value == "a")
        #expect(remote.configuration.fetchTimeout <= .seconds(86_400))
    }

    // MARK: The clock

    @Test("a clock that steps back does not stretch staleIfError: the bound counts the set's real age")
    func clockStepBackKeepsStaleBound() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = server.remoteSet()
        _ = try await remote.verify(Self.tokenA)
        server.answer(.failure("connection refused"))
        server.advance(600)
        _ = try await remote.verify(Self.tokenA)  // 600 s old: serves, its refresh fails
        server.advance(-365 * 86_400)  // the clock steps back a year
        _ = try await remote.verify(Self.tokenA)
        server.advance(3599)  // 4199 s after the fetch: still within maxAge + staleIfError
        _ = try await remote.verify(Self.tokenA)
        server.advance(1)  // 4200 s after the fetch
        await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(Self.tokenA) }
    }

    @Test("after a step back the set keeps its age: no fetch before maxAge, cooldown unaffected")
    func clockStepBackKeepsAge() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = server.remoteSet()
        _ = try await remote.verify(Self.tokenA)
        server.advance(100)
        server.advance(-3600)
        for _ in 0..<5 { _ = try await remote.verify(Self.tokenA) }
        #expect(!remote.status.isFetching)
        #expect(server.fetches == 1)
        server.advance(499)  // 599 s of the set's age
        _ = try await remote.verify(Self.tokenA)
        #expect(server.fetches == 1)
        server.advance(1)
        _ = try await remote.verify(Self.tokenA)
        try await remote.refresh()  // joins the background refresh at maxAge
        #expect(server.fetches == 2)
        #expect(remote.status.fetchedAt == server.now)
    }

    @Test("a clock that reads NaN once does not stop fetches for good")
    func nanReadingDoesNotPoisonCooldown() async throws {
        let reading = LockedValue<Double>(.nan)
        let server = Server(.failure("HTTP 503"))
        let remote = RemoteJWKSet(
            options: JWTValidationOptions(clock: JWTClock { reading.withLock { $0 } }),
            fetch: server.fetch
        )
        await #expect(throws: JWTError.self) { try await remote.verify(Self.tokenA) }
        reading.withLock { $0 = TestTokens.now }
        server.serve([(Server.keyA, "a")])
        reading.withLock { $0 = TestTokens.now + 60 }
        #expect(try await remote.verify(Self.tokenA).keyID == "a")
    }

    /// A clock whose next reading can be held after it is taken, as a request preempted between
    /// reading the clock and taking the set's lock would be.
    final class HoldingClock: Sendable {
        private struct State {
            var now = TestTokens.now
            var holdNext = false
            /// Set once a reading was held (and stays set, so a late look does not wait for ever).
            var held = false
        }
        private let state = LockedValue(State())
        private let release = DispatchSemaphore(value: 0)

        var clock: JWTClock {
            JWTClock { [self] in
                let (now, hold) = state.withLock { state in
                    defer { state.holdNext = false }
                    if state.holdNext { state.held = true }
                    return (state.now, state.holdNext)
                }
                if hold {
                    // Let go after a while even if nobody releases (the set may read under its lock).
                    _ = release.wait(timeout: .now() + .seconds(2))
                }
                return now
            }
        }
        func advance(_ seconds: Double) { state.withLock { $0.now += seconds } }
        func holdNextReading() { state.withLock { $0.holdNext = true } }
        var held: Bool { state.withLock { $0.held } }
        func letGo() { release.signal() }
    }

    @Test("a request whose clock reading predates a fetch that finished meanwhile starts no extra fetch")
    func staleReadingStartsNoFetchWithinCooldown() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        let clock = HoldingClock()
        let remote = RemoteJWKSet(options: JWTValidationOptions(clock: clock.clock), fetch: server.fetch)
        _ = try await remote.verify(Self.tokenA)
        clock.advance(600)
        clock.holdNextReading()
        let slow = Task { try await remote.verify(Self.tokenA).keyID }
        while !clock.held { try await Task.sleep(for: .milliseconds(1)) }
        // Meanwhile another request starts the background refresh, which finishes.
        clock.advance(0.001)
        _ = try await remote.verify(Self.tokenA)
        await server.fetchesEnded(2)
        while remote.status.isFetching { try await Task.sleep(for: .milliseconds(1)) }
        clock.letGo()
        #expect(try await slow.value == "a")
        try await Task.sleep(for: .milliseconds(50))
        // The refresh started 0.001 s ago: within the cooldown, so no third fetch.
        #expect(server.fetches == 2)
    }

    // MARK: Waiting

    @Test("a cancelled request keeps waiting for the shared fetch, for at most fetchTimeout")
    func cancelledRequestWaitsForFetch() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        server.close()
        let remote = server.remoteSet(configuration: RemoteJWKSetConfiguration(fetchTimeout: .milliseconds(300)))
        let started = ContinuousClock.now
        let request = Task { try await remote.verify(Self.tokenA).keyID }
        await server.fetchesStarted(1)
        request.cancel()
        await #expect(throws: JWTError.keySetUnavailable) { try await request.value }
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        server.open()
    }

    @Test("fetches that ignore cancellation and never return stop at maximumAbandonedFetches, and resume")
    func abandonedFetchesAreCapped() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        server.close()
        let remote = server.remoteSet(
            configuration: RemoteJWKSetConfiguration(cooldown: 1, fetchTimeout: .milliseconds(20))
        )
        let cap = RemoteJWKSet.maximumAbandonedFetches
        for _ in 0..<cap {
            let error = await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(Self.tokenA) }
            #expect(error?.message.contains("no answer within") == true)
            server.advance(1)
        }
        #expect(server.fetches == cap)
        #expect(remote.status.abandonedFetches == cap)
        // None has returned: the next attempt does not call the fetch at all.
        let refused = await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(Self.tokenA) }
        #expect(refused?.message.contains("\(cap) earlier fetches ran over fetchTimeout") == true)
        #expect(server.fetches == cap)

        server.open()
        await server.fetchesEnded(cap)
        while remote.status.abandonedFetches > 0 { try await Task.sleep(for: .milliseconds(1)) }
        server.advance(1)
        #expect(try await remote.verify(Self.tokenA).keyID == "a")
        #expect(server.fetches == cap + 1)
    }

    // MARK: What the tests did not cover

    @Test("a refetch for an unknown kid that fails leaves key_not_found, not the fetch error")
    func failedRefetchKeepsKeyNotFound() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = server.remoteSet()
        _ = try await remote.verify(Self.tokenA)
        server.answer(.failure("HTTP 500"))
        server.advance(30)
        await #expect(throws: JWTError.keyNotFound) {
            try await remote.verify(Server.token(Server.keyB, kid: "b"))
        }
        #expect(server.fetches == 2)
        #expect(remote.status.failedFetches == 1)
        #expect(try await remote.verify(Self.tokenA).keyID == "a")
    }

    @Test("a refused first set is invalid_key_set for the requests that waited, key_set_unavailable after")
    func refusedFirstSetCodes() async throws {
        let server = Server(.body(Array("<html>".utf8)))
        let remote = server.remoteSet()
        let first = await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(Self.tokenA) }
        #expect(first?.message.contains("invalid_key_set") == true)
        let later = await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(Self.tokenA) }
        #expect(later?.message.contains("invalid_key_set") == true)
    }

    @Test("skipped members are reported in status and follow the set in use")
    func skippedMembersInStatus() async throws {
        let good = String(decoding: Server.keySet([(Server.keyA, "a")]), as: UTF8.self)
        let withUnknown = good.replacingOccurrences(
            of: "{\"keys\":[",
            with: "{\"keys\":[{\"kty\":\"XYZ\",\"kid\":\"x\"},"
        )
        let server = Server(.body(Array(withUnknown.utf8)))
        let remote = server.remoteSet()
        _ = try await remote.verify(Self.tokenA)
        #expect(remote.status.skippedKeys.map(\.keyID) == ["x"])
        server.answer(.failure("down"))
        await #expect(throws: JWTError.keySetUnavailable) { try await remote.refresh() }
        #expect(remote.status.skippedKeys.map(\.keyID) == ["x"])
        server.serve([(Server.keyA, "a")])
        try await remote.refresh()
        #expect(remote.status.skippedKeys.isEmpty)
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard let range = self.firstRange(of: target) else { return self }
        var result = self
        result.replaceSubrange(range, with: replacement)
        return result
    }
}
