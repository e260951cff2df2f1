import CryptoPrimitives
import JSONWebToken
import Testing
import VerifyKitTestSupport

/// Random schedules of clock steps, provider answers and tokens against one ``RemoteJWKSet``, with
/// its rules checked after every step. Each run draws a new seed (printed on failure; replay with
/// `VERIFYKIT_TEST_SEED`).
@Suite("RemoteJWKSet: random schedules keep the rules", .timeLimit(.minutes(1)))
struct RemoteJWKSetScheduleTests {
    typealias Server = KeyServer

    enum Served: CaseIterable {
        case onlyA, aAndB, onlyB, failing, refused

        var kids: Set<String> {
            switch self {
            case .onlyA: ["a"]
            case .aAndB: ["a", "b"]
            case .onlyB: ["b"]
            case .failing, .refused: []
            }
        }

        func apply(to server: Server) {
            switch self {
            case .onlyA: server.serve([(Server.keyA, "a")])
            case .aAndB: server.serve([(Server.keyA, "a"), (Server.keyB, "b")])
            case .onlyB: server.serve([(Server.keyB, "b")])
            case .failing: server.answer(.failure("503"))
            case .refused: server.answer(.body(Array(#"{"keys":"#.utf8)))
            }
        }
    }

    static let maxAge = 600.0
    static let cooldown = 30.0
    static let staleIfError = 3600.0

    /// Longer than any schedule's clock moves (250 steps of at most 5000 s): with a day, a schedule
    /// that moved the clock past it failed with `expired` (seed 16850221394580377683).
    static let lifetime = 30 * 86_400.0

    static let tokens: [(kid: String, token: String, genuine: Bool)] = [
        ("a", Server.token(Server.keyA, kid: "a", lifetime: lifetime), true),
        ("b", Server.token(Server.keyB, kid: "b", lifetime: lifetime), true),
        ("z", Server.token(Server.keyC, kid: "z", lifetime: lifetime), false),  // a kid never served
        ("a", Server.token(Server.keyC, kid: "a", lifetime: lifetime), false),  // a served kid, the wrong key
    ]

    /// Waits until no fetch runs (background refreshes finish before the rules are checked).
    static func settle(_ remote: RemoteJWKSet) async throws {
        while remote.status.isFetching { try await Task.sleep(for: .milliseconds(1)) }
    }

    @Test("fetches are spaced by the cooldown, a stale set is never used, a wrong key never passes")
    func randomSchedules() async throws {
        for _ in 0..<8 {
            try await run(seed: SeededGenerator.freshSeed())
        }
    }

    func run(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        let server = Server(keys: [(Server.keyA, "a")])
        var served = Served.onlyA
        let remote = RemoteJWKSet(
            options: server.options(),
            configuration: RemoteJWKSetConfiguration(
                maxAge: Self.maxAge,
                cooldown: Self.cooldown,
                staleIfError: Self.staleIfError
            ),
            fetch: server.fetch
        )
        var verified = 0
        for step in 0..<250 {
            let context = "seed \(seed), step \(step)"
            switch random.next() % 5 {
            case 0:
                // Steps around the configured times, short random ones, now and then a long one.
                let boundaries: [Double] = [1, 29, 30, 31, 570, 599, 600, 601, 3000, 3599, 3600, 3601]
                switch random.next() % 4 {
                case 0: server.advance(boundaries[Int(random.next() % UInt64(boundaries.count))])
                case 1: server.advance(Double(random.next() % 5000))
                default: server.advance(Double(random.next() % 40))
                }
            case 1:
                served = Served.allCases[Int(random.next() % 5)]
                served.apply(to: server)
            default:
                let (kid, token, genuine) = Self.tokens[Int(random.next() % UInt64(Self.tokens.count))]
                let now = server.now
                let outcome: Result<Void, JWTError>
                do {
                    _ = try await remote.verify(token)
                    outcome = .success(())
                } catch {
                    outcome = .failure(error)
                }
                try await Self.settle(remote)
                let fetchedAt = remote.status.fetchedAt
                switch outcome {
                case .success:
                    verified += 1
                    #expect(genuine, "a token signed with the wrong key verified (\(context))")
                    let fetchedAt = try #require(fetchedAt, "\(context)")
                    #expect(
                        now - fetchedAt < Self.maxAge + Self.staleIfError,
                        "a set fetched at \(fetchedAt) served at \(now) (\(context))"
                    )
                case .failure(let error):
                    switch error.code {
                    case .keySetUnavailable:
                        #expect(
                            fetchedAt.map { now - $0 >= Self.maxAge + Self.staleIfError } ?? true,
                            "key_set_unavailable while a set fetched at \(fetchedAt ?? 0) was usable at \(now) (\(context))"
                        )
                    case .keyNotFound where genuine && served.kids.contains(kid):
                        // The provider serves this key: only the cooldown may have kept it out.
                        let lastFetch = server.fetchTimes.last ?? -.infinity
                        #expect(now - lastFetch < Self.cooldown, "\(kid) not fetched at \(now) (\(context))")
                    case .keyNotFound, .badSignature:
                        break
                    default:
                        Issue.record("unexpected \(error) (\(context))")
                    }
                }
            }
            try await Self.settle(remote)
        }
        let times = server.fetchTimes
        for (earlier, later) in zip(times, times.dropFirst()) {
            #expect(later - earlier >= Self.cooldown, "fetches at \(earlier) and \(later) (seed \(seed))")
        }
        #expect(verified > 0, "no token verified in the whole schedule (seed \(seed))")
    }
}
