import CryptoPrimitives
import Foundation
import HexCoding
import JSONWebToken
import RequestSigning
import Testing
import VerifyKitTestSupport

@Suite("FIB session request, response and tokens")
struct FIBSessionTests {
    @Test("the request body is compact JSON in the document's field order, and decodes back")
    func requestBody() throws {
        let key = try FIB.AuthorizationPrivateKey(hex: FIBKeyTests.seedHex)
        let request = key.sessionRequest(email: "alice@mail.com")
        let body = String(decoding: request.jsonBody(), as: UTF8.self)
        #expect(
            body
                == #"{"email":"alice@mail.com","signature":"\#(request.signature)","authPublicKeyHex":"\#(FIBKeyTests.publicHex)"}"#
        )
        let decoded = try JSONDecoder().decode(FIB.SessionRequest.self, from: Data(request.jsonBody()))
        #expect(decoded == request)
        #expect(try decoded.isSelfConsistent())
        #expect(try decoded.selfConsistentDigest(accepting: .only(.plain)) == .plain)
    }

    @Test("JSON escaping keeps unusual e-mails intact")
    func requestEscaping() throws {
        let key = try FIB.AuthorizationPrivateKey(hex: FIBKeyTests.seedHex)
        let email = "a\"b\\c@ex\u{7}ample.com"
        let request = key.sessionRequest(email: email)
        let decoded = try JSONDecoder().decode(FIB.SessionRequest.self, from: Data(request.jsonBody()))
        #expect(decoded.email == email)
        #expect(try decoded.isSelfConsistent())
    }

    @Test("a received body is read strictly: one reading, whoever parses it")
    func strictRequestBody() throws {
        let key = try FIB.AuthorizationPrivateKey(hex: FIBKeyTests.seedHex)
        let request = key.sessionRequest(email: "attacker@evil.example")
        let read = try FIB.SessionRequest(jsonBody: request.jsonBody())
        #expect(read == request)
        #expect(try read.isSelfConsistent())
        // Unknown members are ignored; the proof still decides.
        let extra =
            #"{"device":"x","email":"attacker@evil.example","signature":"\#(request.signature)","authPublicKeyHex":"\#(FIBKeyTests.publicHex)"}"#
        #expect(try FIB.SessionRequest(jsonBody: Array(extra.utf8)) == request)
        let refused: [(String, String)] = [
            // A lenient first-wins reader would verify the attacker's proof; a last-wins one would
            // then act on the victim's address.
            (
                "duplicate email",
                #"{"email":"attacker@evil.example","email":"victim@bank.example","signature":"\#(request.signature)","authPublicKeyHex":"\#(FIBKeyTests.publicHex)"}"#
            ),
            ("missing signature", #"{"email":"a@b.c","authPublicKeyHex":"\#(FIBKeyTests.publicHex)"}"#),
            (
                "number email",
                #"{"email":1,"signature":"\#(request.signature)","authPublicKeyHex":"\#(FIBKeyTests.publicHex)"}"#
            ),
            ("array", #"["email"]"#),
            ("trailing comma", #"{"email":"a@b.c",}"#),
            ("too large", #"{"pad":""# + String(repeating: "x", count: FIB.SessionRequest.maximumBodyBytes) + #""}"#),
        ]
        for (what, body) in refused {
            #expect(throws: RequestSigningError.malformedBody, "\(what)") {
                try FIB.SessionRequest(jsonBody: Array(body.utf8))
            }
        }
        #expect(throws: RequestSigningError.malformedBody) { try FIB.SessionRequest(jsonBody: [0x7B, 0xFF, 0x7D]) }
    }

    @Test("a body of exactly the size limit is read, and members nest 8 deep at most")
    func requestBodyLimits() throws {
        let key = try FIB.AuthorizationPrivateKey(hex: FIBKeyTests.seedHex)
        let request = key.sessionRequest(email: "alice@mail.com")
        let members =
            #""email":"alice@mail.com","signature":"\#(request.signature)","authPublicKeyHex":"\#(FIBKeyTests.publicHex)""#
        let frame = #"{"pad":"","# + members + "}"
        let padding = String(repeating: "x", count: FIB.SessionRequest.maximumBodyBytes - frame.utf8.count)
        let full = #"{"pad":"\#(padding)","# + members + "}"
        #expect(full.utf8.count == FIB.SessionRequest.maximumBodyBytes)
        #expect(try FIB.SessionRequest(jsonBody: Array(full.utf8)) == request)
        // The body is level 1: seven arrays inside it reach the limit, an eighth goes past it.
        func nested(_ depth: Int) -> String {
            #"{"n":\#(String(repeating: "[", count: depth))\#(String(repeating: "]", count: depth)),"# + members + "}"
        }
        #expect(try FIB.SessionRequest(jsonBody: Array(nested(7).utf8)) == request)
        #expect(throws: RequestSigningError.malformedBody) { try FIB.SessionRequest(jsonBody: Array(nested(8).utf8)) }
    }

    @Test("a refused body's message is clipped printable ASCII, whatever member names it repeats")
    func malformedBodyMessageIsLogSafe() {
        // One character of 15000 scalars (a letter and combining marks), and a bidi override:
        // the parser's duplicate-member message quotes the name; the body is under 64 KiB.
        for name in ["a" + String(repeating: "\u{301}", count: 15000), "\u{202E}moc.knab@eciv", "x\\u001b[2J"] {
            let body = "{\"\(name)\":1,\"\(name)\":2}"
            let error = #expect(throws: RequestSigningError.self) { try FIB.SessionRequest(jsonBody: Array(body.utf8)) }
            #expect(error?.code == .malformedBody)
            let reason = error?.reason ?? "\u{1B}"
            #expect(reason.utf8.count < 300, "\(reason.utf8.count) bytes")
            #expect(
                reason.unicodeScalars.allSatisfy { (0x20..<0x7F).contains($0.value) || $0 == "…" },
                "\(reason.prefix(80))"
            )
        }
    }

    @Test("equality and hashing compare the signed bytes, not canonical equivalence")
    func bytewiseEquality() throws {
        let key = try FIB.AuthorizationPrivateKey(hex: FIBKeyTests.seedHex)
        let composed = key.sessionRequest(email: "jos\u{E9}@x.com")
        var decomposed = composed
        decomposed.email = "jose\u{301}@x.com"
        #expect(composed.email == decomposed.email, "Swift strings compare canonically")
        #expect(composed != decomposed)
        #expect(Set([composed, decomposed]).count == 2)
        #expect(try composed.isSelfConsistent())
        #expect(try !decomposed.isSelfConsistent())
        #expect(composed == key.sessionRequest(email: "jos\u{E9}@x.com"))
        #expect(composed.hashValue == key.sessionRequest(email: "jos\u{E9}@x.com").hashValue)
    }

    @Test("server-side checks: bad key or signature text throws, a wrong proof is just invalid")
    func requestVerification() throws {
        let key = try FIB.AuthorizationPrivateKey(hex: FIBKeyTests.seedHex)
        var request = key.sessionRequest(email: "alice@mail.com", digest: .iroha)
        request.email = "bob@mail.com"
        #expect(try !request.isSelfConsistent())
        request.authPublicKeyHex = "abc"
        #expect(throws: RequestSigningError.invalidKey) { try request.isSelfConsistent() }
        request = key.sessionRequest(email: "alice@mail.com")
        request.signature = String(request.signature.dropLast())
        #expect(throws: RequestSigningError.malformedSignature) { try request.isSelfConsistent() }
    }

    @Test("a proof under the request's own key is no login: the server checks it against the registered key")
    func registeredKeyDecides() throws {
        let alice = try FIB.AuthorizationPrivateKey(hex: FIBKeyTests.seedHex)
        let mallory = FIB.AuthorizationPrivateKey()
        // Mallory signs Alice's address with her own fresh key: the request is self-consistent.
        let forged = mallory.sessionRequest(email: "alice@mail.com")
        #expect(try forged.isSelfConsistent())
        #expect(try !forged.isValid(registeredKey: alice.publicKey))
        #expect(try forged.verifiedDigest(registeredKey: alice.publicKey) == nil)
        // Alice's key in authPublicKeyHex, Mallory's signature: still not Alice.
        var borrowed = forged
        borrowed.authPublicKeyHex = alice.publicKey.hex
        #expect(try !borrowed.isValid(registeredKey: alice.publicKey))

        let genuine = alice.sessionRequest(email: "alice@mail.com")
        #expect(try genuine.isValid(registeredKey: alice.publicKey))
        #expect(try genuine.verifiedDigest(registeredKey: alice.publicKey, accepting: .only(.plain)) == .plain)
        // Any spelling of the registered key names it.
        var multihash = genuine
        multihash.authPublicKeyHex = alice.publicKey.multihash
        #expect(try multihash.isValid(registeredKey: alice.publicKey))
        // The registered key does not excuse another e-mail, and unreadable text still throws.
        var other = genuine
        other.email = "bob@mail.com"
        #expect(try !other.isValid(registeredKey: alice.publicKey))
        // Alice's genuine proof in a body that names another key is no login either.
        var renamed = genuine
        renamed.authPublicKeyHex = mallory.publicKey.hex
        #expect(try renamed.isSelfConsistent() == false)
        #expect(try !renamed.isValid(registeredKey: alice.publicKey))
        #expect(try renamed.verifiedDigest(registeredKey: alice.publicKey) == nil)
        var unreadable = forged
        unreadable.signature = "zz"
        #expect(throws: RequestSigningError.malformedSignature) {
            try unreadable.isValid(registeredKey: alice.publicKey)
        }
    }

    @Test("a proof over one digest variant is refused where only the other variant is accepted")
    func acceptedDigestsAreApplied() throws {
        let alice = try FIB.AuthorizationPrivateKey(hex: FIBKeyTests.seedHex)
        // An address whose two digests differ (the plain one ends in an even byte).
        let email = try #require(
            (0..<64).map { "user\($0)@mail.com" }.first {
                FIB.EmailDigest.plain.digest(ofEmail: $0) != FIB.EmailDigest.iroha.digest(ofEmail: $0)
            }
        )
        let iroha = alice.sessionRequest(email: email, digest: .iroha)
        #expect(try iroha.selfConsistentDigest() == .iroha)
        #expect(try iroha.selfConsistentDigest(accepting: .only(.plain)) == nil)
        #expect(try !iroha.isSelfConsistent(accepting: .only(.plain)))
        #expect(try iroha.verifiedDigest(registeredKey: alice.publicKey) == .iroha)
        #expect(try iroha.verifiedDigest(registeredKey: alice.publicKey, accepting: .only(.plain)) == nil)
        #expect(try !iroha.isValid(registeredKey: alice.publicKey, accepting: .only(.plain)))
        let plain = alice.sessionRequest(email: email)
        #expect(try plain.verifiedDigest(registeredKey: alice.publicKey, accepting: .only(.iroha)) == nil)
        #expect(try plain.selfConsistentDigest(accepting: .only(.iroha)) == nil)
    }

    @Test("the document's input example, as a JSON body, is a login for the key it names")
    func documentInputExample() throws {
        // The document prints it as JSON5 (single quotes); the wire form is JSON.
        let body = """
            {
              "email": "alice@mail.com",
              "signature": "0b458f758eeca3d7a2a64de0648c9b7dccaee146202257cd8ebaeb4690aa48b464108111d8cf0e7f3b0ace1b51dcda89e76d372233514f324e00d64c6b899c0e",
              "authPublicKeyHex": "8a53d297bc406c63396967388ecc2ebc8abd701d195a43bbb4751ac5a86eac1b"
            }
            """
        let request = try FIB.SessionRequest(jsonBody: Array(body.utf8))
        let registered = try FIB.AuthorizationPublicKey(hex: request.authPublicKeyHex)
        #expect(try request.verifiedDigest(registeredKey: registered, accepting: .only(.plain)) == .plain)
        #expect(try request.isValid(registeredKey: registered, accepting: .only(.iroha)))
        #expect(try !request.isValid(registeredKey: FIB.AuthorizationPrivateKey().publicKey))
    }

    static let documentResponse = """
        {
          "status": { "code": 200, "name": "OK", "message": "User authorization has been successful." },
          "data": {
            "accessToken": "eyJ0eXAiOiJKV1QiLCJhbGciOiJFZERTQSJ9.eyJhY2MiOiJhbGljZUB3b25kZXJsYW5kIiwic3ViIjoiYWxpY2VAbWFpbC5jb20iLCJyb2xlIjoiUk9MRV9QRUVSIiwiZXhwIjoxNzAzMTg3NDEyLCJqdGkiOiIwNjgzM2FlZi03ZDljLTQ2MTUtYTU4YS02YjYxZWZkM2FhNjEifQ.HvrukWtcA7nz5rbxWiklJOjnv4X7jaAQ7piJaxqlW5rvUv52rClqYYHSn9F-P4u6pKNlJSpiiiH0GnynXsL7CQ",
            "refreshToken": "eyJ0eXAiOiJKV1QiLCJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhbGljZUBtYWlsLmNvbSIsImFjanRpIjoiMDY4MzNhZWYtN2Q5Yy00NjE1LWE1OGEtNmI2MWVmZDNhYTYxIiwiZXhwIjoxNzAzMjczNTEyLCJqdGkiOiJhY2NkYWUzNS00ODA1LTQ5NmQtYTBiZC02Y2Y4OGI3OTBkYjkifQ.rCrbFnF5axwixq4wwURZdu_DFwFlOil9RFYkmqlLYVPoU1UpN8PlWC8Kg7QBvA-eJYVzb8yKgQ0GiIAITe3ADA",
            "expirationTime": 300
          }
        }
        """

    @Test("the document's response example decodes, and its tokens' claims read unverified")
    func documentResponseDecodes() throws {
        let response = try JSONDecoder().decode(FIB.SessionResponse.self, from: Data(Self.documentResponse.utf8))
        #expect(response.status == .init(code: 200, name: "OK", message: "User authorization has been successful."))
        let tokens = try #require(response.data)
        #expect(tokens.expirationTime == 300)

        let access = try FIB.unverifiedAccessTokenClaims(tokens.accessToken)
        #expect(access.account == "alice@wonderland")
        #expect(access.subject == "alice@mail.com")
        #expect(access.role == "ROLE_PEER")
        #expect(access.expiration.value == 1_703_187_412)
        #expect(access.id == "06833aef-7d9c-4615-a58a-6b61efd3aa61")

        let refresh = try FIB.unverifiedRefreshTokenClaims(tokens.refreshToken)
        #expect(refresh.subject == "alice@mail.com")
        #expect(refresh.accessTokenID == access.id)
        #expect(refresh.expiration.value == 1_703_273_512)
        #expect(refresh.id == "accdae35-4805-496d-a0bd-6cf88b790db9")
    }

    @Test("a failure response without data decodes")
    func failureResponse() throws {
        let json = #"{"status":{"code":401,"name":"UNAUTHORIZED"}}"#
        let response = try JSONDecoder().decode(FIB.SessionResponse.self, from: Data(json.utf8))
        #expect(response.status.code == 401)
        #expect(response.status.message == nil)
        #expect(response.data == nil)
    }

    struct TokenVector: Decodable, Sendable, CustomStringConvertible {
        let comment: String
        let kind: String
        let token: String
        let claims: [String: JSONScalar]
        let serverPublicKey: String?
        let verifyAt: Double?
        let verifyError: String?
        var description: String { comment }
    }

    static let tokenVectors: [TokenVector] = {
        (try? TestVectorFiles.load("fib/tokens.json", as: TokenVector.self).vectors) ?? []
    }()

    @Test(
        "token vectors: claims decode unverified; keyed ones verify with the test server key or fail with verifyError",
        arguments: tokenVectors
    )
    func tokenVector(_ vector: TokenVector) throws {
        let subject = vector.claims["sub"]?.string
        let expiration = vector.claims["exp"]?.number
        if vector.kind == "access" {
            let claims = try FIB.unverifiedAccessTokenClaims(vector.token)
            #expect(claims.subject == subject)
            #expect(claims.expiration.value == expiration)
            #expect(claims.account == vector.claims["acc"]?.string)
            #expect(claims.role == vector.claims["role"]?.string)
        } else {
            let claims = try FIB.unverifiedRefreshTokenClaims(vector.token)
            #expect(claims.subject == subject)
            #expect(claims.accessTokenID == vector.claims["acjti"]?.string)
        }
        guard let keyHex = vector.serverPublicKey, let verifyAt = vector.verifyAt else {
            #expect(vector.verifyError == nil, "verifyError without serverPublicKey and verifyAt checks nothing")
            return
        }
        let serverKey = try Ed25519.PublicKey(rawRepresentation: Hex.decode(keyHex))
        let verifier = try FIB.TokenVerifier(
            serverPublicKey: serverKey,
            options: JWTValidationOptions(clock: .fixed(verifyAt))
        )
        // The method for the vector's kind, so that a refusal below is about the key, the
        // signature or the time, not about the kind of token.
        func subjectVerified(by verifier: FIB.TokenVerifier, _ token: String) throws -> String? {
            vector.kind == "access"
                ? try verifier.accessTokenClaims(token).subject : try verifier.refreshTokenClaims(token).subject
        }
        if let code = vector.verifyError {
            // Refused, and for the reason the vector names: a forged token refused only as expired
            // would pass a verifier that never checks signatures.
            #expect(throws: JWTError(JWTError.Code(rawValue: code), "")) {
                try subjectVerified(by: verifier, vector.token)
            }
            return
        }
        #expect(try subjectVerified(by: verifier, vector.token) == subject)
        // After expiry the same token is refused.
        let late = try FIB.TokenVerifier(
            serverPublicKey: serverKey,
            options: JWTValidationOptions(clock: .fixed((expiration ?? 0) + 1))
        )
        #expect(throws: JWTError.expired) { try subjectVerified(by: late, vector.token) }
        // Another key refuses it, and so does the server's key once one signature character changes.
        let stranger = try FIB.TokenVerifier(
            serverPublicKey: Ed25519.PrivateKey().publicKey,
            options: JWTValidationOptions(clock: .fixed(verifyAt))
        )
        #expect(throws: JWTError.badSignature) { try subjectVerified(by: stranger, vector.token) }
        #expect(throws: JWTError.badSignature) {
            try subjectVerified(by: verifier, TamperedToken.signatureChanged(vector.token))
        }
    }

    @Test("an access token is not a refresh token, nor the other way round (acjti tells them apart)")
    func tokenKindsDoNotCross() throws {
        let signed = Self.tokenVectors.filter { $0.serverPublicKey != nil && $0.verifyError == nil }
        let access = try #require(signed.first { $0.kind == "access" })
        let refresh = try #require(signed.first { $0.kind == "refresh" })
        let serverKey = try Ed25519.PublicKey(rawRepresentation: Hex.decode(try #require(access.serverPublicKey)))
        // A clock at which both are unexpired: only the kind can refuse them.
        let now = try #require(access.verifyAt)
        let verifier = try FIB.TokenVerifier(
            serverPublicKey: serverKey,
            options: JWTValidationOptions(clock: .fixed(now))
        )
        #expect(try verifier.accessTokenClaims(access.token).role == "ROLE_PEER")
        #expect(try verifier.refreshTokenClaims(refresh.token).accessTokenID != nil)
        // The refresh token outlives the access token by a day: as a bearer token it must be refused.
        #expect(throws: JWTError.invalidClaim) { try verifier.accessTokenClaims(refresh.token) }
        #expect(throws: JWTError.invalidClaim) { try verifier.refreshTokenClaims(access.token) }
        // The rule is the claims types' own: a collection of the caller's, and a cache, keep it.
        var keys = JWTKeyCollection(options: JWTValidationOptions(clock: .fixed(now)))
        try keys.add(CryptoKey(serverKey))
        #expect(throws: JWTError.invalidClaim) { try keys.verify(refresh.token, as: FIB.AccessTokenClaims.self) }
        #expect(throws: JWTError.invalidClaim) { try keys.verify(access.token, as: FIB.RefreshTokenClaims.self) }
        let cached = CachingJWTVerifier<FIB.AccessTokenClaims>(keys: keys)
        #expect(try cached.verify(access.token).claims.role == "ROLE_PEER")
        #expect(throws: JWTError.invalidClaim) { try cached.verify(refresh.token) }
    }

    @Test("token vector file holds the document's two tokens, two verifiable ones and five to refuse")
    func tokenVectorCount() {
        let keyed = Self.tokenVectors.filter { $0.serverPublicKey != nil }
        let forged = keyed.filter { $0.verifyError == "bad_signature" }
        #expect(Self.tokenVectors.count == 9)
        #expect(keyed.filter { $0.verifyError == nil }.count == 2)
        #expect(forged.count == 4)
        #expect(Set(forged.map(\.kind)) == ["access", "refresh"])
        #expect(keyed.filter { $0.verifyError == "expired" }.count == 1)
    }

    @Test("unverified decoding rejects what is not a token")
    func unverifiedGarbage() {
        #expect(throws: JWTError.self) { try FIB.unverifiedAccessTokenClaims("not a token") }
        #expect(throws: JWTError.self) { try FIB.unverifiedAccessTokenClaims("e30.e30.") }  // {} claims: no sub/exp
    }
}

/// A JSON string or number from a vector file's claims (arrays and objects are kept as nil).
enum JSONScalar: Decodable, Sendable {
    case string(String)
    case number(Double)
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .other
        }
    }

    var string: String? { if case .string(let value) = self { value } else { nil } }
    var number: Double? { if case .number(let value) = self { value } else { nil } }
}
