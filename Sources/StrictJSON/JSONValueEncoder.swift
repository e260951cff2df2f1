/// Encodes `Encodable` types to a ``JSONValue`` (and from there to compact JSON text).
///
/// Keyed containers keep members in the order they were first encoded; encoding the same key
/// again replaces the value in place. Every integer width is written exactly; `Float`/`Double`
/// are written in their shortest round-trip form, and NaN or an infinity throws
/// `EncodingError.invalidValue`. A `Date` is written as seconds since 1970 (a NumericDate), a
/// `URL` as its absolute string, `Data` as padded standard Base64 and a `Decimal` as a number
/// with all its digits, as the decoders read them. ``JSONValue``, ``JSONObject`` and
/// ``JSONNumber`` values are stored as they are.
public struct JSONValueEncoder: Sendable {
    /// Values made available to `Encodable` implementations through `Encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    /// An encoder with an empty ``userInfo``.
    public init() { self.userInfo = [:] }

    /// Encodes a value to a JSON tree.
    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        if T.self == JSONValue.self, let json = value as? JSONValue { return json }
        if let slot = try JSONFoundationValues.encode(value, { [] }) { return slot.resolve() }
        let encoder = JSONValueEncoderImpl(codingPath: [], userInfo: userInfo)
        try value.encode(to: encoder)
        guard let slot = encoder.slot else {
            throw EncodingError.invalidValue(
                value,
                .init(codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values.")
            )
        }
        return slot.resolve()
    }
}
