/// The moment at which ``X5CVerifier`` checks the certificates' validity periods.
///
/// By default the chain must be valid now, by the options' clock. A token kept and checked again
/// later (an App Store transaction stored at purchase) outlives its leaf certificate, which issuers
/// renew every year or two; such a token can be checked at the time it says it was signed, within
/// a bound:
///
/// ```swift
/// verifier.validationTime = .claim("signedDate", milliseconds: true, maxAge: 30 * 86_400)
/// ```
///
/// The claim is read before the signature is checked, so it is only trusted as far as `maxAge`
/// allows: a key whose certificate expired can still sign tokens dated back into its validity,
/// for as long as `maxAge` reaches. Keep it as short as your tokens' real age allows.
public struct X5CValidationTime: Sendable, Hashable, CustomStringConvertible {
    enum Source: Sendable, Hashable {
        case clock
        case claim(name: String, milliseconds: Bool, maxAge: Double)
    }

    let source: Source

    /// Now, by the options' clock (the default).
    public static let clock = X5CValidationTime(source: .clock)

    /// The time a numeric claim of the token states.
    ///
    /// - Parameters:
    ///   - name: the claim, such as Apple's `signedDate`.
    ///   - milliseconds: the claim counts milliseconds since 1970 (Apple's dates do), not seconds.
    ///   - maxAge: how many seconds before the clock's time the claim may lie. A claim later than
    ///     the clock (beyond the options' leeway) is refused too.
    /// - Note: A claim that is missing or not a number is `invalid_claim`, one older than `maxAge`
    ///   `too_old`, one in the future or before the year 0 (no certificate states such a time)
    ///   `invalid_claim`; a `maxAge` that is negative or not finite is `invalid_options`, as is a
    ///   clock outside the years 0 to 9999, with either validation time.
    public static func claim(_ name: String, milliseconds: Bool = false, maxAge: Double) -> X5CValidationTime {
        X5CValidationTime(source: .claim(name: name, milliseconds: milliseconds, maxAge: maxAge))
    }

    public var description: String {
        switch source {
        case .clock: "clock"
        case .claim(let name, let milliseconds, let maxAge):
            "claim \(name)\(milliseconds ? " (ms)" : ""), at most \(maxAge) s old"
        }
    }
}
