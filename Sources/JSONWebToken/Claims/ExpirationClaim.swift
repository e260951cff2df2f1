/// `exp`: the token must not be accepted on or after this time (RFC 7519 §4.1.4).
public struct ExpirationClaim: JWTNumericDateClaim {
    /// Seconds since 1970-01-01T00:00:00Z (a NumericDate, fractions allowed).
    public var value: Double
    /// An expiry `value` seconds after 1970-01-01T00:00:00Z (a NumericDate; fractions allowed).
    public init(value: Double) { self.value = value }

    /// Throws `expired` if `now` ≥ `exp` + `leeway`.
    public func verifyNotExpired(now: Double, leeway: Double = 0) throws(JWTError) {
        guard now < value + leeway else {
            throw JWTError(.expired, "exp: the token expired at \(JWTTime.describe(value))")
        }
    }
}
