/// Decodes `Decodable` types from a parsed ``JSONValue`` without re-parsing text.
///
/// Dates are decoded as NumericDate (seconds since the epoch, fractional allowed) by types
/// that ask for a `Double`; this decoder has no Foundation dependency.
public struct JSONValueDecoder: Sendable {
    public init() {}

    /// Decodes `type` from a value.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        fatalError("unimplemented")
    }
}
