import JSONWebToken
import StrictJSON
import Testing

/// Booleans an issuer may send as strings (Sign in with Apple's `email_verified`): exactly four
/// spellings are read, through the verifier's own claims decoder, and nothing else.
@Suite("BoolClaim")
struct BoolClaimTests {
    struct Claims: Codable, Sendable {
        var exp: ExpirationClaim
        var flag: BoolClaim
        var maybe: BoolClaim?
    }

    static func verify(_ flag: String) throws(JWTError) -> Claims {
        let keys = TestTokens.hmacCollection()
        let token = TestTokens.hs256(#"{"exp":\#(Int(TestTokens.now) + 60),"flag":\#(flag)}"#)
        return try keys.verify(token, as: Claims.self).claims
    }

    @Test(
        "true and false, as booleans or as strings, decode",
        arguments: [("true", true), ("false", false), (#""true""#, true), (#""false""#, false)]
    )
    func accepted(json: String, value: Bool) throws {
        let claims = try Self.verify(json)
        #expect(claims.flag.value == value)
        #expect(claims.maybe == nil)
    }

    @Test(
        "any other value is invalid_claim naming the claim",
        arguments: [#""True""#, #""TRUE""#, #""1""#, #""yes""#, #"" true""#, #""""#, "1", "0", "null", "[]", "{}"]
    )
    func refused(json: String) throws {
        let error = try #require(throws: JWTError.self) { try Self.verify(json) }
        #expect(error.code == .invalidClaim)
        #expect(error.message.contains("flag"), "\(error.message)")
    }

    @Test("null in an optional member is nil, as for any optional")
    func nullOptional() throws {
        let keys = TestTokens.hmacCollection()
        let token = TestTokens.hs256(#"{"exp":\#(Int(TestTokens.now) + 60),"flag":true,"maybe":null}"#)
        #expect(try keys.verify(token, as: Claims.self).claims.maybe == nil)
    }

    @Test("encodes as a JSON boolean; a literal stands for the claim")
    func encodes() throws {
        let claim: BoolClaim = true
        #expect(try JSONValueEncoder().encode(["flag": claim]) == .object(["flag": .bool(true)]))
        #expect(try JSONValueEncoder().encode(["flag": BoolClaim(value: false)]) == .object(["flag": .bool(false)]))
    }
}
