import CryptoPrimitives
import Dispatch
import Foundation
import JSONWebToken
import Testing
import VerifyKitTestSupport

/// Findings of the second review of `RemoteJWKSet`: the clock-step arithmetic, a set that expires
/// within the cooldown, fetches that overlap, fetches that block a thread.
@Suite("RemoteJWKSet: second review findings", .serialized, .timeLimit(.minutes(1)))
struct RemoteJWKSetSecondReviewTests {
    typealias Server = KeyServer

    static let tokenA = Server.token(Server.keyA, kid: "a")

    // MARK: The clock

    /// A step back from 1e300 to just above -1e300 rounds (the step is 2e300, its last bit lost),
    /// so the recorded attempt lands 1.5e284 s after the reading; a first reading that is NaN
    /// (counted as 0, with no reading before it) followed by -1e19 is never a step back at all.
    /// Either way the cooldown left exceeded Int's range, and the message for the refused request
    /// trapped converting it (`Int(wait.rounded(.up))`).
    @Test(
        "a request refused within the cooldown after huge clock readings does not trap",
        arguments: [
            (1e300, -9.999999999999996e299),
            (Double.nan, -1e19),
        ]
    )
    func hugeReadingsDoNotTrap(first: Double, second: Double) async throws {
        let reading = LockedValue<Double>(first)
        let server = Server(.failure("HTTP 503"))
        let remote = RemoteJWKSet(
            options: JWTValidationOptions(clock: JWTClock { reading.withLock { $0 } }),
            fetch: server.fetch
        )
        await #expect(throws: JWTError.self) { try await remote.verify(Self.tokenA) }
        #expect(server.fetches == 1)
        reading.withLock { $0 = second }
        let error = await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(Self.tokenA) }
        // Within the cooldown of the first fetch, waiting at most the cooldown.
        #expect(error?.message.contains("may start in 30 s") == true, "\(error?.message ?? "")")
        #expect(server.fetches == 1)
    }

    @Test("after huge readings the recorded times are never after the reading (no negative age)")
    func recordedTimesNotInTheFuture() async throws {
        let reading = LockedValue<Double>(1e300)
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = RemoteJWKSet(
            options: JWTValidationOptions(clock: JWTClock { reading.withLock { $0 } }),
            fetch: server.fetch
        )
        _ = try await remote.keys()
        reading.withLock { $0 = -9.999999999999996e299 }
        _ = try await remote.keys()
        let fetchedAt = try #require(remote.status.fetchedAt)
        #expect(fetchedAt <= -9.999999999999996e299, "fetched at \(fetchedAt), after the reading")
    }

    // MARK: A set that expires within the cooldown

    /// With maxAge + staleIfError below the cooldown (maxAge 10, staleIfError 0, cooldown 30), the
    /// set's own fetch was its last attempt, so from age 10 to 30 no fetch may start: every token
    /// was refused with key_set_unavailable although no fetch had failed, and the message said
    /// "no set was fetched yet".
    @Test("a set that expires within the cooldown, no fetch having failed, is replaced at once")
    func expiryWithinCooldownFetches() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = server.remoteSet(
            configuration: RemoteJWKSetConfiguration(maxAge: 10, cooldown: 30, staleIfError: 0)
        )
        _ = try await remote.verify(Self.tokenA)
        server.advance(10)
        #expect(try await remote.verify(Self.tokenA).keyID == "a")
        #expect(server.fetches == 2)
        // A failed fetch still waits out the cooldown.
        server.answer(.failure("HTTP 503"))
        server.advance(10)
        await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(Self.tokenA) }
        let error = await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(Self.tokenA) }
        #expect(error?.message.contains("the last fetch failed") == true, "\(error?.message ?? "")")
        #expect(server.fetches == 3)
    }

    // MARK: Overlapping fetches

    /// The initializer said the fetch is "called from its own task, one at a time"; a fetch that
    /// ran over fetchTimeout and ignores cancellation is still running when the next one starts
    /// (now documented).
    @Test("a fetch abandoned at its timeout still runs when the next fetch is called")
    func abandonedFetchOverlapsTheNext() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        server.close()
        let remote = server.remoteSet(
            configuration: RemoteJWKSetConfiguration(cooldown: 1, fetchTimeout: .milliseconds(20))
        )
        await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(Self.tokenA) }
        server.advance(1)
        await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(Self.tokenA) }
        // Two calls of the fetch started, none has returned: they overlap.
        #expect(server.fetches == 2)
        #expect(remote.status.abandonedFetches == 2)
        server.open()
        await server.fetchesEnded(2)
        while remote.status.abandonedFetches > 0 { try await Task.sleep(for: .milliseconds(1)) }
    }

    // MARK: Fetches that block a thread

    /// A reproduction, not a regular test (it stalls the whole test process for its duration):
    /// `VERIFYKIT_BLOCKING_FETCH_REPRO=1 swift test --skip-build --filter blockingFetch`.
    ///
    /// A fetch that blocks its thread (a synchronous read) ignores cancellation too, but it also
    /// holds one of the cooperative pool's threads (as many as the machine has cores). With as
    /// many blocked fetches as threads (2 on a 2-core machine: one abandoned and the next one), the
    /// timer that should end the second fetch never runs, so the request waits until a read
    /// returns, not fetchTimeout: the deadline only bounds fetches that suspend (now documented:
    /// the fetch must not block its thread). Fails where the pool has at most
    /// `maximumAbandonedFetches + 1` threads.
    @Test(
        "a fetch that blocks its thread is not bounded by fetchTimeout once the pool is blocked",
        .enabled(if: ProcessInfo.processInfo.environment["VERIFYKIT_BLOCKING_FETCH_REPRO"] != nil)
    )
    func blockingFetch() async throws {
        let release = DispatchSemaphore(value: 0)
        let blocked = LockedValue(0)
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = RemoteJWKSet(
            options: server.options(),
            configuration: RemoteJWKSetConfiguration(cooldown: 1, fetchTimeout: .milliseconds(50))
        ) {
            blocked.withLock { $0 += 1 }
            release.wait()  // a blocking read that ignores cancellation
            return KeyServer.keySet([(Server.keyA, "a")])
        }
        // A watchdog outside the cooperative pool lets the reads return after 3 s.
        let threads = ProcessInfo.processInfo.activeProcessorCount
        DispatchQueue.global().asyncAfter(deadline: .now() + 3) {
            for _ in 0..<(threads + 2) { release.signal() }
        }
        var longest = Duration.zero
        for _ in 0..<threads {
            let started = ContinuousClock.now
            _ = try? await remote.verify(Self.tokenA)
            longest = max(longest, ContinuousClock.now - started)
            server.advance(1)
        }
        #expect(
            longest < .seconds(1),
            "a request waited \(longest) for a fetch with a 50 ms fetchTimeout (\(threads) threads)"
        )
    }
}
