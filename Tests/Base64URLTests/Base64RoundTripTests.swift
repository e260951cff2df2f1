import Base64URL
import Testing
import VerifyKitTestSupport

@Suite("Base64 and base64url round trips")
struct Base64RoundTripTests {
    @Test(arguments: Codec.allCases)
    func randomBytesRoundTrip(_ codec: Codec) {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        let alphabet = Set(codec.alphabet + (codec == .standard ? [UInt8(ascii: "=")] : []))
        for length in 0...300 {
            let bytes = generator.bytes(count: length)
            let text = codec.encode(bytes)
            let expectedLength =
                codec == .url
                ? Base64URL.encodedLength(forByteCount: length) : Base64.encodedLength(forByteCount: length)
            #expect(text.utf8.count == expectedLength, "seed \(seed), length \(length)")
            #expect(text.utf8.allSatisfy(alphabet.contains), "seed \(seed), length \(length)")
            for (form, result) in codec.decodeEveryWay(Array(text.utf8)) {
                #expect((try? result.get()) == bytes, "seed \(seed), length \(length), \(form)")
            }
        }
    }

    /// Random text near the alphabet: whatever decodes must re-encode to exactly the same text (one
    /// encoding per byte string), and every input form must give the same result or error.
    @Test(arguments: Codec.allCases)
    func decodedTextIsCanonical(_ codec: Codec) {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        let pool = Array("AQgw_-+/=Zz09 .\n".utf8)
        var decodedCount = 0
        for _ in 0..<5000 {
            let length = Int.random(in: 0...12, using: &generator)
            let text = (0..<length).map { _ in pool.randomElement(using: &generator)! }
            let results = codec.decodeEveryWay(text)
            let first = results[0].result
            for (form, result) in results {
                #expect(result == first, "seed \(seed), \(codec) \(String(decoding: text, as: UTF8.self)), \(form)")
            }
            if case .success(let bytes) = first {
                decodedCount += 1
                #expect(
                    Array(codec.encode(bytes).utf8) == text,
                    "seed \(seed), \(String(decoding: text, as: UTF8.self))"
                )
            }
        }
        // The pool is chosen so that a fair share decodes; otherwise the check above proves little.
        #expect(decodedCount > 50, "seed \(seed)")
    }

    /// Flipping any one character of a valid encoding never yields the original bytes.
    @Test(arguments: Codec.allCases)
    func singleCharacterChangesAreDetectedOrDifferent(_ codec: Codec) {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        for length in 1...40 {
            let bytes = generator.bytes(count: length)
            let text = Array(codec.encode(bytes).utf8)
            let position = Int.random(in: 0..<text.count, using: &generator)
            var mutated = text
            mutated[position] = codec.alphabet.filter { $0 != text[position] }.randomElement(using: &generator)!
            if let decoded = try? codec.decode(utf8: mutated) {
                #expect(decoded != bytes, "seed \(seed), length \(length)")
                #expect(Array(codec.encode(decoded).utf8) == mutated, "seed \(seed), length \(length)")
            }
        }
    }
}
