import StrictJSON
import Testing

/// Checks string contents against the standard library's UTF-8 validator, which implements the
/// same Unicode Table 3-7 (no overlongs, no surrogates, nothing past U+10FFFF).
@Suite("UTF-8 inside strings is validated")
struct UTF8ValidationTests {
    /// Bytes that are invalid in a string for reasons other than UTF-8 (controls, quote, backslash).
    private static func hasJSONSpecialByte(_ bytes: [UInt8]) -> Bool {
        bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
    }

    /// Parses `content` as a string; returns whether it was accepted and fails on any code other
    /// than `invalidUTF8`.
    private static func accepts(_ content: [UInt8]) -> Bool {
        guard let error = parseError(quoted(content)) else { return true }
        if error.code != .invalidUTF8 { Issue.record("\(content): \(error)") }
        return false
    }

    private static func check(_ content: [UInt8]) -> Bool {
        let reference = String(validating: content, as: UTF8.self) != nil
        let ours = accepts(content)
        if reference != ours {
            Issue.record("bytes \(content.map { String($0, radix: 16) }): reference \(reference), parser \(ours)")
            return false
        }
        if ours, let value = try? JSONParser().parse(quoted(content)),
            value.stringValue.map({ Array($0.utf8) }) != content
        {
            Issue.record("bytes \(content) did not survive parsing")
        }
        return true
    }

    @Test func allOneAndTwoByteStrings() {
        var checked = 0
        for first in 0...255 {
            let one = [UInt8(first)]
            if !Self.hasJSONSpecialByte(one) {
                _ = Self.check(one)
                checked += 1
            }
            for second in 0...255 {
                let two = [UInt8(first), UInt8(second)]
                guard !Self.hasJSONSpecialByte(two) else { continue }
                guard Self.check(two) else { return }
                checked += 1
            }
        }
        #expect(checked == 222 + 222 * 222)
    }

    @Test func threeByteSequences() {
        let thirds: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF]
        let seconds: [UInt8] = [0x20, 0x41, 0x7F] + Array(0x80...0xFF)
        var checked = 0
        for lead in 0xC0...0xFF {
            for second in seconds {
                for third in thirds {
                    guard Self.check([UInt8(lead), UInt8(second), third]) else { return }
                    checked += 1
                }
            }
        }
        #expect(checked == 64 * seconds.count * thirds.count)
    }

    @Test func fourByteSequences() {
        let tails: [UInt8] = [0x41, 0x80, 0xBF, 0xC0]
        var checked = 0
        for lead in 0xF0...0xFF {
            for second in 0x7F...0xFF {
                for third in tails {
                    for fourth in tails {
                        guard Self.check([UInt8(lead), UInt8(second), third, fourth]) else { return }
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 16 * 129 * 16)
    }

    @Test func boundaryScalarsRoundTripThroughEscapes() throws {
        let scalars: [UInt32] = [
            0x0, 0x1F, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF,
        ]
        for value in scalars {
            let scalar = try #require(Unicode.Scalar(value))
            let string = String(Character(scalar))
            let units = Array(string.utf16)
            let escaped = units.map { unit in
                let hex = String(unit, radix: 16)
                return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }.joined()
            let parsed = try JSONParser().parse("\"\(escaped)\"")
            #expect(parsed == .string(string), "U+\(String(value, radix: 16))")
            #expect(try JSONParser().parse(JSONValue.string(string).serialized()) == .string(string))
        }
    }

    @Test func truncatedSequencesAtEndOfInput() {
        for truncated: [UInt8] in [[0xC3], [0xE2], [0xE2, 0x82], [0xF0], [0xF0, 0x9F], [0xF0, 0x9F, 0x98]] {
            let error = parseError([0x22] + truncated)
            #expect(error?.code == .invalidUTF8, "\(truncated)")
            #expect(error?.offset == 1)
        }
    }

    @Test func nonASCIIOutsideStringsIsASyntaxError() {
        for bytes: [UInt8] in [[0xC3, 0xA9], [0x5B, 0xE2, 0x82, 0xAC, 0x5D], [0xFF]] {
            #expect(parseError(bytes)?.code == .syntax)
        }
    }
}
