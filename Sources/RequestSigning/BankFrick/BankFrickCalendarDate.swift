internal import CryptoPrimitives

extension BankFrick {
    /// A calendar day written `YYYY-MM-DD` (the `validUntil` field), proleptic Gregorian, years
    /// 0001…9999. No time zone: the bank interprets it.
    public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
        /// The year, 1…9999.
        public let year: Int
        /// The month, 1…12.
        public let month: Int
        /// The day of the month; always one that exists in that month and year.
        public let day: Int

        /// - Throws: `invalid_date` unless the day exists (including leap years).
        public init(year: Int, month: Int, day: Int) throws(RequestSigningError) {
            guard (1...9999).contains(year), (1...12).contains(month),
                (1...Self.daysIn(month: month, year: year)).contains(day)
            else {
                throw RequestSigningError(.invalidDate, "\(year)-\(month)-\(day) is not a calendar day in 0001…9999")
            }
            self.year = year
            self.month = month
            self.day = day
        }

        /// Parses exactly `YYYY-MM-DD` (ASCII digits, 10 characters).
        ///
        /// - Throws: `invalid_date` for any other shape or a day that does not exist.
        public init(_ text: some StringProtocol) throws(RequestSigningError) {
            let bytes = Array(text.utf8)
            let dash = UInt8(ascii: "-")
            guard bytes.count == 10, bytes[4] == dash, bytes[7] == dash else {
                throw RequestSigningError(
                    .invalidDate,
                    "expected a date as YYYY-MM-DD, got \(PrintableText.quoted(text))"
                )
            }
            func number(_ range: Range<Int>) throws(RequestSigningError) -> Int {
                var value = 0
                for byte in bytes[range] {
                    guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else {
                        throw RequestSigningError(
                            .invalidDate,
                            "expected a date as YYYY-MM-DD, got \(PrintableText.quoted(text))"
                        )
                    }
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                }
                return value
            }
            let (year, month, day) = (try number(0..<4), try number(5..<7), try number(8..<10))
            guard (1...9999).contains(year), (1...12).contains(month),
                (1...Self.daysIn(month: month, year: year)).contains(day)
            else {
                throw RequestSigningError(.invalidDate, "\(text) is not a calendar day in 0001…9999")
            }
            self.year = year
            self.month = month
            self.day = day
        }

        public init(from decoder: any Decoder) throws {
            try self.init(try decoder.singleValueContainer().decode(String.self))
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(description)
        }

        /// `YYYY-MM-DD`.
        public var description: String {
            func padded(_ value: Int, _ width: Int) -> String {
                let digits = String(value)
                return String(repeating: "0", count: max(0, width - digits.count)) + digits
            }
            return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
        }

        static func daysIn(month: Int, year: Int) -> Int {
            switch month {
            case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        }
    }
}
