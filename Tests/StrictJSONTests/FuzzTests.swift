import Foundation
import StrictJSON
import Testing
import VerifyKitTestSupport

/// Seeded random mutations of valid documents: the parser must never trap, must report offsets
/// inside the input, and whatever it accepts must round-trip and be accepted by Foundation too
/// (this parser is stricter, never looser).
@Suite("Mutation fuzzing")
struct FuzzTests {
    static let corpus: [String] = [
        #"{"alg":"EdDSA","typ":"JWT","kid":"key-1"}"#,
        #"{"iss":"https://issuer.example","sub":"1234567890","aud":["a","b"],"exp":1700000000,"nbf":1699990000.5,"iat":1699990000,"jti":"x\"y\\z","scope":"read write","admin":false,"extra":null}"#,
        #"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#,
        #"[0,-0,1.5e-3,-2E+10,123456789012345678901234567890,true,false,null,"",[],{}]"#,
        #"{"s":"\u00e9\ud83d\ude00\/\b\f\n\r\t","u":"é€😀","n":{"a":{"b":{"c":[[[1]]]}}}}"#,
        #"  {"keys":[{"kid":"1","use":"sig"},{"kid":"2","key_ops":["verify"]}]}  "#,
        #""just a string""#,
    ]

    private static let interesting: [UInt8] =
        Array(#"{}[],:"\/-+.0123456789eEtfnu "#.utf8) + [
            0x00, 0x0A, 0x7F, 0x80, 0xBF, 0xC0, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF,
        ]

    private static func mutate(_ input: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        for _ in 0...Int.random(in: 0...3, using: &generator) {
            let index = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
            let byte =
                Bool.random(using: &generator)
                ? interesting.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            switch Int.random(in: 0..<7, using: &generator) {
            case 0 where !bytes.isEmpty: bytes[index] = byte
            case 1: bytes.insert(byte, at: index)
            case 2 where !bytes.isEmpty: bytes.remove(at: index)
            case 3 where !bytes.isEmpty: bytes.removeSubrange(index...)
            case 4 where !bytes.isEmpty:
                let end = min(bytes.count, index + Int.random(in: 1...12, using: &generator))
                bytes.insert(contentsOf: bytes[index..<end], at: Int.random(in: 0...bytes.count, using: &generator))
            case 5 where !bytes.isEmpty: bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
            default:
                let other = corpus.randomElement(using: &generator)!.utf8
                bytes.insert(contentsOf: other.prefix(Int.random(in: 0...other.count, using: &generator)), at: index)
            }
        }
        return bytes
    }

    private static func numbersFitDouble(_ value: JSONValue) -> Bool {
        switch value {
        case .number(let number): number.doubleValue != nil
        case .array(let elements): elements.allSatisfy(numbersFitDouble)
        case .object(let object): object.allSatisfy { numbersFitDouble($0.value) }
        default: true
        }
    }

    @Test(arguments: [1, 2, 0x5EED, UInt64.random(in: 0...UInt64.max)])
    func mutatedDocuments(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let parser = JSONParser(options: .init(maxDepth: 8))
        var accepted = 0
        var rejected = 0
        for iteration in 0..<3000 {
            let original = Array(Self.corpus.randomElement(using: &generator)!.utf8)
            let bytes = Self.mutate(original, using: &generator)
            let context = "seed \(seed) iteration \(iteration) bytes \(bytes)"
            switch Result(catching: { () throws(JSONError) in try parser.parse(bytes) }) {
            case .success(let value):
                accepted += 1
                let text = value.serialized()
                #expect(try parser.parse(text) == value, "\(context)")
                #expect(try JSONValueDecoder().decode(JSONValue.self, from: value) == value, "\(context)")
                // Foundation rejects numbers beyond Double's range, which RFC 8259 allows.
                if Self.numbersFitDouble(value) {
                    let foundation = try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)
                    #expect(foundation != nil, "Foundation rejects what we accept: \(context)")
                }
            case .failure(let error):
                rejected += 1
                #expect(error.offset >= 0 && error.offset <= bytes.count, "\(context): \(error)")
                #expect(!error.description.isEmpty)
            }
        }
        // The mutations must exercise both outcomes, or this test proves nothing.
        #expect(accepted > 100, "seed \(seed)")
        #expect(rejected > 1000, "seed \(seed)")
    }

    @Test(arguments: [7, UInt64.random(in: 0...UInt64.max)])
    func randomBytes(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        for iteration in 0..<3000 {
            let length = Int.random(in: 0...24, using: &generator)
            let bytes = (0..<length).map { _ in
                Self.interesting.randomElement(using: &generator)!
            }
            if let error = parseError(bytes) {
                #expect(error.offset >= 0 && error.offset <= bytes.count, "seed \(seed) iteration \(iteration)")
            }
        }
    }
}
