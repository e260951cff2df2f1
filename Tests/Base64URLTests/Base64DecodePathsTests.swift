import Base64URL
import Testing
import VerifyKitTestSupport

/// Contiguous input takes a pointer loop with pre-shifted tables and overlapping stores; any other
/// collection takes the indexed loop. Both must give the same bytes and the same first error.
@Suite("base64 decode paths agree")
struct Base64DecodePathsTests {
    /// Every length up to 200, valid text: both paths, both alphabets, same bytes.
    @Test func validTextDecodesTheSameBothWays() throws {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        for length in 0...200 {
            let bytes = generator.bytes(count: length)
            let url = Base64URL.encodeToBytes(bytes)
            #expect(try Base64URL.decode(utf8: url) == bytes, "seed \(seed), length \(length)")
            #expect(try Base64URL.decode(utf8: url.lazy.map { $0 }) == bytes, "seed \(seed), length \(length)")
            let standard = Base64.encodeToBytes(bytes)
            #expect(try Base64.decode(utf8: standard) == bytes, "seed \(seed), length \(length)")
            #expect(try Base64.decode(utf8: standard.lazy.map { $0 }) == bytes, "seed \(seed), length \(length)")
        }
    }

    /// One bad byte at every position of texts of several lengths: the same error (code, offset,
    /// byte) from both paths, and it names the first bad character.
    @Test(arguments: [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "."), 0x00, 0x80, 0xFF])
    func firstInvalidCharacterIsReportedTheSameBothWays(bad: UInt8) {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        var checked = 0
        for length in [2, 3, 4, 6, 7, 8, 11, 12, 43, 64, 342] {
            let valid = Array(Base64URL.encodeToBytes(generator.bytes(count: length * 3 / 4 + 1)).prefix(length))
            for position in valid.indices {
                var text = valid
                text[position] = bad
                let contiguous = Self.error { () throws(Base64DecodingError) in try Base64URL.decode(utf8: text) }
                let indexed = Self.error { () throws(Base64DecodingError) in
                    try Base64URL.decode(utf8: text.lazy.map { $0 })
                }
                #expect(contiguous != nil, "seed \(seed), length \(length), position \(position)")
                #expect(contiguous == indexed, "seed \(seed), length \(length), position \(position)")
                #expect(contiguous?.byte == indexed?.byte, "seed \(seed), length \(length), position \(position)")
                // A length of 4n+1 fails on length first; otherwise the bad byte is reported where it is.
                if length % 4 != 1 {
                    #expect(contiguous?.offset == position, "seed \(seed), length \(length), position \(position)")
                }
                checked += 1
            }
        }
        #expect(checked == 2 + 3 + 4 + 6 + 7 + 8 + 11 + 12 + 43 + 64 + 342)
    }

    /// Decoding into a larger buffer leaves every byte past the decoded length untouched, for every
    /// length (the loop's four-byte stores must never reach past the last group).
    @Test func noByteIsWrittenPastTheDecodedLength() throws {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        for length in 0...64 {
            let bytes = generator.bytes(count: length)
            let text = Base64URL.encodeToBytes(bytes)
            var output = [UInt8](repeating: 0xEE, count: length + 8)
            let written = try text.withUnsafeBufferPointer { input in
                try output.withUnsafeMutableBufferPointer { try Base64URL.decode(input, into: $0) }
            }
            #expect(written == length, "seed \(seed)")
            #expect(Array(output[..<length]) == bytes, "seed \(seed), length \(length)")
            #expect(output[length...].allSatisfy { $0 == 0xEE }, "seed \(seed), length \(length)")
        }
    }

    private static func error(_ body: () throws(Base64DecodingError) -> [UInt8]) -> Base64DecodingError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }
}
