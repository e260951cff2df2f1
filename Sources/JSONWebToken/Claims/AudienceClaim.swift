/// `aud`: the recipients the token is meant for (RFC 7519 §4.1.3).
///
/// Decodes from a single string or an array of strings; encodes one audience as a bare string.
public struct AudienceClaim: JWTClaim, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    /// The audiences, in the token's order; a bare string in the JSON is one element.
    public var value: [String]
    /// The audiences in order; one audience encodes as a bare string, any other number as an array.
    public init(value: [String]) { self.value = value }
    public init(stringLiteral value: String) { self.value = [value] }
    public init(arrayLiteral elements: String...) { self.value = elements }

    /// True if any of `audiences` is among the claim's values.
    /// Compared byte for byte (RFC 7519 §4.1.3 string comparison), not by Unicode equivalence.
    public func intersects(_ audiences: some Sequence<String>) -> Bool {
        audiences.contains { value.containsExactly($0) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let single = try? container.decode(String.self) {
            value = [single]
        } else {
            value = try container.decode([String].self)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if value.count == 1 {
            try container.encode(value[0])
        } else {
            try container.encode(value)
        }
    }
}
