import Base64URL
import Testing
import VerifyKitTestSupport

/// The contiguous decoder reads four groups (16 characters) per validity test and hands a step
/// with a bad character to its one-group loop. Every length from 0 to 80 puts steps, single groups,
/// the last group and the tail at every alignment; the indexed decoder (any non-contiguous
/// collection) is the reference for bytes and errors.
@Suite("base64 four-group decode loop")
struct Base64BlockLoopTests {
    static let lengths = Array(0...80)

    /// Bytes outside each alphabet next to the edges of its ranges, plus the other alphabet's two.
    /// (`=` ending standard text can be valid padding; its placement has tests of its own.)
    static func boundaryBytes(_ codec: Codec) -> [UInt8] {
        let edges: [UInt8] = [
            0x00, 0x20, 0x2A, 0x2C, 0x2E, 0x3A, 0x3D, 0x40, 0x5B, 0x5E, 0x60, 0x7B, 0x7F, 0x80, 0xC1, 0xFF,
        ]
        let other: [UInt8] = codec == .url ? Array("+/".utf8) : Array("-_".utf8)
        return (edges + other).filter { !codec.alphabet.contains($0) && !(codec == .standard && $0 == 0x3D) }
    }

    @Test(arguments: Codec.allCases)
    func everyLengthDecodesLikeTheIndexedLoop(codec: Codec) throws {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        for length in 0...60 {
            for _ in 0..<4 {
                let bytes = generator.bytes(count: length)
                let text = Array(codec.encode(bytes).utf8)
                #expect(try codec.decode(utf8: text) == bytes, "seed \(seed), length \(length)")
                #expect(try codec.decode(utf8: text.lazy.map { $0 }) == bytes, "seed \(seed), length \(length)")
            }
        }
    }

    /// Each boundary byte at each position of base64url text of every length 0…80: the contiguous
    /// and indexed loops report the same code, offset and byte, and the offset is the position.
    @Test(arguments: Codec.allCases)
    func boundaryBytesAtEveryPositionAndLength(codec: Codec) {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        for length in Self.lengths {
            let valid = Self.validText(codec, length: length, &generator)
            for position in valid.indices {
                for bad in Self.boundaryBytes(codec) {
                    Self.expectSameError(codec, valid, bad, position, "seed \(seed), length \(length)")
                }
            }
        }
    }

    /// Every byte outside the alphabet at every position of a text long enough for two steps.
    @Test(arguments: Codec.allCases)
    func everyInvalidByteAtEveryPosition(codec: Codec) {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        let valid = Self.validText(codec, length: 40, &generator)
        let invalid = (0...255).map(UInt8.init).filter {
            !codec.alphabet.contains($0) && !(codec == .standard && $0 == UInt8(ascii: "="))
        }
        for position in valid.indices {
            for bad in invalid {
                Self.expectSameError(codec, valid, bad, position, "seed \(seed)")
            }
        }
    }

    /// Two bad characters in one four-group step: the first is reported.
    @Test func firstOfTwoBadCharactersInOneStep() {
        let valid = Array(repeating: UInt8(ascii: "A"), count: 44)
        for first in 0..<32 {
            for second in (first + 1)..<min(first + 16, 44) {
                var text = valid
                text[first] = UInt8(ascii: ".")
                text[second] = 0xFF
                let error = Self.error(.url, text)
                #expect(error == Base64DecodingError(code: .invalidCharacter, offset: first), "\(first), \(second)")
                #expect(error?.byte == UInt8(ascii: "."), "\(first), \(second)")
            }
        }
    }

    /// Non-zero unused bits in the last character are refused at every length, both loops.
    @Test(arguments: Codec.allCases)
    func nonCanonicalTailAtEveryLength(codec: Codec) {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        for byteCount in 0...60 where byteCount % 3 != 0 {
            let canonical = Array(codec.encode(generator.bytes(count: byteCount)).utf8)
            let body = codec == .standard ? canonical.prefix { $0 != UInt8(ascii: "=") } : canonical[...]
            let unused = byteCount % 3 == 1 ? 4 : 2
            let lastIndex = body.count - 1
            let lastValue = codec.alphabet.firstIndex(of: body[lastIndex])!
            for low in 1..<(1 << unused) {
                var text = canonical
                text[lastIndex] = codec.alphabet[lastValue | low]
                let expected = Base64DecodingError(code: .nonCanonical, offset: lastIndex)
                #expect(Self.error(codec, text) == expected, "seed \(seed), bytes \(byteCount), low \(low)")
                #expect(Self.error(codec, text, indexed: true) == expected, "seed \(seed), bytes \(byteCount)")
            }
        }
    }

    /// Decoding into a larger buffer never writes past the decoded length, for every length 0…80.
    @Test func noByteIsWrittenPastTheDecodedLength() throws {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        for byteCount in 0...60 {
            let bytes = generator.bytes(count: byteCount)
            let text = Base64URL.encodeToBytes(bytes)
            #expect(text.count <= 80)
            var output = [UInt8](repeating: 0xEE, count: byteCount + 16)
            let written = try text.withUnsafeBufferPointer { input in
                try output.withUnsafeMutableBufferPointer { try Base64URL.decode(input, into: $0) }
            }
            #expect(written == byteCount, "seed \(seed)")
            #expect(Array(output[..<byteCount]) == bytes, "seed \(seed), bytes \(byteCount)")
            #expect(output[byteCount...].allSatisfy { $0 == 0xEE }, "seed \(seed), bytes \(byteCount)")
        }
    }

    /// Valid text of exactly `length` characters (a 4n+1 length keeps one extra character's worth of
    /// junk and fails on length, which is still a fair check that both loops agree).
    private static func validText(_ codec: Codec, length: Int, _ generator: inout SeededGenerator) -> [UInt8] {
        let encoded = Array(Base64URL.encodeToBytes(generator.bytes(count: length * 3 / 4 + 1)).prefix(length))
        guard codec == .standard else { return encoded }
        // Map to the standard alphabet and keep the length a multiple of 4 with data only.
        let mapped = encoded.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "+") : $0 == UInt8(ascii: "_") ? 0x2F : $0 }
        return Array(mapped.prefix(length / 4 * 4))
    }

    private static func expectSameError(
        _ codec: Codec,
        _ valid: [UInt8],
        _ bad: UInt8,
        _ position: Int,
        _ context: String
    ) {
        var text = valid
        text[position] = bad
        let contiguous = error(codec, text)
        let indexed = error(codec, text, indexed: true)
        #expect(contiguous != nil, "\(context), position \(position), byte \(bad)")
        #expect(contiguous == indexed, "\(context), position \(position), byte \(bad)")
        #expect(contiguous?.byte == indexed?.byte, "\(context), position \(position), byte \(bad)")
        let lengthIsPossible = codec == .url ? valid.count % 4 != 1 : valid.count % 4 == 0
        if lengthIsPossible {
            #expect(contiguous?.offset == position, "\(context), position \(position), byte \(bad)")
            #expect(contiguous?.byte == bad, "\(context), position \(position), byte \(bad)")
        }
    }

    private static func error(_ codec: Codec, _ text: [UInt8], indexed: Bool = false) -> Base64DecodingError? {
        do {
            _ = indexed ? try codec.decode(utf8: text.lazy.map { $0 }) : try codec.decode(utf8: text)
            return nil
        } catch {
            return error
        }
    }
}
