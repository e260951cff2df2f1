/// `sub`: whom the token is about (RFC 7519 §4.1.2).
public struct SubjectClaim: JWTStringClaim {
    public var value: String
    public init(value: String) { self.value = value }
}
