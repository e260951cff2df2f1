/// How a ``RemoteJWKSet`` decides when to fetch its key set again.
///
/// Times are seconds on the clock of the set's ``JWTValidationOptions``, except ``fetchTimeout``,
/// which is real elapsed time. Like ``JWTCacheConfiguration``, no value is an error: each is
/// brought into its range when the set is built, as its property says.
public struct RemoteJWKSetConfiguration: Sendable, Hashable {
    /// How long a fetched set is used before it is fetched again, unless the response's
    /// `Cache-Control` says (a fetch returning ``RemoteJWKSetResponse``). Default 600 (ten minutes,
    /// as panva/jose). Raised to at least 1 and lowered to at most ``maximumMaxAge`` (a week); NaN
    /// means the default.
    ///
    /// An older set keeps serving while the new one is fetched in the background, so requests do
    /// not wait for the refresh (see ``staleIfError``).
    public var maxAge: Double
    /// The shortest life a response's `Cache-Control` can give a set: a `max-age` below it, its
    /// `Age` past its `max-age`, `no-store` or `no-cache` make the set this old at once. Default 60
    /// (one minute): a key endpoint that says `no-store` (or a cache in between that sends
    /// `max-age=0`) then costs each process one fetch a minute, where honouring it as written
    /// would mean a fetch before every token. Raised to at least 1 and lowered to at most
    /// ``maximumMaxAge``; NaN means the default.
    ///
    /// It never makes a set live longer than ``maxAge``: with `maxAge` below it, `maxAge` is the
    /// minimum, so a header asking for less than the configured life cannot get more. It bounds
    /// header lifetimes only; `maxAge` applies as given when the response says nothing.
    public var minimumHeaderLifetime: Double
    /// The longest life a response's `Cache-Control` can give a set. Default 86400 (one day, what
    /// Microsoft's key endpoint states; Google's states about five hours): a provider that
    /// withdraws a key (perhaps because it leaked) before the `max-age` it sent runs out is heard
    /// within a day. Raised to at least 1 and lowered to at most ``maximumMaxAge`` (a week); NaN
    /// means the default. Below ``minimumHeaderLifetime``, it wins (the shorter life).
    public var maximumHeaderLifetime: Double
    /// The least time between two fetches that requests cause: a token whose `kid` is not in the
    /// set, a retry after a failed fetch, and a refresh of an old set each start a fetch only when
    /// the previous one started at least this long ago. Default 30. Raised to at least 1 and
    /// lowered to at most ``maximumCooldown`` (a day); NaN means the default.
    ///
    /// This is what keeps a flood of tokens with made-up `kid`s from becoming a flood of requests to
    /// the identity provider. ``RemoteJWKSet/refresh()`` is not limited by it, and neither is the
    /// fetch that replaces a set past its life plus `staleIfError` when no fetch has failed since
    /// it came (only when those two add up to less than the cooldown).
    public var cooldown: Double
    /// How long after its life (``maxAge``, or what its response's `Cache-Control` said) a set keeps
    /// serving while every fetch fails. Default 3600 (one hour). Clamped to 0...604800 (a week);
    /// NaN means the default. A response's `stale-if-error` does not change it.
    ///
    /// Past its life plus `staleIfError` the old set is no longer used: tokens are refused with
    /// `key_set_unavailable` until a fetch succeeds. An outage of the key endpoint then does not
    /// keep a key the provider has withdrawn (perhaps because it leaked) trusted for ever.
    public var staleIfError: Double
    /// Longest a fetch may take before it counts as failed. Default 10 seconds; at least 1 ms and
    /// at most ``maximumFetchTimeout`` (a day).
    ///
    /// A fetch that runs over is cancelled and no longer waited for, even if it ignores
    /// cancellation (its result is then dropped).
    public var fetchTimeout: Duration

    /// The defaults, or the values given.
    public init(
        maxAge: Double = 600,
        minimumHeaderLifetime: Double = 60,
        maximumHeaderLifetime: Double = 86_400,
        cooldown: Double = 30,
        staleIfError: Double = 3600,
        fetchTimeout: Duration = .seconds(10)
    ) {
        self.maxAge = maxAge
        self.minimumHeaderLifetime = minimumHeaderLifetime
        self.maximumHeaderLifetime = maximumHeaderLifetime
        self.cooldown = cooldown
        self.staleIfError = staleIfError
        self.fetchTimeout = fetchTimeout
    }

    /// The longest ``maxAge``, ``minimumHeaderLifetime`` and ``maximumHeaderLifetime`` used: a
    /// week. A set never fetched again (infinity) would keep a key
    /// the provider has withdrawn trusted for as long as the process runs.
    public static let maximumMaxAge: Double = 604_800

    /// The longest ``staleIfError`` used: a week.
    public static let maximumStaleIfError: Double = 604_800

    /// The longest ``cooldown`` used: a day. A longer one (or infinity) would keep a set whose
    /// fetch failed from fetching again on its own.
    public static let maximumCooldown: Double = 86_400

    /// The longest ``fetchTimeout`` used: a day (`Task.sleep` traps when the deadline overflows).
    public static let maximumFetchTimeout: Duration = .seconds(86_400)

    /// The values in their ranges, as each property documents.
    var effective: RemoteJWKSetConfiguration {
        RemoteJWKSetConfiguration(
            maxAge: maxAge.isNaN ? 600 : min(max(maxAge, 1), Self.maximumMaxAge),
            minimumHeaderLifetime: minimumHeaderLifetime.isNaN
                ? 60 : min(max(minimumHeaderLifetime, 1), Self.maximumMaxAge),
            maximumHeaderLifetime: maximumHeaderLifetime.isNaN
                ? 86_400 : min(max(maximumHeaderLifetime, 1), Self.maximumMaxAge),
            cooldown: cooldown.isNaN ? 30 : min(max(cooldown, 1), Self.maximumCooldown),
            staleIfError: staleIfError.isNaN ? 3600 : min(max(staleIfError, 0), Self.maximumStaleIfError),
            fetchTimeout: min(max(fetchTimeout, .milliseconds(1)), Self.maximumFetchTimeout)
        )
    }

    /// How long a fetched set is used: the lifetime its response's headers gave
    /// (``HTTPFreshness``) raised to ``minimumHeaderLifetime`` (or ``maxAge``, if that is less) and
    /// lowered to ``maximumHeaderLifetime``, or ``maxAge`` when they gave none. Called on the
    /// effective configuration.
    func lifetime(fromHeaders seconds: Int64?) -> Double {
        guard let seconds else { return maxAge }
        return min(max(Double(seconds), min(minimumHeaderLifetime, maxAge)), maximumHeaderLifetime)
    }
}
