internal import Base64URL

#if canImport(FoundationEssentials)
internal import FoundationEssentials
#else
internal import Foundation
#endif

/// The Foundation types whose own `Codable` form is not how JSON, and JWT claims in particular,
/// write them; both decoders and the encoder give them their JSON form instead.
///
/// - `Date` is a NumericDate: seconds since 1970-01-01T00:00:00Z, fractions allowed (RFC 7519
///   §2). `Date`'s own `Codable` form counts seconds since 2001, so a claim `exp: Date` would be
///   31 years off the `exp` the validator checked.
/// - `URL` is a string (its own form is an object `{"relative": …}` that no JSON producer writes).
/// - `Data` is a standard, padded Base64 string, as Foundation's `JSONEncoder` writes it by
///   default (its own form is an array of byte values).
/// - `Decimal` is a JSON number, read from its text without a detour through `Double` (its own
///   form is an object of mantissa words). A number with more than 38 significant digits rounds,
///   as in Foundation; one outside `Decimal`'s exponent range is refused.
///
/// The checks are metatype comparisons, so other types pay four pointer compares.
enum JSONFoundationValues {
    @inline(__always)
    static func handles(_ type: Any.Type) -> Bool {
        type == Date.self || type == URL.self || type == Data.self || type == Decimal.self
    }

    /// Decodes a type for which ``handles(_:)`` is true from a single JSON value.
    static func decode<T: Decodable>(_ type: T.Type, from container: some SingleValueDecodingContainer) throws -> T {
        if T.self == Date.self, let date = Date(timeIntervalSince1970: try container.decode(Double.self)) as? T {
            return date
        }
        if T.self == Decimal.self {
            let number = try container.decode(JSONNumber.self)
            guard let decimal = Decimal(string: number.text), !decimal.isNaN, let value = decimal as? T else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "\(number.text) is outside the range of Decimal."
                )
            }
            return value
        }
        let text = try container.decode(String.self)
        if T.self == Data.self {
            guard let bytes = try? Base64.decode(text), let value = Data(bytes) as? T else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "Expected a padded standard Base64 string for Data."
                )
            }
            return value
        }
        guard let url = URL(string: text), let value = url as? T else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not a URL.")
        }
        return value
    }

    /// The JSON form of `value` if its type is one of these, else nil.
    static func encode<T: Encodable>(_ value: T, _ codingPath: () -> [any CodingKey]) throws -> JSONEncodingSlot? {
        guard handles(T.self) else { return nil }
        if let date = value as? Date {
            return try JSONBoxing.double(date.timeIntervalSince1970, codingPath)
        }
        if let url = value as? URL {
            return .value(.string(url.absoluteString))
        }
        if let data = value as? Data {
            return .value(.string(Base64.encode(data)))
        }
        if let decimal = value as? Decimal {
            // `description` is plain digits with an optional sign and point: JSON's number grammar
            // for every finite value; NaN is the only text it refuses.
            guard let number = JSONNumber(text: decimal.description) else {
                throw EncodingError.invalidValue(
                    value,
                    .init(codingPath: codingPath(), debugDescription: "\(decimal) is not representable in JSON.")
                )
            }
            return .value(.number(number))
        }
        return nil
    }
}
