/// A true-or-false claim that an issuer may send as a JSON boolean or as the string `"true"` or
/// `"false"`.
///
/// Sign in with Apple documents `email_verified` and `is_private_email` in its identity tokens as
/// either form, and has sent both; a `Bool` member refuses the string one (`invalid_claim`). Use
/// this type for such a claim, and `Bool` wherever the issuer always sends a JSON boolean:
///
/// ```swift
/// struct AppleIdentityClaims: Codable, Sendable {
///     var sub: SubjectClaim
///     var exp: ExpirationClaim
///     var email: String?
///     var email_verified: BoolClaim?
///     var is_private_email: BoolClaim?
/// }
/// ```
///
/// Decoding accepts exactly `true`, `false`, `"true"` and `"false"`; anything else (`"True"`,
/// `"1"`, `1`) makes the claims fail to decode, `invalid_claim` from verification. So does `null`
/// for a `BoolClaim` member, while a `BoolClaim?` member reads it as absent (`nil`), as decoders
/// read `null` for any optional.
/// Encoding writes a JSON boolean. jwt-kit's `BoolClaim` reads the same two strings.
public struct BoolClaim: Codable, Hashable, Sendable, ExpressibleByBooleanLiteral {
    /// The claim's truth value, whichever form the JSON used.
    public var value: Bool

    /// A claim holding `value`.
    public init(value: Bool) { self.value = value }

    /// Lets `true` or `false` stand for the claim: `let verified: BoolClaim = true`.
    public init(booleanLiteral value: Bool) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let boolean = try? container.decode(Bool.self) {
            value = boolean
            return
        }
        guard let text = try? container.decode(String.self) else {
            throw DecodingError.typeMismatch(
                Bool.self,
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected true or false, as a boolean or a string"
                )
            )
        }
        switch text {
        case "true": value = true
        case "false": value = false
        default:
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "\(JWTKeyCollection.printable(text)) is neither \"true\" nor \"false\""
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
