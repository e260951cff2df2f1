/// A date written as an RFC 3339 (ISO 8601 profile) string, such as `"2024-05-01T12:30:00Z"`,
/// for custom claims of APIs that put timestamps in the payload as text.
///
/// The registered time claims (`exp`, `nbf`, `iat`) are NumericDates (RFC 7519 §2) and are always
/// read as numbers; use this type only for claims of your own:
///
/// ```swift
/// struct Claims: Codable {
///     var sub: String
///     var exp: ExpirationClaim
///     var consentGrantedAt: ISO8601DateClaim
///     var revokedAt: ISO8601DateClaim?
/// }
/// ```
///
/// Decoding is strict (see ``init(rfc3339:)``): a claim that is not an RFC 3339 `date-time` makes
/// the claims fail to decode (`invalid_claim` from verification). Encoding writes UTC with a `Z`,
/// whole seconds, or up to six fraction digits. A plain `Date` field in claims stays a
/// NumericDate, as the registered claims are.
public struct ISO8601DateClaim: Codable, Hashable, Comparable, Sendable {
    /// Seconds since 1970-01-01T00:00:00Z (`date` gives the `Date`).
    public var secondsSinceEpoch: Double

    /// The claim for a number of seconds since the epoch.
    public init(secondsSinceEpoch: Double) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// Parses an RFC 3339 §5.6 `date-time`: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
    ///
    /// `T` and `Z` may be lower case; 1 to 9 fraction digits; the date must exist (leap years
    /// included). Refused: a space instead of `T`, a missing offset, a leap second (`:60`, which
    /// seconds since the epoch cannot name), other ISO 8601 forms (basic format, week dates), and
    /// anything after the offset.
    ///
    /// - Throws: ``JWTError`` with code `invalid_claim` naming the first problem.
    public init(rfc3339 text: String) throws(JWTError) {
        do {
            secondsSinceEpoch = try RFC3339Timestamp.parse(text)
        } catch {
            throw JWTError(.invalidClaim, "\(JWTKeyCollection.printable(text)) is not an RFC 3339 timestamp: \(error)")
        }
    }

    /// The RFC 3339 text in UTC, or `nil` when the value is not finite or lies outside years 0000–9999.
    public var rfc3339String: String? { RFC3339Timestamp.format(secondsSinceEpoch) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            secondsSinceEpoch = try RFC3339Timestamp.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "\(JWTKeyCollection.printable(text)) is not an RFC 3339 timestamp: \(error)"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        guard let text = rfc3339String else {
            throw EncodingError.invalidValue(
                secondsSinceEpoch,
                .init(
                    codingPath: encoder.codingPath,
                    debugDescription: "\(secondsSinceEpoch) s since the epoch has no RFC 3339 form (years 0000–9999)"
                )
            )
        }
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
