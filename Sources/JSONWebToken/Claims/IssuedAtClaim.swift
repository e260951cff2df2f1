/// `iat`: when the token was issued (RFC 7519 §4.1.6).
public struct IssuedAtClaim: JWTNumericDateClaim {
    /// Seconds since 1970-01-01T00:00:00Z (a NumericDate, fractions allowed).
    public var value: Double
    /// An issue time `value` seconds after 1970-01-01T00:00:00Z (a NumericDate; fractions allowed).
    public init(value: Double) { self.value = value }

    /// Throws `not_yet_valid` if `iat` lies in the future (more than `leeway` after `now`).
    public func verifyNotInFuture(now: Double, leeway: Double = 0) throws(JWTError) {
        guard value <= now + leeway else {
            throw JWTError(.notYetValid, "iat: the token claims to be issued in the future")
        }
    }

    /// Throws `too_old` if more than `maxAge` (+ `leeway`) seconds have passed since `iat`.
    public func verifyAge(maximum maxAge: Double, now: Double, leeway: Double = 0) throws(JWTError) {
        guard now - value <= maxAge + leeway else {
            throw JWTError(.tooOld, "iat: the token is older than the maximum age of \(maxAge) s")
        }
    }
}
