import Foundation
import StrictJSON
import Testing

/// `Date`, `URL`, `Data` and `Decimal` in their JSON form (seconds since 1970; a string; Base64; a
/// number) through both decoders and the encoder, not in their own `Codable` form (seconds since
/// 2001; an object with "relative"; an array of bytes; an object of mantissa words).
@Suite("Date, URL, Data and Decimal values")
struct FoundationValuesTests {
    struct Claims: Codable, Equatable {
        var exp: Date
        var iat: Date?
        var website: URL
        var dates: [Date]
    }

    static let text = #"{"exp":1700000100,"iat":1700000000.5,"website":"https://a.example/x?q=1","dates":[0,86400]}"#
    static let expected = Claims(
        exp: Date(timeIntervalSince1970: 1_700_000_100),
        iat: Date(timeIntervalSince1970: 1_700_000_000.5),
        website: URL(string: "https://a.example/x?q=1")!,
        dates: [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 86_400)]
    )

    @Test("both decoders read a Date as seconds since 1970 and a URL from a string")
    func decode() throws {
        let bytes = Array(Self.text.utf8)
        #expect(try JSONParser().decode(Claims.self, from: bytes) == Self.expected)
        let tree = try JSONParser().parse(bytes)
        #expect(try JSONValueDecoder().decode(Claims.self, from: tree) == Self.expected)
        // Top level too.
        #expect(try JSONParser().decode(Date.self, from: Array("-1.25".utf8)) == Date(timeIntervalSince1970: -1.25))
        #expect(try JSONValueDecoder().decode(URL.self, from: .string("urn:x")) == URL(string: "urn:x"))
    }

    @Test("the encoder writes what the decoders read")
    func encode() throws {
        let encoded = try JSONValueEncoder().encode(Self.expected)
        #expect(encoded["exp"] == 1_700_000_100)
        #expect(encoded["iat"] == 1_700_000_000.5)
        #expect(encoded["website"] == "https://a.example/x?q=1")
        #expect(encoded["dates"] == [0, 86400])
        #expect(try JSONValueDecoder().decode(Claims.self, from: encoded) == Self.expected)
        #expect(try JSONValueEncoder().encode(Date(timeIntervalSince1970: 7)) == 7)
    }

    /// A wrapper that writes its value through a single-value container, as property wrappers and
    /// hand-written `encode(to:)` methods do.
    struct Wrapped<Value: Encodable>: Encodable {
        var value: Value
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(value)
        }
    }

    @Test("through a single-value container, Date, URL, Data and Decimal keep their JSON form")
    func encodeThroughSingleValueContainer() throws {
        let encoder = JSONValueEncoder()
        #expect(try encoder.encode(Wrapped(value: Date(timeIntervalSince1970: 1_700_000_100))) == 1_700_000_100)
        #expect(try encoder.encode(Wrapped(value: URL(string: "https://a.example/x")!)) == "https://a.example/x")
        #expect(try encoder.encode(Wrapped(value: Data([0, 255, 16]))) == "AP8Q")
        #expect(try encoder.encode(Wrapped(value: Decimal(string: "12.5")!)) == 12.5)
        // Nested below a keyed container too.
        let nested = try encoder.encode(["exp": Wrapped(value: Date(timeIntervalSince1970: 7))])
        #expect(nested.serializedString() == #"{"exp":7}"#)
    }

    @Test("a Date needs a number and a URL a string; Foundation's own object form is refused")
    func refusals() throws {
        struct Site: Decodable { var site: URL }
        struct When: Decodable { var when: Date }
        let refused: [(String, any Decodable.Type)] = [
            (#"{"site":{"relative":"https://evil.example/"}}"#, Site.self),
            (#"{"site":""}"#, Site.self),
            (#"{"site":1}"#, Site.self),
            (#"{"when":"2023-11-14T22:13:20Z"}"#, When.self),
            (#"{"when":null}"#, When.self),
        ]
        for (text, type) in refused {
            #expect(throws: DecodingError.self, "\(text)") { try JSONParser().decode(type, from: Array(text.utf8)) }
            let tree = try JSONParser().parse(Array(text.utf8))
            #expect(throws: DecodingError.self, "\(text)") { try JSONValueDecoder().decode(type, from: tree) }
        }
    }

    struct Payment: Codable, Equatable {
        var amount: Decimal
        var blob: Data
    }

    @Test("Data is a padded Base64 string and Decimal a number read from its text, both ways")
    func dataAndDecimal() throws {
        let text = #"{"amount":1234567890.123456789012345678,"blob":"AP8Q"}"#
        let expected = Payment(amount: Decimal(string: "1234567890.123456789012345678")!, blob: Data([0, 255, 16]))
        let bytes = Array(text.utf8)
        #expect(try JSONParser().decode(Payment.self, from: bytes) == expected)
        #expect(try JSONValueDecoder().decode(Payment.self, from: JSONParser().parse(bytes)) == expected)
        let encoded = try JSONValueEncoder().encode(expected)
        #expect(String(decoding: encoded.serialized(), as: UTF8.self) == text)
        #expect(try JSONValueEncoder().encode(Decimal(string: "-0.5")!) == -0.5)
        #expect(
            try JSONValueEncoder().encode(Decimal(string: "1e20")!)
                == .number(JSONNumber(text: "100000000000000000000")!)
        )
        #expect(try JSONValueEncoder().encode(Data()) == "")
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(Decimal.nan) }
        #expect(try JSONParser().decode(Decimal.self, from: Array("1.5E+3".utf8)) == 1500)
    }

    @Test("Data needs canonical Base64 and Decimal a number in its range; their own Codable forms are refused")
    func dataAndDecimalRefusals() throws {
        struct Blob: Decodable { var blob: Data }
        struct Amount: Decodable { var amount: Decimal }
        let refused: [(String, any Decodable.Type)] = [
            (#"{"blob":[0,255,16]}"#, Blob.self),
            (#"{"blob":"AP8"}"#, Blob.self),
            (#"{"blob":"AP-Q"}"#, Blob.self),
            (#"{"blob":"AP8Q\n"}"#, Blob.self),
            (#"{"blob":null}"#, Blob.self),
            (#"{"amount":"12.5"}"#, Amount.self),
            (#"{"amount":{"_mantissa":[125],"_exponent":-1,"_length":1,"_isNegative":0}}"#, Amount.self),
            (#"{"amount":1e200}"#, Amount.self),
            (#"{"amount":1e-200}"#, Amount.self),
            (#"{"amount":1e-129}"#, Amount.self),
            (#"{"amount":3402823669209384634633746074317682114551}"#, Amount.self),
            (#"{"amount":0.999999999999999999999999999999999999999}"#, Amount.self),
            (#"{"amount":1e99999999999999999999}"#, Amount.self),
            (#"{"amount":null}"#, Amount.self),
        ]
        for (text, type) in refused {
            #expect(throws: DecodingError.self, "\(text)") { try JSONParser().decode(type, from: Array(text.utf8)) }
            let tree = try JSONParser().parse(Array(text.utf8))
            #expect(throws: DecodingError.self, "\(text)") { try JSONValueDecoder().decode(type, from: tree) }
        }
    }

    @Test("a Decimal is read by value, not spelling, and exactly or not at all")
    func decimalExactness() throws {
        func decimal(_ text: String) throws -> Decimal {
            let viaTape = try JSONParser().decode(Decimal.self, from: Array(text.utf8))
            let viaTree = try JSONValueDecoder().decode(Decimal.self, from: JSONParser().parse(Array(text.utf8)))
            #expect(viaTape == viaTree, "\(text)")
            return viaTape
        }
        let oneE128 = try decimal("1e128")
        #expect(try decimal("10e127") == oneE128)
        #expect(try decimal("1E+128") == oneE128)
        #expect(try decimal("0.0001e132") == oneE128)
        #expect(try decimal("100e-130") == decimal("1e-128"))
        #expect(try decimal("-0.000e5") == 0)
        #expect(try decimal("12.50") == Decimal(string: "12.5"))
        #expect(try decimal("0.05") == Decimal(string: "0.05"))
        let digits38 = "12345678901234567890123456789012345678"
        #expect(try decimal(digits38) == Decimal(string: digits38))
        #expect(try decimal(digits38 + "000") == Decimal(string: digits38 + "e3"))
        #expect(try decimal("-" + digits38 + "e127").description.hasPrefix("-" + digits38))
        #expect(try decimal("0.123456789012345678901234567890123456789").description.count == 41)
        let greatest = Decimal.greatestFiniteMagnitude
        for edge in [
            greatest, Decimal.leastFiniteMagnitude, Decimal.leastNonzeroMagnitude, -Decimal.leastNonzeroMagnitude,
        ] {
            let text = String(decoding: try JSONValueEncoder().encode(edge).serialized(), as: UTF8.self)
            #expect(try decimal(text) == edge, "\(text)")
        }
        #expect(throws: DecodingError.self) {
            try JSONParser().decode(Decimal.self, from: Array(String(repeating: "9", count: 60_000).utf8))
        }
        // Exponents beyond any cap, brought back into range by the digits: the value, not a clamp.
        let zeros = String(repeating: "0", count: 1_000_000)
        #expect(try decimal("0." + zeros.dropLast() + "1e1000002") == 100)
        #expect(try decimal("1" + zeros + "e-1000002") == Decimal(string: "0.01"))
    }
}
