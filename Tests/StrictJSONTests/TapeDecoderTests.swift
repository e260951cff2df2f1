import StrictJSON
import Testing
import VerifyKitTestSupport

/// `JSONParser.decode` (straight from the tape) where it differs in mechanism from the tree
/// decoder: key matching on raw bytes, large objects, and decoders kept past their decode call.
@Suite("Decoding straight from the tape")
struct TapeDecoderTests {
    struct Pair: Decodable, Equatable {
        var iss: String
        var K: Int
    }

    @Test(arguments: [
        (#"{"iss":"a","K":1}"#, Pair(iss: "a", K: 1)),
        // Names match after unescaping, and under canonical equivalence (U+212A KELVIN SIGN is K).
        (#"{"\u0069ss":"a","\u212a":2}"#, Pair(iss: "a", K: 2)),
        (#"{"K":3,"i\u0073s":"b\n"}"#, Pair(iss: "b\n", K: 3)),
    ])
    func keysMatchAsStrings(text: String, expected: Pair) throws {
        #expect(try JSONParser().decode(Pair.self, from: Array(text.utf8)) == expected)
    }

    /// Keys are compared with plain-ASCII names as bytes; a key that is not ASCII may still equal
    /// one under canonical equivalence and must be found, and an ASCII key that equals no name
    /// as bytes is missing (with the usual error).
    @Test func nonASCIIKeysStillMatchPlainNames() throws {
        struct Kelvin: Decodable, Equatable {
            var kelvin: Int
            enum CodingKeys: String, CodingKey {
                case kelvin = "\u{212A}"  // KELVIN SIGN, canonically equivalent to "K"
            }
        }
        // Every name plain ASCII, so the object is scanned by bytes, not indexed.
        #expect(try JSONParser().decode(Kelvin.self, from: Array(#"{"k":4,"K":5,"L":6}"#.utf8)) == Kelvin(kelvin: 5))
        #expect(throws: DecodingError.self) {
            try JSONParser().decode(Kelvin.self, from: Array(#"{"k":4,"L":6}"#.utf8))
        }
        struct Plain: Decodable { var k: Int }
        do {
            _ = try JSONParser().decode(Plain.self, from: Array(#"{"K":1,"kk":2}"#.utf8))
            Issue.record("an ASCII key equal to no name was found")
        } catch DecodingError.keyNotFound(let key, _) {
            #expect(key.stringValue == "k")
        }
    }

    /// A keyed container kept past its decode call throws on every typed decode.
    @Test func keyedContainerKeptPastItsCallThrows() throws {
        final class Holder: Decodable, @unchecked Sendable {
            let container: KeyedDecodingContainer<DecoderKey>
            init(from decoder: any Decoder) throws { container = try decoder.container(keyedBy: DecoderKey.self) }
        }
        let holder = try JSONParser().decode(Holder.self, from: Array(#"{"a":1,"b":"x","c":true}"#.utf8))
        let a = DecoderKey(stringValue: "a")
        let b = DecoderKey(stringValue: "b")
        let c = DecoderKey(stringValue: "c")
        #expect(throws: DecodingError.self) { _ = try holder.container.decode(Int.self, forKey: a) }
        #expect(throws: DecodingError.self) { _ = try holder.container.decode(Double.self, forKey: a) }
        #expect(throws: DecodingError.self) { _ = try holder.container.decode(String.self, forKey: b) }
        #expect(throws: DecodingError.self) { _ = try holder.container.decode(Bool.self, forKey: c) }
        #expect(throws: DecodingError.self) { _ = try holder.container.decodeIfPresent(Int.self, forKey: a) }
        // Every width has its own `decodeIfPresent`: the standard library's default asks
        // `contains` first, which cannot throw and answered `false`, so these returned `nil`.
        #expect(throws: DecodingError.self) { _ = try holder.container.decodeIfPresent(Int8.self, forKey: a) }
        #expect(throws: DecodingError.self) { _ = try holder.container.decodeIfPresent(Int16.self, forKey: a) }
        #expect(throws: DecodingError.self) { _ = try holder.container.decodeIfPresent(Int32.self, forKey: a) }
        #expect(throws: DecodingError.self) { _ = try holder.container.decodeIfPresent(UInt.self, forKey: a) }
        #expect(throws: DecodingError.self) { _ = try holder.container.decodeIfPresent(UInt8.self, forKey: a) }
        #expect(throws: DecodingError.self) { _ = try holder.container.decodeIfPresent(UInt16.self, forKey: a) }
        #expect(throws: DecodingError.self) { _ = try holder.container.decodeIfPresent(UInt32.self, forKey: a) }
        #expect(throws: DecodingError.self) { _ = try holder.container.decodeIfPresent(UInt64.self, forKey: a) }
        #expect(throws: DecodingError.self) { _ = try holder.container.decodeIfPresent(Float.self, forKey: a) }
        // A name that is not there either: the container cannot tell, so it throws all the same.
        let missing = DecoderKey(stringValue: "missing")
        #expect(throws: DecodingError.self) { _ = try holder.container.decodeIfPresent(UInt8.self, forKey: missing) }
        #expect(throws: DecodingError.self) { _ = try holder.container.decodeIfPresent(Int.self, forKey: missing) }
        #expect(throws: DecodingError.self) { _ = try holder.container.decodeIfPresent(Float.self, forKey: missing) }
    }

    @Test func largeObjectsUseAnIndex() throws {
        let members = (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        let decoded = try JSONParser().decode([String: Int].self, from: Array("{\(members)}".utf8))
        #expect(decoded.count == 40)
        #expect(decoded["k39"] == 39)
        struct Last: Decodable { var k39: Int }
        #expect(try JSONParser().decode(Last.self, from: Array("{\(members)}".utf8)).k39 == 39)
    }

    /// Objects with escaped or non-ASCII names are indexed once (names decoded once each), not
    /// compared pairwise; the answers are those of `String` equality, duplicates included.
    @Test func escapedNamesUseAnIndexAndStillCatchDuplicates() throws {
        struct Wanted: Decodable, Equatable {
            var iss: String
            var K: Int
            var missing: Int?
        }
        let long = String(repeating: "\\u00e9", count: 300)
        var members = (0..<10).map { #""\#(long)\#($0)":\#($0)"# }
        members += [#""\u0069ss":"x""#, #""\u212a":7"#]
        let text = "{" + members.joined(separator: ",") + "}"
        #expect(try JSONParser().decode(Wanted.self, from: Array(text.utf8)) == Wanted(iss: "x", K: 7, missing: nil))
        let all = try JSONParser().decode([String: JSONValue].self, from: Array(text.utf8))
        #expect(all.count == 12)
        // A repeat spelled differently, after escaped names and after plain ones.
        for repeated in [text.dropLast() + #","\#(long)3":0}"#, #"{"a":1,"é":2,"e\u0301":3}"#] {
            #expect(throws: JSONError.self) { try JSONParser().parse(Array(repeated.utf8)) }
        }
    }

    @Test func treeValuesComeOutWhole() throws {
        struct Holder: Decodable {
            var value: JSONValue
            var object: JSONObject
            var number: JSONNumber
        }
        let text = #"{"value":[1,{"a":"\u00e9"}],"object":{"b":null},"number":1.50}"#
        let holder = try JSONParser().decode(Holder.self, from: Array(text.utf8))
        #expect(holder.value == [1, ["a": "é"]])
        #expect(holder.object == ["b": .null])
        #expect(holder.number.text == "1.50")
    }

    /// A type that keeps its decoder: using it after decoding must throw, never read freed memory.
    final class Keeper: Decodable, @unchecked Sendable {
        let decoder: any Decoder
        init(from decoder: any Decoder) throws { self.decoder = decoder }
    }

    @Test func decoderKeptPastItsCallThrows() throws {
        let keeper = try JSONParser().decode(Keeper.self, from: Array(#"{"a":1}"#.utf8))
        #expect(throws: DecodingError.self) {
            _ = try keeper.decoder.container(keyedBy: DecoderKey.self)
        }
        #expect(throws: DecodingError.self) {
            _ = try keeper.decoder.singleValueContainer().decode(Int.self)
        }
    }

    struct DecoderKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// `decodeNil()` of an unkeyed container moves past a null only; any other value stays for
    /// the next decode (the standard `decodeIfPresent` relies on it).
    @Test func unkeyedDecodeNilConsumesOnlyNull() throws {
        struct Row: Decodable, Equatable {
            var values: [Int?]
            init(values: [Int?]) { self.values = values }
            init(from decoder: any Decoder) throws {
                var container = try decoder.unkeyedContainer()
                values = []
                while !container.isAtEnd { values.append(try container.decodeIfPresent(Int.self)) }
            }
        }
        let row = try JSONParser().decode(Row.self, from: Array("[1,null,2,null]".utf8))
        #expect(row == Row(values: [1, nil, 2, nil]))
    }

    /// A container's entry counts its elements or members; an empty one counts 0 wherever it
    /// starts (readers reserve room by this count).
    @Test func emptyContainersCountNothing() throws {
        let bytes = Array(#"[ {}, [], {"a":{}}, [[]], {"b":1,"c":[]} ]"#.utf8)
        let counts = try bytes.withUnsafeBufferPointer { buffer throws(JSONError) in
            try JSONTape.parse(buffer, maxDepth: 8, mapError: JSONTape.passThrough) { (tape) throws(JSONError) in
                tape.entries.filter { $0.kind == .array || $0.kind == .object }.map(\.a)
            }
        }
        #expect(counts == [5, 0, 0, 1, 0, 1, 0, 2, 0])
    }

    @Test func rejectionsKeepTheirJSONError() {
        #expect(throws: JSONError(code: .duplicateKey, offset: 0)) {
            _ = try JSONParser().decode(JSONValue.self, from: Array(#"{"a":1,"a":2}"#.utf8))
        }
        #expect(throws: JSONError(code: .tooDeep, offset: 0)) {
            _ = try JSONParser(options: .init(maxDepth: 1)).decode(JSONValue.self, from: Array("[[1]]".utf8))
        }
    }

    @Test(arguments: [3, UInt64.random(in: 0...UInt64.max)])
    func randomTreesDecodeToThemselves(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        for iteration in 0..<300 {
            let value = RandomJSON.value(depth: 0, using: &generator)
            let decoded = try JSONParser().decode(JSONValue.self, from: value.serialized())
            #expect(decoded == value, "seed \(seed) iteration \(iteration)")
        }
    }
}
