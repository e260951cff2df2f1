import CryptoPrimitives
import JSONWebToken
import StrictJSON
import Testing

@Suite("RemoteJWKSet: fetching, ageing and refetching a key set", .timeLimit(.minutes(1)))
struct RemoteJWKSetTests {
    typealias Server = KeyServer

    static let tokenA = Server.token(Server.keyA, kid: "a")
    static let tokenB = Server.token(Server.keyB, kid: "b")

    @Test("nothing is fetched before the first token; then one fetch serves every token until maxAge")
    func firstUseThenFresh() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = server.remoteSet()
        #expect(server.fetches == 0)
        #expect(remote.status.fetchedAt == nil)
        #expect(try await remote.verify(Self.tokenA).claims.subject?.value == "alice")
        #expect(server.fetches == 1)
        server.advance(599)
        for _ in 0..<20 { _ = try await remote.verify(Self.tokenA) }
        #expect(server.fetches == 1)
        let status = remote.status
        #expect(status.fetchedAt == TestTokens.now)
        #expect(status.keyCount == 1)
        #expect(status.successfulFetches == 1 && status.failedFetches == 0 && status.lastError == nil)
        #expect(!status.isFetching)
    }

    @Test("requests that arrive while the first fetch runs share it")
    func concurrentFirstUseSharesOneFetch() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        server.close()
        let remote = server.remoteSet()
        try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<40 {
                group.addTask { try await remote.verify(Self.tokenA).claims.subject?.value }
            }
            await server.fetchesStarted(1)
            #expect(remote.status.isFetching)
            server.open()
            for try await subject in group { #expect(subject == "alice") }
        }
        #expect(server.fetches == 1)
    }

    @Test("past maxAge the old set answers at once while one background fetch replaces it")
    func staleWhileRevalidate() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = server.remoteSet()
        _ = try await remote.verify(Self.tokenA)
        server.serve([(Server.keyB, "b")])
        server.close()
        server.advance(600)
        // The fetch is held at the gate, yet the old set still verifies, many times, with one fetch.
        for _ in 0..<10 { _ = try await remote.verify(Self.tokenA) }
        await server.fetchesStarted(2)
        #expect(server.fetches == 2)
        #expect(remote.status.isFetching)
        server.open()
        try await remote.refresh()  // joins the running fetch
        #expect(server.fetches == 2)
        #expect(try await remote.verify(Self.tokenB).keyID == "b")
        #expect(remote.status.fetchedAt == TestTokens.now + 600)
    }

    @Test("a kid the set lacks fetches again and verifies with the new set (key rotation)")
    func unknownKidRefetches() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = server.remoteSet()
        _ = try await remote.verify(Self.tokenA)
        server.serve([(Server.keyA, "a"), (Server.keyB, "b")])
        server.advance(30)
        #expect(try await remote.verify(Self.tokenB).keyID == "b")
        #expect(server.fetches == 2)
        #expect(try await remote.verify(Self.tokenA).keyID == "a")
        #expect(server.fetches == 2)
        #expect(remote.status.keyCount == 2)  // the new set's (a count of 1 for any set went unnoticed)
    }

    @Test("unknown kids fetch at most once per cooldown; within it key_not_found stands")
    func unknownKidsAreRateLimited() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = server.remoteSet()
        _ = try await remote.verify(Self.tokenA)
        // The first fetch started just now, so a miss now is within the cooldown.
        for index in 0..<50 {
            let token = Server.token(Server.keyC, kid: "made-up-\(index)")
            await #expect(throws: JWTError.keyNotFound) { try await remote.verify(token) }
        }
        #expect(server.fetches == 1)
        server.advance(29)
        await #expect(throws: JWTError.keyNotFound) { try await remote.verify(Self.tokenB) }
        #expect(server.fetches == 1)
        server.advance(1)
        for index in 0..<50 {
            let token = Server.token(Server.keyC, kid: "made-up-\(index)")
            await #expect(throws: JWTError.keyNotFound) { try await remote.verify(token) }
        }
        #expect(server.fetches == 2)
    }

    @Test("a key that is in the set but a signature that is wrong fetches nothing")
    func badSignatureDoesNotRefetch() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = server.remoteSet()
        _ = try await remote.verify(Self.tokenA)
        server.advance(60)
        let forged = Server.token(Server.keyB, kid: "a")
        await #expect(throws: JWTError.badSignature) { try await remote.verify(forged) }
        #expect(server.fetches == 1)
    }

    @Test("a failed first fetch is key_set_unavailable naming the failure; retried only after the cooldown")
    func firstFetchFails() async throws {
        let server = Server(.failure("HTTP 503 from https://idp.example/jwks"))
        let remote = server.remoteSet()
        let first = await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(Self.tokenA) }
        #expect(first?.message.contains("fetching the JWK Set failed: HTTP 503 from https://idp.example/jwks") == true)
        #expect(remote.status.lastError?.code == .keySetUnavailable)
        #expect(remote.status.failedFetches == 1)

        server.serve([(Server.keyA, "a")])
        server.advance(10)
        let early = await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(Self.tokenA) }
        #expect(early?.message.contains("the last fetch failed") == true)
        #expect(early?.message.contains("in 20 s") == true)
        #expect(server.fetches == 1)

        server.advance(20)
        #expect(try await remote.verify(Self.tokenA).keyID == "a")
        #expect(server.fetches == 2)
        #expect(remote.status.lastError == nil)
    }

    @Test("when refreshes fail the old set serves for staleIfError past maxAge, then tokens are refused")
    func staleIfError() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = server.remoteSet(
            configuration: RemoteJWKSetConfiguration(maxAge: 600, cooldown: 30, staleIfError: 3600)
        )
        _ = try await remote.verify(Self.tokenA)
        server.answer(.failure("connection refused"))
        server.advance(600)
        _ = try await remote.verify(Self.tokenA)  // serves; starts a refresh that fails
        try? await remote.refresh()
        #expect(remote.status.lastError?.message.contains("connection refused") == true)
        #expect(remote.status.fetchedAt == TestTokens.now)

        server.advance(3599)  // 4199 s old: still served
        _ = try await remote.verify(Self.tokenA)
        try? await remote.refresh()
        server.advance(1)  // 4200 s: past maxAge + staleIfError, and the last fetch started 1 s ago
        let refused = await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(Self.tokenA) }
        #expect(refused?.message.contains("too old to use") == true)

        server.serve([(Server.keyA, "a")])
        server.advance(30)
        #expect(try await remote.verify(Self.tokenA).keyID == "a")
    }

    @Test("a fetched set that is refused keeps the set in use and is reported")
    func refusedSetKeepsOld() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = server.remoteSet()
        _ = try await remote.verify(Self.tokenA)
        for (body, code) in [
            (#"{"keys":["#, JWTError.Code.invalidKeySet),
            (#"{"keys":[]}"#, .invalidKeySet),
            ("<html>Service Unavailable</html>", .invalidKeySet),
        ] {
            server.answer(.body(Array(body.utf8)))
            let error = await #expect(throws: JWTError.self) { try await remote.refresh() }
            #expect(error?.code == code, "\(body)")
            #expect(error?.message.hasPrefix("the fetched JWK Set was refused: ") == true)
            #expect(try await remote.verify(Self.tokenA).keyID == "a")
        }
        #expect(remote.status.failedFetches == 3)
        #expect(remote.status.successfulFetches == 1)
    }

    @Test("a refused first set is key_set_unavailable for requests, naming the cause; refresh() gives its own code")
    func refusedFirstSet() async throws {
        let server = Server(.body(Array(#"{"keys":[]}"#.utf8)))
        let remote = server.remoteSet()
        let error = await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(Self.tokenA) }
        #expect(error?.message.hasPrefix("the fetched JWK Set was refused: ") == true)
        #expect(error?.message.hasSuffix("(invalid_key_set)") == true)
        #expect(remote.status.lastError?.code == .invalidKeySet)
        await #expect(throws: JWTError.invalidKeySet) { try await remote.refresh() }
        #expect(server.fetches == 2)
    }

    @Test("keys are read with the set's policy and checked with its options")
    func policyAndOptionsApply() async throws {
        let rsaMember = JSONValue.object(JWK(key: CryptoKey(TestKeys.rsa.publicKey), keyID: "rsa").publicJSON)
        let good = JSONValue.object(
            JWK(key: CryptoKey(Server.keyA.publicKey), keyID: "a", algorithm: .eddsa).publicJSON
        )
        let body = Array(JSONValue.object(["keys": .array([rsaMember, good])]).serializedString().utf8)
        let server = Server(.body(body))
        let policy = KeyPolicy(minimumRSABits: 3072)
        let remote = server.remoteSet(keyPolicy: policy) { $0.issuers = ["https://idp.example"] }
        await #expect(throws: JWTError.invalidIssuer) { try await remote.verify(Self.tokenA) }
        let issued = Server.token(Server.keyA, kid: "a", issuer: "https://idp.example")
        #expect(try await remote.verify(issued).claims.issuer?.value == "https://idp.example")
        // The 2048-bit RSA key is below this set's policy: its tokens are weak_key, not fetched for.
        let rsaToken = try JWTSigner.sign(
            JWTClaims(issuer: IssuerClaim(value: "https://idp.example")),
            header: JWTHeader(keyID: "rsa"),
            key: CryptoKey(TestKeys.rsa),
            algorithm: .rs256
        )
        await #expect(throws: JWTError.weakKey) { try await remote.verify(rsaToken) }
        let keys = try await remote.keys()
        #expect(keys.options.issuers == ["https://idp.example"])
        #expect(keys.keyPolicy == policy)
        #expect(keys.keyIDs.compactMap { $0 }.sorted() == ["a", "rsa"])
        #expect(server.fetches == 1)
    }

    @Test("a fetch that runs over fetchTimeout fails without being waited for, and is cancelled")
    func fetchTimeout() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        server.close()  // the fetch waits at the gate and ignores cancellation
        let remote = server.remoteSet(
            configuration: RemoteJWKSetConfiguration(fetchTimeout: .milliseconds(50))
        )
        let error = await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(Self.tokenA) }
        // The configured limit, not the default 10 s (a test with only "no answer within" passed, slower).
        #expect(error?.message.contains("no answer within 0.05 seconds") == true, "\(error?.message ?? "")")
        #expect(!remote.status.isFetching)
        server.open()  // the abandoned fetch ends now; its result is dropped
        await server.fetchesEnded(1)
        #expect(server.cancelledFetches == 1)
        #expect(remote.status.keyCount == 0)
        server.advance(30)
        #expect(try await remote.verify(Self.tokenA).keyID == "a")
        #expect(server.fetches == 2)
        #expect(remote.status.successfulFetches == 1 && remote.status.failedFetches == 1)
    }

    @Test("refresh() fetches at once whatever the cooldown; a failure throws and keeps the set")
    func explicitRefresh() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = server.remoteSet()
        try await remote.refresh()
        try await remote.refresh()
        #expect(server.fetches == 2)
        server.answer(.failure("timeout"))
        await #expect(throws: JWTError.keySetUnavailable) { try await remote.refresh() }
        #expect(try await remote.verify(Self.tokenA).keyID == "a")
        #expect(server.fetches == 3)
    }

    @Test("a clock that steps back keeps the set's age and the cooldown's rest: it neither refreshes nor blocks")
    func clockStepsBack() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = server.remoteSet()
        _ = try await remote.verify(Self.tokenA)
        server.advance(20)
        _ = try await remote.verify(Self.tokenA)
        server.advance(-3600)  // counted from the reading before: 20 s
        _ = try await remote.verify(Self.tokenA)
        #expect(!remote.status.isFetching)
        #expect(remote.status.fetchedAt == TestTokens.now - 3600)  // the fetch's time on the new scale
        server.advance(10)  // 30 s after the first fetch: a miss may fetch
        await #expect(throws: JWTError.keyNotFound) { try await remote.verify(Self.tokenB) }
        #expect(server.fetches == 2)
    }

    @Test("configuration values outside their ranges are brought into them")
    func configurationRanges() {
        func effective(_ configuration: RemoteJWKSetConfiguration) -> RemoteJWKSetConfiguration {
            RemoteJWKSet(configuration: configuration) { [] }.configuration
        }
        let odd = effective(
            RemoteJWKSetConfiguration(maxAge: .nan, cooldown: -5, staleIfError: .infinity, fetchTimeout: .zero)
        )
        #expect(odd.maxAge == 600)
        #expect(odd.cooldown == 1)
        #expect(odd.staleIfError == RemoteJWKSetConfiguration.maximumStaleIfError)
        #expect(odd.fetchTimeout == .milliseconds(1))
        let nanStale = effective(RemoteJWKSetConfiguration(maxAge: 0, cooldown: .nan, staleIfError: .nan))
        #expect(nanStale.maxAge == 1 && nanStale.cooldown == 30 && nanStale.staleIfError == 3600)
        // Documented as clamped to 0...604800 (the fetch rules treat a negative one as 0 either way).
        #expect(effective(RemoteJWKSetConfiguration(staleIfError: -5)).staleIfError == 0)
        #expect(effective(RemoteJWKSetConfiguration(staleIfError: -.infinity)).staleIfError == 0)
        let huge = effective(
            RemoteJWKSetConfiguration(maxAge: .infinity, cooldown: .infinity, fetchTimeout: .seconds(Int64.max))
        )
        #expect(huge.maxAge == RemoteJWKSetConfiguration.maximumMaxAge)
        #expect(huge.cooldown == RemoteJWKSetConfiguration.maximumCooldown)
        #expect(huge.fetchTimeout == RemoteJWKSetConfiguration.maximumFetchTimeout)
    }

    @Test("many tasks verifying across a key rotation: every result is right and fetches stay bounded")
    func concurrentRotation() async throws {
        let server = Server(keys: [(Server.keyA, "a")])
        let remote = server.remoteSet()
        _ = try await remote.verify(Self.tokenA)
        server.serve([(Server.keyA, "a"), (Server.keyB, "b")])
        server.advance(45)
        try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<200 {
                group.addTask {
                    try await remote.verify(index.isMultiple(of: 2) ? Self.tokenA : Self.tokenB).keyID
                }
            }
            var seen: [String: Int] = [:]
            for try await kid in group { seen[kid ?? "-", default: 0] += 1 }
            #expect(seen == ["a": 100, "b": 100])
        }
        #expect(server.fetches == 2)
    }
}
