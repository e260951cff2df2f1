import Base64URL
import CryptoPrimitives
import JSONWebToken
import StrictJSON
import Testing
import VerifyKitTestSupport

/// Verifying into a caller's type checks the registered claims straight on the payload's tape;
/// verifying into ``JWTClaims`` builds them first and checks the built values. Both must accept
/// and refuse exactly the same tokens with the same error, and the parts a result builds only when
/// read (header, registered claims, payload JSON) must equal what the eager path built.
@Suite("claim checks: tape path and JWTClaims path agree")
struct ClaimPathsAgreeTests {
    /// Decodes from any JSON object without reading it, so only the registered-claim checks decide.
    struct AnyClaims: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    static let now = TestTokens.now
    static let payloads: [String] = [
        #"{}"#,
        #"{"sub":"a","exp":1700000100,"iat":1699999000}"#,
        #"{"exp":1699999999}"#,
        #"{"exp":1700000000}"#,
        #"{"nbf":1700000001}"#,
        #"{"nbf":1700000000,"exp":1700000001}"#,
        #"{"iat":1700000050}"#,
        #"{"iat":1699990000}"#,
        #"{"iss":"https://issuer.example"}"#,
        #"{"iss":"https://other.example"}"#,
        #"{"iss":"https://issuer.example\u0000"}"#,
        #"{"aud":"api"}"#,
        #"{"aud":["web","api"]}"#,
        #"{"aud":["web"]}"#,
        #"{"aud":[]}"#,
        #"{"exp":"1700000100"}"#,
        #"{"nbf":true}"#,
        #"{"iat":null}"#,
        #"{"iss":1}"#,
        #"{"sub":["a"]}"#,
        #"{"jti":{}}"#,
        #"{"aud":1}"#,
        #"{"aud":["a",1]}"#,
        #"{"exp":1e400}"#,
        #"{"exp":1.5e9,"nbf":1.6e9,"iat":1.7e9,"jti":"x","role":"admin"}"#,
        #"{"iss":"https://issuer.example","aud":"api","exp":1699999999}"#,
        #"{"\u0069ss":"https://issuer.example"}"#,
    ]

    static let configurations: [(String, @Sendable (inout JWTValidationOptions) -> Void)] = [
        ("defaults", { _ in }),
        ("leeway 5", { $0.leeway = 5 }),
        ("issuer", { $0.issuer = "https://issuer.example" }),
        ("audience", { $0.audiences = ["api"] }),
        ("max age 600", { $0.maxAge = 600 }),
        ("typ at+jwt", { $0.type = "at+jwt" }),
        ("typ JWT", { $0.type = "jwt" }),
        ("required role", { $0.requiredClaims = ["role"] }),
        (
            "everything",
            {
                $0.issuer = "https://issuer.example"
                $0.audiences = ["api", "web"]
                $0.maxAge = 3600
                $0.leeway = 2
                $0.type = "JWT"
            }
        ),
    ]

    /// Verifies `token` into ``JWTClaims`` (registered claims built eagerly) and into a claims type
    /// (registered claims checked on the tape, built on read), records any difference in outcome,
    /// error or result, and returns whether both accepted.
    static func compareBothPaths(_ token: String, keys: JWTKeyCollection, payload: String, context: String) -> Bool {
        let eager = Result { () throws(JWTError) in try keys.verify(token) }
        let onTape = Result { () throws(JWTError) in try keys.verify(token, as: AnyClaims.self) }
        switch (eager, onTape) {
        case (.success(let built), .success(let lazy)):
            #expect(lazy.registeredClaims == built.claims, "\(context)")
            #expect(lazy.registeredClaims == built.registeredClaims, "\(context)")
            #expect(lazy.header == built.header, "\(context)")
            #expect(lazy.payloadJSON == Array(payload.utf8), "\(context)")
            #expect(lazy.keyID == built.keyID && lazy.algorithm == built.algorithm, "\(context)")
            return true
        case (.failure(let first), .failure(let second)):
            #expect(first.code == second.code, "\(context)")
            #expect(first.message == second.message, "\(context)")
        default:
            Issue.record("\(context): JWTClaims path \(eager), tape path \(onTape)")
        }
        return false
    }

    @Test func bothPathsGiveTheSameOutcome() {
        var compared = 0
        var accepted = 0
        for payload in Self.payloads {
            let token = TestTokens.hs256(payload)
            for (name, configure) in Self.configurations {
                let keys = TestTokens.hmacCollection(options: TestTokens.fixedOptions(configure))
                compared += 1
                if Self.compareBothPaths(token, keys: keys, payload: payload, context: "\(payload) with \(name)") {
                    accepted += 1
                }
            }
        }
        #expect(compared == Self.payloads.count * Self.configurations.count)
        // Both outcomes must occur, or the comparison proves little.
        #expect(accepted > 10 && accepted < compared - 10, "accepted \(accepted) of \(compared)")
    }

    /// Signed tokens whose payload (and sometimes header) is a seeded random mutation of valid
    /// JSON: whatever the bytes, both claim paths agree on acceptance, error code and message, and
    /// nothing crashes.
    @Test(arguments: [UInt64(11), 12, 13])
    func mutatedPayloadsGetTheSameOutcomeOnBothPaths(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let payload = Array(
            #"{"iss":"https://issuer.example","aud":["api"],"exp":1700000100,"sub":"s","n":[1,{"k":null}]}"#.utf8
        )
        let header = Array(#"{"alg":"HS256","typ":"JWT","kid":"k"}"#.utf8)
        let alphabet = Array(#"{}[]":,.-+0123456789eEtrufalsn "#.utf8) + [0x00, 0x7F, 0xC3, 0xA9, 0xFF]
        var keys = JWTKeyCollection(
            options: TestTokens.fixedOptions {
                $0.issuer = "https://issuer.example"
                $0.audiences = ["api"]
            }
        )
        try? keys.add(CryptoKey(TestKeys.hmac), keyID: "k")
        var compared = 0
        var accepted = 0
        for round in 0..<400 {
            var body = payload
            var head = header
            for _ in 0..<Int(rng.next() % 3 + 1) {
                let index = Int(rng.next() % UInt64(body.count))
                body[index] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
            }
            if round % 4 == 0 {
                let index = Int(rng.next() % UInt64(head.count))
                head[index] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
            }
            let signedPayload = String(decoding: body, as: UTF8.self)
            let token = TestTokens.signed(
                header: String(decoding: head, as: UTF8.self),
                payload: signedPayload
            )
            compared += 1
            let context = "seed \(seed), round \(round)"
            if Self.compareBothPaths(token, keys: keys, payload: signedPayload, context: context) {
                accepted += 1
            }
        }
        #expect(compared == 400)
        #expect(accepted > 0 && accepted < compared, "accepted \(accepted) of \(compared)")
    }

    /// A result's header is rebuilt from the received JSON when read: every registered parameter,
    /// the unregistered ones, and the exact bytes.
    @Test func headerIsRebuiltFromTheReceivedJSON() throws {
        let header = #"{"alg":"HS256","typ":"at+jwt","kid":"k1","cty":"json","x-extra":[1,{"y":null}]}"#
        let token = TestTokens.signed(header: header, payload: #"{"sub":"s"}"#)
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
        try keys.add(CryptoKey(TestKeys.hmac), keyID: "k1")
        let verified = try keys.verify(token, as: AnyClaims.self)
        #expect(verified.header.algorithm == .hs256)
        #expect(verified.header.type == "at+jwt")
        #expect(verified.header.keyID == "k1")
        #expect(verified.header.contentType == "json")
        #expect(verified.header.critical == nil)
        #expect(verified.header.receivedJSON == Array(header.utf8))
        #expect(verified.header["x-extra"] == [1, ["y": .null]])
        #expect(verified.keyID == "k1")
        #expect(verified.registeredClaims.subject?.value == "s")
        #expect(verified.payload["sub"] == .string("s"))
    }

    /// Options are copy-on-write: a copy changed afterwards leaves the original (and a key
    /// collection holding it) as it was.
    @Test func optionsAreIndependentValues() {
        var original = JWTValidationOptions(leeway: 1, issuers: ["a"])
        var copy = original
        copy.leeway = 9
        copy.issuers.insert("b")
        copy.requiredClaims = ["x"]
        #expect(original.leeway == 1 && original.issuers == ["a"] && original.requiredClaims.isEmpty)
        #expect(copy.leeway == 9 && copy.issuers == ["a", "b"] && copy.requiredClaims == ["x"])
        original.maxTokenBytes = 10
        #expect(copy.maxTokenBytes == 64 * 1024)

        var keys = JWTKeyCollection(options: original)
        let before = keys
        keys.options.maxAge = 5
        #expect(before.options.maxAge == nil && keys.options.maxAge == 5)
    }
}
