import StrictJSON
import Testing
import VerifyKitTestSupport

@Suite("Compact serialization")
struct SerializationTests {
    /// A value built in code may nest far deeper than the parser allows; writing it must not
    /// recurse (it crashed with a stack overflow at 10,000 levels).
    @Test func deeplyNestedValuesSerializeWithoutRecursion() {
        let depth = 10_000
        var value = JSONValue.array([])
        var object = JSONObject()
        for level in 0..<depth {
            if level % 2 == 0 {
                value = .array([value, .null])
            } else {
                object = JSONObject()
                object.set("k", value)
                value = .object(object)
            }
        }
        let text = value.serialized()
        #expect(text.count == 2 + (depth / 2) * ("[,null]".utf8.count + #"{"k":}"#.utf8.count))
        #expect(Array(text.prefix(8)) == Array(#"{"k":[{""#.utf8))
        #expect(JSONValue.array([.number(JSONNumber(Int64(1))), .string("a")]).serializedString() == #"[1,"a"]"#)
    }

    @Test func stringEscaping() {
        let value = JSONValue.string("q\" b\\ s/ \u{8}\u{C}\n\r\t \u{0}\u{1F}\u{7F} é😀")
        #expect(value.serializedString() == #""q\" b\\ s/ \b\f\n\r\t \u0000\u001f"# + "\u{7F} é😀\"")
        #expect(Array(JSONValue.string("é").serialized()) == [0x22, 0xC3, 0xA9, 0x22])
    }

    /// RFC 8785 §3.2.2.2: every control character is escaped, the five with short forms by name
    /// and the rest as \u00 and two lowercase hex digits; each one is checked, not only the ends.
    @Test func everyControlCharacterIsEscaped() {
        let named: [UInt8: String] = [0x08: #"\b"#, 0x09: #"\t"#, 0x0A: #"\n"#, 0x0C: #"\f"#, 0x0D: #"\r"#]
        let digits = Array("0123456789abcdef")
        for byte in UInt8(0)..<0x20 {
            let escape = named[byte] ?? #"\u00"# + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
            let value = JSONValue.string("a" + String(UnicodeScalar(byte)) + "b")
            #expect(value.serializedString() == "\"a" + escape + "b\"", "byte \(byte)")
        }
        #expect(JSONValue.string("\u{1A}\u{1B}\u{1E}").serializedString() == #""\u001a\u001b\u001e""#)
    }

    @Test func compactOutput() throws {
        let value = try JSONParser().parse(" { \"a\" : [ 1 , true , null , { } , [ ] ] , \"b\" : -0.5e-3 } ")
        #expect(value.serializedString() == #"{"a":[1,true,null,{},[]],"b":-0.5e-3}"#)
    }

    @Test func sortedKeysUseUTF16CodeUnits() throws {
        // U+FF61 sorts after U+1F600 in UTF-8/scalar order but before it in UTF-16 (0xFF61 > 0xD83D).
        let value = try JSONParser().parse(
            #"{"b":1,"a":{"y":1,"x":2},"😀":3,"｡":4,"A":5,"":6,"aa":7,"\u0080":8}"#
        )
        #expect(
            value.serializedString(sortedKeys: true)
                == #"{"":6,"A":5,"a":{"x":2,"y":1},"aa":7,"b":1,"#
                + "\"\u{80}\":8,\"😀\":3,\"｡\":4}"
        )
        #expect(value.serializedString().hasPrefix(#"{"b":1,"a":{"y":1,"x":2}"#))
    }

    /// RFC 7638 section 3.1: the canonical JSON of the example RSA key's required members.
    @Test func rfc7638ThumbprintInput() throws {
        let modulus =
            "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3o"
            + "knjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHz"
            + "u6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8"
            + "awapJzKnqDKgw"
        let jwk = try JSONParser().parse(
            #"{"kty":"RSA","n":""# + modulus + #"","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#
        )
        var required = JSONObject()
        for name in ["kty", "n", "e"] { required.set(name, try #require(jwk[name])) }
        let canonical = JSONValue.object(required).serializedString(sortedKeys: true)
        #expect(canonical == #"{"e":"AQAB","kty":"RSA","n":""# + modulus + #""}"#)
    }

    @Test func randomValuesRoundTrip() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<500 {
            let value = RandomJSON.value(depth: 0, using: &generator)
            for sorted in [false, true] {
                let text = value.serialized(sortedKeys: sorted)
                let reparsed = try JSONParser().parse(text)
                #expect(reparsed == value, "seed \(seed)")
                #expect(reparsed.serialized(sortedKeys: sorted) == text, "seed \(seed)")
            }
        }
    }
}
