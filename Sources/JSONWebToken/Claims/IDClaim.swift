/// `jti`: a unique identifier for the token (RFC 7519 §4.1.7).
public struct IDClaim: JWTStringClaim {
    public var value: String
    public init(value: String) { self.value = value }
}
