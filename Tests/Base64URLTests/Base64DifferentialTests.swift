import Base64URL
import Testing
import VerifyKitTestSupport

/// Random text, mostly from the alphabet with a few bytes from outside it and random final
/// characters (so that unused trailing bits are often set), through every way the text can reach
/// the decoder, against a plain reference decoder written from RFC 4648 §5 and §3.5.
@Suite("base64url decoding against a reference decoder")
struct Base64DifferentialTests {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    static let outsiders: [UInt8] = Array("=+/ .\n".utf8) + [0x00, 0x7F, 0x80, 0xC3, 0xFF]

    /// What a strict decoder must give: the bytes, or the kind and offset of the first fault
    /// (length first, then characters left to right, then the unused bits).
    static func reference(_ text: [UInt8]) -> Result<[UInt8], Base64DecodingError> {
        guard text.count % 4 != 1 else {
            return .failure(Base64DecodingError(code: .invalidLength, offset: text.count))
        }
        var values: [UInt32] = []
        for (offset, byte) in text.enumerated() {
            guard let value = alphabet.firstIndex(of: byte) else {
                return .failure(Base64DecodingError(code: .invalidCharacter, offset: offset))
            }
            values.append(UInt32(value))
        }
        var bytes: [UInt8] = []
        var start = 0
        while start < values.count {
            let group = values[start..<min(start + 4, values.count)]
            var bits: UInt32 = 0
            for value in group { bits = bits << 6 | value }
            bits <<= 6 * UInt32(4 - group.count)
            let produced = group.count - 1
            for index in 0..<produced { bytes.append(UInt8(truncatingIfNeeded: bits >> (16 - 8 * UInt32(index)))) }
            // The bits below the produced bytes must be zero.
            if bits & ((1 << (24 - 8 * UInt32(produced))) - 1) != 0 {
                return .failure(Base64DecodingError(code: .nonCanonical, offset: start + group.count - 1))
            }
            start += 4
        }
        return .success(bytes)
    }

    @Test("random and edge texts decode as the reference decoder says, every way")
    func agreesWithReference() {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        var texts: [[UInt8]] = []
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...40, using: &generator)
            var text = (0..<length).map { _ in Self.alphabet.randomElement(using: &generator)! }
            // One text in three gets one or two bytes from outside the alphabet.
            if length > 0, Int.random(in: 0..<3, using: &generator) == 0 {
                for _ in 0..<Int.random(in: 1...2, using: &generator) {
                    text[Int.random(in: 0..<length, using: &generator)] = Self.outsiders.randomElement(
                        using: &generator
                    )!
                }
            }
            texts.append(text)
        }
        // Every pair of final characters after a valid prefix of every length class.
        for prefix in [[], Array("QUJD".utf8), Array("QUJDREVGR0hJ".utf8), Array("QUJDREVGR0hJSktMTU5PUFFS".utf8)] {
            for last in Self.alphabet + Self.outsiders {
                for before in [UInt8(ascii: "A"), UInt8(ascii: "_"), 0x80] {
                    texts += [prefix + [before, last], prefix + [before, before, last], prefix + [last]]
                }
            }
        }
        var mismatches: [String] = []
        for text in texts {
            let expected = Self.reference(text)
            for (form, result) in Codec.url.decodeEveryWay(text) where !Self.same(result, expected) {
                mismatches.append("\(text) via \(form): \(result), expected \(expected)")
            }
        }
        #expect(mismatches.isEmpty, "seed \(seed): \(mismatches.prefix(5))")
    }

    /// Both results succeed with the same bytes, or fail with the same code and offset.
    static func same(_ a: Result<[UInt8], Base64DecodingError>, _ b: Result<[UInt8], Base64DecodingError>) -> Bool {
        switch (a, b) {
        case (.success(let x), .success(let y)): x == y
        case (.failure(let x), .failure(let y)): x == y
        default: false
        }
    }
}
