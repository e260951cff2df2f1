import CryptoPrimitives
import JSONWebToken
import StrictJSON
import Testing

/// The verifier reads header parameters and registered claims straight from the parser's tape:
/// names must match as strings (escapes decoded, canonical equivalence), not as raw bytes, and
/// the kept JSON text must give back exactly what was signed.
@Suite("Header and claims read from the tape")
struct TapeReadingTests {
    let keys = TestTokens.hmacCollection()

    @Test("escaped registered header names are the registered parameters")
    func escapedHeaderNames() throws {
        let token = TestTokens.signed(
            header: #"{"\u0061lg":"HS256","t\u0079p":"JWT","\u006bid":"k\u00e9"}"#,
            payload: #"{"sub":"a"}"#
        )
        let verified = try keys.verify(token)
        #expect(verified.algorithm == .hs256)
        #expect(verified.header.type == "JWT")
        #expect(verified.header.keyID == "ké")
        // An escaped alg value is decoded too.
        let escapedValue = TestTokens.signed(header: #"{"alg":"HS\u0032\u00356"}"#, payload: #"{"sub":"a"}"#)
        #expect(try keys.verify(escapedValue).algorithm == .hs256)
    }

    @Test("escaped registered claim names are type-checked and validated")
    func escapedClaimNames() {
        let expired = TestTokens.hs256(#"{"\u0065xp":1}"#)
        #expect(throws: JWTError.expired) { try keys.verify(expired) }
        let wrongType = TestTokens.hs256(#"{"i\u0073s":5}"#)
        #expect(throws: JWTError.invalidClaim) { try keys.verify(wrongType) }
    }

    @Test("names that only look registered are ordinary members")
    func lookalikeNames() throws {
        // Different lengths and cases: none of these is exp/iss/alg.
        let token = TestTokens.signed(
            header: #"{"alg":"HS256","alg2":"x","ALG":"none"}"#,
            payload: #"{"expx":1,"EXP":1,"is":5,"issuer":5}"#
        )
        let verified = try keys.verify(token)
        #expect(verified.registeredClaims == JWTClaims())
    }

    @Test("the payload and header JSON come back exactly as signed, and parse on demand")
    func keptJSON() throws {
        let header = #"{"alg":"HS256","typ":"JWT","x":[1,{"y":null}]}"#
        let payload = #"{"sub":"a","n":1.50,"nested":{"k":"\u00e9"}}"#
        let verified = try keys.verify(TestTokens.signed(header: header, payload: payload))
        #expect(verified.payloadJSON == Array(payload.utf8))
        #expect(verified.header.receivedJSON == Array(header.utf8))
        #expect(verified.payload["n"] == .number(JSONNumber(text: "1.50")!))
        #expect(verified.payload["nested"]?["k"] == "é")
        #expect(verified.header.fields.names == ["alg", "typ", "x"])
        #expect(verified.header["x"] == [1, ["y": JSONValue.null]])
        // Printed, a header shows its JSON rather than its storage.
        #expect(verified.header.description == header)
        #expect("\(verified.header)" == header)
        let built = JWTHeader(algorithm: .hs256, keyID: "k1", fields: ["x": 1, "kid": "k1"])
        #expect(built.description == #"{"alg":"HS256","typ":"JWT","kid":"k1","x":1}"#)
    }

    @Test("a received header equals the same header built by hand, and hashes alike")
    func headerEquality() throws {
        let verified = try keys.verify(TestTokens.signed(header: #"{"alg":"HS256","typ":"JWT"}"#, payload: "{}"))
        let built = JWTHeader(algorithm: .hs256, type: "JWT", fields: ["alg": "HS256", "typ": "JWT"])
        #expect(verified.header == built)
        #expect(verified.header.hashValue == built.hashValue)
        var edited = verified.header
        edited.fields.set("extra", true)
        #expect(edited.fields["extra"] == true)
        #expect(edited.receivedJSON == nil)
        #expect(edited != verified.header)
    }

    struct Claims: Decodable, Equatable {
        var sub: String
        var roles: [String]
        var profile: Profile

        struct Profile: Decodable, Equatable {
            var age: Int
            var nick: String?
        }
    }

    @Test("custom claims decode from the tape, with the same errors as before")
    func customClaims() throws {
        let token = TestTokens.hs256(#"{"sub":"a","roles":["x","y"],"profile":{"age":30},"exp":1800000000}"#)
        let verified = try keys.verify(token, as: Claims.self)
        #expect(verified.claims == Claims(sub: "a", roles: ["x", "y"], profile: .init(age: 30, nick: nil)))
        #expect(verified.registeredClaims.expiration?.value == 1_800_000_000)
        let wrong = TestTokens.hs256(#"{"sub":"a","roles":["x",2],"profile":{"age":30}}"#)
        #expect(throws: JWTError.invalidClaim) { try keys.verify(wrong, as: Claims.self) }
    }

    /// The parser accepts "1", "01" and "+1" as distinct names; an `[Int: V]` claim must not merge
    /// them into one entry (last wins) where a JavaScript verifier sees three.
    @Test("an Int-keyed map claim refuses names that are not canonical integers")
    func integerKeyedClaims() throws {
        struct Limits: Decodable, Equatable { var limits: [Int: String] }
        struct Named: Decodable, Equatable { var limits: [String: String] }
        let merged = TestTokens.hs256(#"{"limits":{"1":"small","01":"LARGE","+1":"huge"}}"#)
        #expect(throws: JWTError.invalidClaim) { try keys.verify(merged, as: Limits.self) }
        #expect(try keys.verify(merged, as: Named.self).claims.limits.count == 3)
        let canonical = TestTokens.hs256(#"{"limits":{"1":"small","2":"LARGE"}}"#)
        #expect(try keys.verify(canonical, as: Limits.self).claims == Limits(limits: [1: "small", 2: "LARGE"]))
    }

    @Test("claim checks come before the claims type: an expired token that does not decode is expired")
    func checkOrder() {
        let token = TestTokens.hs256(#"{"sub":"a","exp":1}"#)
        #expect(throws: JWTError.expired) { try keys.verify(token, as: Claims.self) }
        var options = TestTokens.fixedOptions()
        options.requiredClaims = ["roles"]
        let strict = TestTokens.hmacCollection(options: options)
        #expect(throws: JWTError.expired) { try strict.verify(token, as: Claims.self) }
    }

    @Test("payloads with more members than the stack tape holds verify the same")
    func largePayload() throws {
        let members = (0..<400).map { "\"m\($0)\":[\($0),\"v\"]" }.joined(separator: ",")
        let token = TestTokens.hs256("{\(members),\"sub\":\"big\",\"exp\":1800000000}")
        let verified = try keys.verify(token)
        #expect(verified.registeredClaims.subject?.value == "big")
        #expect(verified.payload.count == 402)
        let duplicate = TestTokens.hs256("{\(members),\"m7\":1}")
        #expect(throws: JWTError.malformed) { try keys.verify(duplicate) }
    }
}
