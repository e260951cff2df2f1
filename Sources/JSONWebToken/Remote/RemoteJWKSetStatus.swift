/// What a ``RemoteJWKSet`` holds now, for health checks and logs.
public struct RemoteJWKSetStatus: Sendable {
    /// The clock reading when the set in use was fetched, or `nil` before the first success.
    /// When the clock steps back, this moves back by the step (the set keeps its age).
    public let fetchedAt: Double?
    /// How long the set in use is used before it is fetched again, in seconds from
    /// ``fetchedAt``, or `nil` before the first success: what its response's `Cache-Control` and
    /// `Age` said (see ``RemoteJWKSetResponse``), brought within
    /// ``RemoteJWKSetConfiguration/minimumHeaderLifetime`` and
    /// ``RemoteJWKSetConfiguration/maximumHeaderLifetime``, or ``RemoteJWKSetConfiguration/maxAge``
    /// when they said nothing.
    public let lifetime: Double?
    /// How many keys the set in use holds (0 before the first success).
    public let keyCount: Int
    /// Members of the set in use that were left out, and why.
    public let skippedKeys: [JWTKeyCollection.SkippedKey]
    /// Why the latest fetch failed, if it did and none has succeeded since.
    public let lastError: JWTError?
    /// Whether a fetch is running.
    public let isFetching: Bool
    /// How many fetches have succeeded.
    public let successfulFetches: Int
    /// How many fetches have failed (timed out, thrown, or returned a set that was refused).
    public let failedFetches: Int
    /// How many fetches ran over their time limit and have not returned yet (see
    /// ``RemoteJWKSet/maximumAbandonedFetches``). Above 0 for long, the fetch ignores cancellation
    /// and has no timeout of its own.
    public let abandonedFetches: Int
}
