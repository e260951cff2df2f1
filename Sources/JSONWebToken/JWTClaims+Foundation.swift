#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

// `Date` conveniences for the NumericDate claims and the clock. The core stays free of Foundation;
// this file only converts to and from seconds since the epoch.

extension JWTNumericDateClaim {
    /// The claim from a `Date` (seconds since the epoch, fractions kept).
    public init(date: Date) { self.init(value: date.timeIntervalSince1970) }

    /// The claim from a `Date`, spelled as jwt-kit spells it (`ExpirationClaim(value: Date())`).
    public init(value date: Date) { self.init(value: date.timeIntervalSince1970) }

    /// The claim as a `Date`.
    public var date: Date { Date(timeIntervalSince1970: value) }
}

extension JWTClock {
    /// A clock stopped at `date`.
    public static func fixed(_ date: Date) -> JWTClock { .fixed(date.timeIntervalSince1970) }
}

extension JWTValidationContext {
    /// ``now`` as a `Date`.
    public var date: Date { Date(timeIntervalSince1970: now) }
}

extension ISO8601DateClaim {
    /// The claim for a `Date` (fractions of a second kept to the microsecond when encoded).
    public init(date: Date) { self.init(secondsSinceEpoch: date.timeIntervalSince1970) }

    /// The claim as a `Date`.
    public var date: Date { Date(timeIntervalSince1970: secondsSinceEpoch) }
}
