import StrictJSON
import Testing

@Suite("JSONValueDecoder")
struct DecoderTests {
    struct Address: Codable, Equatable {
        var city: String
        var zip: String?
    }

    struct Claims: Codable, Equatable {
        var iss: String
        var sub: String?
        var aud: [String]
        var exp: Int64
        var nbf: Double?
        var admin: Bool
        var address: Address
        var tags: [String: Int]
        var extra: JSONValue?
    }

    /// Decodes through the tree (`JSONValueDecoder`) and straight from the tape
    /// (`JSONParser.decode`), and checks that both give the same value or the same error.
    private static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let tree = Result { try JSONValueDecoder().decode(type, from: JSONParser().parse(text)) }
        let tape = Result { try JSONParser().decode(type, from: Array(text.utf8)) }
        switch (tree, tape) {
        case (.success(let viaTree), .success(let viaTape)):
            #expect(String(reflecting: viaTree) == String(reflecting: viaTape), "\(text)")
        case (.failure(let viaTree), .failure(let viaTape)):
            #expect(String(reflecting: viaTree) == String(reflecting: viaTape), "\(text)")
        default:
            Issue.record("\(text): tree decoder \(tree), tape decoder \(tape)")
        }
        return try tree.get()
    }

    /// The coding path of a `DecodingError`, rendered as `a.b.Index 0` for comparison.
    private static func path(of error: any Error) -> String? {
        guard let error = error as? DecodingError else { return nil }
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): context = c
        case .keyNotFound(let key, let c):
            return (c.codingPath + [key]).map(\.stringValue).joined(separator: ".")
        @unknown default: return nil
        }
        return context.codingPath.map(\.stringValue).joined(separator: ".")
    }

    @Test func nestedStructsOptionalsAndArrays() throws {
        let text = #"""
            {"iss":"me","aud":["a","b"],"exp":1700000000,"nbf":1.5,"admin":true,
             "address":{"city":"Vaduz","zip":null},"tags":{"x":1},"extra":{"k":[1,"two",null]}}
            """#
        let claims = try Self.decode(Claims.self, text)
        #expect(claims.iss == "me")
        #expect(claims.sub == nil)
        #expect(claims.aud == ["a", "b"])
        #expect(claims.exp == 1_700_000_000)
        #expect(claims.nbf == 1.5)
        #expect(claims.admin)
        #expect(claims.address == Address(city: "Vaduz", zip: nil))
        #expect(claims.tags == ["x": 1])
        #expect(claims.extra == ["k": [1, "two", JSONValue.null]])
    }

    @Test func typeMismatchesThrowWithPath() {
        let cases: [(String, String)] = [
            (#"{"iss":1,"aud":[],"exp":1,"admin":true,"address":{"city":"x"},"tags":{}}"#, "iss"),
            (#"{"iss":"i","aud":["a",2],"exp":1,"admin":true,"address":{"city":"x"},"tags":{}}"#, "aud.Index 1"),
            (#"{"iss":"i","aud":[],"exp":"1","admin":true,"address":{"city":"x"},"tags":{}}"#, "exp"),
            (#"{"iss":"i","aud":[],"exp":1,"admin":1,"address":{"city":"x"},"tags":{}}"#, "admin"),
            (#"{"iss":"i","aud":[],"exp":1,"admin":true,"address":{"city":false},"tags":{}}"#, "address.city"),
            (#"{"iss":"i","aud":[],"exp":1,"admin":true,"address":[],"tags":{}}"#, "address"),
            (#"{"iss":"i","aud":[],"exp":1,"admin":true,"address":{"city":"x"},"tags":{"t":"1"}}"#, "tags.t"),
            (#"{"iss":"i","aud":[],"exp":1.5,"admin":true,"address":{"city":"x"},"tags":{}}"#, "exp"),
            (#"{"iss":"i","aud":[],"exp":null,"admin":true,"address":{"city":"x"},"tags":{}}"#, "exp"),
            (#"{"iss":"i","aud":[],"admin":true,"address":{"city":"x"},"tags":{}}"#, "exp"),
            (#"{"iss":"i","aud":[],"exp":1,"admin":true,"address":{},"tags":{}}"#, "address.city"),
            (#"{"iss":"i","aud":"a","exp":1,"admin":true,"address":{"city":"x"},"tags":{}}"#, "aud"),
        ]
        for (text, expectedPath) in cases {
            do {
                _ = try Self.decode(Claims.self, text)
                Issue.record("accepted \(text)")
            } catch {
                #expect(Self.path(of: error) == expectedPath, "\(text): \(error)")
            }
        }
    }

    @Test func errorKinds() throws {
        #expect {
            try Self.decode(Int.self, #""1""#)
        } throws: { error in
            guard case .typeMismatch = error as? DecodingError else { return false }
            return true
        }
        #expect {
            try Self.decode(Int.self, "null")
        } throws: { error in
            guard case .valueNotFound = error as? DecodingError else { return false }
            return true
        }
        #expect {
            try Self.decode(Address.self, "{}")
        } throws: { error in
            guard case .keyNotFound(let key, _) = error as? DecodingError else { return false }
            return key.stringValue == "city"
        }
        #expect {
            try Self.decode(UInt8.self, "256")
        } throws: { error in
            guard case .dataCorrupted = error as? DecodingError else { return false }
            return true
        }
    }

    @Test func integerWidthsAreExact() throws {
        #expect(try Self.decode(Int8.self, "-128") == -128)
        #expect(try Self.decode(Int8.self, "127") == 127)
        #expect(throws: DecodingError.self) { try Self.decode(Int8.self, "128") }
        #expect(try Self.decode(UInt8.self, "255") == 255)
        #expect(throws: DecodingError.self) { try Self.decode(UInt8.self, "-1") }
        #expect(try Self.decode(Int16.self, "-32768") == .min)
        #expect(throws: DecodingError.self) { try Self.decode(Int16.self, "32768") }
        #expect(try Self.decode(UInt16.self, "65535") == .max)
        #expect(try Self.decode(Int32.self, "-2147483648") == .min)
        #expect(throws: DecodingError.self) { try Self.decode(UInt32.self, "4294967296") }
        #expect(try Self.decode(Int64.self, "9223372036854775807") == .max)
        #expect(throws: DecodingError.self) { try Self.decode(Int64.self, "9223372036854775808") }
        #expect(try Self.decode(UInt64.self, "18446744073709551615") == .max)
        #expect(throws: DecodingError.self) { try Self.decode(UInt64.self, "18446744073709551616") }
        #expect(try Self.decode(Int.self, "1e3") == 1000)
        #expect(try Self.decode(UInt.self, "2.0") == 2)
        #expect(throws: DecodingError.self) { try Self.decode(Int.self, "2.5") }
        #expect(throws: DecodingError.self) { try Self.decode(Int.self, "true") }
    }

    /// Optional members of every scalar type: missing and `null` are `nil`, anything else decodes
    /// or throws as the plain decode does (the tape decoder has its own `decodeIfPresent` for each).
    @Test func optionalScalarMembers() throws {
        struct Optionals: Decodable, Equatable {
            var i8: Int8?, i16: Int16?, i32: Int32?, u: UInt?, u8: UInt8?, u16: UInt16?, u32: UInt32?
            var u64: UInt64?, f: Float?
        }
        let all = #"{"i8":-128,"i16":1e4,"i32":-0,"u":2.0,"u8":255,"u16":null,"u32":4294967295,"u64":1,"f":0.5}"#
        #expect(
            try Self.decode(Optionals.self, all)
                == Optionals(i8: -128, i16: 10_000, i32: 0, u: 2, u8: 255, u32: .max, u64: 1, f: 0.5)
        )
        #expect(try Self.decode(Optionals.self, "{}") == Optionals())
        for wrong in [#"{"u8":256}"#, #"{"u":-1}"#, #"{"i16":"1"}"#, #"{"f":1e39}"#, #"{"u32":[]}"#, #"{"i8":1.5}"#] {
            #expect(throws: DecodingError.self) { try Self.decode(Optionals.self, wrong) }
        }
    }

    @Test func floatingPoint() throws {
        #expect(try Self.decode(Double.self, "1.5") == 1.5)
        #expect(try Self.decode(Double.self, "7") == 7)
        #expect(try Self.decode(Float.self, "0.1") == Float(0.1))
        #expect(try Self.decode(Float.self, "1e38") == Float(1e38))
        #expect(throws: DecodingError.self) { try Self.decode(Double.self, "1E400") }
        #expect(throws: DecodingError.self) { try Self.decode(Float.self, "1e39") }
        #expect(throws: DecodingError.self) { try Self.decode(Double.self, #""1.5""#) }
    }

    @Test func scalarsAndOptionalsAtTopLevel() throws {
        #expect(try Self.decode(String.self, #""s""#) == "s")
        #expect(try Self.decode(Bool.self, "false") == false)
        #expect(try Self.decode(Int?.self, "null") == nil)
        #expect(try Self.decode(Int?.self, "3") == 3)
        #expect(try Self.decode([Int?].self, "[1,null,3]") == [1, nil, 3])
        #expect(try Self.decode([[String]].self, #"[["a"],[]]"#) == [["a"], []])
        #expect(throws: DecodingError.self) { try Self.decode(String.self, "null") }
    }

    private struct ManualKeyed: Decodable {
        var keys: [String]
        var hasA: Bool
        var hasZ: Bool
        var aIsNil: Bool
        var bIsNil: Bool
        var nested: Int
        var superValue: String
        var missingSuperIsNull: Bool

        enum Keys: String, CodingKey { case a, b, c, z, `super` }
        enum Inner: String, CodingKey { case n }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            keys = container.allKeys.map(\.stringValue)
            hasA = container.contains(.a)
            hasZ = container.contains(.z)
            aIsNil = try container.decodeNil(forKey: .a)
            bIsNil = try container.decodeNil(forKey: .b)
            nested = try container.nestedContainer(keyedBy: Inner.self, forKey: .c).decode(Int.self, forKey: .n)
            superValue = try String(from: container.superDecoder())
            missingSuperIsNull = try container.superDecoder(forKey: .z).singleValueContainer().decodeNil()
        }
    }

    @Test func keyedContainerOperations() throws {
        let value = try Self.decode(ManualKeyed.self, #"{"a":null,"b":1,"c":{"n":7},"unknown":0,"super":"s"}"#)
        #expect(value.keys == ["a", "b", "c", "super"])
        #expect(value.hasA && !value.hasZ)
        #expect(value.aIsNil && !value.bIsNil)
        #expect(value.nested == 7)
        #expect(value.superValue == "s")
        #expect(value.missingSuperIsNull)
        #expect(throws: DecodingError.self) {
            try Self.decode(ManualKeyed.self, #"{"b":1,"c":{"n":7},"super":"s"}"#)
        }
    }

    private struct ManualUnkeyed: Decodable {
        var values: [String] = []

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            values.append("count=\(container.count ?? -1)")
            if try container.decodeNil() { values.append("nil") }
            // A failed decode must not advance the index.
            if (try? container.decode(Int.self)) == nil { values.append(try container.decode(String.self)) }
            var nested = try container.nestedUnkeyedContainer()
            values.append(String(try nested.decode(Int.self)))
            values.append(String(nested.isAtEnd))
            values.append(try String(from: container.superDecoder()))
            values.append("end=\(container.isAtEnd) index=\(container.currentIndex)")
            do {
                _ = try container.decode(Int.self)
            } catch DecodingError.valueNotFound(_, let context) {
                values.append(context.codingPath.map(\.stringValue).joined(separator: "/"))
            }
        }
    }

    @Test func unkeyedContainerOperations() throws {
        let value = try Self.decode(ManualUnkeyed.self, #"[null,"x",[5],"sup"]"#)
        #expect(value.values == ["count=4", "nil", "x", "5", "true", "sup", "end=true index=4", "Index 4"])
    }

    @Test func jsonValuesAreHandedOverDirectly() throws {
        let parsed = try JSONParser().parse(#"{"a":[1.50,{"b":null}],"n":1e2}"#)
        #expect(try JSONValueDecoder().decode(JSONValue.self, from: parsed) == parsed)
        #expect(try JSONValueDecoder().decode(JSONObject.self, from: parsed) == parsed.objectValue)
        let number = try JSONValueDecoder().decode(JSONNumber.self, from: parsed["n"]!)
        #expect(number.text == "1e2")
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(JSONObject.self, from: .array([])) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(JSONNumber.self, from: "s") }
    }

    @Test func largeObjectsUseTheIndex() throws {
        var object = JSONObject()
        for index in 0..<100 { object.set("k\(index)", .number(JSONNumber(index))) }
        let dictionary = try JSONValueDecoder().decode([String: Int].self, from: .object(object))
        #expect(dictionary.count == 100)
        #expect(dictionary["k99"] == 99)
    }

    @Test func userInfoIsPassedThrough() throws {
        struct ReadsUserInfo: Decodable {
            var flag: Bool
            init(from decoder: any Decoder) throws {
                flag = decoder.userInfo[CodingUserInfoKey(rawValue: "flag")!] as? Bool ?? false
            }
        }
        var decoder = JSONValueDecoder()
        decoder.userInfo[CodingUserInfoKey(rawValue: "flag")!] = true
        #expect(try decoder.decode(ReadsUserInfo.self, from: .null).flag)
    }

    /// `JSONParser.decode` reads any collection of bytes (copied once when not contiguous), passes
    /// `userInfo` on, and keeps its two kinds of error apart.
    @Test func parserDecodeTakesAnyCollectionAndKeepsErrorKinds() throws {
        struct ReadsUserInfo: Decodable {
            var flag: Bool
            init(from decoder: any Decoder) throws {
                _ = try decoder.singleValueContainer().decodeNil()
                flag = decoder.userInfo[CodingUserInfoKey(rawValue: "flag")!] as? Bool ?? false
            }
        }
        let text = #"{"iss":"me","aud":[],"exp":1,"admin":false,"address":{"city":"Vaduz"},"tags":{}}"#
        let contiguous = try JSONParser().decode(Claims.self, from: Array(text.utf8))
        // A lazy map has no contiguous storage.
        let scattered = Array(text.utf8).lazy.map { $0 }
        #expect(scattered.withContiguousStorageIfAvailable { _ in true } == nil)
        #expect(try JSONParser().decode(Claims.self, from: scattered) == contiguous)
        #expect(contiguous.address.city == "Vaduz")

        let key = CodingUserInfoKey(rawValue: "flag")!
        #expect(try JSONParser().decode(ReadsUserInfo.self, from: Array("null".utf8), userInfo: [key: true]).flag)
        #expect(try JSONParser().decode(ReadsUserInfo.self, from: "null".utf8.lazy.map { $0 }).flag == false)

        // Rejected text is a JSONError, from either path; text of the wrong shape a DecodingError.
        for bytes in [Array(#"{"a":1,"a":2}"#.utf8), Array("[1,]".utf8)] {
            #expect(throws: JSONError.self) { try JSONParser().decode(JSONValue.self, from: bytes) }
            #expect(throws: JSONError.self) { try JSONParser().decode(JSONValue.self, from: bytes.lazy.map { $0 }) }
        }
        #expect(throws: DecodingError.self) { try JSONParser().decode(Claims.self, from: Array("[]".utf8)) }
        #expect(throws: JSONError.self) {
            try JSONParser(options: .init(maxDepth: 1)).decode(Claims.self, from: Array(text.utf8))
        }
    }
}
