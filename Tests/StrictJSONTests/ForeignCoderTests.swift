import Foundation
import StrictJSON
import Testing

/// `JSONValue` through Foundation's coders, which see its structure rather than the stored value.
@Suite("JSONValue with other coders")
struct ForeignCoderTests {
    @Test func roundTripThroughFoundation() throws {
        let value = try JSONParser().parse(
            #"{"s":"x","t":true,"n":null,"i":-9223372036854775808,"u":18446744073709551615,"d":0.5,"a":[1,[{}]]}"#
        )
        let data = try JSONEncoder().encode(value)
        let back = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(back == value)
    }

    @Test func foundationTextDecodesStructurally() throws {
        let data = Data(#"{"list":[1.25,"a",false,null],"obj":{"k":"v"}}"#.utf8)
        let value = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(value["list"]?[0]?.doubleValue == 1.25)
        #expect(value["list"]?[1] == "a")
        #expect(value["list"]?[2] == false)
        #expect(value["list"]?[3] == .null)
        #expect(value["obj"]?["k"] == "v")
        #expect(try JSONDecoder().decode(JSONObject.self, from: Data(#"{"a":1}"#.utf8))["a"]?.int64Value == 1)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(JSONObject.self, from: Data("[1]".utf8)) }
    }

    @Test func largeObjectsFromAnotherDecoderKeepEveryMember() throws {
        // 20 000 members: with a linear scan per member this took 19 s (debug); now a fraction.
        let count = 20_000
        let text = "{" + (0..<count).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}"
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        guard case .object(let object) = value else {
            Issue.record("not an object: \(value)")
            return
        }
        #expect(object.count == count)
        #expect(Set(object.map(\.name)).count == count)
        #expect(object["k0"] == 0)
        #expect(object["k\(count - 1)"]?.int64Value == Int64(count - 1))
    }
}
