import CryptoPrimitives
import Foundation
import JSONWebToken
import StrictJSON
import Testing

/// A claims struct with `Date` members sees the instants the validator checked, and signing one
/// writes NumericDates (seconds since 1970), not `Date`'s own seconds since 2001.
@Suite("Claims: Date members are NumericDates")
struct DateClaimTests {
    struct Claims: Codable, Sendable {
        var sub: String
        var exp: Date
        var iat: Date
    }

    @Test("verified Date claims equal the token's NumericDates")
    func verifiedDatesMatch() throws {
        let token = TestTokens.hs256(#"{"sub":"a","exp":\#(Int(TestTokens.now) + 100),"iat":\#(Int(TestTokens.now))}"#)
        let verified = try TestTokens.hmacCollection().verify(token, as: Claims.self)
        #expect(verified.claims.exp.timeIntervalSince1970 == TestTokens.now + 100)
        #expect(verified.claims.iat.timeIntervalSince1970 == TestTokens.now)
    }

    @Test("signing Date claims writes seconds since 1970, so the validator sees the same instant")
    func signedDatesAreNumericDates() throws {
        let key = CryptoKey(TestKeys.hmac)
        let live = Claims(
            sub: "a",
            exp: Date(timeIntervalSince1970: TestTokens.now + 60),
            iat: Date(timeIntervalSince1970: TestTokens.now)
        )
        let token = try JWTSigner.sign(live, key: key, algorithm: .hs256)
        let verified = try TestTokens.hmacCollection().verify(token, as: Claims.self)
        #expect(verified.claims.exp == live.exp)
        #expect(verified.header.jsonObject["alg"] == "HS256")
        let payload = try TestTokens.hmacCollection().verify(token).claims
        #expect(payload.expiration?.value == TestTokens.now + 60)
        // One second past: expired, as the Date says.
        var expired = live
        expired.exp = Date(timeIntervalSince1970: TestTokens.now - 1)
        let stale = try JWTSigner.sign(expired, key: key, algorithm: .hs256)
        let error = #expect(throws: JWTError.self) { try TestTokens.hmacCollection().verify(stale, as: Claims.self) }
        #expect(error?.code == .expired)
    }
}
