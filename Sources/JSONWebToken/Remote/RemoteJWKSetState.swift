/// The bookkeeping behind a ``RemoteJWKSet``, kept behind its lock: which set is in use, how old it
/// is, and the fetch that is running. Decisions only; the set starts the tasks.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
struct RemoteJWKSetState {
    /// What a finished fetch produced; shared by every request that waited for it.
    enum Outcome: Sendable {
        case fetched(JWTKeyCollection, generation: Int)
        case failed(JWTError)
    }

    /// A set that a fetch produced, before it is stored.
    struct Fetched {
        let keys: JWTKeyCollection
        /// Members of the set that were left out, and why.
        let skipped: [JWTKeyCollection.SkippedKey]
        /// What the response's `Cache-Control` and `Age` said (``HTTPFreshness``), before the
        /// configuration's bounds; `nil` when they said nothing.
        let headerLifetime: Int64?
    }

    /// What a request does next.
    enum Plan {
        /// Verify with this set now.
        case use(JWTKeyCollection, generation: Int)
        /// Wait for this fetch, then use what it produced.
        case wait(Task<Outcome, Never>)
        /// Start a fetch (the caller stores it with ``began(_:at:)``) and wait for it.
        case fetch
        /// Nothing usable and no fetch allowed yet.
        case fail(JWTError)
    }

    let configuration: RemoteJWKSetConfiguration

    private(set) var keys: JWTKeyCollection?
    /// Bumped by each successful fetch, so a request knows whether the set changed under it.
    private(set) var generation = 0
    private(set) var fetchedAt = 0.0
    /// How long the set in use is used before it is fetched again: ``RemoteJWKSetConfiguration/maxAge``
    /// or what its response's headers said, within the configuration's bounds.
    private(set) var lifetime = 0.0
    private(set) var lastAttemptAt: Double?
    private(set) var inFlight: Task<Outcome, Never>?
    private(set) var lastError: JWTError?
    private(set) var skipped: [JWTKeyCollection.SkippedKey] = []
    private(set) var failures = 0
    /// The reading ``read(_:)`` took last, to tell when the clock stepped back.
    private var lastReading: Double?

    init(configuration: RemoteJWKSetConfiguration) {
        self.configuration = configuration.effective
    }

    /// Reads `clock` for a decision; called under the lock, so the times recorded and compared
    /// are in the order the decisions were taken (a reading taken before the lock could predate
    /// a fetch that started and finished meanwhile).
    ///
    /// A reading below the previous one (the clock stepped back) moves the recorded times back by
    /// the step, so the set keeps its age and the cooldown what is left of it: a step can neither
    /// stretch ``RemoteJWKSetConfiguration/staleIfError`` nor stop fetches. A reading that is not
    /// finite counts as the previous one (the token is refused for it with `invalid_options`), so
    /// it cannot poison the recorded times.
    ///
    /// No recorded time is ever after the reading: a huge step rounds (from 1e300 to -1e300 the
    /// step loses its last bit), and times recorded at a NaN reading counted as 0 are not moved by
    /// the first finite one. A time after the reading would make the set younger than 0 and the
    /// cooldown left longer than the cooldown (beyond `Int`'s range, where its message trapped).
    mutating func read(_ clock: JWTClock) -> Double {
        let reading = clock.now()
        guard reading.isFinite else { return lastReading ?? 0 }
        if let lastReading, reading < lastReading {
            let step = lastReading - reading
            fetchedAt -= step
            lastAttemptAt = lastAttemptAt.map { $0 - step }
        }
        fetchedAt = min(fetchedAt, reading)
        lastAttemptAt = lastAttemptAt.map { min($0, reading) }
        lastReading = reading
        return reading
    }

    /// Whether requests may start a fetch at `now` (a reading from ``read(_:)``).
    private func cooledDown(at now: Double) -> Bool {
        guard let lastAttemptAt else { return true }
        return now - lastAttemptAt >= configuration.cooldown
    }

    /// The plan for a request that needs keys at `now` (a reading from ``read(_:)``).
    /// `backgroundRefresh` is set when the set in use is past its ``lifetime`` and a fetch should
    /// start without anyone waiting for it.
    func plan(at now: Double) -> (plan: Plan, backgroundRefresh: Bool) {
        if let keys {
            let age = now - fetchedAt
            if age < lifetime {
                return (.use(keys, generation: generation), false)
            }
            if age < lifetime + configuration.staleIfError {
                return (.use(keys, generation: generation), inFlight == nil && cooledDown(at: now))
            }
        }
        if let inFlight { return (.wait(inFlight), false) }
        // A set that outlived its lifetime + staleIfError with no fetch failing since it came (both
        // below the cooldown) was fetched by the last attempt: the cooldown is for failures and
        // unknown `kid`s, so its successor is fetched now rather than every token refused.
        if cooledDown(at: now) || (keys != nil && lastError == nil) { return (.fetch, false) }
        return (.fail(unavailable(at: now)), false)
    }

    /// The plan after the set of `generation` had no key for a token's `kid`: a newer set if one
    /// came in meanwhile, the running fetch, a new fetch if cooled down, or `nil` (keep the error).
    func planAfterMiss(generation seen: Int, at now: Double) -> Plan? {
        if let keys, generation != seen { return .use(keys, generation: generation) }
        if let inFlight { return .wait(inFlight) }
        return cooledDown(at: now) ? .fetch : nil
    }

    /// Records a fetch started at `now`.
    mutating func began(_ task: Task<Outcome, Never>, at now: Double) {
        inFlight = task
        lastAttemptAt = now
    }

    /// Records a fetch's result; returns the outcome to hand to the requests that waited.
    mutating func finished(
        _ result: Result<Fetched, JWTError>,
        at now: Double
    ) -> Outcome {
        inFlight = nil
        switch result {
        case .success(let fetched):
            keys = fetched.keys
            generation += 1
            fetchedAt = now
            lifetime = configuration.lifetime(fromHeaders: fetched.headerLifetime)
            skipped = fetched.skipped
            lastError = nil
            return .fetched(fetched.keys, generation: generation)
        case .failure(let error):
            failures += 1
            lastError = error
            return .failed(error)
        }
    }

    /// The error for a request that finds no usable set and may not fetch yet.
    private func unavailable(at now: Double) -> JWTError {
        let reason = lastError.map { "the last fetch failed (\($0.code): \($0.message))" } ?? "no set was fetched yet"
        let wait = lastAttemptAt.map { max(0, configuration.cooldown - (now - $0)) } ?? 0
        let stale = keys == nil ? "" : "the set fetched last is too old to use, and "
        return JWTError(
            .keySetUnavailable,
            "\(stale)\(reason); the next fetch may start in \(Int(wait.rounded(.up))) s (cooldown)"
        )
    }

    /// A snapshot for ``RemoteJWKSet/status``.
    func status(abandonedFetches: Int) -> RemoteJWKSetStatus {
        RemoteJWKSetStatus(
            fetchedAt: keys == nil ? nil : fetchedAt,
            lifetime: keys == nil ? nil : lifetime,
            keyCount: keys?.count ?? 0,
            skippedKeys: skipped,
            lastError: lastError,
            isFetching: inFlight != nil,
            successfulFetches: generation,
            failedFetches: failures,
            abandonedFetches: abandonedFetches
        )
    }
}
