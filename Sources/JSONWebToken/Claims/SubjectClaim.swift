/// `sub`: whom the token is about (RFC 7519 §4.1.2).
public struct SubjectClaim: JWTStringClaim {
    /// The subject, exactly as in the JSON.
    public var value: String
    /// A `sub` of `value`; verification only checks that it is a string.
    public init(value: String) { self.value = value }
}
