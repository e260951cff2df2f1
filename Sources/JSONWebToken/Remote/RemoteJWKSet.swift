public import CryptoPrimitives

#if !VERIFYKIT_PTHREAD_LOCKS
internal import Synchronization
#endif

/// Verifies tokens against a JWK Set that lives elsewhere (an identity provider's `jwks_uri`),
/// fetching it when needed and again when it gets old or a token names a key it lacks.
///
/// You supply the fetch, so any HTTP client works and this module needs none; it returns the
/// response body with its caching headers (or the body alone, see
/// ``init(keyPolicy:options:configuration:fetch:)``) and throws for anything but a successful
/// response:
///
/// ```swift
/// let google = RemoteJWKSet(
///     options: JWTValidationOptions(issuers: ["https://accounts.google.com"], audiences: [clientID])
/// ) {
///     let response = try await http.execute(HTTPClientRequest(url: jwksURL), timeout: .seconds(5))
///     guard response.status == .ok else { throw KeySetFetchError(status: response.status.code) }
///     return RemoteJWKSetResponse(
///         body: Array(try await response.body.collect(upTo: 1 << 20).readableBytesView),
///         cacheControl: response.headers["Cache-Control"].joined(separator: ","),
///         age: response.headers.first(name: "Age")
///     )
/// }
/// let claims = try await google.verify(idToken, as: GoogleIDClaims.self).claims
/// ```
///
/// When it fetches (``RemoteJWKSetConfiguration`` holds the times):
/// - **First use:** requests wait for the first fetch. Concurrent requests share one fetch.
/// - **Older than its life:** the response's `Cache-Control: max-age` less its `Age` (Google's
///   keys: about five hours), within ``RemoteJWKSetConfiguration/minimumHeaderLifetime``
///   and ``RemoteJWKSetConfiguration/maximumHeaderLifetime`` (a minute and a day by default;
///   ``RemoteJWKSetResponse`` has the rules), or ``RemoteJWKSetConfiguration/maxAge`` when the
///   response says nothing. The set in use keeps serving while a new one is fetched in the
///   background; nobody waits for it. A failed refresh keeps the old set for up to `staleIfError`
///   more, then tokens are refused with `key_set_unavailable` until a fetch succeeds.
/// - **A `kid` the set does not have** (`key_not_found`): the request waits for a fresh set and
///   verifies once more, so a provider's new signing key works at once. Such fetches start at most
///   once per `cooldown`; otherwise the `key_not_found` stands.
/// - A fetched set goes through ``JWTKeyCollection/add(jwks:)-(Collection<UInt8>)`` with this set's
///   key policy: a refused set counts as a failed fetch and the previous set stays in use.
///
/// Verification itself is the key collection's, synchronous on the caller's task: a request that
/// needs no fetch takes a lock for as long as it takes to read the clock and copy one reference,
/// and never suspends (called from an actor, the call leaves the actor, as a call of any
/// nonisolated `async` function does). The fetch runs in its own task, which a request's cancellation does not
/// reach: a cancelled request that waits for a fetch still waits for it (at most
/// ``RemoteJWKSetConfiguration/fetchTimeout``), and the others go on sharing it.
///
/// Cap the body's size in the fetch (above, 1 MiB): the set's own limits (256 keys, 1 MiB of JSON)
/// apply after the body is in memory. Use an async client: a fetch that blocks its thread (a
/// synchronous read) is not bounded by `fetchTimeout` once the runtime's threads (one per core)
/// are all blocked, and it stalls every task in the process meanwhile.
///
/// For an OpenID provider known only by its issuer,
/// ``init(openIDIssuer:keyPolicy:options:configuration:getResponse:)`` finds the set through the
/// provider's discovery document.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
public final class RemoteJWKSet: Sendable {
    /// The policy every fetched key must meet.
    public let keyPolicy: KeyPolicy
    /// The checks applied to every token (and the clock that ages the set).
    public let options: JWTValidationOptions
    /// When to fetch, with every value in its range.
    public let configuration: RemoteJWKSetConfiguration

    private let fetch: @Sendable () async throws -> RemoteJWKSetResponse
    private let abandoned = FetchDeadline.Abandoned()

    /// Most fetches that ran over ``RemoteJWKSetConfiguration/fetchTimeout`` and have not returned
    /// (they ignore cancellation) before no new fetch starts: 4. Each holds whatever the fetch holds
    /// (a connection, a buffer), and a new one could start every cooldown; fetching resumes when
    /// one returns, and requests are refused with `key_set_unavailable` saying so meanwhile.
    public static let maximumAbandonedFetches = 4
    private let state: ShardLock<RemoteJWKSetState>

    /// A set that fetches with `fetchResponse` when a request first needs keys (not before), and
    /// uses each set for as long as its response's `Cache-Control` and `Age` say (see
    /// ``RemoteJWKSetResponse``).
    ///
    /// A trailing closure that returns a ``RemoteJWKSetResponse`` calls this initializer; one that
    /// only throws fits both and calls
    /// ``init(keyPolicy:options:configuration:fetch:)``,
    /// as it did before this one came.
    ///
    /// - Parameters:
    ///   - keyPolicy: the policy every fetched key must meet.
    ///   - options: the checks for every token; their ``JWTValidationOptions/clock`` also decides
    ///     how old the set is. It is read under the set's lock, so it must not call into the set.
    ///     When it steps back, the set keeps its age (the step is not counted either way).
    ///   - configuration: when to fetch again, and the bounds of a header's lifetime.
    ///   - fetchResponse: returns the JWK Set's JSON with the response's `Cache-Control` and `Age`
    ///     values, or throws. Called from its own task, one at a time except that a call abandoned
    ///     at ``RemoteJWKSetConfiguration/fetchTimeout`` may still be running (up to
    ///     ``maximumAbandonedFetches`` of them). It must suspend, not block its thread: a blocked
    ///     thread is one of the few the concurrency runtime has (one per core), and once they are
    ///     all blocked no timeout fires and no request runs.
    @_disfavoredOverload
    public init(
        keyPolicy: KeyPolicy = .default,
        options: JWTValidationOptions = JWTValidationOptions(),
        configuration: RemoteJWKSetConfiguration = RemoteJWKSetConfiguration(),
        fetchResponse: @escaping @Sendable () async throws -> RemoteJWKSetResponse
    ) {
        self.keyPolicy = keyPolicy
        self.options = options
        self.configuration = configuration.effective
        self.fetch = fetchResponse
        self.state = ShardLock(RemoteJWKSetState(configuration: configuration))
    }

    /// A set that fetches with `fetch` when a request first needs keys (not before), and uses each
    /// set for ``RemoteJWKSetConfiguration/maxAge``: the body alone carries no caching headers.
    ///
    /// - Parameters:
    ///   - keyPolicy: the policy every fetched key must meet.
    ///   - options: the checks for every token; their ``JWTValidationOptions/clock`` also decides
    ///     how old the set is. It is read under the set's lock, so it must not call into the set.
    ///     When it steps back, the set keeps its age (the step is not counted either way).
    ///   - configuration: when to fetch again.
    ///   - fetch: returns the JWK Set's JSON, or throws. Called from its own task, one at a time
    ///     except that a call abandoned at ``RemoteJWKSetConfiguration/fetchTimeout`` may still be
    ///     running (up to ``maximumAbandonedFetches`` of them). It must suspend, not block its
    ///     thread: a blocked thread is one of the few the concurrency runtime has (one per core),
    ///     and once they are all blocked no timeout fires and no request runs.
    public convenience init(
        keyPolicy: KeyPolicy = .default,
        options: JWTValidationOptions = JWTValidationOptions(),
        configuration: RemoteJWKSetConfiguration = RemoteJWKSetConfiguration(),
        fetch: @escaping @Sendable () async throws -> [UInt8]
    ) {
        self.init(keyPolicy: keyPolicy, options: options, configuration: configuration) {
            () async throws -> RemoteJWKSetResponse in RemoteJWKSetResponse(body: try await fetch())
        }
    }

    // MARK: Verifying

    /// Verifies a compact JWT with the current set, as ``JWTKeyCollection/verify(_:as:options:)``
    /// does, fetching the set first if the type's rules above say so.
    ///
    /// - Throws: the key collection's errors, or `key_set_unavailable` when there is no set to
    ///   verify with: the first fetch failed, timed out or returned a set that was refused, or every
    ///   fetch did for longer than ``RemoteJWKSetConfiguration/staleIfError``.
    @inlinable
    public func verify<Claims: Decodable>(
        _ token: some StringProtocol,
        as type: Claims.Type,
        options: JWTValidationOptions? = nil
    ) async throws(JWTError) -> VerifiedJWT<Claims> {
        try await withKeys { (keys) throws(JWTError) in try keys.verify(token, as: type, options: options) }
    }

    /// ``verify(_:as:options:)`` for a token given as UTF-8 bytes.
    @inlinable
    public func verify<Claims: Decodable>(
        utf8 token: some Collection<UInt8>,
        as type: Claims.Type,
        options: JWTValidationOptions? = nil
    ) async throws(JWTError) -> VerifiedJWT<Claims> {
        try await withKeys { (keys) throws(JWTError) in try keys.verify(utf8: token, as: type, options: options) }
    }

    /// Verifies a compact JWT and returns its registered claims (plus the whole payload as JSON).
    public func verify(
        _ token: some StringProtocol,
        options: JWTValidationOptions? = nil
    ) async throws(JWTError) -> VerifiedJWT<JWTClaims> {
        try await verify(token, as: JWTClaims.self, options: options)
    }

    /// The current key collection, fetched first if the type's rules say so: for other checks
    /// against the same keys (``JWTKeyCollection/verifyRawPayload(_:options:)``, detached payloads).
    /// Unlike ``verify(_:as:options:)``, nothing is fetched again for a `kid` the set lacks.
    public func keys() async throws(JWTError) -> JWTKeyCollection {
        try await currentKeys().keys
    }

    /// Fetches the set now, whatever its age and the cooldown, and waits for it (or for the fetch
    /// already running). On failure the set in use stays and the error is thrown with its own
    /// code: `key_set_unavailable` for a fetch that failed or timed out, the key set's code
    /// (`invalid_key_set`, `weak_key`, …) for a set that was refused and
    /// `invalid_provider_metadata` for a refused OpenID discovery document, where a request gets
    /// `key_set_unavailable` for all of them.
    public func refresh() async throws(JWTError) {
        let task = state.withLock { state in
            let now = state.read(options.clock)
            return state.inFlight ?? startFetch(&state, at: now)
        }
        if case .failed(let error) = await task.value { throw error }
    }

    /// What the set holds now and how its fetches went.
    public var status: RemoteJWKSetStatus { state.withLock { $0.status(abandonedFetches: abandoned.count) } }

    // MARK: Fetching

    /// What a request does once the lock is released: the set's plan, with a fetch it had to
    /// start already started (so there is no case left to forget).
    private enum Step {
        case use(JWTKeyCollection, generation: Int)
        case wait(Task<RemoteJWKSetState.Outcome, Never>)
        case fail(JWTError)
    }

    /// Turns `plan` into a step, starting the fetch it asks for; called under the lock.
    private func step(_ plan: RemoteJWKSetState.Plan, _ state: inout RemoteJWKSetState, at now: Double) -> Step {
        switch plan {
        case .use(let keys, let generation): .use(keys, generation: generation)
        case .wait(let task): .wait(task)
        case .fetch: .wait(startFetch(&state, at: now))
        case .fail(let error): .fail(error)
        }
    }

    /// Runs `body` with the set to use now; on `key_not_found`, once more with a fresher set if one
    /// may be had. Inlinable, with the fetching kept out of line, so the caller's module
    /// specializes the collection's verify for its claims type as a direct call would
    /// (unspecialized, an HS256 verify took 0.58 µs longer); a set that may be used is taken
    /// without an `async` call (with one, HS256 ran at 0.885 of the key collection, not 0.92).
    @inlinable
    func withKeys<Result>(_ body: (JWTKeyCollection) throws(JWTError) -> Result) async throws(JWTError) -> Result {
        let ready = readyKeys()
        let (keys, generation) = if let ready { ready } else { try await currentKeys() }
        do {
            return try body(keys)
        } catch  where error.code == .keyNotFound {
            guard let fresher = await keysAfterMiss(generation: generation) else { throw error }
            return try body(fresher)
        }
    }

    /// After the set of `generation` had no key for a token's `kid`: a newer set if one came in,
    /// the running fetch's, or a new fetch's if the cooldown allows; `nil` when none may be had
    /// (the `key_not_found` then stands).
    @usableFromInline
    func keysAfterMiss(generation: Int) async -> JWTKeyCollection? {
        let next = state.withLock { state -> Step? in
            let now = state.read(options.clock)
            return state.planAfterMiss(generation: generation, at: now).map { step($0, &state, at: now) }
        }
        guard let next else { return nil }
        return try? await keys(after: next).keys
    }

    /// The set in use if it may be used now (starting its background refresh if it is old), or
    /// `nil` when a request must wait for a fetch: the fast path, with no suspension point. It
    /// looks at the plan only (building a ``Step`` here measured 35 ns more per token).
    @usableFromInline
    func readyKeys() -> (keys: JWTKeyCollection, generation: Int)? {
        state.withLock { state in
            let now = state.read(options.clock)
            let (plan, backgroundRefresh) = state.plan(at: now)
            guard case .use(let keys, let generation) = plan else { return nil }
            if backgroundRefresh { _ = startFetch(&state, at: now) }
            return (keys, generation)
        }
    }

    /// The set to verify with now, fetching it first if there is none that may be used.
    @usableFromInline
    func currentKeys() async throws(JWTError) -> (keys: JWTKeyCollection, generation: Int) {
        let next = state.withLock { state -> Step in
            let now = state.read(options.clock)
            let (plan, backgroundRefresh) = state.plan(at: now)
            if backgroundRefresh { _ = startFetch(&state, at: now) }
            return step(plan, &state, at: now)
        }
        return try await keys(after: next)
    }

    private func keys(after step: Step) async throws(JWTError) -> (keys: JWTKeyCollection, generation: Int) {
        switch step {
        case .use(let keys, let generation):
            return (keys, generation)
        case .fail(let error):
            throw error
        case .wait(let task):
            switch await task.value {
            case .fetched(let keys, let generation): return (keys, generation)
            case .failed(let error):
                // A refused set is the provider's fault as much as a failed fetch: for the request
                // it is one condition, so a server maps one code (its cause stays in the message
                // and, with its own code, in `status.lastError` and from `refresh()`).
                guard error.code == .keySetUnavailable else {
                    throw JWTError(.keySetUnavailable, "\(error.message) (\(error.code))")
                }
                throw error
            }
        }
    }

    /// Starts a fetch and records it; called under the lock, so at most one runs.
    private func startFetch(_ state: inout RemoteJWKSetState, at now: Double) -> Task<RemoteJWKSetState.Outcome, Never>
    {
        let task = Task { await self.fetchAndStore() }
        state.began(task, at: now)
        return task
    }

    /// Fetches, reads the set with this set's policy and options, and stores the result.
    private func fetchAndStore() async -> RemoteJWKSetState.Outcome {
        let result = await fetchedSet()
        return state.withLock { state in
            let now = state.read(options.clock)
            return state.finished(result, at: now)
        }
    }

    /// Runs the fetch (unless too many earlier ones are still running) and reads what it returned.
    private func fetchedSet() async -> Result<RemoteJWKSetState.Fetched, JWTError> {
        let stuck = abandoned.count
        guard stuck < Self.maximumAbandonedFetches else {
            return .failure(
                JWTError(
                    .keySetUnavailable,
                    "\(stuck) earlier fetches ran over fetchTimeout and have not returned (the fetch ignores "
                        + "cancellation); no new fetch starts until one does"
                )
            )
        }
        switch await FetchDeadline.run(limit: configuration.fetchTimeout, abandoned: abandoned, fetch) {
        case .success(let response):
            var next = JWTKeyCollection(keyPolicy: keyPolicy, options: options)
            do {
                let skipped = try next.add(jwks: response.body)
                let lifetime = HTTPFreshness.lifetime(cacheControl: response.cacheControl, age: response.age)
                return .success(RemoteJWKSetState.Fetched(keys: next, skipped: skipped, headerLifetime: lifetime))
            } catch {
                return .failure(JWTError(error.code, "the fetched JWK Set was refused: \(error.message)"))
            }
        case .failure(let refused as RefusedFetch):
            return .failure(refused.error)
        case .failure(let error):
            return .failure(JWTError(.keySetUnavailable, "fetching the JWK Set failed: \(Self.describe(error))"))
        }
    }

    /// The fetch's error for a message: its description on one line, clipped. Every error the
    /// fetch throws is the caller's text (a `JWTError` too: anyone can make one, with any message);
    /// a refusal of this module's own comes as ``RefusedFetch``.
    private static func describe(_ error: any Error) -> String {
        PrintableText.clipped(String(describing: error), limit: 200)
    }

    /// Thrown by a fetch this module wraps (``init(openIDIssuer:keyPolicy:options:configuration:getResponse:)``)
    /// when it refuses what it fetched, as a refused JWK Set is: `error` (bounded and escaped
    /// already) is the fetch's outcome as it is, code included.
    struct RefusedFetch: Error {
        let error: JWTError
    }
}
