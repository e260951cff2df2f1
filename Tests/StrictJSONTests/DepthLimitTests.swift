import StrictJSON
import Testing

@Suite("Nesting depth is bounded")
struct DepthLimitTests {
    private static func nestedArrays(_ depth: Int) -> [UInt8] {
        Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth)
    }

    private static func nestedObjects(_ depth: Int) -> [UInt8] {
        Array(String(repeating: #"{"a":"#, count: depth - 1).utf8) + Array("{}".utf8)
            + Array(repeating: UInt8(ascii: "}"), count: depth - 1)
    }

    @Test(arguments: [1, 2, 32, 100, 512])
    func exactlyMaxDepthIsAcceptedAndOneMoreRejected(_ maxDepth: Int) throws {
        let options = JSONParser.Options(maxDepth: maxDepth)
        #expect(parseError(Self.nestedArrays(maxDepth), options: options) == nil)
        #expect(parseError(Self.nestedObjects(maxDepth), options: options) == nil)
        let tooDeep = parseError(Self.nestedArrays(maxDepth + 1), options: options)
        #expect(tooDeep?.code == .tooDeep)
        #expect(tooDeep?.offset == maxDepth)
        #expect(parseError(Self.nestedObjects(maxDepth + 1), options: options)?.code == .tooDeep)
    }

    @Test func defaultIs32() {
        #expect(JSONParser.Options().maxDepth == 32)
        #expect(parseError(Self.nestedArrays(32)) == nil)
        #expect(parseError(Self.nestedArrays(33))?.code == .tooDeep)
    }

    @Test func mixedNestingCountsBothKinds() {
        let text = Array(#"{"a":[{"b":[1]}]}"#.utf8)
        #expect(parseError(text, options: .init(maxDepth: 4)) == nil)
        #expect(parseError(text, options: .init(maxDepth: 3))?.code == .tooDeep)
    }

    @Test func zeroOrNegativeAllowsOnlyScalars() {
        for depth in [0, -1, Int.min] {
            #expect(parseError(Array("1".utf8), options: .init(maxDepth: depth)) == nil)
            #expect(parseError(Array("[]".utf8), options: .init(maxDepth: depth))?.code == .tooDeep)
        }
    }

    @Test func hugeLimitIsCappedAndDeepValuesStayUsable() throws {
        let options = JSONParser.Options(maxDepth: .max)
        let limit = JSONParser.Options.maximumDepthLimit
        let deepest = try JSONParser(options: options).parse(Self.nestedArrays(limit))
        // Compare, hash, serialize, decode and encode the deepest value the parser allows.
        #expect(deepest == deepest)
        #expect(deepest.hashValue == deepest.hashValue)
        #expect(deepest.serialized() == Self.nestedArrays(limit))
        let decoded = try JSONValueDecoder().decode(JSONValue.self, from: deepest)
        #expect(decoded == deepest)
        #expect(parseError(Self.nestedArrays(limit + 1), options: options)?.code == .tooDeep)
    }

    @Test func hundredThousandOpeningBracketsDoNotCrash() {
        let brackets = Array(repeating: UInt8(ascii: "["), count: 100_000)
        #expect(parseError(brackets)?.code == .tooDeep)
        #expect(parseError(brackets, options: .init(maxDepth: .max))?.code == .tooDeep)
        let braces = Array(String(repeating: #"{"a":"#, count: 100_000).utf8)
        #expect(parseError(braces, options: .init(maxDepth: 100_000))?.code == .tooDeep)
        let balanced = Self.nestedArrays(100_000)
        #expect(parseError(balanced, options: .init(maxDepth: 100_000))?.code == .tooDeep)
    }
}
