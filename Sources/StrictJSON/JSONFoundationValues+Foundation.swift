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
///
/// The checks are metatype comparisons, so other types pay two pointer compares.
enum JSONFoundationValues {
    @inline(__always)
    static func handles(_ type: Any.Type) -> Bool {
        type == Date.self || type == URL.self
    }

    /// Decodes a type for which ``handles(_:)`` is true from a single JSON value.
    static func decode<T: Decodable>(_ type: T.Type, from container: some SingleValueDecodingContainer) throws -> T {
        if T.self == Date.self, let date = Date(timeIntervalSince1970: try container.decode(Double.self)) as? T {
            return date
        }
        let text = try container.decode(String.self)
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
        return nil
    }
}
