import CryptoPrimitives
import JSONWebToken
import StrictJSON
import Testing
import VerifyKitTestSupport

/// A set whose fetch returns ``RemoteJWKSetResponse`` lives as long as the response's
/// `Cache-Control` and `Age` say, within the configuration's bounds.
@Suite("RemoteJWKSet: a set's life from the key endpoint's Cache-Control and Age", .timeLimit(.minutes(1)))
struct RemoteJWKSetCacheControlTests {
    typealias Server = KeyServer

    /// Valid for 30 days: longer than any test moves the clock.
    static let tokenA = Server.token(Server.keyA, kid: "a", lifetime: 30 * 86_400)
    static let week = RemoteJWKSetConfiguration.maximumMaxAge

    /// A server for key "a" whose responses carry `cacheControl` and `age`, and a set reading them,
    /// after its first fetch (at the test epoch).
    static func fetched(
        cacheControl: String?,
        age: String? = nil,
        configuration: RemoteJWKSetConfiguration = RemoteJWKSetConfiguration()
    ) async throws -> (Server, RemoteJWKSet) {
        let server = Server(keys: [(Server.keyA, "a")])
        server.headers(cacheControl: cacheControl, age: age)
        let remote = server.remoteSet(configuration: configuration, readingHeaders: true)
        _ = try await remote.verify(Self.tokenA)
        #expect(server.fetches == 1)
        return (server, remote)
    }

    /// Moves the clock to `seconds` after the first fetch and verifies a token with the set in use;
    /// returns whether that started a (background) fetch, having waited for the fetch to store its
    /// result if it did. The fetch is held at the gate until the set has been asked, so it cannot
    /// have finished unseen; it reads the clock once, to store its result, after the request has.
    static func verifyStartsFetch(_ remote: RemoteJWKSet, _ server: Server, at seconds: Double) async throws -> Bool {
        server.advance(TestTokens.now + seconds - server.now)
        server.close()
        _ = try await remote.verify(Self.tokenA)
        let started = remote.status.isFetching
        let readings = server.clockReads
        server.open()
        if started { await server.clockReadingsTaken(readings + 1) }
        return started
    }

    @Test("max-age=N refreshes after N seconds, not after the configured maxAge (shorter or longer)")
    func maxAgeDecides() async throws {
        let (server, remote) = try await Self.fetched(cacheControl: "public, max-age=120, must-revalidate")
        #expect(remote.status.lifetime == 120)
        #expect(try await !Self.verifyStartsFetch(remote, server, at: 119))
        #expect(try await Self.verifyStartsFetch(remote, server, at: 120))
        #expect(server.fetches == 2)
        #expect(remote.status.fetchedAt == TestTokens.now + 120)

        // Google's header: longer than the configured 600 s.
        server.headers(cacheControl: "public, max-age=19645, must-revalidate, no-transform")
        try await remote.refresh()  // at 120 s
        #expect(remote.status.lifetime == 19645)
        #expect(try await !Self.verifyStartsFetch(remote, server, at: 120 + 600))
        #expect(try await !Self.verifyStartsFetch(remote, server, at: 120 + 19644))
        #expect(try await Self.verifyStartsFetch(remote, server, at: 120 + 19645))
        #expect(server.fetches == 4)
    }

    @Test("without a usable header, or with the body alone, the configured maxAge applies")
    func noHeaderKeepsMaxAge() async throws {
        let configuration = RemoteJWKSetConfiguration(maxAge: 300)
        for header in [nil, "", "public", "s-maxage=5000", "stale-if-error=5000, must-revalidate"] {
            let (server, remote) = try await Self.fetched(cacheControl: header, age: "10", configuration: configuration)
            #expect(remote.status.lifetime == 300, "\(header ?? "nil")")
            #expect(try await !Self.verifyStartsFetch(remote, server, at: 299), "\(header ?? "nil")")
            #expect(try await Self.verifyStartsFetch(remote, server, at: 300), "\(header ?? "nil")")
        }
        // The fetch that returns the body alone cannot pass headers on, whatever the server sends.
        let server = Server(keys: [(Server.keyA, "a")])
        server.headers(cacheControl: "max-age=5000")
        let remote = server.remoteSet(configuration: configuration)
        _ = try await remote.verify(Self.tokenA)
        #expect(remote.status.lifetime == 300)
        // The minimum bounds headers only: a configured maxAge below it applies as given.
        let (_, short) = try await Self.fetched(cacheControl: nil, configuration: RemoteJWKSetConfiguration(maxAge: 10))
        #expect(short.status.lifetime == 10)
    }

    @Test("a max-age above maximumHeaderLifetime (a day by default, a week at most) is that")
    func capAtMaximum() async throws {
        let day = 86_400.0
        for header in [
            "max-age=86401", "max-age=604801", "max-age=2147483648", "max-age=" + String(repeating: "9", count: 50),
        ] {
            let (server, remote) = try await Self.fetched(cacheControl: header)
            #expect(remote.status.lifetime == day, "\(header)")
            #expect(try await !Self.verifyStartsFetch(remote, server, at: day - 1), "\(header)")
            #expect(try await Self.verifyStartsFetch(remote, server, at: day), "\(header)")
        }
        let (_, dayExactly) = try await Self.fetched(cacheControl: "max-age=86400")
        #expect(dayExactly.status.lifetime == day)
        let configuration = RemoteJWKSetConfiguration(maximumHeaderLifetime: .infinity)
        for header in ["max-age=604801", "max-age=" + String(repeating: "9", count: 50)] {
            let (server, remote) = try await Self.fetched(cacheControl: header, configuration: configuration)
            #expect(remote.status.lifetime == Self.week, "\(header)")
            #expect(try await !Self.verifyStartsFetch(remote, server, at: Self.week - 1), "\(header)")
            #expect(try await Self.verifyStartsFetch(remote, server, at: Self.week), "\(header)")
        }
        let (_, twoDays) = try await Self.fetched(cacheControl: "max-age=172800", configuration: configuration)
        #expect(twoDays.status.lifetime == 172_800)
    }

    @Test("a header never gets a longer life than maxAge by asking for less; a maximum below the minimum wins")
    func boundsNeverLengthen() async throws {
        for header in ["no-store", "max-age=3", "max-age=x"] {
            let short = RemoteJWKSetConfiguration(maxAge: 10)
            let (server, remote) = try await Self.fetched(cacheControl: header, configuration: short)
            #expect(remote.status.lifetime == 10, "\(header)")
            // The cooldown (30 s) holds the refresh back; past it the set is refreshed, not at 60.
            #expect(try await Self.verifyStartsFetch(remote, server, at: 30), "\(header)")
        }
        // maxAge above the minimum leaves the minimum alone.
        let (_, longer) = try await Self.fetched(
            cacheControl: "no-store",
            configuration: RemoteJWKSetConfiguration(maxAge: 90)
        )
        #expect(longer.status.lifetime == 60)
        let inverted = RemoteJWKSetConfiguration(minimumHeaderLifetime: 120, maximumHeaderLifetime: 45)
        for header in ["no-store", "max-age=5", "max-age=1000"] {
            let (_, remote) = try await Self.fetched(cacheControl: header, configuration: inverted)
            #expect(remote.status.lifetime == 45, "\(header)")
        }
    }

    @Test("a lifetime below minimumHeaderLifetime (max-age, Age, no-store, no-cache, invalid) is the minimum")
    func raisedToMinimum() async throws {
        for (header, age) in [
            ("max-age=5", nil), ("max-age=0", nil), ("max-age=600", "590"), ("max-age=600", "9999"),
            ("no-store", nil), ("no-cache", nil), ("max-age=3600, no-store", nil), ("max-age=-1", nil),
            ("max-age=60, max-age=3600", nil),
        ] as [(String, String?)] {
            let (server, remote) = try await Self.fetched(cacheControl: header, age: age)
            #expect(remote.status.lifetime == 60, "\(header) \(age ?? "")")
            #expect(try await !Self.verifyStartsFetch(remote, server, at: 59), "\(header) \(age ?? "")")
            #expect(try await Self.verifyStartsFetch(remote, server, at: 60), "\(header) \(age ?? "")")
        }
        // A minimum of its own.
        let configuration = RemoteJWKSetConfiguration(minimumHeaderLifetime: 10)
        let (server, remote) = try await Self.fetched(cacheControl: "no-store", configuration: configuration)
        #expect(remote.status.lifetime == 10)
        #expect(try await !Self.verifyStartsFetch(remote, server, at: 9))
        // The cooldown (30 s from the first fetch) still holds the refresh back.
        #expect(try await !Self.verifyStartsFetch(remote, server, at: 29))
        #expect(try await Self.verifyStartsFetch(remote, server, at: 30))
    }

    @Test("Age is subtracted from max-age")
    func ageSubtracted() async throws {
        let (server, remote) = try await Self.fetched(cacheControl: "max-age=600", age: "500")
        #expect(remote.status.lifetime == 100)
        #expect(try await !Self.verifyStartsFetch(remote, server, at: 99))
        #expect(try await Self.verifyStartsFetch(remote, server, at: 100))
        // An Age that is not a number is ignored.
        let (_, invalidAge) = try await Self.fetched(cacheControl: "max-age=600", age: "five")
        #expect(invalidAge.status.lifetime == 600)
    }

    @Test("staleIfError is counted from the header's lifetime, shorter or longer than maxAge")
    func staleIfErrorFromHeaderLifetime() async throws {
        let configuration = RemoteJWKSetConfiguration(maxAge: 600, cooldown: 30, staleIfError: 3600)
        for lifetime in [120.0, 7200] {
            let (server, remote) = try await Self.fetched(
                cacheControl: "max-age=\(Int(lifetime))",
                configuration: configuration
            )
            server.answer(.failure("connection refused"))
            #expect(try await Self.verifyStartsFetch(remote, server, at: lifetime))  // fails; the set serves on
            #expect(remote.status.lastError != nil)
            #expect(try await Self.verifyStartsFetch(remote, server, at: lifetime + 3599))  // still served
            #expect(remote.status.lifetime == lifetime)  // a failed fetch leaves the set's life alone
            server.advance(1)  // its life + staleIfError: refused (the last fetch started 1 s ago)
            let refused = await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(Self.tokenA) }
            #expect(refused?.message.contains("too old to use") == true, "\(lifetime)")
        }
    }

    @Test("status shows each set's lifetime, nil before the first success")
    func statusShowsLifetime() async throws {
        let server = Server(.failure("503"))
        server.headers(cacheControl: "max-age=1000")
        let remote = server.remoteSet(readingHeaders: true)
        #expect(remote.status.lifetime == nil)
        await #expect(throws: JWTError.keySetUnavailable) { try await remote.refresh() }
        #expect(remote.status.lifetime == nil)
        server.serve([(Server.keyA, "a")])
        try await remote.refresh()
        #expect(remote.status.lifetime == 1000)
        server.headers(cacheControl: "max-age=2000")
        try await remote.refresh()
        #expect(remote.status.lifetime == 2000)
        // A refused set leaves the life of the set in use.
        server.answer(.body(Array(#"{"keys":[]}"#.utf8)))
        server.headers(cacheControl: "max-age=3000")
        await #expect(throws: JWTError.invalidKeySet) { try await remote.refresh() }
        #expect(remote.status.lifetime == 2000)
        server.serve([(Server.keyA, "a")])
        server.headers(cacheControl: nil)
        try await remote.refresh()
        #expect(remote.status.lifetime == 600)
    }

    @Test(
        "minimumHeaderLifetime and maximumHeaderLifetime are brought into range: NaN is the default, at least 1, at most a week"
    )
    func headerLifetimeBoundsRange() {
        typealias Bound = WritableKeyPath<RemoteJWKSetConfiguration, Double>
        let bounds: [(Bound, Double, String)] = [
            (\.minimumHeaderLifetime, 60, "minimumHeaderLifetime"),
            (\.maximumHeaderLifetime, 86_400, "maximumHeaderLifetime"),
        ]
        for (bound, defaultValue, name) in bounds {
            func effective(_ value: Double) -> Double {
                var configuration = RemoteJWKSetConfiguration()
                configuration[keyPath: bound] = value
                return RemoteJWKSet(configuration: configuration) { [] }.configuration[keyPath: bound]
            }
            #expect(RemoteJWKSetConfiguration()[keyPath: bound] == defaultValue, "\(name)")
            #expect(effective(.nan) == defaultValue, "\(name)")
            #expect(effective(0) == 1, "\(name)")
            #expect(effective(-5) == 1, "\(name)")
            #expect(effective(.infinity) == Self.week, "\(name)")
            #expect(effective(7200) == 7200, "\(name)")
        }
    }

    @Test("a trailing closure returning a response reads its headers; one returning bytes or only throwing compiles")
    func trailingClosures() async throws {
        let body = Server.keySet([(Server.keyA, "a")])
        let withHeaders = RemoteJWKSet {
            let cacheControl = ["public", "max-age=900"].joined(separator: ",")
            return RemoteJWKSetResponse(body: body, cacheControl: cacheControl)
        }
        try await withHeaders.refresh()
        #expect(withHeaders.status.lifetime == 900)
        let single = RemoteJWKSet { RemoteJWKSetResponse(body: body, cacheControl: "max-age=901") }
        try await single.refresh()
        #expect(single.status.lifetime == 901)
        let bytes = RemoteJWKSet { body }
        try await bytes.refresh()
        #expect(bytes.status.lifetime == 600)
        let failing = RemoteJWKSet { throw Server.FetchFailure(description: "down") }
        await #expect(throws: JWTError.keySetUnavailable) { try await failing.refresh() }
        let discovery = try RemoteJWKSet(openIDIssuer: "https://idp.example") { _ in
            throw Server.FetchFailure(description: "down")
        }
        await #expect(throws: JWTError.keySetUnavailable) { try await discovery.refresh() }
    }

    // MARK: OpenID

    /// A provider whose discovery document and key set come with their own caching headers.
    static func openIDSet(
        requests: LockedValue<[String]>,
        discoveryDown: LockedValue<Bool>,
        jwksCacheControl: LockedValue<String>
    ) throws -> RemoteJWKSet {
        try RemoteJWKSet(openIDIssuer: "https://idp.example") { url in
            requests.withLock { $0.append(url) }
            switch url {
            case "https://idp.example/.well-known/openid-configuration":
                if discoveryDown.withLock({ $0 }) { throw Server.FetchFailure(description: "503") }
                return RemoteJWKSetResponse(
                    body: Array(#"{"issuer":"https://idp.example","jwks_uri":"https://keys.idp.example/jwks"}"#.utf8),
                    cacheControl: "max-age=5",
                    age: "1"
                )
            case "https://keys.idp.example/jwks":
                return RemoteJWKSetResponse(
                    body: Server.keySet([(Server.keyA, "a")]),
                    cacheControl: jwksCacheControl.withLock { $0 },
                    age: "34"
                )
            default:
                throw Server.FetchFailure(description: "404 for \(url)")
            }
        }
    }

    @Test("through OpenID discovery, the key set's headers decide (the document's are ignored), fallback included")
    func openIDPassesJWKSHeaders() async throws {
        let requests = LockedValue<[String]>([])
        let discoveryDown = LockedValue(false)
        let cacheControl = LockedValue("max-age=1234")
        let remote = try Self.openIDSet(
            requests: requests,
            discoveryDown: discoveryDown,
            jwksCacheControl: cacheControl
        )
        try await remote.refresh()
        #expect(remote.status.lifetime == 1200)
        #expect(requests.withLock { $0 }.count == 2)
        // The discovery endpoint is down: the keys come from the last jwks_uri, with their headers.
        discoveryDown.withLock { $0 = true }
        cacheControl.withLock { $0 = "max-age=5034" }
        try await remote.refresh()
        #expect(remote.status.lifetime == 5000)
        #expect(requests.withLock { $0 }.count == 4)
    }
}
