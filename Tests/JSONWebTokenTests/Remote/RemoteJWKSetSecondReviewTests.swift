import CryptoPrimitives
import Dispatch
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
        let remote = RemoteJWKSet(
            options: server.options(),
            configuration: RemoteJWKSetConfiguration(maxAge: 10, cooldown: 30, staleIfError: 0),
            fetch: server.fetch
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

}
