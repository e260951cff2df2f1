/// RFC 3339 §5.6 `date-time` text ⇄ seconds since 1970-01-01T00:00:00Z, without Foundation.
///
/// Parsing is strict: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` exactly, `T`/`Z` in either case
/// (§5.6 allows both), 1 to 9 fraction digits, real calendar dates (leap years included), and no
/// leap second (`:60`): a `Double` count of seconds cannot name it, and guessing which second was
/// meant would make two spellings compare equal that the producer meant to be different. The
/// space some producers put instead of `T` (allowed only by a note in §5.6) and ISO 8601 forms
/// outside RFC 3339 (`20240101T…`, week dates, missing offset) are refused.
package enum RFC3339Timestamp {
    /// Why a text is not an RFC 3339 timestamp (the message names the first problem found).
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Longest text read: a timestamp with 9 fraction digits and an offset is 35 bytes.
    static let maximumLength = 35

    /// Seconds since the epoch of an RFC 3339 `date-time`.
    static func parse(_ text: String) throws(Failure) -> Double {
        var text = text
        let result = text.withUTF8 { bytes in Result { () throws(Failure) in try parse(bytes) } }
        return try result.get()
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> Double {
        guard bytes.count <= maximumLength else {
            throw Failure(description: "\(bytes.count) bytes is longer than any RFC 3339 timestamp")
        }
        var reader = Reader(bytes: bytes)
        let year = try reader.digits(4, "year")
        try reader.expect(UInt8(ascii: "-"), "'-' after the year")
        let month = try reader.digits(2, "month")
        try reader.expect(UInt8(ascii: "-"), "'-' after the month")
        let day = try reader.digits(2, "day")
        guard (1...12).contains(month) else { throw Failure(description: "month \(month) is not 01–12") }
        let monthLength = daysInMonth(month, year: year)
        guard (1...monthLength).contains(day) else {
            throw Failure(description: "day \(day) is not in month \(month) of \(year) (01–\(monthLength))")
        }
        try reader.expect(UInt8(ascii: "T"), or: UInt8(ascii: "t"), "'T' between date and time")
        let hour = try reader.digits(2, "hour")
        try reader.expect(UInt8(ascii: ":"), "':' after the hour")
        let minute = try reader.digits(2, "minute")
        try reader.expect(UInt8(ascii: ":"), "':' after the minute")
        let second = try reader.digits(2, "second")
        guard hour <= 23 else { throw Failure(description: "hour \(hour) is not 00–23") }
        guard minute <= 59 else { throw Failure(description: "minute \(minute) is not 00–59") }
        guard second <= 59 else {
            throw Failure(description: "second \(second) is not 00–59 (leap seconds cannot be represented)")
        }
        var fraction = 0.0
        if reader.peek == UInt8(ascii: ".") {
            reader.advance()
            var digits = 0
            var value = 0
            while let byte = reader.peek, byte &- UInt8(ascii: "0") < 10 {
                digits += 1
                guard digits <= 9 else { throw Failure(description: "more than 9 fraction digits") }
                value = value * 10 + Int(byte &- UInt8(ascii: "0"))
                reader.advance()
            }
            guard digits > 0 else { throw Failure(description: "no digit after the decimal point") }
            fraction = Double(value) / Double(powerOfTen(digits))
        }
        let offset: Int
        switch reader.peek {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            reader.advance()
            offset = 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = reader.peek == UInt8(ascii: "-") ? -1 : 1
            reader.advance()
            let offsetHour = try reader.digits(2, "offset hour")
            try reader.expect(UInt8(ascii: ":"), "':' in the offset")
            let offsetMinute = try reader.digits(2, "offset minute")
            guard offsetHour <= 23, offsetMinute <= 59 else {
                // Spelled as written: the bare numbers lost the sign and the leading zeros ("24:0").
                let written = "\(sign < 0 ? "-" : "+")\(pad(offsetHour, 2)):\(pad(offsetMinute, 2))"
                throw Failure(description: "offset \(written) is out of range")
            }
            offset = sign * (offsetHour * 3600 + offsetMinute * 60)
        default:
            throw Failure(description: "expected 'Z' or a ±HH:MM offset \(reader.position)")
        }
        guard reader.isAtEnd else { throw Failure(description: "unexpected text after the offset") }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let local = days * 86_400 + hour * 3_600 + minute * 60 + second
        let seconds = Double(local - offset) + fraction
        // An offset can carry the instant out of years 0000–9999, where it has no UTC spelling:
        // refused, so that every accepted claim can be written back.
        guard seconds >= minimumSeconds, seconds < maximumSeconds else {
            throw Failure(description: "the instant in UTC lies outside years 0000–9999 (or rounds to 10000-01-01)")
        }
        return seconds
    }

    /// The RFC 3339 text of `seconds` in UTC: whole seconds when integral, else up to six fraction
    /// digits (microseconds, about what a `Double` holds for present-day times), trailing zeros dropped.
    /// `nil` when not finite or outside years 0000–9999.
    static func format(_ seconds: Double) -> String? {
        guard seconds.isFinite, seconds >= minimumSeconds, seconds < maximumSeconds else { return nil }
        var whole = Int(seconds.rounded(.down))
        var micros = Int(((seconds - Double(whole)) * 1_000_000).rounded())
        if micros == 1_000_000 {
            whole += 1
            micros = 0
        }
        guard Double(whole) < maximumSeconds else { return nil }
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let secondOfDay = whole - days * 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        text += "T" + pad(secondOfDay / 3_600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if micros > 0 {
            var digits = pad(micros, 6)
            while digits.last == "0" { digits.removeLast() }
            text += "." + digits
        }
        return text + "Z"
    }

    /// 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z.
    static let minimumSeconds = Double(daysSinceEpoch(year: 0, month: 1, day: 1) * 86_400)
    static let maximumSeconds = Double(daysSinceEpoch(year: 10_000, month: 1, day: 1) * 86_400)

    // MARK: Calendar (proleptic Gregorian, as RFC 3339 §5.7 prescribes)

    static func isLeapYear(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the date, counting in 400-year eras of 146 097 days that start on
    /// 1 March (so the leap day ends a year and the month lengths repeat from March on).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400
        let marchMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * marchMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of ``daysSinceEpoch(year:month:day:)``.
    package static func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let marchMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * marchMonth + 2) / 5 + 1
        let month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func powerOfTen(_ exponent: Int) -> Int {
        var value = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A cursor over the text whose errors name what was expected and where.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var isAtEnd: Bool { index == bytes.count }
        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
        var position: String { isAtEnd ? "at the end" : "at offset \(index)" }

        mutating func advance() { index += 1 }

        mutating func digits(_ count: Int, _ name: String) throws(Failure) -> Int {
            var value = 0
            for _ in 0..<count {
                guard let byte = peek, byte &- UInt8(ascii: "0") < 10 else {
                    throw Failure(description: "expected \(count) digits of the \(name) \(position)")
                }
                value = value * 10 + Int(byte &- UInt8(ascii: "0"))
                advance()
            }
            return value
        }

        mutating func expect(_ byte: UInt8, or alternative: UInt8? = nil, _ what: String) throws(Failure) {
            guard let found = peek, found == byte || found == alternative else {
                throw Failure(description: "expected \(what) \(position)")
            }
            advance()
        }
    }
}
