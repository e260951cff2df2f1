import StrictJSON
import Testing

/// Objects decoded as integer-keyed maps (`[Int: V]`, `Int`-raw-valued `CodingKeyRepresentable`
/// keys): distinct names the parser accepts must not become one key, so a name `Int(name)` reads must
/// be the integer's canonical spelling, else this decoder and a JavaScript or Python reader see
/// different data. Other readers are unaffected. Both decoders (tape and tree) must agree.
@Suite("Member names read as integer keys")
struct IntegerKeyNameTests {
    struct Limits: Decodable, Equatable { var limits: [Int: String] }
    /// A key type of a custom reader that reads names through `Int(name)` itself.
    struct IntKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) {
            self.stringValue = stringValue
            self.intValue = Int(stringValue)
        }
        init?(intValue: Int) { nil }
    }
    /// A map key read through `Int(name)` too, by `CodingKeyRepresentable`'s default for `Int` raw values.
    enum Level: Int, Decodable, CodingKeyRepresentable {
        case low = 1
        case high = 2
    }

    /// The refusal of both decoders: coding path (string values) and message, or `nil` for a decoder
    /// that did not throw `DecodingError.dataCorrupted`.
    static func refusals<T: Decodable>(_ type: T.Type, _ text: String) -> [(path: [String], message: String)?] {
        let bytes = Array(text.utf8)
        let decoders: [() throws -> T] = [
            { try JSONParser().decode(type, from: bytes) },
            { try JSONValueDecoder().decode(type, from: try JSONParser().parse(bytes)) },
        ]
        return decoders.map { decode in
            do {
                _ = try decode()
                return nil
            } catch DecodingError.dataCorrupted(let context) {
                return (context.codingPath.map(\.stringValue), context.debugDescription)
            } catch {
                return nil
            }
        }
    }

    /// What both decoders give (they must agree).
    static func decodeBoth<T: Decodable & Equatable>(_ type: T.Type, _ text: String) throws -> T {
        let bytes = Array(text.utf8)
        let tape = try JSONParser().decode(type, from: bytes)
        let tree = try JSONValueDecoder().decode(type, from: try JSONParser().parse(bytes))
        #expect(tape == tree, "\(text)")
        return tape
    }

    @Test func distinctNamesThatWouldCollapseToOneIntKeyAreRefused() {
        let text = #"{"limits":{"1":"small","01":"LARGE","+1":"huge"}}"#
        for refusal in Self.refusals(Limits.self, text) {
            #expect(refusal?.path == ["limits", "01"])
            #expect(refusal?.message.contains(#""01""#) == true, "\(String(describing: refusal))")
        }
    }

    /// A JavaScript reader sees the name "01", not 1, even when nothing collides.
    @Test(arguments: ["01", "+1", "-0", "00", "-01", "+0"])
    func nonCanonicalIntegerNamesAreRefusedAlone(name: String) {
        for refusal in Self.refusals([Int: String].self, #"{"\#(name)":"a"}"#) {
            #expect(refusal?.path == [name])
            #expect(refusal?.message.contains("\"\(name)\"") == true, "\(String(describing: refusal))")
        }
        for refusal in Self.refusals([Level: String].self, #"{"2":"b","\#(name)":"a"}"#) {
            #expect(refusal?.path == [name])
        }
    }

    @Test func canonicalIntegerNamesDecode() throws {
        let text = #"{"limits":{"1":"a","-2":"b","0":"c","9223372036854775807":"d"}}"#
        let decoded = try Self.decodeBoth(Limits.self, text)
        #expect(decoded.limits == [1: "a", -2: "b", 0: "c", Int.max: "d"])
        #expect(try Self.decodeBoth([Level: String].self, #"{"1":"a","2":"b"}"#) == [.low: "a", .high: "b"])
    }

    /// `Int8` is not `CodingKeyRepresentable`: a `[Int8: V]` is an array of keys and values, and
    /// an object is a type mismatch, before and after this rule.
    @Test func int8KeyedDictionariesAreArrays() throws {
        #expect(try Self.decodeBoth([Int8: String].self, #"[1,"a",-128,"b"]"#) == [1: "a", -128: "b"])
        for decode in [
            { _ = try JSONParser().decode([Int8: String].self, from: Array(#"{"1":"a"}"#.utf8)) },
            { _ = try JSONValueDecoder().decode([Int8: String].self, from: try JSONParser().parse(#"{"1":"a"}"#)) },
        ] as [() throws -> Void] {
            #expect {
                try decode()
            } throws: { error in
                guard case DecodingError.typeMismatch = error else { return false }
                return true
            }
        }
    }

    @Test func stringKeyedDictionariesAreUnaffected() throws {
        let decoded = try Self.decodeBoth([String: String].self, #"{"1":"a","01":"b","+1":"c"," 1":"d"}"#)
        #expect(decoded == ["1": "a", "01": "b", "+1": "c", " 1": "d"])
    }

    /// Key enums with integer raw values read names by case name; the integer is not the name.
    @Test func enumKeysWithIntegerValuesAreUnaffected() throws {
        enum Keys: Int, CodingKey {
            case alpha = 1
            case beta = 2
        }
        struct ByRawValue: Decodable, Equatable {
            var values: [Int: String] = [:]
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Keys.self)
                for key in container.allKeys { values[key.rawValue] = try container.decode(String.self, forKey: key) }
            }
        }
        let decoded = try Self.decodeBoth(ByRawValue.self, #"{"alpha":"a","beta":"b","01":"ignored"}"#)
        #expect(decoded.values == [1: "a", 2: "b"])
    }

    /// A type reading `allKeys` with a key type of its own decides what names mean ("1.0" as 1 here).
    @Test func customKeyTypesDecideThemselves() throws {
        struct LooseKey: CodingKey {
            var stringValue: String
            var intValue: Int?
            init(stringValue: String) {
                self.stringValue = stringValue
                self.intValue = Double(stringValue).flatMap { Int(exactly: $0) }
            }
            init?(intValue: Int) { nil }
        }
        struct Loose: Decodable, Equatable {
            var values: [Int: String] = [:]
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: LooseKey.self)
                for key in container.allKeys {
                    values[key.intValue ?? -1] = try container.decode(String.self, forKey: key)
                }
            }
        }
        #expect(try Self.decodeBoth(Loose.self, #"{"1.0":"a","2":"b"}"#).values == [1: "a", 2: "b"])
        #expect(try Self.decodeBoth(Loose.self, #"{"01":"a","2":"b"}"#).values == [1: "a", 2: "b"])
    }

    /// Synthesized keys have no integer values: structs and enums decode as before.
    @Test func synthesizedKeysAreUnaffected() throws {
        struct Claims: Decodable, Equatable {
            var sub: String
            var scopes: [String: Int]
        }
        enum Shape: Decodable, Equatable { case circle(radius: Int) }
        let claims = try Self.decodeBoth(Claims.self, #"{"sub":"a","scopes":{"01":1,"1":2}}"#)
        #expect(claims == Claims(sub: "a", scopes: ["01": 1, "1": 2]))
        #expect(try Self.decodeBoth(Shape.self, #"{"circle":{"radius":1}}"#) == .circle(radius: 1))
    }

    /// The map's own decode throws: a type that skips the member with `try?` gets `nil`, never the
    /// merged map, and an untagged union can fall back to a string map.
    @Test func tryGetsNilNeverTheMergedMap() throws {
        struct Tolerant: Decodable, Equatable {
            enum CodingKeys: String, CodingKey { case limits }
            var limits: [Int: String]?
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                limits = try? container.decode([Int: String].self, forKey: .limits)
            }
        }
        #expect(try Self.decodeBoth(Tolerant.self, #"{"limits":{"1":"a","01":"b"}}"#).limits == nil)
        #expect(try Self.decodeBoth(Tolerant.self, #"{"limits":{"1":"a","2":"b"}}"#).limits == [1: "a", 2: "b"])
        enum Table: Decodable, Equatable {
            case byNumber([Int: String])
            case byName([String: String])
            init(from decoder: any Decoder) throws {
                if let numbers = try? decoder.singleValueContainer().decode([Int: String].self) {
                    self = .byNumber(numbers)
                } else {
                    self = .byName(try decoder.singleValueContainer().decode([String: String].self))
                }
            }
        }
        #expect(try Self.decodeBoth(Table.self, #"{"01234":"Paris 1er"}"#) == .byName(["01234": "Paris 1er"]))
        #expect(try Self.decodeBoth(Table.self, #"{"75001":"Paris 1er"}"#) == .byNumber([75001: "Paris 1er"]))
    }

    /// A `[String: V]` and a `[Int: V]` share their key type; the refusal depends on the map that
    /// read the object, at any nesting, and a `[String: V]` that fails for another reason (and is
    /// skipped with `try?`) leaves no refusal behind.
    @Test func theMapThatReadsTheObjectDecides() throws {
        #expect(try Self.decodeBoth([String: [Int: String]].self, #"{"01":{"1":"a"}}"#) == ["01": [1: "a"]])
        #expect(try Self.decodeBoth([String: String]?.self, #"{"01":"a","1":"b"}"#) == ["01": "a", "1": "b"])
        for refusal in Self.refusals([String: [Int: String]].self, #"{"01":{"01":"a"}}"#) {
            #expect(refusal?.path == ["01", "01"])
        }
        for refusal in Self.refusals([Int: [String: String]].self, #"{"01":{"01":"a"}}"#) {
            #expect(refusal?.path == ["01"])
        }
        struct Skipping: Decodable, Equatable {
            enum CodingKeys: String, CodingKey { case counts }
            var counts: [String: Int]?
            init(from decoder: any Decoder) throws {
                counts = try? decoder.container(keyedBy: CodingKeys.self).decode([String: Int].self, forKey: .counts)
            }
        }
        #expect(try Self.decodeBoth(Skipping.self, #"{"counts":{"01":1,"1":"x"}}"#).counts == nil)
    }

    /// Maps keyed by String-based types read names as strings: nothing merges, nothing is refused.
    @Test func stringBasedKeysAreUnaffected() throws {
        enum CountryCode: String, Decodable, CodingKeyRepresentable, Hashable {
            case afghanistan = "004"
            case usa = "840"
        }
        #expect(
            try Self.decodeBoth([CountryCode: String].self, #"{"004":"AF","840":"US"}"#)
                == [.afghanistan: "AF", .usa: "US"]
        )
        struct AccountID: CodingKeyRepresentable, Hashable, Decodable {
            let raw: String
            var codingKey: any CodingKey { Key(stringValue: raw) }
            init?<T: CodingKey>(codingKey: T) { raw = codingKey.stringValue }
            struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }
        }
        #expect(try Self.decodeBoth([AccountID: Int].self, #"{"007":1,"7":2}"#).count == 2)
        struct Nested: Decodable, Equatable {
            var list: [[String: Int]]
            var maybe: [String: Int]?
            var deep: [String: [String: Int]]
            var byInt: [Int: [String: Int]]
        }
        let text = #"{"list":[{"01":1,"1":2}],"maybe":{"+1":3},"deep":{"01":{"-0":4}},"byInt":{"1":{"01":5}}}"#
        #expect(try Self.decodeBoth(Nested.self, text).byInt == [1: ["01": 5]])
    }

    /// Custom readers (a nested container with an integer key type of their own, a type reading its
    /// own keys before decoding itself as a `[String: V]`, one calling `Dictionary.init(from:)`
    /// itself) are not the map: they decide, and both decoders agree.
    @Test func customReadersDecide() throws {
        struct Nested: Decodable, Equatable {
            enum CodingKeys: String, CodingKey { case limits }
            var count: Int
            var map: [String: String]
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                count = try container.nestedContainer(keyedBy: IntKey.self, forKey: .limits).allKeys.count
                map = try container.decode([String: String].self, forKey: .limits)
            }
        }
        struct Wrapper: Decodable, Equatable {
            var map: [String: String]
            init(from decoder: any Decoder) throws { map = try [String: String](from: decoder) }
        }
        #expect(try Self.decodeBoth(Wrapper.self, #"{"01":"a"}"#).map == ["01": "a"])
        #expect(try Self.decodeBoth(Nested.self, #"{"limits":{"1":"a","01":"b"}}"#).count == 2)
    }

    /// A key type with its own `init(codingKey:)` that reads the text is not read through `Int(name)`.
    @Test func intRawKeysReadingTextAreUnaffected() throws {
        struct TextKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        enum Month: Int, Decodable, CodingKeyRepresentable, Hashable {
            case jan = 1
            case feb = 2
            var codingKey: any CodingKey { TextKey(stringValue: rawValue < 10 ? "0\(rawValue)" : "\(rawValue)") }
            init?<T: CodingKey>(codingKey: T) {
                switch codingKey.stringValue {
                case "01": self = .jan
                case "02": self = .feb
                default: return nil
                }
            }
        }
        #expect(try Self.decodeBoth([Month: Int].self, #"{"01":31,"02":28}"#) == [.jan: 31, .feb: 28])
        // The default reading (Level) is still held to the rule.
        for refusal in Self.refusals([Level: String].self, #"{"01":"a"}"#) {
            #expect(refusal?.path == ["01"])
        }
    }

    /// A refusal nobody takes (a custom type's nested container) stays with its object: a later
    /// integer-keyed map elsewhere in the same call is judged on its own names only.
    @Test func untakenRefusalsStayWithTheirObject() throws {
        struct Peek: Decodable, Equatable {
            enum CodingKeys: String, CodingKey { case m, n }
            var count: Int
            var n: [Int: Int]
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                count = try container.nestedContainer(keyedBy: IntKey.self, forKey: .m).allKeys.count
                n = try container.decode([Int: Int].self, forKey: .n)
            }
        }
        let many = "[" + Array(repeating: #"{"m":{"01":1},"n":{"1":2}}"#, count: 200).joined(separator: ",") + "]"
        let decoded = try Self.decodeBoth([Peek].self, many)
        #expect(decoded.count == 200 && decoded.allSatisfy { $0.count == 1 && $0.n == [1: 2] })
    }

    /// The map is judged on its own reading of the names: an earlier reader of the same object (a
    /// custom key that skips some names) leaves nothing behind that changes the answer or its path.
    @Test func theMapsOwnReadingCounts() throws {
        struct NoPlusKey: CodingKey {
            var stringValue: String
            var intValue: Int?
            init?(stringValue: String) {
                guard !stringValue.hasPrefix("+") else { return nil }
                self.stringValue = stringValue
                self.intValue = Int(stringValue)
            }
            init?(intValue: Int) { nil }
        }
        struct Peek<Map: Decodable & Equatable>: Decodable, Equatable {
            enum CodingKeys: String, CodingKey { case m }
            var count: Int
            var map: Map
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                count = try container.nestedContainer(keyedBy: NoPlusKey.self, forKey: .m).allKeys.count
                map = try container.decode(Map.self, forKey: .m)
            }
        }
        for refusal in Self.refusals(Peek<[Int: String]>.self, #"{"m":{"+1":"a","01":"b"}}"#) {
            #expect(refusal?.path == ["m", "+1"])
        }
    }

    /// Every refused name counts, not only the first: a key type that reads one of them as text
    /// and another through its integer value is refused whatever the member order.
    @Test func everyRefusedNameCounts() {
        enum Alias: Int, Decodable, CodingKeyRepresentable, Hashable {
            case one = 1
            init?<T: CodingKey>(codingKey: T) {
                if codingKey.stringValue == "+1" {
                    self = .one
                } else if let value = codingKey.intValue {
                    self.init(rawValue: value)
                } else {
                    return nil
                }
            }
        }
        for text in [#"{"+1":"a","01":"b"}"#, #"{"01":"b","+1":"a"}"#] {
            for refusal in Self.refusals([Alias: String].self, text) {
                #expect(refusal?.path == ["01"], "\(text)")
            }
        }
    }

    /// Names in messages are quoted and clipped.
    @Test func longNamesAreClippedInMessages() {
        let name = "+" + String(repeating: "0", count: 200) + "1"
        for refusal in Self.refusals([Int: String].self, #"{"\#(name)":"a"}"#) {
            #expect(refusal != nil)
            #expect((refusal?.message.count ?? 0) < 200, "\(String(describing: refusal))")
        }
    }
}
