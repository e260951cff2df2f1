/// `nbf`: the token must not be accepted before this time (RFC 7519 §4.1.5).
public struct NotBeforeClaim: JWTNumericDateClaim {
    /// Seconds since 1970-01-01T00:00:00Z (a NumericDate, fractions allowed).
    public var value: Double
    /// A start of validity `value` seconds after 1970-01-01T00:00:00Z (a NumericDate; fractions allowed).
    public init(value: Double) { self.value = value }

    /// Throws `not_yet_valid` if `now` < `nbf` − `leeway`.
    public func verifyNotBefore(now: Double, leeway: Double = 0) throws(JWTError) {
        guard now >= value - leeway else {
            throw JWTError(.notYetValid, "nbf: the token is not valid before \(JWTTime.describe(value))")
        }
    }
}
