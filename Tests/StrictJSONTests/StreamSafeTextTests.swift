import Testing

@testable import StrictJSON

/// Strings may hold at most 30 combining characters in a row (UAX #15 stream-safe text): the
/// standard library normalises a longer run in quadratic time whenever a string is compared or
/// hashed, as member names always are.
@Suite("Runs of combining characters are bounded")
struct StreamSafeTextTests {
    /// `count` combining marks of two alternating classes (230 and 220), the order normalisation
    /// must sort: the quadratic case.
    private static func marks(_ count: Int) -> String {
        String(String.UnicodeScalarView((0..<count).map { Unicode.Scalar($0 % 2 == 0 ? 0x301 : 0x316)! }))
    }

    private static func escapedMarks(_ count: Int) -> String {
        (0..<count).map { $0 % 2 == 0 ? #"\u0301"# : #"\u0316"# }.joined()
    }

    @Test("30 in a row are accepted, 31 refused at the string's opening quote, in names and values")
    func limitInNamesAndValues() throws {
        for marks in [Self.marks, Self.escapedMarks] {
            // (accepted, refused, offset of the refused string's opening quote)
            for (ok, bad, offset) in [
                (#"{"a\#(marks(30))":1}"#, #"{"a\#(marks(31))":1}"#, 1),
                (#"{"alg":"a\#(marks(30))"}"#, #"{"alg":"a\#(marks(31))"}"#, 7),
                (#"["\#(marks(30))"]"#, #"["\#(marks(31))"]"#, 1),
            ] {
                #expect(parseError(Array(ok.utf8)) == nil)
                let error = parseError(Array(bad.utf8))
                #expect(error?.code == .notStreamSafe)
                #expect(error?.offset == offset)
            }
        }
    }

    @Test("a starter (ASCII, escaped or not, or a non-ASCII base letter) ends a run")
    func startersEndARun() {
        let separators = ["x", #"\n"#, #"\u0041"#, "é", "\u{1100}", #"\ud834\udd1e"#]  // last: U+1D11E, a starter
        for separator in separators {
            let run = Self.marks(30) + separator + Self.marks(30)
            let text = #"{"\#(run)":"\#(run)"}"#
            #expect(parseError(Array(text.utf8)) == nil, "separator \(separator)")
        }
    }

    @Test("combining characters of every UTF-8 length and escape form count")
    func everyEncodingCounts() {
        // U+0301 (2 bytes), U+20D0 (3 bytes, class 230), U+1D165 (4 bytes, class 216), the last
        // also as a surrogate-pair escape.
        for mark in ["\u{301}", "\u{20D0}", "\u{1D165}", #"\ud834\udd65"#, #"\u20d0"#] {
            let run = String(repeating: mark, count: 31)
            #expect(parseError(Array(#"["a\#(run)"]"#.utf8))?.code == .notStreamSafe, "mark \(mark)")
            let shorter = String(repeating: mark, count: 30)
            #expect(parseError(Array(#"["a\#(shorter)"]"#.utf8)) == nil, "mark \(mark)")
        }
    }

    @Test("raw and escaped combining characters next to each other make one run")
    func mixedFormsMakeOneRun() {
        for (raw, escaped) in [(15, 16), (16, 15), (1, 30), (30, 1)] {
            let refused = Array(#"["a\#(Self.marks(raw))\#(Self.escapedMarks(escaped))"]"#.utf8)
            #expect(parseError(refused)?.code == .notStreamSafe, "\(raw) raw + \(escaped) escaped")
            let accepted = Array(#"["a\#(Self.marks(raw))\#(Self.escapedMarks(escaped - 1))"]"#.utf8)
            #expect(parseError(accepted) == nil, "\(raw) raw + \(escaped - 1) escaped")
        }
    }

    @Test("the table of BMP chunks holding combining characters matches the running standard library's data")
    func combiningChunkTable() {
        var words = [UInt64](repeating: 0, count: 32)
        for value in 0..<0x1_0000 {
            guard let scalar = Unicode.Scalar(value), scalar.properties.canonicalCombiningClass.rawValue != 0 else {
                continue
            }
            words[value >> 11] |= 1 << UInt64((value >> 5) & 63)
        }
        #expect((0..<32).map(CombiningRun.combiningChunkWord) == words)
        // The ranges the parser settles inline hold starters only.
        for value in 0..<0x11_0000 where !CombiningRun.mayCombine(UInt32(value)) {
            if let scalar = Unicode.Scalar(value) {
                #expect(scalar.properties.canonicalCombiningClass.rawValue == 0, "U+\(String(value, radix: 16))")
            }
        }
    }

    @Test("text of scripts whose letters are starters (CJK, Hangul, kana, Cyrillic) parses whole")
    func startersOfManyScripts() throws {
        let text = String(repeating: "漢字かなカナ한국어Кириллица", count: 400)
        let value = try JSONParser().parse(#"{"name":"\#(text)"}"#)
        #expect(value.objectValue?["name"]?.stringValue == text)
    }

    @Test("an error earlier in the same string is reported first")
    func otherErrorsFirst() {
        let text = Array(#"["\#(Self.marks(40))\u12"]"#.utf8)
        #expect(parseError(text)?.code == .syntax)
    }

    @Test("the tape decoder refuses such a member name too")
    func decoderRefuses() {
        let text = Array(#"{"m":{"a\#(Self.marks(31))":1}}"#.utf8)
        #expect(throws: JSONError.self) { try JSONParser().decode([String: [String: Int]].self, from: text) }
    }
}
