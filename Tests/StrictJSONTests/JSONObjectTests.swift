import StrictJSON
import Testing

@Suite("JSONObject and JSONValue conveniences")
struct JSONObjectTests {
    @Test func initRejectsDuplicatesOnBothSidesOfTheHashThreshold() {
        #expect(JSONObject(members: [("a", 1), ("b", 2)])?.count == 2)
        #expect(JSONObject(members: [("a", 1), ("a", 2)]) == nil)
        let many = (0..<40).map { (name: "k\($0)", value: JSONValue.null) }
        #expect(JSONObject(members: many)?.count == 40)
        #expect(JSONObject(members: many + [("k7", .null)]) == nil)
    }

    @Test func setReplacesInPlaceOrAppends() {
        var object: JSONObject = ["a": 1, "b": 2]
        object.set("a", "x")
        object.set("c", true)
        #expect(object.names == ["a", "b", "c"])
        #expect(object["a"] == "x")
        #expect(object["zz"] == nil)
        #expect(object.removeMember("b") == 2)
        #expect(object.removeMember("b") == nil)
        #expect(object.names == ["a", "c"])
        #expect(object.contains("c") && !object.contains("b"))
        let literal: JSONObject = ["k": 1, "k": 2]
        #expect(literal.count == 1 && literal["k"] == 2)
    }

    @Test func subscriptSetsReplacesAndRemoves() {
        var object: JSONObject = ["a": 1, "b": 2]
        object["a"] = "x"
        object["c"] = true
        #expect(object.names == ["a", "b", "c"])
        #expect(object["a"] == "x")
        object["b"] = nil
        object["missing"] = nil
        #expect(object.names == ["a", "c"])
    }

    @Test func equalityAndHashingIgnoreOrder() {
        let forward: JSONObject = ["a": 1, "b": [true, .null]]
        let backward: JSONObject = ["b": [true, .null], "a": 1]
        #expect(forward == backward)
        #expect(forward.hashValue == backward.hashValue)
        #expect(forward != ["a": 1])
        #expect(forward != ["a": 2, "b": [true, .null]])
        #expect(forward != ["a": 1, "c": [true, .null]])
        var large = JSONObject()
        var reversed = JSONObject()
        for index in 0..<50 { large.set("k\(index)", .number(JSONNumber(index))) }
        for index in (0..<50).reversed() { reversed.set("k\(index)", .number(JSONNumber(index))) }
        #expect(large == reversed)
        #expect(large.hashValue == reversed.hashValue)
        reversed.set("k3", "changed")
        #expect(large != reversed)
        #expect(Set([JSONValue.object(forward), .object(backward)]).count == 1)
    }

    @Test func valueAccessors() throws {
        let value = try JSONParser().parse(#"{"s":"x","b":true,"n":12,"d":0.5,"a":[1],"o":{},"z":null}"#)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["b"]?.boolValue == true)
        #expect(value["n"]?.int64Value == 12)
        #expect(value["n"]?.numberValue?.text == "12")
        #expect(value["d"]?.doubleValue == 0.5)
        #expect(value["d"]?.int64Value == nil)
        #expect(value["a"]?.arrayValue == [1])
        #expect(value["a"]?[0] == 1)
        #expect(value["a"]?[1] == nil)
        #expect(value["a"]?[-1] == nil)
        #expect(value["o"]?.objectValue == JSONObject())
        #expect(value["z"]?.isNull == true)
        #expect(value["s"]?.boolValue == nil)
        #expect(value["s"]?["x"] == nil)
        #expect(value.stringValue == nil)
    }

    @Test func literals() {
        let value: JSONValue = [
            "s": "x", "i": -3, "d": 2.5, "b": false, "a": [1, "two"], "huge": JSONValue(floatLiteral: .infinity),
        ]
        #expect(value["s"] == .string("x"))
        #expect(value["i"]?.int64Value == -3)
        #expect(value["d"]?.numberValue?.text == "2.5")
        #expect(value["b"] == .bool(false))
        #expect(value["a"] == .array([.number(JSONNumber(1)), .string("two")]))
        #expect(value["huge"] == .null)
    }

    @Test func nestingDepthCountsAsTheParserLimitDoes() throws {
        #expect(JSONValue.string("x").nestingDepth == 0)
        #expect(JSONValue.array([]).nestingDepth == 1)
        #expect(try JSONParser().parse(Array(#"{"a":[1,{"b":{}}],"c":2}"#.utf8)).nestingDepth == 4)
        for depth in [1, 31, 32, 33] {
            let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            let value = try JSONParser(options: .init(maxDepth: 64)).parse(Array(text.utf8))
            #expect(value.nestingDepth == depth)
            #expect(
                (try? JSONParser(options: .init(maxDepth: 32)).parse(Array(text.utf8))) != nil
                    ? depth <= 32 : depth > 32
            )
        }
        // Built in code far deeper than any parser allows: measured without recursion.
        var deep: JSONValue = .null
        for _ in 0..<10_000 { deep = .array([deep]) }
        #expect(deep.nestingDepth == 10_000)
    }

    @Test func stringArrayValueIsAllOrNothing() {
        #expect(JSONValue.array(["a", "b"]).stringArrayValue == ["a", "b"])
        #expect(JSONValue.array([]).stringArrayValue == [])
        #expect(JSONValue.array(["a", 1]).stringArrayValue == nil)
        #expect(JSONValue.string("a").stringArrayValue == nil)
    }
}
