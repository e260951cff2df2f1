import JSONWebToken
import Testing
import VerifyKitTestSupport

/// `Cache-Control` and `Age` read as RFC 9111 says for a private cache (``HTTPFreshness``).
@Suite("HTTP freshness: Cache-Control max-age, no-store, no-cache and Age")
struct HTTPFreshnessTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let cacheControl: String?
        let age: String?
        let lifetime: Int64?
        init(_ cacheControl: String?, age: String? = nil, _ lifetime: Int64?) {
            self.cacheControl = cacheControl
            self.age = age
            self.lifetime = lifetime
        }
        var testDescription: String { "\(cacheControl.map { "'\($0)'" } ?? "nil") age \(age ?? "nil")" }
    }

    static let saturated = HTTPFreshness.saturation

    @Test(
        "lifetime",
        arguments: [
            // No header, or none of the directives that decide freshness: the configured maxAge.
            Case(nil, nil),
            Case(nil, age: "30", nil),
            Case("", nil),
            Case(" , ,", nil),
            Case("public", nil),
            Case("public, must-revalidate, no-transform, immutable", nil),
            Case("s-maxage=600", nil),  // for shared caches only
            Case("stale-if-error=86400, stale-while-revalidate=60", nil),
            Case("private=\"max-age=5\"", nil),  // a quoted argument is not a directive
            Case("x-max-age=5", nil),
            Case("max-ages=5", nil),
            // max-age as a token and as a quoted string, any case, among other directives.
            Case("max-age=60", 60),
            Case("max-age=0", 0),
            Case("max-age=\"60\"", 60),
            Case("max-age=\"6\\0\"", 60),  // a quoted pair is the character it escapes
            Case("MAX-AGE=60", 60),
            Case("Max-Age=60", 60),
            Case("public, max-age=19645, must-revalidate, no-transform", 19645),  // Google's
            Case("max-age=86400", 86400),  // Microsoft's
            Case("  max-age=60  ", 60),
            Case("public,max-age=60", 60),
            Case("public ,\tmax-age=60\t, private", 60),
            Case(",,max-age=60,,", 60),
            Case("max-age=007", 7),
            Case("s-maxage=5, max-age=60", 60),
            Case("private=\"a, max-age=5\", max-age=60", 60),  // a comma inside quotes splits nothing
            Case("foo=\"a\\\"b, max-age=5\", max-age=60", 60),  // nor after an escaped quote
            // Values too large saturate at 2^31, however many digits.
            Case("max-age=2147483647", 2_147_483_647),
            Case("max-age=2147483648", saturated),
            Case("max-age=2147483649", saturated),
            Case("max-age=99999999999999999999999999999999999999", saturated),
            Case("max-age=" + String(repeating: "9", count: 10_000), saturated),
            Case("max-age=\"" + String(repeating: "1", count: 400) + "\"", saturated),
            // Invalid or repeated max-age: stale (0), never the configured or a longer life.
            Case("max-age", 0),
            Case("max-age=", 0),
            Case("max-age=\"\"", 0),
            Case("max-age=-1", 0),
            Case("max-age=+60", 0),
            Case("max-age=60.5", 0),
            Case("max-age=1e3", 0),
            Case("max-age=0x10", 0),
            Case("max-age=60s", 0),
            Case("max-age=\"60", 0),  // unclosed quote
            Case("max-age=\"60\"0", 0),
            Case("max-age = 60", 0),
            Case("max-age =60", 0),
            Case("max-age= 60", 0),
            Case("max-age=60 120", 0),
            Case("max-age=６０", 0),  // fullwidth digits
            Case("max-age=60, max-age=60", 0),
            Case("max-age=60, max-age=3600", 0),
            Case("max-age=3600, MAX-AGE=60", 0),
            Case("max-age=60, max-age=oops", 0),
            Case("max-age=oops, max-age=60", 0),
            // A malformed other member does not spoil max-age.
            Case("foo bar, max-age=60", 60),
            Case("=5, max-age=60", 60),
            Case("\"quoted\", max-age=60", 60),
            Case("foo=\"unclosed, max-age=60", nil),  // the quote runs to the end: no max-age seen
            // A malformed member is skipped to the next comma outside quotes, not one inside them.
            Case("foo bar \"a, max-age=5\", max-age=60", 60),
            Case("foo bar=\"a, max-age=86400, b\"", nil),
            // no-store and no-cache: refresh as soon as allowed, whatever max-age says.
            Case("no-store", 0),
            Case("no-cache", 0),
            Case("NO-STORE", 0),
            Case("No-Cache", 0),
            Case("max-age=3600, no-store", 0),
            Case("no-cache, max-age=3600", 0),
            Case("no-cache=\"Set-Cookie\", max-age=3600", 0),  // field names too
            Case("private, no-store, max-age=0", 0),
            Case("no-storex, max-age=60", 60),
            // Age is subtracted, down to 0; an invalid Age is ignored.
            Case("max-age=600", age: "100", 500),
            Case("max-age=600", age: "600", 0),
            Case("max-age=600", age: "601", 0),
            Case("max-age=600", age: "99999999999999999999", 0),
            Case("max-age=600", age: " 100 ", 500),
            Case("max-age=600", age: "100, 300", 500),  // a list: the first member
            Case("max-age=600", age: "0", 600),
            Case("max-age=600", age: "", 600),
            Case("max-age=600", age: "-100", 600),
            Case("max-age=600", age: "1.5", 600),
            Case("max-age=600", age: "\"100\"", 600),
            Case("max-age=600", age: "abc, 100", 600),
            Case("max-age=99999999999", age: "100", saturated - 100),
            Case("no-store", age: "5", 0),
            Case("public", age: "5", nil),
        ]
    )
    func lifetime(_ test: Case) {
        #expect(HTTPFreshness.lifetime(cacheControl: test.cacheControl, age: test.age) == test.lifetime)
    }

    @Test("delta-seconds: digits only, at least one, saturating")
    func deltaSeconds() {
        #expect(HTTPFreshness.deltaSeconds(Array("0".utf8)) == 0)
        #expect(HTTPFreshness.deltaSeconds(Array("1234".utf8)) == 1234)
        #expect(HTTPFreshness.deltaSeconds(Array("".utf8)) == nil)
        #expect(HTTPFreshness.deltaSeconds(Array(" 1".utf8)) == nil)
        #expect(HTTPFreshness.deltaSeconds(Array("1/".utf8)) == nil)  // '/' and ':' border the digits
        #expect(HTTPFreshness.deltaSeconds(Array("1:".utf8)) == nil)
        #expect(HTTPFreshness.deltaSeconds(Array("21474836480".utf8)) == HTTPFreshness.saturation)
        let nines = [UInt8](repeating: UInt8(ascii: "9"), count: 100_000)
        #expect(HTTPFreshness.deltaSeconds(nines) == HTTPFreshness.saturation)
    }

    /// Random values built from the pieces the reader cares about (names, `=`, quotes, quoted
    /// pairs, commas, digits, case): whatever the mix, the reader ends, stays in range, and keeps
    /// the properties that make it safe to use. `VERIFYKIT_TEST_SEED` replays a failure.
    @Test("random values: in range, case-blind, no-store first always wins, Age only shortens")
    func randomValues() {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        let pieces = [
            "max-age", "MAX-AGE", "Max-Age", "no-store", "no-cache", "public", "s-maxage", "=", "\"", "\\", ",",
            " ", "\t", "0", "7", "60", "99999999999", "-", ".", "a", ";", "é",
        ]
        for _ in 0..<20_000 {
            let value = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let lifetime = HTTPFreshness.lifetime(cacheControl: value, age: nil)
            if let lifetime {
                #expect((0...HTTPFreshness.saturation).contains(lifetime), "seed \(seed): '\(value)' gave \(lifetime)")
            }
            let lowered = value.lowercased()
            if !["max-age", "no-store", "no-cache"].contains(where: { lowered.contains($0) }) {
                #expect(lifetime == nil, "seed \(seed): '\(value)' has no deciding directive")
            }
            // Only ASCII letters in names matter, and those compare case-blind.
            let flipped = String(
                String.UnicodeScalarView(
                    value.unicodeScalars.map { scalar in
                        guard let letter = Character(scalar).asciiValue, Character(scalar).isLetter else {
                            return scalar
                        }
                        return Unicode.Scalar(letter ^ 0x20)
                    }
                )
            )
            #expect(HTTPFreshness.lifetime(cacheControl: flipped, age: nil) == lifetime, "seed \(seed): '\(value)'")
            #expect(
                HTTPFreshness.lifetime(cacheControl: "no-store, " + value, age: nil) == 0,
                "seed \(seed): '\(value)'"
            )
            let aged = HTTPFreshness.lifetime(cacheControl: value, age: "5")
            #expect((aged == nil) == (lifetime == nil), "seed \(seed): '\(value)'")
            if let aged, let lifetime { #expect(aged == max(0, lifetime - 5), "seed \(seed): '\(value)'") }
        }
    }
}
