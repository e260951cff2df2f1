/// Decodes `Decodable` types from a parsed ``JSONValue`` without re-parsing text.
///
/// A `Date` is read as a NumericDate, seconds since 1970 with fractions allowed, as JWT claims
/// write it (not as `Date`'s own `Codable` form, seconds since 2001), and a `URL` from a string.
/// `Data` is read from a canonical, padded standard Base64 string (Foundation's `JSONEncoder`
/// default) and a `Decimal` exactly from a number's text (a value `Decimal` cannot hold exactly
/// throws instead of rounding), not from their own `Codable` forms. `Int128` and `UInt128` are not
/// supported. Numbers below the smallest `Double` (`1e-400`) read as zero.
///
/// Numbers decode into every integer width only when their value is integral and in range
/// (`1e3` and `2.0` are integers; `1.5` or `300` as `UInt8` throw `DecodingError.dataCorrupted`).
/// `Float`/`Double` reject numbers that overflow to infinity. Strings, numbers and Booleans never
/// convert to one another: asking for the wrong kind throws `DecodingError.typeMismatch`, and
/// `null` where a non-optional value is asked for throws `DecodingError.valueNotFound`.
/// Decoding ``JSONValue``, ``JSONObject`` or ``JSONNumber`` hands over the stored value as is.
///
/// An object decoded as an integer-keyed map (`[Int: V]`, or keys of an `Int`-raw-valued
/// `CodingKeyRepresentable` type) must spell every integer name canonically (`"01"` and `"+1"`
/// throw `DecodingError.dataCorrupted`), so distinct members never merge into one map entry.
/// Other readers (`[String: V]`, structs, custom key types) are unaffected.
public struct JSONValueDecoder: Sendable {
    /// Values made available to `Decodable` implementations through `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    /// A decoder with an empty ``userInfo``.
    public init() { self.userInfo = [:] }

    /// Decodes `type` from a value.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONValueDecoderImpl(value: value, codingPath: [], userInfo: userInfo).decodeAny(type)
    }
}
