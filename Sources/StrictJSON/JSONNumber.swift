/// A JSON number kept as its source text, so large integers and exact decimals survive.
///
/// Equality and hashing compare the text: `1`, `1.0` and `1e0` are different numbers here even
/// though they denote the same value. Use ``int64Value`` or ``doubleValue`` to compare values.
public struct JSONNumber: Hashable, Sendable, CustomStringConvertible {
    /// The number exactly as written in the JSON text (validated RFC 8259 grammar).
    public let text: String

    /// Creates a number from text that must follow the RFC 8259 number grammar.
    public init?(text: String) {
        var copy = text
        let valid = copy.withUTF8 { bytes in
            let scanned = NumberScanner.scan(bytes, from: 0)
            return scanned.error == nil && scanned.end == bytes.count
        }
        guard valid else { return nil }
        self.text = text
    }

    /// Wraps text the caller has already checked against the number grammar.
    package init(validatedText: String) {
        self.text = validatedText
    }

    /// A 64-bit integer in decimal notation.
    public init(_ value: Int64) { self.text = String(value) }

    /// An integer in decimal notation.
    public init(_ value: Int) { self.text = String(value) }

    /// An unsigned integer in decimal notation (covers values above `Int64.max`).
    public init(_ value: UInt64) { self.text = String(value) }

    /// A finite `Double`, or `nil` for NaN and the infinities, which JSON cannot express.
    ///
    /// Integral values below 10^15 in magnitude are written without a fraction (`3`, not `3.0`),
    /// so NumericDate claims look as issuers write them; everything else uses Swift's shortest
    /// representation that reads back to the same `Double`.
    public init?(_ value: Double) {
        guard let text = Self.text(for: value) else { return nil }
        self.text = text
    }

    /// A finite `Float`, or `nil` for NaN and the infinities. Written as the `Double` with the same
    /// value would be (see ``init(_:)-(Double)``): an integral value below 10^15 as its exact
    /// integer (`Float(1e14)` is `100000000376832`), anything else in the shortest form that reads
    /// back to the same `Float`.
    public init?(_ value: Float) {
        guard let text = Self.text(for: value) else { return nil }
        self.text = text
    }

    /// The value as a Double (may round; `nil` only if it overflows to infinity).
    public var doubleValue: Double? {
        withUTF8 { Self.doubleValue(of: $0) }
    }

    /// ``doubleValue`` of grammar-valid number text.
    package static func doubleValue(of bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        // Zero is left to the general path, which keeps the sign of `-0`.
        if let small = smallIntegerFastPath(bytes), small != 0, small.magnitude < (1 << 53) {
            return Double(small)
        }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// The value as a finite `Float` (parsed from the text, so it rounds once), of grammar-valid text.
    package static func floatValue(of bytes: UnsafeBufferPointer<UInt8>) -> Float? {
        guard let value = Float(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// Runs `body` on the text's UTF-8 without copying a native string.
    @inline(__always)
    private func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let direct = text.utf8.withContiguousStorageIfAvailable(body) { return direct }
        var copy = text
        return copy.withUTF8(body)
    }

    /// The value as an exact Int64, or `nil` if it has a fraction/exponent that is not integral or is out of range.
    ///
    /// Exponents and trailing fraction zeros are honoured: `1e3` is 1000, `1.0` is 1, `-0` is 0,
    /// while `1.5` and `9223372036854775808` are `nil`.
    public var int64Value: Int64? {
        withUTF8 { bytes in Self.smallIntegerFastPath(bytes) ?? Self.exactInteger(of: bytes, as: Int64.self) }
    }

    /// The value as an exact integer of type `T`, or `nil` when it is not integral or does not fit.
    public func exactInteger<T: FixedWidthInteger>(as type: T.Type = T.self) -> T? {
        withUTF8 { Self.exactInteger(of: $0, as: type) }
    }

    /// ``exactInteger(as:)`` of grammar-valid number text.
    package static func exactInteger<T: FixedWidthInteger>(of bytes: UnsafeBufferPointer<UInt8>, as type: T.Type) -> T?
    {
        if let small = smallIntegerFastPath(bytes) { return T(exactly: small) }
        guard let (negative, magnitude) = NumberScanner.integerParts(bytes) else { return nil }
        if !negative || magnitude == 0 { return T(exactly: magnitude) }
        guard T.isSigned, let belowMagnitude = T(exactly: magnitude - 1) else { return nil }
        // -(m - 1) - 1 reaches T.min without ever forming +|T.min|.
        return 0 - belowMagnitude - 1
    }

    public var description: String { text }

    /// Plain integers of up to 18 digits (the common case for claims such as `exp`) without the
    /// general exponent machinery.
    private static func smallIntegerFastPath(_ utf8: UnsafeBufferPointer<UInt8>) -> Int64? {
        let count = utf8.count
        guard count > 0, count <= 19, let base = utf8.baseAddress else { return nil }
        let negative = base[0] == UInt8(ascii: "-")
        var index = negative ? 1 : 0
        guard count - index > 0, count - index <= 18 else { return nil }
        var value: Int64 = 0
        // Eight digits per step: a 10-digit NumericDate takes one step and two single digits.
        while count - index >= 8 {
            guard let eight = eightDigits(base + index) else { return nil }
            value = value &* 100_000_000 &+ Int64(eight)
            index += 8
        }
        while index < count {
            let digit = base[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int64(digit)
            index += 1
        }
        return negative ? -value : value
    }

    /// The value of eight ASCII digits, or `nil` if any byte is not a digit. SWAR: validate all
    /// eight at once, then combine pairs, quads and halves with three multiplications.
    @inline(__always)
    private static func eightDigits(_ pointer: UnsafePointer<UInt8>) -> UInt64? {
        let word = UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
        let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        let zeros: UInt64 = 0x3030_3030_3030_3030
        // Every byte is 0x30...0x39: its high nibble is 3, and adding 6 keeps it 3.
        guard word & high == zeros, (word &+ 0x0606_0606_0606_0606) & high == zeros else { return nil }
        var digits = word &- zeros  // first digit in the lowest byte
        digits = digits &* 10 &+ (digits &>> 8)  // even bytes: two-digit values
        let pairs: UInt64 = 0x0000_00FF_0000_00FF
        digits =
            ((digits & pairs) &* (100 &+ (1_000_000 &<< 32))
                &+ ((digits &>> 16) & pairs) &* (1 &+ (10_000 &<< 32))) &>> 32
        return digits
    }

    private static func text<F: BinaryFloatingPoint & LosslessStringConvertible>(for value: F) -> String? {
        guard value.isFinite else { return nil }
        if value == value.rounded(.towardZero) && value.magnitude < 1e15 {
            if value == 0 { return value.sign == .minus ? "-0" : "0" }
            return String(Int64(value))
        }
        // Swift prints finite values as `1.5`, `1e-05`, `1.2345e+20`: all inside the JSON grammar.
        return value.description
    }
}

/// The RFC 8259 number grammar and exact integer extraction, shared by the parser and ``JSONNumber``.
package enum NumberScanner {
    /// Outcome of scanning a number: `end` is one past its last byte; `error` is set when the
    /// bytes at `end` break the grammar (for instance `-` not followed by a digit).
    package struct Result {
        package var end: Int
        package var error: StaticString?
    }

    @inline(__always)
    package static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// The index of the first byte at or after `start` that is not an ASCII digit (or `p.count`).
    ///
    /// Eight bytes per step while all are digits: a 10-digit NumericDate takes one step and two
    /// byte tests instead of eleven.
    @inline(__always)
    static func skipDigits(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        if let base = p.baseAddress {
            let highBits: UInt64 = 0x8080_8080_8080_8080
            while p.count - i >= 8 {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                // Per byte, the high bit ends up set for a byte at or above 0x3A (`+ 0x46`), below
                // 0x30 (`+ 0x50` leaves it clear) or at or above 0x80. Carries run only towards
                // higher bytes, so the lowest flagged byte is a real non-digit.
                let flagged = (word &+ 0x4646_4646_4646_4646) | ~(word &+ 0x5050_5050_5050_5050) | word
                let hits = flagged & highBits
                if hits != 0 { return i + hits.trailingZeroBitCount &>> 3 }
                i += 8
            }
        }
        while i < p.count && isDigit(p[i]) { i += 1 }
        return i
    }

    /// Scans `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?` starting at `start`.
    package static func scan(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Result {
        let count = p.count
        var i = start
        if i < count && p[i] == UInt8(ascii: "-") { i += 1 }
        guard i < count, isDigit(p[i]) else { return Result(end: i, error: "expected a digit") }
        if p[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            i = skipDigits(p, from: i + 1)
        }
        if i < count && p[i] == UInt8(ascii: ".") {
            i += 1
            guard i < count, isDigit(p[i]) else { return Result(end: i, error: "expected a digit after '.'") }
            i = skipDigits(p, from: i + 1)
        }
        if i < count && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
            i += 1
            if i < count && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-")) { i += 1 }
            guard i < count, isDigit(p[i]) else { return Result(end: i, error: "expected a digit in the exponent") }
            i = skipDigits(p, from: i + 1)
        }
        return Result(end: i, error: nil)
    }

    /// For grammar-valid number text: sign and magnitude when the value is an integer that fits
    /// in `UInt64` (`1e3`, `1.50e2`, `-0.0` included), otherwise `nil`.
    package static func integerParts(_ p: UnsafeBufferPointer<UInt8>) -> (negative: Bool, magnitude: UInt64)? {
        let count = p.count
        var i = 0
        var negative = false
        if i < count && p[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        let intStart = i
        while i < count && isDigit(p[i]) { i += 1 }
        let intLength = i - intStart
        var fracStart = i
        var fracLength = 0
        if i < count && p[i] == UInt8(ascii: ".") {
            i += 1
            fracStart = i
            while i < count && isDigit(p[i]) { i += 1 }
            fracLength = i - fracStart
        }
        // Saturate the exponent far beyond any length that fits in memory, so the arithmetic
        // below cannot overflow and the saturated value still gives the right answer.
        let exponentCap = 1 << 50
        var exponent = 0
        if i < count && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
            i += 1
            var exponentNegative = false
            if i < count && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-")) {
                exponentNegative = p[i] == UInt8(ascii: "-")
                i += 1
            }
            while i < count && isDigit(p[i]) {
                if exponent < exponentCap { exponent = exponent * 10 + Int(p[i] &- UInt8(ascii: "0")) }
                i += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        guard i == count, intLength > 0 else { return nil }

        // The digits of integer and fraction parts form one sequence D; the value is D × 10^(exponent − fracLength).
        let total = intLength + fracLength
        @inline(__always) func digit(_ k: Int) -> UInt8 {
            k < intLength ? p[intStart + k] &- UInt8(ascii: "0") : p[fracStart + k - intLength] &- UInt8(ascii: "0")
        }
        var first = 0
        while first < total && digit(first) == 0 { first += 1 }
        if first == total { return (negative, 0) }
        var last = total - 1
        while digit(last) == 0 { last -= 1 }
        let scale = exponent - fracLength + (total - 1 - last)
        guard scale >= 0 else { return nil }
        guard (last - first + 1) + scale <= 20 else { return nil }
        var magnitude: UInt64 = 0
        for k in first...last {
            let (shifted, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(UInt64(digit(k)))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
        }
        for _ in 0..<scale {
            let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            magnitude = shifted
        }
        return (negative, magnitude)
    }
}

/// A number's text for an error message, shortened: the parser accepts numbers of any length.
struct PrintableNumber: CustomStringConvertible {
    let text: String
    init(_ text: String) { self.text = text }
    var description: String { text.utf8.count <= 64 ? text : String(text.prefix(60)) + "…" }
}
