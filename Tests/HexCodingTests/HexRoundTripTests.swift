import HexCoding
import Testing
import VerifyKitTestSupport

@Suite("Hex round trips")
struct HexRoundTripTests {
    @Test func randomBytesRoundTrip() throws {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        for length in 0...300 {
            let bytes = generator.bytes(count: length)
            let lower = Hex.encode(bytes)
            let upper = Hex.encode(bytes, uppercase: true)
            #expect(lower.utf8.count == length * 2, "seed \(seed), length \(length)")
            #expect(lower.utf8.allSatisfy { "0123456789abcdef".utf8.contains($0) }, "seed \(seed)")
            #expect(upper == lower.uppercased(), "seed \(seed), length \(length)")
            #expect(try Hex.decode(lower) == bytes, "seed \(seed), length \(length)")
            #expect(try Hex.decode(upper) == bytes, "seed \(seed), length \(length)")
            for (form, result) in HexErrorTests.decodeEveryWay(Array(lower.utf8)) {
                #expect((try? result.get()) == bytes, "seed \(seed), length \(length), \(form)")
            }
        }
    }

    /// Random text over digits and near-misses: whatever decodes must re-encode to the same text
    /// (ignoring case), and whatever fails must fail identically on every input form.
    @Test func randomTextIsDecodedConsistently() {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        let pool = Array("0123456789abcdefABCDEFgG x:".utf8)
        for _ in 0..<2000 {
            let length = Int.random(in: 0...12, using: &generator)
            let text = (0..<length).map { _ in pool.randomElement(using: &generator)! }
            let results = HexErrorTests.decodeEveryWay(text)
            let first = results[0].1
            for (form, result) in results {
                #expect(result == first, "seed \(seed), input \(String(decoding: text, as: UTF8.self)), \(form)")
            }
            if case .success(let bytes) = first {
                #expect(Hex.encode(bytes) == String(decoding: text, as: UTF8.self).lowercased(), "seed \(seed)")
            }
        }
    }
}
