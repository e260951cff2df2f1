import CryptoPrimitives
import JSONWebToken
import Testing

/// Claims that fail to decode report what was expected and where, with the token's own text
/// (member names, values quoted by the decoder) clipped and printable, so the message can be logged.
@Suite("Claims decoding failures: useful and log-safe messages")
struct ClaimsDecodingMessageTests {
    static func isPrintable(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F || $0 == "…" }
    }

    static func failure<Claims: Decodable>(_ payload: String, as type: Claims.Type) throws -> JWTError? {
        let token = TestTokens.hs256(payload)
        return #expect(throws: JWTError.self) { try TestTokens.hmacCollection().verify(token, as: type) }
    }

    struct Nested: Decodable {
        struct Limits: Decodable { var daily: Int }
        var sub: String
        var limits: Limits
        var tags: [String]
    }

    @Test("the message names the expected type and the path of the bad value")
    func pathAndType() throws {
        let mismatch = try Self.failure(#"{"sub":"a","limits":{"daily":"ten"},"tags":[]}"#, as: Nested.self)
        #expect(mismatch?.code == .invalidClaim)
        #expect(
            mismatch?.message.hasSuffix(#"expected Int at "limits"."daily", found a string"#) == true,
            "\(mismatch?.message ?? "")"
        )
        let missing = try Self.failure(#"{"sub":"a","limits":{},"tags":[]}"#, as: Nested.self)
        #expect(missing?.message.contains("no member \"daily\" at \"limits\"") == true, "\(missing?.message ?? "")")
        let element = try Self.failure(#"{"sub":"a","limits":{"daily":1},"tags":["x",2]}"#, as: Nested.self)
        #expect(
            element?.message.hasSuffix(#"expected String at "tags"[1], found a number"#) == true,
            "\(element?.message ?? "")"
        )
        let root = try Self.failure(#"{"limits":{"daily":1},"tags":[]}"#, as: Nested.self)
        #expect(root?.message.contains("no member \"sub\" at the root") == true, "\(root?.message ?? "")")
    }

    @Test("member names and values from the token are clipped and made printable")
    func hostileText() throws {
        struct Claims: Decodable { var m: [String: Int] }
        let name = "\\u001b[31m" + String(repeating: "y", count: 5_000)
        let error = try Self.failure(#"{"m":{"\#(name)":"s"}}"#, as: Claims.self)
        let message = try #require(error?.message)
        #expect(error?.code == .invalidClaim)
        #expect(Self.isPrintable(message), "\(message.debugDescription)")
        #expect(message.count < 400, "\(message.count) characters")
        #expect(message.contains(#""m"."\u{1B}[31myyyy"#))

        struct Link: Decodable { var url: URLHolder }
        struct URLHolder: Decodable {
            var value: Int
            init(from decoder: any Decoder) throws {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: String(repeating: "\u{7}", count: 9_000))
                )
            }
        }
        let corrupted = try Self.failure(#"{"url":1}"#, as: Link.self)
        #expect(Self.isPrintable(corrupted?.message ?? "\u{7}"))
        #expect((corrupted?.message.count ?? .max) < 400)
    }

    @Test("deep paths are cut after eight components")
    func deepPath() throws {
        struct Deep: Decodable {
            var a: [String: [String: [String: [String: [String: [String: [String: [String: [String: Int]]]]]]]]]
        }
        let payload = #"{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":"x"}}}}}}}}}}"#
        let error = try Self.failure(payload, as: Deep.self)
        #expect(
            error?.message.contains("\"a\".\"b\".\"c\".\"d\".\"e\".\"f\".\"g\".\"h\"…") == true,
            "\(error?.message ?? "")"
        )
    }
}
