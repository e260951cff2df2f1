import CryptoPrimitives
import Testing
import VerifyKitTestSupport

@testable import JSONWebToken

/// Fetch rules that mutation testing of `RemoteJWKSet` found untested: each test here failed
/// with a small change to the rule it names (the change is in its comment) and passes without it.
@Suite("RemoteJWKSet: rules found untested by mutation testing", .timeLimit(.minutes(1)))
struct RemoteJWKSetMutationTests {
    typealias Server = KeyServer

    static let tokenA = Server.token(Server.keyA, kid: "a")
    static let tokenB = Server.token(Server.keyB, kid: "b")

    /// Mutant: the background refresh started whenever the cooldown allowed, running fetch or not
    /// (`plan(at:)` without `inFlight == nil`), so a refresh slower than the cooldown was joined
    /// by a second one, and so on every cooldown.
    @Test("a set past maxAge whose background refresh still runs a cooldown later starts no second one")
    func slowBackgroundRefreshIsNotDoubled() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = server.remoteSet()
        _ = try await remote.verify(Self.tokenA)
        server.close()
        server.advance(600)
        _ = try await remote.verify(Self.tokenA)  // serves, and starts the refresh (held at the gate)
        await server.fetchesStarted(2)
        server.advance(30)  // a cooldown later the refresh still runs
        for _ in 0..<5 { _ = try await remote.verify(Self.tokenA) }
        #expect(remote.status.isFetching)
        server.open()
        try await remote.refresh()  // joins the running fetch
        #expect(server.fetches == 2)
    }

    /// Mutant: a miss did not join the running fetch (`planAfterMiss` without its `inFlight` case),
    /// so a token with the provider's new `kid` that came while the background refresh ran was
    /// `key_not_found` (the refresh had just started: within the cooldown). The concurrent rotation
    /// test caught this only when its timing happened to.
    @Test("a kid the set lacks, while a refresh runs that started within the cooldown, waits for that refresh")
    func missJoinsRunningRefresh() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = server.remoteSet()
        _ = try await remote.verify(Self.tokenA)
        server.serve([(Server.keyA, "a"), (Server.keyB, "b")])
        server.close()
        server.advance(600)
        _ = try await remote.verify(Self.tokenA)  // serves, and starts the refresh (held at the gate)
        await server.fetchesStarted(2)
        let readings = server.clockReads
        let request = Task { try await remote.verify(Self.tokenB).keyID }
        // Two readings: for the set to use (it lacks "b"), then for the decision after the miss,
        // which is taken under the set's lock before the refresh can store its result.
        await server.clockReadingsTaken(readings + 2)
        server.open()
        #expect(try await request.value == "b")
        #expect(server.fetches == 2)
    }

    /// Mutant: a miss ignored a set that replaced the one the request used (`planAfterMiss`
    /// without its generation check), so within the cooldown the `kid` stayed `key_not_found`
    /// although the set in use had it. A request runs into this when a fetch stores its set between
    /// the request's taking the set and its miss; no public call can stop a request there, so the
    /// miss is made directly (`keysAfterMiss(generation:)` is what `verify` calls).
    @Test("a kid missing from a set that was replaced meanwhile is taken from the new set, without a fetch")
    func missAfterReplacementUsesNewSet() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = server.remoteSet()
        _ = try await remote.verify(Self.tokenA)  // generation 1
        server.serve([(Server.keyA, "a"), (Server.keyB, "b")])
        server.advance(1)
        try await remote.refresh()  // generation 2; its start begins a cooldown
        let fresher = try #require(await remote.keysAfterMiss(generation: 1))
        #expect(fresher.keyIDs.contains("b"))
        #expect(server.fetches == 2)
        // A miss in the newest set stands within the cooldown.
        #expect(await remote.keysAfterMiss(generation: 2) == nil)
        #expect(server.fetches == 2)
    }
}
