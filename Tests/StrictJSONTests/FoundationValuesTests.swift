import Foundation
import StrictJSON
import Testing

/// `Date` and `URL` in their JSON form (seconds since 1970; a string) through both decoders and the
/// encoder, not in their own `Codable` form (seconds since 2001; an object with "relative").
@Suite("Date and URL values")
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
}
