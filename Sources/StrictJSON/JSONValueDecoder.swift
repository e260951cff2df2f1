/// Decodes `Decodable` types from a parsed ``JSONValue`` without re-parsing text.
///
/// Dates are decoded as NumericDate (seconds since the epoch, fractional allowed) by types
/// that ask for a `Double`; this decoder has no Foundation dependency.
///
/// Numbers decode into every integer width only when their value is integral and in range
/// (`1e3` and `2.0` are integers; `1.5` or `300` as `UInt8` throw `DecodingError.dataCorrupted`).
/// `Float`/`Double` reject numbers that overflow to infinity. Strings, Booleans and `null` never
/// convert to one another: asking for the wrong kind throws `DecodingError.typeMismatch`.
/// Decoding ``JSONValue``, ``JSONObject`` or ``JSONNumber`` hands over the stored value as is.
public struct JSONValueDecoder: Sendable {
    /// Values made available to `Decodable` implementations through `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    public init() { self.userInfo = [:] }

    /// Decodes `type` from a value.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONValueDecoderImpl(value: value, codingPath: [], userInfo: userInfo).decodeAny(type)
    }
}
