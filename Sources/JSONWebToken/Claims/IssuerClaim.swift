/// `iss`: who issued the token (RFC 7519 §4.1.1).
public struct IssuerClaim: JWTStringClaim {
    /// The issuer, exactly as in the JSON; ``JWTValidationOptions/issuers`` compares it byte for byte.
    public var value: String
    /// An `iss` of `value`; verification compares it byte for byte with the accepted issuers.
    public init(value: String) { self.value = value }
}
