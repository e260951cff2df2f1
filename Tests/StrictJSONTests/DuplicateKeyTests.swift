import StrictJSON
import Testing

@Suite("Duplicate member names are rejected")
struct DuplicateKeyTests {
    static let duplicates: [(String, String)] = [
        (#"{"a":1,"a":2}"#, #""a""#),
        (#"{"a":1,"a":1}"#, #""a""#),
        (#"{"a":1,"\u0061":2}"#, #""a""#),
        (#"{"\u0061":1,"a":2}"#, #""a""#),
        (#"{"alg":"none","al\u0067":"HS256"}"#, #""alg""#),
        (#"{"\/":1,"/":2}"#, #""/""#),
        (#"{"😀":1,"\uD83D\uDE00":2}"#, #""\u{1F600}""#),
        (#"{"":1,"":2}"#, #""""#),
        (#"{"x":{"a":1,"b":2,"a":3}}"#, #""a""#),
        (#"[1,[{"k":null,"k":null}]]"#, #""k""#),
        // Canonically equivalent names would be confused by any String-keyed look-up.
        (#"{"é":1,"e\u0301":2}"#, #""e\u{301}""#),
        // KELVIN SIGN decomposes canonically to ASCII "K": short ASCII names are not compared bytewise only.
        (#"{"K":1,"\u212A":2}"#, #""\u{212A}""#),
        ("{\"\u{212A}\":1,\"K\":2}", #""K""#),
        (#"{"abcdefg":1,"abcdefg":2}"#, #""abcdefg""#),
        (#"{"abcdefgh":1,"abcdefgh":2}"#, #""abcdefgh""#),
    ]

    @Test(arguments: duplicates)
    func rejected(_ text: String, _ name: String) {
        let error = parseError(Array(text.utf8))
        #expect(error?.code == .duplicateKey, "\(text)")
        #expect(error?.detail.contains(name) == true, "\(text): \(String(describing: error))")
    }

    @Test func distinctNamesAreAccepted() throws {
        let value = try JSONParser().parse(
            #"{"a":1,"A":2,"a ":3," a":4,"\u0000":5,"b":{"a":6},"a\u0000":7,"abcdefg":8,"abcdefgh":9,"abcdefh":10}"#
        )
        #expect(value.objectValue?.count == 10)
        #expect(value["b"]?["a"]?.int64Value == 6)
    }

    /// Duplicates found at every position of objects on both sides of the linear-scan/hash
    /// threshold, plus large objects whose members are all distinct.
    @Test(arguments: [2, 15, 16, 17, 40, 1000])
    func duplicateAnywhereInObjectsOfSize(_ size: Int) throws {
        let names = (0..<size).map { "member\($0)" }
        let distinct = "{" + names.map { "\"\($0)\":0" }.joined(separator: ",") + "}"
        #expect(try JSONParser().parse(distinct).objectValue?.count == size)
        for (first, second) in [(0, size - 1), (size / 2, size - 1), (size - 2, size - 1)] where first != second {
            var withDuplicate = names
            withDuplicate[second] = names[first]
            let text = "{" + withDuplicate.map { "\"\($0)\":0" }.joined(separator: ",") + "}"
            let error = parseError(Array(text.utf8))
            #expect(error?.code == .duplicateKey, "size \(size), \(first)/\(second)")
            #expect(error?.detail.contains("\"\(names[first])\"") == true)
        }
    }

    /// Small objects skip comparing a plain name whose length/first/last-byte bit is new. Names
    /// sharing one bit must still be compared (distinct ones accepted, a repeat found), and once an
    /// escaped or non-ASCII name appears every later name is compared with all earlier ones.
    @Test func namesSharingTheSkipBitAreStillCompared() throws {
        let sameShape = (0..<10).map { "a\($0)z" }
        let distinct = "{" + sameShape.map { "\"\($0)\":0" }.joined(separator: ",") + "}"
        #expect(try JSONParser().parse(distinct).objectValue?.count == 10)
        for position in 1..<10 {
            var names = sameShape
            names[position] = sameShape[position - 1]
            let text = "{" + names.map { "\"\($0)\":0" }.joined(separator: ",") + "}"
            #expect(parseError(Array(text.utf8))?.code == .duplicateKey, "\(text)")
        }
        let afterEscape = #"{"x":1,"\u0079":2,"z":3,"y":4}"#
        #expect(parseError(Array(afterEscape.utf8))?.code == .duplicateKey)
        let escapedLast = #"{"x":1,"y":2,"\u0078":3}"#
        #expect(parseError(Array(escapedLast.utf8))?.code == .duplicateKey)
    }

    @Test func hugeObjectParsesInLinearTime() throws {
        // 50 000 members: a quadratic check would take billions of comparisons.
        let count = 50_000
        var text = "{"
        for index in 0..<count {
            if index > 0 { text += "," }
            text += "\"k\(index)\":\(index)"
        }
        text += "}"
        let clock = ContinuousClock()
        let start = clock.now
        let value = try JSONParser().parse(text)
        let elapsed = clock.now - start
        #expect(value.objectValue?.count == count)
        #expect(elapsed < .seconds(5))
        #expect(parseError(Array((String(text.dropLast()) + ",\"k49999\":0}").utf8))?.code == .duplicateKey)
    }

    @Test("a duplicate name reaches the detail as printable ASCII, clipped by scalars, not Characters")
    func duplicateNameDetailIsLogSafe() {
        // One Character: a base letter and 5000 variation selectors (which extend a grapheme but
        // are starters, so the stream-safe limit lets them through), then a bidi override.
        let name = "a" + String(repeating: "\u{FE0F}", count: 5000) + "\u{202E}x"
        let error = parseError(Array("{\"\(name)\":1,\"\(name)\":2}".utf8))
        #expect(error?.code == .duplicateKey)
        let detail = error?.detail ?? ""
        #expect(detail.unicodeScalars.allSatisfy { (0x20..<0x7F).contains($0.value) || $0 == "…" }, "\(detail)")
        #expect(detail.count < 800)
        #expect(detail.contains(#""a\u{FE0F}\u{FE0F}"#))
        // A short name whole, a quote in it escaped.
        let short = parseError(Array(#"{"\u202E\"":1,"\u202E\"":2}"#.utf8))
        #expect(short?.detail.hasSuffix(#""\u{202E}\"""#) == true, "\(String(describing: short))")
    }

    @Test func longDuplicateNameIsTruncatedInTheDetail() {
        let name = String(repeating: "n", count: 10_000)
        let error = parseError(Array("{\"\(name)\":1,\"\(name)\":2}".utf8))
        #expect(error?.code == .duplicateKey)
        #expect((error?.detail.count ?? .max) < 200)
    }
}
