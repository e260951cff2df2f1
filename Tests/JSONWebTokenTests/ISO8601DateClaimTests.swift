import CryptoPrimitives
import Foundation
import JSONWebToken
import StrictJSON
import Testing

/// Custom claims written as RFC 3339 strings: strict parsing, UTC formatting, and agreement with
/// Foundation's ISO 8601 formatter on the instants both can express.
@Suite("ISO8601DateClaim")
struct ISO8601DateClaimTests {
    struct Claims: Codable, Sendable {
        var sub: String
        var exp: ExpirationClaim
        var grantedAt: ISO8601DateClaim
        var revokedAt: ISO8601DateClaim?
    }

    @Test(
        "valid RFC 3339 timestamps parse to the right instant",
        arguments: [
            ("1970-01-01T00:00:00Z", 0.0),
            ("2023-11-14T22:13:20Z", 1_700_000_000),
            ("2023-11-14t22:13:20z", 1_700_000_000),
            ("2023-11-15T03:43:20+05:30", 1_700_000_000),
            ("2023-11-14T14:13:20-08:00", 1_700_000_000),
            ("2023-11-14T22:13:20-00:00", 1_700_000_000),
            ("2023-11-14T22:13:20.5Z", 1_700_000_000.5),
            ("2023-11-14T22:13:20.250000000Z", 1_700_000_000.25),
            ("2024-02-29T00:00:00Z", 1_709_164_800),
            ("2000-02-29T12:00:00Z", 951_825_600),
            ("1969-12-31T23:59:59Z", -1),
            ("1900-01-01T00:00:00Z", -2_208_988_800),
            ("0000-01-01T00:00:00Z", -62_167_219_200),
            ("9999-12-31T23:59:59Z", 253_402_300_799),
            // 35 bytes, the longest form (nine fraction digits and an offset).
            ("9999-12-31T23:59:59.500000000+23:59", 253_402_214_459.5),
        ]
    )
    func parsesValid(text: String, seconds: Double) throws {
        #expect(try ISO8601DateClaim(rfc3339: text).secondsSinceEpoch == seconds)
    }

    @Test(
        "everything outside RFC 3339 date-time is refused with invalid_claim",
        arguments: [
            "", "2023-11-14", "2023-11-14T22:13:20", "2023-11-14 22:13:20Z", "2023-11-14T22:13Z",
            "20231114T221320Z", "2023-W46-2T22:13:20Z", "2023-13-01T00:00:00Z", "2023-00-01T00:00:00Z",
            "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2023-04-31T00:00:00Z", "2023-01-00T00:00:00Z",
            "2023-01-01T24:00:00Z", "2023-01-01T00:60:00Z", "2016-12-31T23:59:60Z", "2023-01-01T00:00:00.Z",
            "2023-01-01T00:00:00.1234567890Z", "2023-01-01T00:00:00+24:00", "2023-01-01T00:00:00+05:60",
            "2023-01-01T00:00:00+0530", "2023-01-01T00:00:00Z ", " 2023-01-01T00:00:00Z", "2023-1-01T00:00:00Z",
            "２０２３-01-01T00:00:00Z", "+2023-01-01T00:00:00Z", "2023-01-01T00:00:00ZZ",
            // Valid text whose instant in UTC falls outside years 0000–9999 (no UTC spelling).
            "0000-01-01T00:00:00+00:01", "9999-12-31T23:59:59-00:01",
            String(repeating: "9", count: 100_000),
        ]
    )
    func refusesInvalid(text: String) {
        #expect(throws: JWTError.invalidClaim) { try ISO8601DateClaim(rfc3339: text) }
    }

    @Test("the error names the problem and clips hostile text")
    func errorMessages() {
        let leap = #expect(throws: JWTError.self) { try ISO8601DateClaim(rfc3339: "2016-12-31T23:59:60Z") }
        #expect(leap?.message.contains("leap seconds") == true)
        let day = #expect(throws: JWTError.self) { try ISO8601DateClaim(rfc3339: "2023-02-29T00:00:00Z") }
        #expect(day?.message.contains("day 29 is not in month 2 of 2023") == true)
        // The offset is quoted as written (sign, two digits each), not as the numbers read from it.
        let hour = #expect(throws: JWTError.self) { try ISO8601DateClaim(rfc3339: "2023-01-01T00:00:00+24:00") }
        #expect(hour?.message.contains("offset +24:00 is out of range") == true)
        let minute = #expect(throws: JWTError.self) { try ISO8601DateClaim(rfc3339: "2023-01-01T00:00:00-05:60") }
        #expect(minute?.message.contains("offset -05:60 is out of range") == true)
        let long = #expect(throws: JWTError.self) {
            try ISO8601DateClaim(rfc3339: String(repeating: "\u{1B}", count: 10_000))
        }
        #expect((long?.message.count ?? .max) < 200)
        #expect(long?.message.contains("\u{1B}") == false)
    }

    @Test(
        "formatting writes UTC, whole seconds or trimmed microseconds",
        arguments: [
            (0.0, "1970-01-01T00:00:00Z"),
            (1_700_000_000, "2023-11-14T22:13:20Z"),
            (1_700_000_000.5, "2023-11-14T22:13:20.5Z"),
            (1_700_000_000.25, "2023-11-14T22:13:20.25Z"),
            (-0.5, "1969-12-31T23:59:59.5Z"),
            (-86_400, "1969-12-31T00:00:00Z"),
            (951_825_600, "2000-02-29T12:00:00Z"),
            (-62_167_219_200, "0000-01-01T00:00:00Z"),
            (253_402_300_799.5, "9999-12-31T23:59:59.5Z"),
            (1_700_000_000.9999996, "2023-11-14T22:13:21Z"),  // rounds up into the next second
            (1_700_000_000.000001, "2023-11-14T22:13:20.000001Z"),
        ]
    )
    func formats(seconds: Double, text: String) {
        #expect(ISO8601DateClaim(secondsSinceEpoch: seconds).rfc3339String == text)
    }

    @Test("no text for values outside years 0000–9999 or not finite; encoding them fails")
    func formatRange() throws {
        for seconds in [-62_167_219_200.5, 253_402_300_800, .infinity, -.infinity, .nan, 1e300] {
            #expect(ISO8601DateClaim(secondsSinceEpoch: seconds).rfc3339String == nil, "\(seconds)")
        }
        let claims = Claims(
            sub: "a",
            exp: ExpirationClaim(value: TestTokens.now + 60),
            grantedAt: ISO8601DateClaim(secondsSinceEpoch: .infinity)
        )
        #expect(throws: JWTError.signingFailed) {
            try JWTSigner.sign(claims, key: CryptoKey(TestKeys.hmac), algorithm: .hs256)
        }
    }

    @Test("parse and format agree with Foundation's ISO8601DateFormatter at random instants")
    func agreesWithFoundation() throws {
        var generator = SystemRandomNumberGenerator()
        let foundation = ISO8601DateFormatter()
        foundation.timeZone = TimeZone(identifier: "UTC")
        var checked = 0
        for _ in 0..<2_000 {
            // Years 1583–9999: the proleptic Gregorian range both sides agree on.
            let seconds = Double(Int64.random(in: -12_212_553_600...253_402_300_799, using: &generator))
            let ours = try #require(ISO8601DateClaim(secondsSinceEpoch: seconds).rfc3339String)
            let theirs = foundation.string(from: Date(timeIntervalSince1970: seconds))
            #expect(ours == theirs)
            #expect(try ISO8601DateClaim(rfc3339: theirs).secondsSinceEpoch == seconds)
            checked += 1
        }
        #expect(checked == 2_000)
    }

    @Test("a token round-trips: signed as strings, verified into the claim type, optional claims absent")
    func tokenRoundTrip() throws {
        let key = CryptoKey(TestKeys.hmac)
        let granted = ISO8601DateClaim(date: Date(timeIntervalSince1970: TestTokens.now - 3_600.25))
        let claims = Claims(sub: "a", exp: ExpirationClaim(value: TestTokens.now + 60), grantedAt: granted)
        let token = try JWTSigner.sign(claims, key: key, algorithm: .hs256)
        let verified = try TestTokens.hmacCollection().verify(token, as: Claims.self)
        #expect(verified.claims.grantedAt == granted)
        #expect(verified.claims.grantedAt.date == granted.date)
        #expect(verified.claims.revokedAt == nil)
        let payload = try #require(try JSONParser().parse(verified.payloadJSON).objectValue)
        #expect(payload["grantedAt"] == "2023-11-14T21:13:19.75Z")
        #expect(payload["revokedAt"] == nil)
    }

    @Test("a claim that is not an RFC 3339 string fails verification with invalid_claim")
    func badClaimInToken() throws {
        let exp = Int(TestTokens.now) + 60
        for bad in [#""2023-11-14 21:13:19Z""#, "1700000000", "null", #""2023-02-29T00:00:00Z""#] {
            let token = TestTokens.hs256(#"{"sub":"a","exp":\#(exp),"grantedAt":\#(bad)}"#)
            let error = #expect(throws: JWTError.self) {
                try TestTokens.hmacCollection().verify(token, as: Claims.self)
            }
            #expect(error?.code == .invalidClaim, "\(bad)")
        }
        let good = TestTokens.hs256(#"{"sub":"a","exp":\#(exp),"grantedAt":"2023-11-14T21:13:19+00:00"}"#)
        #expect(
            try TestTokens.hmacCollection().verify(good, as: Claims.self).claims.grantedAt.secondsSinceEpoch
                == 1_699_996_399
        )
    }

    @Test("ordering follows the instant, not the text")
    func ordering() throws {
        let early = try ISO8601DateClaim(rfc3339: "2023-11-14T23:00:00+02:00")
        let late = try ISO8601DateClaim(rfc3339: "2023-11-14T22:00:00Z")
        #expect(early < late)
        #expect(!(late < early))
        let same = try ISO8601DateClaim(rfc3339: "2023-11-15T00:00:00+02:00")
        #expect(same == late)
        // The same instant is not earlier than itself, whichever way it is written.
        #expect(!(same < late) && !(late < same) && !(late < late))
    }
}
