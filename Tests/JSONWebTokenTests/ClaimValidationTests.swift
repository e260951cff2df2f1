import CryptoPrimitives
import JSONWebToken
import StrictJSON
import Testing

@Suite("Rule 8: claims")
struct ClaimValidationTests {
    let now = TestTokens.now
    let keys = TestTokens.hmacCollection()

    func verify(
        _ payload: String,
        typ: String = "JWT",
        _ configure: (inout JWTValidationOptions) -> Void = { _ in }
    ) throws(JWTError) -> VerifiedJWT<JWTClaims> {
        try keys.verify(TestTokens.hs256(payload, typ: typ), options: TestTokens.fixedOptions(configure))
    }

    @Test("the payload must be a strict JSON object", arguments: ["[]", "42", #""x""#, #"{"a":1,"a":2}"#, "{", ""])
    func payloadShape(payload: String) {
        #expect(throws: JWTError.malformed) { try verify(payload) }
    }

    @Test("claims nesting depth is configurable")
    func claimsDepth() throws {
        let nested = #"{"a":[[[[1]]]]}"#  // depth 5
        _ = try verify(nested)
        #expect(throws: JWTError.malformed) { try verify(nested) { $0.maxClaimsDepth = 4 } }
    }

    @Test(
        "registered claims of the wrong JSON type are invalid_claim",
        arguments: [
            #"{"exp":"1700000100"}"#, #"{"nbf":true}"#, #"{"iat":null}"#, #"{"iss":1}"#, #"{"sub":["a"]}"#,
            #"{"jti":{}}"#, #"{"aud":1}"#, #"{"aud":["a",1]}"#, #"{"aud":{"a":1}}"#, #"{"exp":1e400}"#,
        ]
    )
    func wrongTypes(payload: String) {
        #expect(throws: JWTError.invalidClaim) { try verify(payload) }
    }

    @Test(
        "a leeway or maxAge that is negative, NaN or infinite is invalid_options, for every token",
        arguments: [-1, -.infinity, .infinity, .nan] as [Double]
    )
    func unusableTimeOptions(value: Double) throws {
        _ = try verify(#"{"sub":"a"}"#)
        for payload in [#"{"sub":"a"}"#, #"{"exp":1700000100,"iat":1699999990}"#] {
            let leewayError = #expect(throws: JWTError.invalidOptions) { try verify(payload) { $0.leeway = value } }
            #expect(leewayError?.message.contains("leeway") == true)
            let ageError = #expect(throws: JWTError.invalidOptions) { try verify(payload) { $0.maxAge = value } }
            #expect(ageError?.message.contains("maxAge") == true)
        }
        // The limits themselves are usable.
        _ = try verify(#"{"exp":1700000100,"iat":1700000000}"#) {
            $0.leeway = 0
            $0.maxAge = 0
        }
    }

    /// Beyond ten minutes a leeway stops being clock skew and extends every token's life; 1e300
    /// would turn `exp` off altogether. Tink draws the line at the same place.
    @Test("a leeway above maximumLeeway (600 s) is invalid_options; 600 itself works")
    func leewayAboveTheMaximum() throws {
        #expect(JWTValidationOptions.maximumLeeway == 600)
        for value in [600.000001, 601, 86_400, 1e300, .greatestFiniteMagnitude] as [Double] {
            for payload in [#"{"sub":"a"}"#, #"{"exp":1}"#] {
                let error = #expect(throws: JWTError.invalidOptions, "\(value)") {
                    try verify(payload) { $0.leeway = value }
                }
                #expect(error?.message.hasPrefix("leeway must be from 0 to 600 seconds") == true)
            }
        }
        // The clock reads 1700000000 in these tests, and a token is expired from exp + leeway on.
        _ = try verify(#"{"exp":1699999401}"#) { $0.leeway = 600 }
        #expect(throws: JWTError.expired) { try verify(#"{"exp":1699999400}"#) { $0.leeway = 600 } }
    }

    @Test("a clock reading that is not finite is invalid_options for a token with a time claim")
    func unusableClockReading() throws {
        for reading in [Double.nan, .infinity, -.infinity] {
            let options = JWTValidationOptions(clock: JWTClock { reading })
            for payload in [#"{"exp":1700000100}"#, #"{"nbf":1}"#, #"{"iat":1}"#] {
                #expect(throws: JWTError.invalidOptions, "\(reading) \(payload)") {
                    try keys.verify(TestTokens.hs256(payload), options: options)
                }
            }
            // Without a time claim the clock is not read.
            _ = try keys.verify(TestTokens.hs256(#"{"sub":"a"}"#), options: options)
        }
    }

    @Test("exp: now ≥ exp + leeway is expired; fractional NumericDates are allowed")
    func expiration() throws {
        _ = try verify(#"{"exp":1700000000.5}"#)
        #expect(throws: JWTError.expired) { try verify(#"{"exp":1700000000}"#) }
        #expect(throws: JWTError.expired) { try verify(#"{"exp":1699999999.9}"#) }
        _ = try verify(#"{"exp":1700000000}"#) { $0.leeway = 1 }
        #expect(throws: JWTError.expired) { try verify(#"{"exp":1699999999}"#) { $0.leeway = 1 } }
        // The message gives whole seconds as an integer, a fraction as the number it is.
        let whole = #expect(throws: JWTError.expired) { try verify(#"{"exp":1699999999}"#) }
        #expect(whole?.message == "exp: the token expired at 1699999999")
        let fraction = #expect(throws: JWTError.expired) { try verify(#"{"exp":1699999999.9}"#) }
        #expect(fraction?.message == "exp: the token expired at 1699999999.9")
    }

    @Test("nbf: now < nbf − leeway is not_yet_valid")
    func notBefore() throws {
        _ = try verify(#"{"nbf":1700000000}"#)
        #expect(throws: JWTError.notYetValid) { try verify(#"{"nbf":1700000000.25}"#) }
        _ = try verify(#"{"nbf":1700000030}"#) { $0.leeway = 30 }
        #expect(throws: JWTError.notYetValid) { try verify(#"{"nbf":1700000031}"#) { $0.leeway = 30 } }
    }

    @Test("iat must not be in the future")
    func issuedAt() throws {
        _ = try verify(#"{"iat":1700000000}"#)
        #expect(throws: JWTError.notYetValid) { try verify(#"{"iat":1700000001}"#) }
        _ = try verify(#"{"iat":1700000001}"#) { $0.leeway = 1 }
        // The leeway is added once: one second past it is still in the future.
        #expect(throws: JWTError.notYetValid) { try verify(#"{"iat":1700000002}"#) { $0.leeway = 1 } }
    }

    @Test("maximum age needs iat and rejects older tokens")
    func maxAge() throws {
        _ = try verify(#"{"iat":1699999400}"#) { $0.maxAge = 600 }
        #expect(throws: JWTError.tooOld) { try verify(#"{"iat":1699999399}"#) { $0.maxAge = 600 } }
        _ = try verify(#"{"iat":1699999399}"#) {
            $0.maxAge = 600
            $0.leeway = 1
        }
        // The leeway extends the age once: a token one second older than maxAge + leeway is too old.
        #expect(throws: JWTError.tooOld) {
            try verify(#"{"iat":1699999398}"#) {
                $0.maxAge = 600
                $0.leeway = 1
            }
        }
        #expect(throws: JWTError.invalidClaim) { try verify(#"{"sub":"a"}"#) { $0.maxAge = 600 } }
    }

    @Test("iss must be one of the accepted issuers when set")
    func issuer() throws {
        _ = try verify(#"{"iss":"a"}"#) { $0.issuers = ["a", "b"] }
        _ = try verify(#"{}"#)
        #expect(throws: JWTError.invalidIssuer) { try verify(#"{"iss":"c"}"#) { $0.issuers = ["a", "b"] } }
        #expect(throws: JWTError.invalidIssuer) { try verify(#"{"iss":"A"}"#) { $0.issuer = "a" } }
        #expect(throws: JWTError.invalidIssuer) { try verify(#"{}"#) { $0.issuer = "a" } }
    }

    @Test("aud must name one of the accepted audiences when set (string or array)")
    func audience() throws {
        _ = try verify(#"{"aud":"api"}"#) { $0.audiences = ["api"] }
        _ = try verify(#"{"aud":["x","api"]}"#) { $0.audiences = ["api", "other"] }
        let named = #expect(throws: JWTError.invalidAudience) {
            try verify(#"{"aud":["x","y\u001b"]}"#) { $0.audiences = ["api"] }
        }
        #expect(named?.message == #"aud: ["x", "y\u{1B}"] names none of the accepted audiences"#)
        #expect(throws: JWTError.invalidAudience) { try verify(#"{"aud":[]}"#) { $0.audiences = ["api"] } }
        #expect(throws: JWTError.invalidAudience) { try verify(#"{}"#) { $0.audiences = ["api"] } }
        let verified = try verify(#"{"aud":["x","api"]}"#)
        #expect(verified.registeredClaims.audience == ["x", "api"])
        // One audience is written as a string (RFC 7519 §4.1.3), several as an array.
        let one: AudienceClaim = "api"
        #expect(try JSONValueEncoder().encode(["aud": one]) == .object(["aud": .string("api")]))
        let two: AudienceClaim = ["x", "api"]
        let array: JSONValue = .array([.string("x"), .string("api")])
        #expect(try JSONValueEncoder().encode(["aud": two]) == .object(["aud": array]))
    }

    @Test("typ is compared case-insensitively with an optional application/ prefix")
    func type() throws {
        for typ in ["JWT", "jwt", "application/jwt", "Application/JWT"] {
            _ = try verify("{}", typ: typ) { $0.type = "JWT" }
            _ = try verify("{}", typ: typ) { $0.type = "application/jwt" }
        }
        _ = try verify("{}", typ: "at+jwt") { $0.type = "application/at+JWT" }
        #expect(throws: JWTError.invalidType) { try verify("{}", typ: "at+jwt") { $0.type = "JWT" } }
        #expect(throws: JWTError.invalidType) { try verify("{}", typ: "application/x/jwt") { $0.type = "jwt" } }
        // The prefix is implied only for a value without '/': "application/x/jwt" is not "x/jwt".
        #expect(throws: JWTError.invalidType) { try verify("{}", typ: "application/x/jwt") { $0.type = "x/jwt" } }
        #expect(throws: JWTError.invalidType) { try verify("{}", typ: "x/jwt") { $0.type = "application/x/jwt" } }
        // Case folds only in ASCII: the Kelvin sign (U+212A) and a dotless/dotted I are not letters
        // of "kjwt" or "jwti", whatever Unicode lower-casing says.
        #expect(throws: JWTError.invalidType) { try verify("{}", typ: "\u{212A}JWT") { $0.type = "kjwt" } }
        #expect(throws: JWTError.invalidType) { try verify("{}", typ: "kjwt") { $0.type = "\u{212A}JWT" } }
        #expect(throws: JWTError.invalidType) { try verify("{}", typ: "JWT\u{130}") { $0.type = "jwti\u{307}" } }
        _ = try verify("{}", typ: "\u{212A}JWT") { $0.type = "application/\u{212A}jwt" }
        let noTyp = TestTokens.signed(header: #"{"alg":"HS256"}"#, payload: "{}")
        #expect(throws: JWTError.invalidType) {
            try keys.verify(noTyp, options: TestTokens.fixedOptions { $0.type = "JWT" })
        }
    }

    @Test("required claims must be present")
    func required() throws {
        _ = try verify(#"{"sub":"a","tenant":null}"#) { $0.requiredClaims = ["sub", "tenant"] }
        #expect(throws: JWTError.invalidClaim) {
            try verify(#"{"sub":"a"}"#) { $0.requiredClaims = ["sub", "tenant"] }
        }
    }

    @Test("checks run in the documented order")
    func order() {
        // Expired and wrong issuer: expiry is reported first.
        #expect(throws: JWTError.expired) { try verify(#"{"exp":1,"iss":"x"}"#) { $0.issuer = "y" } }
        // Wrong claim type beats expiry.
        #expect(throws: JWTError.invalidClaim) { try verify(#"{"exp":1,"iss":2}"#) }
        // A bad signature is reported before any claim problem.
        let token = TestTokens.hs256(#"{"exp":1}"#)
        #expect(throws: JWTError.badSignature) {
            try JWTKeyCollection(options: TestTokens.fixedOptions()).adding(TestKeys.otherHMAC).verify(token)
        }
    }

    @Test("the clock is injectable and read at verification time")
    func clock() throws {
        let token = TestTokens.hs256(#"{"exp":1700000100}"#)
        let early = TestTokens.fixedOptions { $0.clock = JWTClock { 1_700_000_099 } }
        let late = TestTokens.fixedOptions { $0.clock = JWTClock { 1_700_000_100 } }
        _ = try keys.verify(token, options: early)
        #expect(throws: JWTError.expired) { try keys.verify(token, options: late) }
        // The system clock is past 2023.
        #expect(JWTClock.system.now() > 1_700_000_000)
    }

    struct Custom: Decodable {
        var sub: SubjectClaim
        var exp: ExpirationClaim
        var roles: [String]
    }

    @Test("custom claims decode with Codable; a type mismatch is invalid_claim")
    func customClaims() throws {
        let token = TestTokens.hs256(#"{"sub":"a","exp":1700000100,"roles":["x","y"]}"#)
        let verified = try keys.verify(token, as: Custom.self)
        #expect(verified.claims.roles == ["x", "y"])
        #expect(verified.claims.exp.value == 1_700_000_100)
        #expect(verified.payload["roles"] != nil)
        let missing = TestTokens.hs256(#"{"sub":"a","exp":1700000100}"#)
        #expect(throws: JWTError.invalidClaim) { try keys.verify(missing, as: Custom.self) }
    }

    @Test("raw payload mode verifies the signature and skips claim checks")
    func rawPayload() throws {
        let token = TestTokens.hs256("not json at all, exp: 1")
        let verified = try keys.verifyRawPayload(token)
        #expect(verified.payload == Array("not json at all, exp: 1".utf8))
        #expect(throws: JWTError.malformed) { try keys.verify(token) }
        let expired = TestTokens.hs256(#"{"exp":1}"#)
        _ = try keys.verifyRawPayload(expired)
    }

    /// The DocC overview's "Rules of your own".
    struct StaffClaims: Codable, Sendable, JWTClaimsValidating {
        var sub: SubjectClaim
        var exp: ExpirationClaim
        var admin: Bool

        func validate(_ context: JWTValidationContext) throws {
            guard admin else { throw JWTError(.invalidClaim, "admin: must be true") }
        }
    }

    @Test("the DocC's rule of the caller's own runs after every registered check, with one error type")
    func callersOwnRule() throws {
        let admin = TestTokens.hs256(#"{"sub":"a","exp":1700000100,"admin":true}"#)
        #expect(try keys.verify(admin, as: StaffClaims.self).claims.sub == "a")
        let error = #expect(throws: JWTError.invalidClaim) {
            try keys.verify(TestTokens.hs256(#"{"sub":"a","exp":1700000100,"admin":false}"#), as: StaffClaims.self)
        }
        #expect(error?.message == "admin: must be true")
        // The registered checks come first: an expired token never reaches the caller's rule.
        #expect(throws: JWTError.expired) {
            try keys.verify(TestTokens.hs256(#"{"sub":"a","exp":1699999999,"admin":false}"#), as: StaffClaims.self)
        }
    }

    @Test("unverifiedDecode reads any token without checking it")
    func unverified() throws {
        let token = TestTokens.unsigned(header: #"{"alg":"none","kid":"k"}"#, payload: #"{"sub":"a"}"#)
        let decoded = try JWTKeyCollection.unverifiedDecode(token)
        #expect(decoded.header.algorithm?.rawValue == "none")
        #expect(decoded.header.keyID == "k")
        #expect(decoded.claims?["sub"] == .string("a"))
        #expect(decoded.signature == [1, 2, 3])
        #expect(throws: JWTError.malformed) { try JWTKeyCollection.unverifiedDecode("a.b") }
    }

    /// Nothing is checked, but the typed parameters are still read by their JSON type: one of the
    /// wrong type is malformed, as when verifying, not silently left out.
    @Test("unverifiedDecode: a typed header parameter of the wrong JSON type is malformed")
    func unverifiedWrongHeaderTypes() {
        for header in [
            #"{"alg":"none","typ":1}"#, #"{"alg":"none","kid":["k"]}"#, #"{"alg":"none","cty":null}"#,
            #"{"alg":"none","b64":"false"}"#,
        ] {
            #expect(throws: JWTError.malformed, "\(header)") {
                try JWTKeyCollection.unverifiedDecode(TestTokens.unsigned(header: header, payload: #"{"sub":"a"}"#))
            }
        }
    }

    @Test("an unverified token's claims decode into a Codable type strictly, with the verify path's errors")
    func unverifiedTypedClaims() throws {
        struct Claims: Decodable {
            var sub: String
            var n: Int
        }
        func decode(_ payload: String) throws(JWTError) -> Claims {
            try JWTKeyCollection.unverifiedDecode(TestTokens.unsigned(header: #"{"alg":"none"}"#, payload: payload))
                .decodeClaims(as: Claims.self)
        }
        let claims = try decode(#"{"sub":"a","n":7}"#)
        #expect(claims.sub == "a" && claims.n == 7)
        // Strict: a number that is not an exact Int, a missing member, a payload that is no object.
        let inexact = #expect(throws: JWTError.invalidClaim) { try decode(#"{"sub":"a","n":7.5}"#) }
        #expect(inexact?.message.contains("n") == true)
        #expect(throws: JWTError.invalidClaim) { try decode(#"{"sub":"a"}"#) }
        #expect(throws: JWTError.malformed) { try decode("[1]") }
    }
}

extension JWTKeyCollection {
    /// Test convenience: a copy with one more kid-less HMAC key.
    func adding(_ key: HMACKey) throws -> JWTKeyCollection {
        var copy = self
        try copy.add(CryptoKey(key))
        return copy
    }
}
