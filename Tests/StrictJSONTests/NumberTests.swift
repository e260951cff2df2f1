import StrictJSON
import Testing
import VerifyKitTestSupport

@Suite("JSON numbers keep their text and convert exactly")
struct NumberTests {
    static let int64Cases: [(String, Int64?)] = [
        ("0", 0),
        ("-0", 0),
        ("-0.0", 0),
        ("0e5", 0),
        ("0.000e-99999999999999999999", 0),
        ("1", 1),
        ("-1", -1),
        ("1.0", 1),
        ("1.000", 1),
        ("1e3", 1000),
        ("1E+3", 1000),
        ("1.5e1", 15),
        ("1000e-3", 1),
        ("1500e-3", nil),
        ("12300e-2", 123),
        ("0.5e1", 5),
        ("9223372036854775807", .max),
        ("-9223372036854775808", .min),
        ("9223372036854775807.000", .max),
        ("922337203685477580.7e1", .max),
        ("9223372036854775808", nil),
        ("-9223372036854775809", nil),
        ("18446744073709551615", nil),
        ("100000000000000000000", nil),
        ("1.5", nil),
        ("1500e-4", nil),
        ("0.1", nil),
        ("1e19", nil),
        ("1e18", 1_000_000_000_000_000_000),
        ("1e-1", nil),
        ("1E400", nil),
        ("1e99999999999999999999999", nil),
        ("1.7976931348623157e308", nil),
    ]

    @Test(arguments: int64Cases)
    func int64Value(_ text: String, _ expected: Int64?) throws {
        let number = try #require(JSONNumber(text: text))
        #expect(number.int64Value == expected, "\(text)")
        #expect(try JSONParser().parse(text).int64Value == expected, "\(text) parsed")
    }

    static let doubleCases: [(String, Double?)] = [
        ("0", 0),
        ("-0", -0.0),
        ("1.5", 1.5),
        ("-2.25e2", -225),
        ("9223372036854775807", Double(Int64.max)),  // rounds to 2^63
        ("9223372036854775808", 9_223_372_036_854_775_808),
        ("9007199254740993", 9_007_199_254_740_992),
        ("0.1", 0.1),
        ("1.7976931348623157e308", .greatestFiniteMagnitude),
        ("4.9e-324", .leastNonzeroMagnitude),
        ("1e-400", 0),
        ("1E400", nil),
        ("-1e400", nil),
        ("1700000000", 1_700_000_000),
    ]

    @Test(arguments: doubleCases)
    func doubleValue(_ text: String, _ expected: Double?) throws {
        let number = try #require(JSONNumber(text: text))
        let value = number.doubleValue
        #expect(value == expected, "\(text)")
        if let value, let expected { #expect(value.sign == expected.sign, "\(text) sign") }
    }

    @Test func negativeZeroKeepsItsSign() throws {
        let value = try #require(JSONNumber(text: "-0")?.doubleValue)
        #expect(value == 0 && value.sign == .minus)
    }

    @Test(arguments: [
        "", "-", "+1", "01", "-01", ".5", "1.", "1e", "1e+", "NaN", "Infinity", "0x1", " 1", "1 ", "1.5.3", "١",
    ])
    func invalidTextIsRejected(_ text: String) {
        #expect(JSONNumber(text: text) == nil, "\(text)")
    }

    @Test func exactIntegerCoversAllWidths() throws {
        let big = try #require(JSONNumber(text: "18446744073709551615"))
        #expect(big.exactInteger(as: UInt64.self) == .max)
        #expect(big.exactInteger(as: Int64.self) == nil)
        let negative = try #require(JSONNumber(text: "-128"))
        #expect(negative.exactInteger(as: Int8.self) == -128)
        #expect(negative.exactInteger(as: UInt8.self) == nil)
        #expect(JSONNumber(text: "-129")?.exactInteger(as: Int8.self) == nil)
        #expect(JSONNumber(text: "255")?.exactInteger(as: UInt8.self) == 255)
        #expect(JSONNumber(text: "256")?.exactInteger(as: UInt8.self) == nil)
        #expect(JSONNumber(text: "-0")?.exactInteger(as: UInt8.self) == 0)
        #expect(JSONNumber(text: "2.55e2")?.exactInteger(as: UInt8.self) == 255)
        // Negative values written with a fraction or an exponent (off the plain-integer path) are
        // nil for unsigned types, as "-128" is; -0 in those forms is 0.
        for text in ["-5e0", "-1.0", "-12.5e1", "-18446744073709551615e0"] {
            #expect(JSONNumber(text: text)?.exactInteger(as: UInt64.self) == nil, "\(text)")
            #expect(JSONNumber(text: text)?.exactInteger(as: UInt8.self) == nil, "\(text)")
        }
        #expect(JSONNumber(text: "-5e0")?.exactInteger(as: Int8.self) == -5)
        #expect(JSONNumber(text: "-0.0e3")?.exactInteger(as: UInt8.self) == 0)
    }

    @Test func initializersWriteGrammarValidText() throws {
        #expect(JSONNumber(Int64.min).text == "-9223372036854775808")
        #expect(JSONNumber(UInt64.max).text == "18446744073709551615")
        #expect(JSONNumber(42).text == "42")
        #expect(JSONNumber(3.0)?.text == "3")
        #expect(JSONNumber(-0.0)?.text == "-0")
        #expect(JSONNumber(1_700_000_000.0)?.text == "1700000000")
        #expect(JSONNumber(1.5)?.text == "1.5")
        // Integral values are written as integers below 10^15 in magnitude, in Swift's form from there.
        #expect(JSONNumber(999_999_999_999_999.0)?.text == "999999999999999")
        #expect(JSONNumber(1e15)?.text == "1000000000000000.0")
        #expect(JSONNumber(-1e15)?.text == "-1000000000000000.0")
        #expect(JSONNumber(Double.nan) == nil)
        #expect(JSONNumber(Double.infinity) == nil)
        #expect(JSONNumber(-Float.infinity) == nil)
        #expect(JSONNumber(Float(0.1))?.text == "0.1")
        for double in [0.1, 1e-5, 1e15, 1e300, -2.5e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 123.456] {
            let number = try #require(JSONNumber(double))
            #expect(JSONNumber(text: number.text) == number, "\(number.text)")
            #expect(number.doubleValue == double, "\(number.text)")
        }
    }

    @Test func randomIntegersRoundTrip() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<2000 {
            let value = Int64.random(in: .min ... .max, using: &generator)
            let parsed = try JSONParser().parse(String(value))
            #expect(parsed.int64Value == value, "seed \(seed)")
            let scaled = try #require(JSONNumber(text: "\(value)000e-3"))
            #expect(scaled.int64Value == value, "seed \(seed)")
        }
    }

    /// Plain integers of up to 18 digits take a fast path (eight digits at a time); the same
    /// number with a `.0` fraction takes the general one. Both must agree for every length, with
    /// a non-digit at every position of the fast path's eight-byte windows.
    @Test func fastIntegerPathAgreesWithTheGeneralPath() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var generator = SeededGenerator(seed: seed)
        var checked = 0
        for length in 1...18 {
            for _ in 0..<20 {
                var digits = (0..<length).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) }
                if length > 1 && digits[0] == "0" { digits[0] = "7" }
                let plain = String(digits)
                var texts = [plain, "-" + plain]
                if length > 1 {
                    let cut = Int.random(in: 1..<length, using: &generator)
                    texts.append(String(digits[..<cut]) + "." + String(digits[cut...]))
                    texts.append(String(digits[..<cut]) + "e" + String(digits[cut...]).prefix(2))
                    texts.append(String(digits[..<cut]) + "E+" + String(digits[cut...]).prefix(2))
                }
                for text in texts {
                    let fast = try #require(JSONNumber(text: text), "\(text)")
                    // `.0` after the integer digits (or a `0` after existing fraction digits).
                    let exponent = text.firstIndex { $0 == "e" || $0 == "E" } ?? text.endIndex
                    let fraction = text.contains(".") ? "0" : ".0"
                    let equivalent = String(text[..<exponent]) + fraction + String(text[exponent...])
                    let general = try #require(JSONNumber(text: equivalent), "\(equivalent)")
                    #expect(fast.int64Value == general.int64Value, "seed \(seed): \(text)")
                    #expect(fast.doubleValue == general.doubleValue, "seed \(seed): \(text)")
                    checked += 1
                }
                #expect(JSONNumber(text: plain)?.int64Value == Int64(plain), "seed \(seed): \(plain)")
            }
        }
        #expect(checked == 20 * (2 + 17 * 5))
    }

    @Test func randomDoublesRoundTrip() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<2000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            let number = try #require(JSONNumber(value), "seed \(seed)")
            #expect(JSONNumber(text: number.text) != nil, "seed \(seed): \(number.text)")
            #expect(number.doubleValue == value, "seed \(seed): \(number.text)")
        }
    }

    @Test func equalityIsTextual() throws {
        #expect(JSONNumber(text: "1") != JSONNumber(text: "1.0"))
        #expect(try JSONParser().parse("1e3") != JSONParser().parse("1000"))
        #expect(JSONNumber(text: "1e3")?.int64Value == JSONNumber(text: "1000")?.int64Value)
    }

    /// Digit runs are skipped eight bytes at a time: every length around the word size, followed by
    /// each byte next to the digit range and by a non-ASCII byte, ends the number exactly there.
    @Test func digitRunsEndAtTheFirstNonDigit() throws {
        for length in 1...20 {
            let digits = String((0..<length).map { Character(String(($0 + 1) % 10)) })
            for text in [digits, "0." + digits, "1e" + digits] {
                #expect(try JSONParser().parse(text) == .number(JSONNumber(text: text)!))
                #expect(try JSONParser().parse("[\(text)]") == .array([.number(JSONNumber(text: text)!)]))
                for terminator in ["/", ":", "\u{7F}", "é", "0a", "x"] {
                    #expect(throws: JSONError.self, "\(text)\(terminator)") {
                        try JSONParser().parse("[\(text)\(terminator)]")
                    }
                }
            }
        }
    }
}
