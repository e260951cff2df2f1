import CryptoPrimitives
import JSONWebToken
import StrictJSON
import Testing

/// `iss`, `aud` and `kid` compare byte for byte (RFC 7519 §2): Unicode-equivalent look-alikes
/// must not pass, and published key sets must not carry private keys.
@Suite("Exact string comparison and key-set hygiene")
struct ExactComparisonTests {
    @Test func lookAlikeIssuerIsRejected() throws {
        let keys = TestTokens.hmacCollection(options: TestTokens.fixedOptions { $0.issuers = ["caf\u{E9}"] })
        let decomposed = TestTokens.hs256(#"{"iss":"cafe\u0301"}"#)
        #expect(throws: JWTError(.invalidIssuer, "")) { try keys.verify(decomposed) }
        let exact = TestTokens.hs256(#"{"iss":"caf\u00e9"}"#)
        #expect(try keys.verify(exact).registeredClaims.issuer?.value == "caf\u{E9}")
    }

    @Test func lookAlikeAudienceIsRejected() throws {
        let keys = TestTokens.hmacCollection(options: TestTokens.fixedOptions { $0.audiences = ["\u{C5}"] })
        // U+212B ANGSTROM SIGN is canonically equivalent to U+00C5, but not the same string.
        #expect(throws: JWTError(.invalidAudience, "")) { try keys.verify(TestTokens.hs256(#"{"aud":"\u212b"}"#)) }
        #expect(throws: JWTError(.invalidAudience, "")) {
            try keys.verify(TestTokens.hs256(#"{"aud":["x","\u212b"]}"#))
        }
        #expect(throws: Never.self) { try keys.verify(TestTokens.hs256(#"{"aud":"\u00c5"}"#)) }
    }

    @Test func lookAlikeKidSelectsNoKey() throws {
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
        try keys.add(CryptoKey(TestKeys.hmac), keyID: "\u{E9}")
        let decomposed = TestTokens.signed(header: #"{"alg":"HS256","kid":"e\u0301"}"#, payload: "{}")
        #expect(throws: JWTError(.keyNotFound, "")) { try keys.verify(decomposed) }
        let exact = TestTokens.signed(header: #"{"alg":"HS256","kid":"\u00e9"}"#, payload: "{}")
        #expect(try keys.verify(exact).keyID == "\u{E9}")
        // Two kids that differ only in normalization are distinct keys, not duplicates.
        #expect(throws: Never.self) { try keys.add(CryptoKey(TestKeys.otherHMAC), keyID: "e\u{301}") }
    }

    @Test func lookAlikeClaimNameIsNotARequiredClaim() throws {
        // RFC 7519 §7.3: claim names compare code point for code point, never normalized.
        // U+212A KELVIN SIGN is canonically equivalent to "K"; "e\u0301" to "\u00e9".
        let keys = TestTokens.hmacCollection(
            options: TestTokens.fixedOptions { $0.requiredClaims = ["K", "caf\u{E9}"] }
        )
        #expect(throws: JWTError(.invalidClaim, "")) {
            try keys.verify(TestTokens.hs256(#"{"\u212a":1,"caf\u00e9":2}"#))
        }
        #expect(throws: JWTError(.invalidClaim, "")) {
            try keys.verify(TestTokens.hs256(#"{"K":1,"cafe\u0301":2}"#))
        }
        struct Claims: Decodable { var K: Int }
        #expect(throws: JWTError(.invalidClaim, "")) {
            try keys.verify(TestTokens.hs256(#"{"\u212a":1,"caf\u00e9":2}"#), as: Claims.self)
        }
        #expect(throws: Never.self) { try keys.verify(TestTokens.hs256(#"{"K":1,"caf\u00e9":2}"#)) }
        #expect(throws: Never.self) { try keys.verify(TestTokens.hs256(#"{"\u004b":1,"caf\u00e9":2}"#)) }
    }

    @Test func keySetWithAPrivateKeyIsRefused() throws {
        let privateJWK = JWK(key: CryptoKey(Ed25519.PrivateKey()), keyID: "leaked").privateJSON
        let set = JSONValue.object(["keys": .array([.object(privateJWK)])]).serialized()
        var keys = JWTKeyCollection()
        #expect(throws: JWTError(.invalidKeySet, "")) { try keys.add(jwks: set) }
        #expect(keys.count == 0)
        // The same key published properly is accepted.
        let publicJWK = JWK(key: CryptoKey(Ed25519.PrivateKey()), keyID: "ok").publicJSON
        #expect(throws: Never.self) {
            try keys.add(jwks: JSONValue.object(["keys": .array([.object(publicJWK)])]).serialized())
        }
    }
}
