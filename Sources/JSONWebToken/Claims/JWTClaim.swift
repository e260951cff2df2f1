/// A registered claim (RFC 7519 §4.1) as a typed, `Codable` value that encodes as its bare JSON value.
///
/// Embed these in your own claims struct (`var exp: ExpirationClaim`) or use ``JWTClaims``.
/// Validation of registered claims does not depend on them: the verifier checks `exp`, `nbf`,
/// `iat`, `iss` and `aud` on the parsed JSON whatever type you decode into.
public protocol JWTClaim: Codable, Hashable, Sendable {
    /// The JSON value type of the claim.
    associatedtype Value: Codable & Hashable & Sendable
    /// The claim's value.
    var value: Value { get set }
    /// The claim holding `value`, unchecked: verification judges the payload's JSON, not this value.
    init(value: Value)
}

extension JWTClaim {
    public init(from decoder: any Decoder) throws {
        try self.init(value: decoder.singleValueContainer().decode(Value.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// A claim holding a NumericDate: seconds since 1970-01-01T00:00:00Z, fractions allowed (RFC 7519 §2).
public protocol JWTNumericDateClaim: JWTClaim, Comparable where Value == Double {}

extension JWTNumericDateClaim {
    /// Seconds since the epoch.
    public var secondsSinceEpoch: Double { value }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }
}

/// A claim holding one string (`iss`, `sub`, `jti`).
public protocol JWTStringClaim: JWTClaim, ExpressibleByStringLiteral where Value == String {}

extension JWTStringClaim {
    /// Lets a string literal stand for the claim: `let issuer: IssuerClaim = "https://id.example"`.
    public init(stringLiteral value: String) { self.init(value: value) }
}
