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
/// - `Data` is a canonical, padded standard Base64 string, as Foundation's `JSONEncoder` writes it
///   by default (its own form is an array of byte values).
/// - `Decimal` is a JSON number, read exactly from its text without a detour through `Double`
///   (its own form is an object of mantissa words). `Decimal` holds 38 significant digits (39 up
///   to 2¹²⁸ − 1): a number with more, or one whose value `Decimal` cannot hold exactly, is
///   refused rather than rounded (Foundation rounds), since `Decimal` is the type amounts are kept in. How the number
///   is written does not matter: `10e127`, `1e128` and `1E+128` are the same value.
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
            let json = try container.decode(JSONValue.self)
            guard case .number(let number) = json else {
                throw JSONUnboxing.typeMismatch(Decimal.self, found: json, codingPath: container.codingPath)
            }
            let problem: String
            switch exactDecimalText(number.text) {
            case .success(let text):
                if let decimal = Decimal(string: text), !decimal.isNaN, let value = decimal as? T { return value }
                problem = "does not convert to Decimal"
            case .failure(let reason):
                problem = reason.description
            }
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "\(PrintableNumber(number.text)) \(problem)."
            )
        }
        let text = try container.decode(String.self)
        if T.self == Data.self {
            guard let bytes = try? Base64.decode(text), let value = Data(bytes) as? T else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "Expected canonical, padded standard Base64 for Data."
                )
            }
            return value
        }
        guard let url = URL(string: text), let value = url as? T else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "\(JSONTapeBuilder.quote(text)) is not a URL."
            )
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

extension JSONFoundationValues {
    /// Why a JSON number is not a `Decimal`.
    enum DecimalProblem: Error, CustomStringConvertible {
        case tooManyDigits(Int)
        case outOfRange

        var description: String {
            switch self {
            case .tooManyDigits(let count):
                "has \(count) significant digits, more than Decimal's 128-bit mantissa holds"
            case .outOfRange: "is outside the range Decimal holds exactly"
            }
        }
    }

    /// The largest `Decimal` mantissa, 2¹²⁸ − 1: every 38-digit number fits, and 39-digit ones up to this.
    static let largestMantissa = Array("340282366920938463463374607431768211455".utf8)
    /// `Decimal`'s exponent range.
    static let decimalExponents = -128...127

    static func fitsMantissa(_ digits: [UInt8]) -> Bool {
        guard digits.count == largestMantissa.count else { return digits.count < largestMantissa.count }
        // Same length and no leading zeros: byte order is numeric order.
        return !largestMantissa.lexicographicallyPrecedes(digits)
    }

    /// Rewrites grammar-valid JSON number text as `[-]DIGITSeEXPONENT` that `Decimal(string:)` reads
    /// exactly: leading zeros dropped, trailing zeros moved into the exponent (and back into the
    /// digits when the exponent would be too large), so the value decides, not its spelling.
    static func exactDecimalText(_ text: String) -> Result<String, DecimalProblem> {
        let bytes = Array(text.utf8)
        var index = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { index += 1 }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var inFraction = false
        while index < bytes.count, bytes[index] != UInt8(ascii: "e"), bytes[index] != UInt8(ascii: "E") {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: ".") {
                inFraction = true
                continue
            }
            if inFraction { fractionDigits += 1 }
            // Leading zeros carry no value; fraction digits still count for the exponent.
            if digits.isEmpty && byte == UInt8(ascii: "0") { continue }
            digits.append(byte)
        }
        // The written exponent, saturated where no value can come back into range: fraction digits
        // and trailing zeros move the exponent by at most the text's length each, so beyond twice
        // that (plus Decimal's own range) the value is out of range whatever the digits.
        let saturation = 2 * bytes.count + 1_000
        var exponent = 0
        if index < bytes.count {
            index += 1
            var exponentNegative = false
            if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            for byte in bytes[index...] {
                exponent = min(exponent * 10 + Int(byte - UInt8(ascii: "0")), saturation)
            }
            if exponentNegative { exponent = -exponent }
        }
        guard !digits.isEmpty else { return .success("0") }
        exponent -= fractionDigits
        while digits.last == UInt8(ascii: "0") {
            digits.removeLast()
            exponent += 1
        }
        guard fitsMantissa(digits) else { return .failure(.tooManyDigits(digits.count)) }
        if exponent > decimalExponents.upperBound {
            let padding = exponent - decimalExponents.upperBound
            guard padding < largestMantissa.count else { return .failure(.outOfRange) }
            digits.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: padding))
            guard fitsMantissa(digits) else { return .failure(.outOfRange) }
            exponent = decimalExponents.upperBound
        }
        guard exponent >= decimalExponents.lowerBound else { return .failure(.outOfRange) }
        return .success((negative ? "-" : "") + String(decoding: digits, as: UTF8.self) + "e" + String(exponent))
    }
}
