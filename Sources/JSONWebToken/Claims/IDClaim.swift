/// `jti`: a unique identifier for the token (RFC 7519 §4.1.7).
public struct IDClaim: JWTStringClaim {
    /// The identifier, exactly as in the JSON (escapes resolved).
    public var value: String
    /// A `jti` of `value`; verification only checks that it is a string (uniqueness is up to you).
    public init(value: String) { self.value = value }
}
