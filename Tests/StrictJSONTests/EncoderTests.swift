import StrictJSON
import Testing

@Suite("JSONValueEncoder")
struct EncoderTests {
    struct Header: Codable, Equatable {
        var alg: String
        var typ: String?
        var kid: String
    }

    struct Payload: Codable, Equatable {
        var sub: String
        var exp: Int64
        var iat: Double
        var scopes: [String]
        var header: Header
        var small: Int8
        var unsigned: UInt64
        var ratio: Float
        var flag: Bool
        var nothing: Int?
        var raw: JSONValue
    }

    private static let payload = Payload(
        sub: "user \"1\"\n",
        exp: 1_700_000_000,
        iat: 1_699_999_999.5,
        scopes: ["read", "write"],
        header: Header(alg: "EdDSA", typ: nil, kid: "k/1"),
        small: -8,
        unsigned: .max,
        ratio: 0.25,
        flag: false,
        nothing: nil,
        raw: ["x": [1, 2.5, "é", JSONValue.null]]
    )

    @Test func keyedContainersKeepDeclarationOrder() throws {
        let value = try JSONValueEncoder().encode(Self.payload)
        #expect(
            value.objectValue?.names == [
                "sub", "exp", "iat", "scopes", "header", "small", "unsigned", "ratio", "flag", "raw",
            ]
        )
        #expect(
            value.serializedString()
                == #"{"sub":"user \"1\"\n","exp":1700000000,"iat":1699999999.5,"scopes":["read","write"],"#
                + #""header":{"alg":"EdDSA","kid":"k/1"},"small":-8,"unsigned":18446744073709551615,"#
                + #""ratio":0.25,"flag":false,"raw":{"x":[1,2.5,"é",null]}}"#
        )
    }

    @Test func codableRoundTripThroughText() throws {
        let text = try JSONValueEncoder().encode(Self.payload).serialized()
        let decoded = try JSONValueDecoder().decode(Payload.self, from: JSONParser().parse(text))
        #expect(decoded == Self.payload)
    }

    @Test func nonFiniteFloatsThrowWithPath() {
        struct Holder: Encodable {
            var values: [Double]
        }
        for bad in [Double.nan, .infinity, -.infinity] {
            #expect {
                try JSONValueEncoder().encode(Holder(values: [1, bad]))
            } throws: { error in
                guard case .invalidValue(_, let context) = error as? EncodingError else { return false }
                return context.codingPath.map(\.stringValue) == ["values", "Index 1"]
            }
        }
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(Float.nan) }
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(["k": Double.infinity]) }
    }

    @Test func scalarsAtTopLevel() throws {
        let encoder = JSONValueEncoder()
        #expect(try encoder.encode(5) == .number(JSONNumber(5)))
        #expect(try encoder.encode(UInt8(255)).serializedString() == "255")
        #expect(try encoder.encode(Int16.min).serializedString() == "-32768")
        #expect(try encoder.encode(2.0).serializedString() == "2")
        #expect(try encoder.encode(-0.0).serializedString() == "-0")
        #expect(try encoder.encode("s") == "s")
        #expect(try encoder.encode(true) == true)
        #expect(try encoder.encode(Int?.none) == .null)
        #expect(try encoder.encode([Int?.none, 1]).serializedString() == "[null,1]")
    }

    private struct Manual: Encodable {
        enum Keys: String, CodingKey { case b, a, nested, list, parent }
        enum Inner: String, CodingKey { case x }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .b)
            try container.encodeNil(forKey: .a)
            var nested = container.nestedContainer(keyedBy: Inner.self, forKey: .nested)
            try nested.encode("y", forKey: .x)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode(1)
            var inner = list.nestedContainer(keyedBy: Inner.self)
            try inner.encode(true, forKey: .x)
            var innerList = list.nestedUnkeyedContainer()
            try innerList.encodeNil()
            try "from super".encode(to: list.superEncoder())
            try 7.encode(to: container.superEncoder())
            try "parent".encode(to: container.superEncoder(forKey: .parent))
            // Re-encoding a key replaces the value in place.
            try container.encode(2, forKey: .b)
            // Asking for the container again continues the same object.
            var again = encoder.container(keyedBy: Keys.self)
            try again.encode(false, forKey: .a)
        }
    }

    @Test func containerOperations() throws {
        let value = try JSONValueEncoder().encode(Manual())
        #expect(
            value.serializedString()
                == #"{"b":2,"a":false,"nested":{"x":"y"},"list":[1,{"x":true},[null],"from super"],"super":7,"#
                + #""parent":"parent"}"#
        )
    }

    /// Encodes its encoder's coding path, so a test sees which path each container handed out.
    private struct PathEcho: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(encoder.codingPath.map(\.stringValue).joined(separator: "/"))
        }
    }

    /// Coding paths name where a value sits, as error messages quote them: a super encoder's
    /// path ends in its key ("super" when none is given), an element's in its own index.
    @Test func containersHandOutTheirCodingPaths() throws {
        struct Paths: Encodable {
            enum Keys: String, CodingKey { case list, parent, nested }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try PathEcho().encode(to: container.superEncoder(forKey: .parent))
                try PathEcho().encode(to: container.superEncoder())
                var list = container.nestedUnkeyedContainer(forKey: .list)
                try list.encode(PathEcho())
                var inner = list.nestedContainer(keyedBy: Keys.self)
                try inner.encode(PathEcho(), forKey: .nested)
                var innerList = list.nestedUnkeyedContainer()
                try innerList.encode(PathEcho())
                try PathEcho().encode(to: list.superEncoder())
                var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .nested)
                try PathEcho().encode(to: nested.superEncoder(forKey: .parent))
            }
        }
        #expect(
            try JSONValueEncoder().encode(Paths()).serializedString()
                == #"{"parent":"parent","super":"super","list":["list/Index 0",{"nested":"list/Index 1/nested"},"#
                + #"["list/Index 2/Index 0"],"list/Index 3"],"nested":{"parent":"nested/parent"}}"#
        )
    }

    /// A super encoder nothing was encoded into stands for an empty object, as with Foundation's
    /// JSONEncoder; asking for an unkeyed container again continues the same array.
    @Test func unusedSuperEncodersAndRepeatedUnkeyedContainers() throws {
        struct Unused: Encodable {
            enum Keys: String, CodingKey { case parent, list }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                _ = container.superEncoder()
                _ = container.superEncoder(forKey: .parent)
                var list = container.nestedUnkeyedContainer(forKey: .list)
                _ = list.superEncoder()
                try list.encode(1)
            }
        }
        #expect(
            try JSONValueEncoder().encode(Unused()).serializedString() == #"{"super":{},"parent":{},"list":[{},1]}"#
        )
        struct TwiceUnkeyed: Encodable {
            func encode(to encoder: any Encoder) throws {
                var first = encoder.unkeyedContainer()
                try first.encode(1)
                var second = encoder.unkeyedContainer()
                try second.encode(2)
                try first.encode(3)
            }
        }
        #expect(try JSONValueEncoder().encode(TwiceUnkeyed()).serializedString() == "[1,2,3]")
    }

    @Test func emptyEncodableBecomesAnError() throws {
        struct Empty: Encodable {
            func encode(to encoder: any Encoder) throws {}
        }
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(Empty()) }
        #expect(try JSONValueEncoder().encode(["e": Empty()]).serializedString() == #"{"e":{}}"#)
    }

    @Test func largeObjectsStayLinearAndReplaceByName() throws {
        struct Many: Encodable {
            struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                for index in 0..<20_000 { try container.encode(index, forKey: Key(stringValue: "k\(index)")) }
                try container.encode(-1, forKey: Key(stringValue: "k5"))
                try container.encode(-2, forKey: Key(stringValue: "k19999"))
            }
        }
        let object = try #require(try JSONValueEncoder().encode(Many()).objectValue)
        #expect(object.count == 20_000)
        #expect(object["k5"]?.int64Value == -1)
        #expect(object["k19999"]?.int64Value == -2)
        #expect(object.members[5].name == "k5")
    }

    @Test func jsonValuesAreStoredAsTheyAre() throws {
        let value = try JSONParser().parse(#"{"n":1.50e1,"o":{"z":1,"a":2}}"#)
        #expect(try JSONValueEncoder().encode(value) == value)
        #expect(try JSONValueEncoder().encode(["wrapped": value])["wrapped"] == value)
        #expect(try JSONValueEncoder().encode(value.objectValue!) == value)
        #expect(try JSONValueEncoder().encode(value["n"]!.numberValue!).numberValue?.text == "1.50e1")
    }
}
