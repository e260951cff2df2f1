import Base64URL
import CryptoPrimitives
import JSONWebToken
import StrictJSON
import Testing

@Suite("Rule 3: alg and crit")
struct HeaderRulesTests {
    let keys = TestTokens.hmacCollection()
    let payload = #"{"sub":"alice"}"#

    @Test(
        "alg none in any spelling, unknown names and wrong types are unsupported_algorithm",
        arguments: [
            #""none""#, #""NONE""#, #""nOnE""#, #""HS257""#, #""hs256""#, #""RSA-OAEP""#, #""""#, "null", "256",
            #"["HS256"]"#,
            // Near misses of a supported name: capitalised none, blanks, an escaped NUL, look-alike
            // letters (fullwidth, Cyrillic DZE for S) and an invisible zero-width space.
            #""None""#, #""HS256 ""#, #"" HS256""#, #""HS256\u0000""#, "\"\u{FF28}\u{FF33}256\"", "\"H\u{405}256\"",
            "\"HS256\u{200B}\"",
        ]
    )
    func unsupportedAlgorithm(alg: String) {
        let token = TestTokens.signed(header: #"{"alg":\#(alg)}"#, payload: payload)
        #expect(throws: JWTError.unsupportedAlgorithm) { try keys.verify(token) }
        // Unsecured form with an empty signature too (RFC 7515 A.5 style).
        let unsecured = TestTokens.b64(#"{"alg":\#(alg)}"#) + "." + TestTokens.b64(payload) + "."
        #expect(throws: JWTError.unsupportedAlgorithm) { try keys.verify(unsecured) }
    }

    @Test("a header string with more than 30 combining characters in a row is malformed, before any key is tried")
    func combiningCharacterRun() {
        // Normalising such a run (to compare or hash the string) takes quadratic time: the parser
        // refuses it (stream-safe text, UAX #15), as a member name and as the alg value alike.
        let run = String(repeating: "\u{301}\u{316}", count: 16)
        for header in [
            #"{"alg":"HS256","x\#(run)":1}"#, #"{"alg":"x\#(run)"}"#, #"{"alg":"HS256","crit":["\#(run)"]}"#,
        ] {
            let token = TestTokens.signed(header: header, payload: payload)
            #expect(throws: JWTError.malformed) { try keys.verify(token) }
        }
    }

    @Test("the signer refuses to write a string verifiers refuse (more than 30 combining characters in a row)")
    func signerRefusesCombiningCharacterRun() throws {
        let key = TestKeys.signingKey(for: .hs256)
        struct Named: Codable { var name: String }
        let longest = "a" + String(repeating: "\u{301}\u{316}", count: 15)
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
        try keys.add(key)
        // 30 in a row: signed, and verifies.
        let token = try JWTSigner.sign(Named(name: longest), key: key, algorithm: .hs256)
        #expect(try keys.verify(token, as: Named.self).claims.name == longest)
        // 31: in the claims, in a header field, in kid.
        let tooLong = longest + "\u{301}"
        let claimsError = #expect(throws: JWTError.signingFailed) {
            try JWTSigner.sign(Named(name: tooLong), key: key, algorithm: .hs256)
        }
        // Named for what it is: the claims JSON, refused as the verifier's parser refuses it.
        #expect(claimsError?.message.hasPrefix("verifiers would refuse the claims JSON: ") == true)
        #expect(claimsError?.message.contains("not_stream_safe") == true, "\(String(describing: claimsError))")
        var fields = JSONObject()
        fields.set("x", .string(tooLong))
        #expect(throws: JWTError.signingFailed) {
            try JWTSigner.sign(JWTClaims(), header: JWTHeader(fields: fields), key: key, algorithm: .hs256)
        }
        #expect(throws: JWTError.signingFailed) {
            try JWTSigner.sign(JWTClaims(), header: JWTHeader(keyID: tooLong), key: key, algorithm: .hs256)
        }
    }

    @Test("a header without alg is unsupported_algorithm")
    func missingAlgorithm() {
        let token = TestTokens.signed(header: #"{"typ":"JWT"}"#, payload: payload)
        #expect(throws: JWTError.unsupportedAlgorithm) { try keys.verify(token) }
    }

    @Test("every supported algorithm name passes rule 3", arguments: SignatureAlgorithm.supported)
    func supportedNames(algorithm: SignatureAlgorithm) throws {
        let key = TestKeys.signingKey(for: algorithm)
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
        try keys.add(key)
        let token = TestTokens.signed(
            header: #"{"alg":"\#(algorithm.rawValue)"}"#,
            payload: payload,
            key: key,
            algorithm: algorithm
        )
        let verified = try keys.verify(token)
        #expect(verified.algorithm == algorithm)
    }

    @Test(
        "crit must be a non-empty array of understood names that are present",
        arguments: [
            #""b64""#, "[]", "[1]", #"["exp"]"#, #"["b64","b64"]"#, #"["alg"]"#, "{}", "null",
        ]
    )
    func badCritical(crit: String) {
        let token = TestTokens.signed(header: #"{"alg":"HS256","b64":true,"crit":\#(crit)}"#, payload: payload)
        #expect(throws: JWTError.unsupportedCriticalHeader) { try keys.verify(token) }
    }

    @Test(
        "crit listing a name the JOSE specifications define says so, not that the name is not understood",
        arguments: ["alg", "kid", "typ", "crit", "x5t#S256", "enc"]
    )
    func critListingSpecifiedName(name: String) {
        // RFC 7515 §4.1.11: producers must not list these; alg and kid are understood, so "not
        // understood" (found by the differential check against jwt-kit) sent readers the wrong way.
        let token = TestTokens.signed(
            header: #"{"alg":"HS256","kid":"k","typ":"JWT","x5t#S256":"AAAA","enc":"A128GCM","crit":["\#(name)"]}"#,
            payload: payload
        )
        let error = #expect(throws: JWTError.unsupportedCriticalHeader) { try keys.verify(token) }
        #expect(
            error?.message == "crit must not list \"\(name)\", a name the JOSE specifications define (RFC 7515 §4.1.11)"
        )
    }

    @Test("crit naming b64 without a b64 member is rejected")
    func critWithoutMember() {
        let token = TestTokens.signed(header: #"{"alg":"HS256","crit":["b64"]}"#, payload: payload)
        #expect(throws: JWTError.unsupportedCriticalHeader) { try keys.verify(token) }
    }

    @Test("a header member whose name only begins like crit is an unknown member, not crit")
    func critLookAlikeNames() throws {
        for name in ["crib", "cris", "Crit", "cri"] {
            _ = try keys.verify(TestTokens.signed(header: #"{"alg":"HS256","\#(name)":1}"#, payload: payload))
            let token = TestTokens.signed(header: #"{"alg":"HS256","b64":true,"\#(name)":["b64"]}"#, payload: payload)
            let error = #expect(throws: JWTError.unsupportedCriticalHeader, "\(name)") { try keys.verify(token) }
            #expect(error?.message == "b64 must be listed in crit (RFC 7797 §6)")
        }
    }

    @Test("b64 outside crit is rejected (RFC 7797 §6)")
    func b64WithoutCrit() {
        let token = TestTokens.signed(header: #"{"alg":"HS256","b64":true}"#, payload: payload)
        #expect(throws: JWTError.unsupportedCriticalHeader) { try keys.verify(token) }
    }

    @Test("b64:true listed in crit is understood and verifies normally")
    func b64True() throws {
        let token = TestTokens.signed(header: #"{"alg":"HS256","b64":true,"crit":["b64"]}"#, payload: payload)
        let verified = try keys.verify(token)
        #expect(verified.header.critical == ["b64"])
        #expect(verified.header.base64URLEncodesPayload == true)
    }

    @Test("b64:false needs a caller-supplied detached payload")
    func b64FalseNeedsDetachedPayload() throws {
        let header = JWTHeader(type: nil, base64URLEncodesPayload: false)
        let token = try JWTSigner.sign(
            payload: Array("$.02".utf8),
            header: header,
            key: CryptoKey(TestKeys.hmac),
            algorithm: .hs256
        )
        #expect(token.split(separator: ".", omittingEmptySubsequences: false)[1].isEmpty)
        #expect(throws: JWTError.unsupportedCriticalHeader) { try keys.verify(token) }
        #expect(throws: JWTError.unsupportedCriticalHeader) { try keys.verifyRawPayload(token) }
        let verified = try keys.verifyDetached(token, payload: Array("$.02".utf8))
        #expect(verified.payload == Array("$.02".utf8))
        #expect(throws: JWTError.badSignature) { try keys.verifyDetached(token, payload: Array("$.03".utf8)) }
    }

    /// The same signature is valid over the payload written inline (the signing input is the
    /// same bytes), yet such a token is refused for its b64:false, never as bad base64url.
    @Test("b64:false with the payload inside the token is refused for what it is")
    func b64FalseInlinePayload() throws {
        for payload in ["hello world", "hello", "{\"a\":1}"] {
            let detached = try JWTSigner.sign(
                payload: Array(payload.utf8),
                header: JWTHeader(type: nil, base64URLEncodesPayload: false),
                key: CryptoKey(TestKeys.hmac),
                algorithm: .hs256
            )
            let segments = detached.split(separator: ".", omittingEmptySubsequences: false)
            let inline = "\(segments[0]).\(payload).\(segments[2])"
            for verify in [{ _ = try keys.verify(inline) }, { _ = try keys.verifyRawPayload(inline) }] {
                let error = #expect(throws: JWTError.unsupportedCriticalHeader, "\(payload)") { try verify() }
                #expect(error?.message.contains("payload inside the token is not supported") == true)
            }
            #expect(throws: JWTError.malformed) { try keys.verifyDetached(inline, payload: Array(payload.utf8)) }
        }
        // Without b64 in crit, that is the error, not the unencoded segment's base64url.
        let header = Base64URL.encode(Array(#"{"alg":"HS256","b64":false}"#.utf8))
        let unlisted = "\(header).hello world.\(Base64URL.encode([UInt8](repeating: 1, count: 32)))"
        let error = #expect(throws: JWTError.unsupportedCriticalHeader) { try keys.verify(unlisted) }
        #expect(error?.message.contains("b64 must be listed in crit") == true)
    }

    @Test("a detached payload (RFC 7515 Appendix F) verifies only with the payload segment empty")
    func detachedEncoded() throws {
        let full = try JWTSigner.sign(
            payload: Array(payload.utf8),
            header: JWTHeader(),
            key: CryptoKey(TestKeys.hmac),
            algorithm: .hs256
        )
        let parts = full.split(separator: ".", omittingEmptySubsequences: false)
        let detached = "\(parts[0])..\(parts[2])"
        let verified = try keys.verifyDetached(detached, payload: Array(payload.utf8))
        #expect(verified.payload == Array(payload.utf8))
        #expect(throws: JWTError.malformed) { try keys.verifyDetached(full, payload: Array(payload.utf8)) }
        #expect(throws: JWTError.badSignature) { try keys.verifyDetached(detached, payload: Array("{}".utf8)) }
    }
    /// Registered names in `fields` fill the typed parameters or must agree with them: nothing the
    /// caller wrote vanishes from the signed header (an explicit typ, a kid, a crit extension).
    @Test("signing: typed names in fields are adopted or refused, never dropped")
    func typedNamesInFields() throws {
        let key = CryptoKey(TestKeys.ed25519)
        var fields = JSONObject()
        fields.set("kid", .string("k1"))
        fields.set("cty", .string("x"))
        fields.set("crit", .array([.string("zz")]))
        fields.set("zz", .number(JSONNumber(Int64(1))))
        let adopted = try JWTSigner.sign(
            JWTClaims(),
            header: JWTHeader(type: nil, fields: fields),
            key: key,
            algorithm: .eddsa
        )
        let header = try JWTKeyCollection.unverifiedDecode(adopted).header
        #expect(header.keyID == "k1")
        #expect(header.contentType == "x")
        #expect(header.critical == ["zz"])
        var typed = JSONObject()
        typed.set("typ", .string("at+jwt"))
        // The default typ "JWT" and the field's "at+jwt" disagree: refused, not silently "JWT".
        #expect(throws: JWTError.signingFailed) {
            try JWTSigner.sign(JWTClaims(), header: JWTHeader(fields: typed), key: key, algorithm: .eddsa)
        }
        let explicit = try JWTSigner.sign(
            JWTClaims(),
            header: JWTHeader(type: nil, fields: typed),
            key: key,
            algorithm: .eddsa
        )
        #expect(try JWTKeyCollection.unverifiedDecode(explicit).header.type == "at+jwt")
        // b64 and crit given both ways with different values, and a b64 field that is no boolean.
        var b64 = JSONObject()
        b64.set("b64", .bool(false))
        #expect(throws: JWTError.signingFailed) {
            try JWTSigner.sign(
                payload: [1],
                header: JWTHeader(base64URLEncodesPayload: true, fields: b64),
                key: key,
                algorithm: .eddsa
            )
        }
        var crit = JSONObject()
        crit.set("crit", .array([.string("zz")]))
        crit.set("zz", .number(JSONNumber(Int64(1))))
        crit.set("yy", .number(JSONNumber(Int64(2))))
        #expect(throws: JWTError.signingFailed) {
            try JWTSigner.sign(
                JWTClaims(),
                header: JWTHeader(critical: ["yy"], fields: crit),
                key: key,
                algorithm: .eddsa
            )
        }
        var textB64 = JSONObject()
        textB64.set("b64", .string("false"))
        #expect(throws: JWTError.signingFailed) {
            try JWTSigner.sign(payload: [1], header: JWTHeader(fields: textB64), key: key, algorithm: .eddsa)
        }
        // A JWK's kid and another kid in fields.
        var other = JSONObject()
        other.set("kid", .string("other"))
        #expect(throws: JWTError.signingFailed) {
            try JWTSigner.sign(
                JWTClaims(),
                header: JWTHeader(fields: other),
                jwk: JWK(key: key, keyID: "kk"),
                algorithm: .eddsa
            )
        }
    }

    @Test("signing: an alg in the header other than the signing algorithm is refused, the same one kept")
    func conflictingAlgorithm() throws {
        let key = CryptoKey(TestKeys.ed25519)
        var header = JWTHeader()
        header["alg"] = "none"
        let field = #expect(throws: JWTError.signingFailed) {
            try JWTSigner.sign(JWTClaims(), header: header, key: key, algorithm: .eddsa)
        }
        #expect(field?.message.contains("alg") == true)
        #expect(throws: JWTError.signingFailed) {
            try JWTSigner.sign(JWTClaims(), header: JWTHeader(algorithm: .rs256), key: key, algorithm: .eddsa)
        }
        header["alg"] = "EdDSA"
        header["x-tenant"] = "acme"
        let token = try JWTSigner.sign(JWTClaims(), header: header, key: key, algorithm: .eddsa)
        let decoded = try JWTKeyCollection.unverifiedDecode(token).header
        #expect(decoded.algorithm == .eddsa)
        #expect(decoded["x-tenant"] == "acme")
        _ = try JWTSigner.sign(JWTClaims(), header: JWTHeader(algorithm: .eddsa), key: key, algorithm: .eddsa)
    }

    @Test("a nested JWT (cty JWT) is not unwrapped: its payload, a compact token, is malformed as claims")
    func nestedJWTIsNotUnwrapped() throws {
        let keys = TestTokens.hmacCollection()
        let inner = TestTokens.hs256(#"{"sub":"inner"}"#)
        _ = try keys.verify(inner)
        let outer = TestTokens.signed(header: #"{"alg":"HS256","cty":"JWT"}"#, payload: inner)
        let error = #expect(throws: JWTError.malformed) { try keys.verify(outer) }
        #expect(error?.message.contains("payload") == true, "\(String(describing: error))")
    }
}
