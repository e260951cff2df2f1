import CryptoPrimitives
import JSONWebToken
import StrictJSON
import VerifyKitTestSupport

/// A stand-in for an identity provider's `jwks_uri` and the clock a ``RemoteJWKSet`` ages its set by:
/// what the next fetch returns, how many fetches there were, and gates that hold a fetch until the
/// test lets it go.
final class KeyServer: Sendable {
    enum Answer: Sendable {
        case body([UInt8])
        case failure(String)
    }

    struct FetchFailure: Error, CustomStringConvertible {
        let description: String
    }

    private struct State {
        var answer: Answer
        /// The `Cache-Control` and `Age` values that ``fetchResponse`` returns with the body.
        var cacheControl: String? = nil
        var age: String? = nil
        var fetches = 0
        /// The clock reading at the start of each fetch.
        var fetchTimes: [Double] = []
        var now = TestTokens.now
        /// While set, fetches wait here (ignoring cancellation) until ``open()``.
        var gate: [CheckedContinuation<Void, Never>]? = nil
        var ended = 0
        /// How many times ``clock`` was read.
        var clockReads = 0
        var waiters: [Waiter] = []

        /// The waiters whose count `milestone` has now reached, taken off the list.
        mutating func reached(_ milestone: Milestone) -> [CheckedContinuation<Void, Never>] {
            let value = self[milestone]
            let due = waiters.filter { $0.milestone == milestone && $0.count <= value }
            waiters.removeAll { $0.milestone == milestone && $0.count <= value }
            return due.map(\.continuation)
        }

        subscript(milestone: Milestone) -> Int {
            switch milestone {
            case .started: fetches
            case .ended: ended
            case .clockRead: clockReads
            }
        }
        var cancelledFetches = 0
    }

    /// What a test can wait for: fetches begun, fetches returned or thrown, or clock readings.
    enum Milestone { case started, ended, clockRead }

    private struct Waiter {
        let milestone: Milestone
        let count: Int
        let continuation: CheckedContinuation<Void, Never>
    }

    private let state: LockedValue<State>

    init(_ answer: Answer) { state = LockedValue(State(answer: answer)) }

    convenience init(keys: [(Ed25519.PrivateKey, String)]) { self.init(.body(Self.keySet(keys))) }

    var fetches: Int { state.withLock { $0.fetches } }
    var fetchTimes: [Double] { state.withLock { $0.fetchTimes } }
    var cancelledFetches: Int { state.withLock { $0.cancelledFetches } }

    func answer(_ answer: Answer) { state.withLock { $0.answer = answer } }
    /// The caching headers of the next responses (read by sets made with `readingHeaders`).
    func headers(cacheControl: String?, age: String? = nil) {
        state.withLock { state in
            state.cacheControl = cacheControl
            state.age = age
        }
    }
    func serve(_ keys: [(Ed25519.PrivateKey, String)]) { answer(.body(Self.keySet(keys))) }

    // MARK: Clock

    /// Counts its readings: a ``RemoteJWKSet`` reads it under its lock for each decision, so a test
    /// can wait for a request to have decided (``clockReadingsTaken(_:)``).
    var clock: JWTClock {
        JWTClock { [state] in
            let (now, reached) = state.withLock { state in
                state.clockReads += 1
                return (state.now, state.reached(.clockRead))
            }
            for continuation in reached { continuation.resume() }
            return now
        }
    }
    func advance(_ seconds: Double) { state.withLock { $0.now += seconds } }
    var now: Double { state.withLock { $0.now } }
    /// How many times ``clock`` was read.
    var clockReads: Int { state.withLock { $0.clockReads } }

    /// Options at this server's clock.
    func options(_ configure: (inout JWTValidationOptions) -> Void = { _ in }) -> JWTValidationOptions {
        var options = JWTValidationOptions(clock: clock)
        configure(&options)
        return options
    }

    /// A ``RemoteJWKSet`` fetching from this server, at its clock; with `readingHeaders`, the fetch
    /// returns the server's caching headers with the body (``fetchResponse``), else the body alone.
    func remoteSet(
        keyPolicy: KeyPolicy = .default,
        configuration: RemoteJWKSetConfiguration = RemoteJWKSetConfiguration(),
        readingHeaders: Bool = false,
        options configure: (inout JWTValidationOptions) -> Void = { _ in }
    ) -> RemoteJWKSet {
        let options = options(configure)
        if readingHeaders {
            return RemoteJWKSet(
                keyPolicy: keyPolicy,
                options: options,
                configuration: configuration,
                fetchResponse: fetchResponse
            )
        }
        return RemoteJWKSet(keyPolicy: keyPolicy, options: options, configuration: configuration, fetch: fetch)
    }

    // MARK: Gates

    /// From now on fetches wait until ``open()``.
    func close() { state.withLock { $0.gate = [] } }

    /// Lets waiting fetches (and later ones) go on.
    func open() {
        let waiting = state.withLock { state in
            defer { state.gate = nil }
            return state.gate ?? []
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Returns once `count` fetches have started in all.
    func fetchesStarted(_ count: Int) async { await wait(for: .started, count) }

    /// Returns once `count` fetches have returned or thrown in all (abandoned ones included).
    func fetchesEnded(_ count: Int) async { await wait(for: .ended, count) }

    /// Returns once ``clock`` has been read `count` times in all.
    func clockReadingsTaken(_ count: Int) async { await wait(for: .clockRead, count) }

    private func wait(for milestone: Milestone, _ count: Int) async {
        await withCheckedContinuation { continuation in
            let reached = state.withLock { state in
                if state[milestone] >= count { return true }
                state.waiters.append(Waiter(milestone: milestone, count: count, continuation: continuation))
                return false
            }
            if reached { continuation.resume() }
        }
    }

    // MARK: Fetching

    /// The fetch to give a ``RemoteJWKSet``: the body alone.
    var fetch: @Sendable () async throws -> [UInt8] {
        { [self] in try await self.handle().body }
    }

    /// The fetch to give a ``RemoteJWKSet``: the body with the caching headers set by ``headers(cacheControl:age:)``.
    var fetchResponse: @Sendable () async throws -> RemoteJWKSetResponse {
        { [self] in try await self.handle() }
    }

    private func handle() async throws -> RemoteJWKSetResponse {
        let (answer, cacheControl, age, started, gated) = state.withLock { state in
            state.fetches += 1
            state.fetchTimes.append(state.now)
            let started = state.reached(.started)
            return (state.answer, state.cacheControl, state.age, started, state.gate != nil)
        }
        for continuation in started { continuation.resume() }
        if gated {
            await withCheckedContinuation { continuation in
                let open = state.withLock { state in
                    guard state.gate != nil else { return true }
                    state.gate?.append(continuation)
                    return false
                }
                if open { continuation.resume() }
            }
        }
        let cancelled = Task.isCancelled
        let ended = state.withLock { state in
            if cancelled { state.cancelledFetches += 1 }
            state.ended += 1
            return state.reached(.ended)
        }
        for continuation in ended { continuation.resume() }
        switch answer {
        case .body(let bytes): return RemoteJWKSetResponse(body: bytes, cacheControl: cacheControl, age: age)
        case .failure(let text): throw FetchFailure(description: text)
        }
    }

    // MARK: Keys and tokens

    static let keyA = try! Ed25519.PrivateKey(seed: [UInt8](repeating: 0xA1, count: 32))
    static let keyB = try! Ed25519.PrivateKey(seed: [UInt8](repeating: 0xB2, count: 32))
    static let keyC = try! Ed25519.PrivateKey(seed: [UInt8](repeating: 0xC3, count: 32))

    static func keySet(_ keys: [(Ed25519.PrivateKey, String)]) -> [UInt8] {
        let members = keys.map { key, kid in
            JSONValue.object(JWK(key: CryptoKey(key.publicKey), keyID: kid, algorithm: .eddsa).publicJSON)
        }
        return Array(JSONValue.object(["keys": .array(members)]).serializedString().utf8)
    }

    /// A token signed by `key` under `kid`, valid for `lifetime` seconds (a day) from the test epoch.
    static func token(
        _ key: Ed25519.PrivateKey,
        kid: String,
        issuer: String? = nil,
        lifetime: Double = 86_400
    ) -> String {
        var claims = JWTClaims(subject: "alice", expiration: ExpirationClaim(value: TestTokens.now + lifetime))
        claims.issuer = issuer.map { IssuerClaim(value: $0) }
        return try! JWTSigner.sign(claims, jwk: JWK(key: CryptoKey(key), keyID: kid, algorithm: .eddsa))
    }
}
