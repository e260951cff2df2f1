import CryptoPrimitives
import Foundation
import JSONWebToken
import RequestSigning
import Testing
import VerifyKitTestSupport

@Suite("Bank Frick authorize request, dates and tokens")
struct BankFrickAuthorizeTests {
    @Test("authorize bodies keep the document's member order and leave out absent members")
    func authorizeBodies() throws {
        let signer = try BankFrickSignatureTests.signer()
        let full = BankFrick.AuthorizeRequest(key: "K", password: "p", validUntil: try .init("2025-04-01"))
        #expect(
            String(decoding: try signer.sign(json: full).body, as: UTF8.self)
                == #"{"key":"K","password":"p","validUntil":"2025-04-01"}"#
        )
        let keyOnly = BankFrick.AuthorizeRequest(key: "K")
        #expect(String(decoding: try signer.sign(json: keyOnly).body, as: UTF8.self) == #"{"key":"K"}"#)
        let decoded = try JSONDecoder().decode(
            BankFrick.AuthorizeRequest.self,
            from: Data(#"{"key":"K","validUntil":"2024-02-29"}"#.utf8)
        )
        #expect(decoded == BankFrick.AuthorizeRequest(key: "K", validUntil: try .init(year: 2024, month: 2, day: 29)))
    }

    @Test("an authorize request never prints its API key or password (description, debug, dump)")
    func authorizeRequestRedacted() throws {
        let request = BankFrick.AuthorizeRequest(
            key: "APIKEY-1234567890",
            password: "hunter2-secret",
            validUntil: try .init("2025-04-01")
        )
        var dumped = ""
        dump(request, to: &dumped)
        for text in [request.description, String(describing: request), String(reflecting: request), dumped] {
            #expect(!text.contains("APIKEY-1234567890"), "\(text)")
            #expect(!text.contains("hunter2"), "\(text)")
        }
        #expect(request.description.contains("2025-04-01"))
        #expect(BankFrick.AuthorizeRequest(key: "k").description.contains("password: nil"))
    }

    @Test(
        "calendar dates: YYYY-MM-DD, real days only",
        arguments: ["2025-04-01", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"]
    )
    func validDates(_ text: String) throws {
        #expect(try BankFrick.CalendarDate(text).description == text)
    }

    @Test(
        "calendar dates: anything else is invalid_date",
        arguments: [
            "", "2025-4-01", "2025-04-1", "20250401", "2025/04/01", "2025-04-01T00:00", " 2025-04-01", "2025-13-01",
            "2025-00-10", "2025-04-31", "2023-02-29", "1900-02-29", "0000-01-01", "2025-04-0a", "+025-04-01",
            "２０２５-04-01",
        ]
    )
    func invalidDates(_ text: String) {
        #expect(throws: RequestSigningError.invalidDate) { try BankFrick.CalendarDate(text) }
    }

    @Test("calendar dates order chronologically")
    func dateOrder() throws {
        #expect(try BankFrick.CalendarDate("2024-12-31") < BankFrick.CalendarDate("2025-01-01"))
        #expect(try BankFrick.CalendarDate("2025-01-02") > BankFrick.CalendarDate("2025-01-01"))
    }

    struct TokenVector: Decodable, Sendable, CustomStringConvertible {
        let comment: String
        let token: String
        let claims: Claims
        let publicKey: String?
        let minimumRSABits: Int?
        let verifyAt: Double?
        let verifyError: String?
        var description: String { comment }

        struct Claims: Decodable, Sendable {
            let iss: String
            let sub: String
            let contact: String
            let name: String
            let permissions: [String]
            let aud: String
            let exp: Double
            let iat: Double
        }
    }

    static let tokenVectors: [TokenVector] = {
        (try? TestVectorFiles.load("bankfrick/tokens.json", as: TokenVector.self).vectors) ?? []
    }()

    @Test(
        "token vectors: claims decode unverified; keyed ones verify with a 1024-bit minimum, or fail with verifyError",
        arguments: tokenVectors
    )
    func tokenVector(_ vector: TokenVector) throws {
        let claims = try BankFrick.unverifiedTokenClaims(vector.token)
        #expect(claims.issuer == vector.claims.iss)
        #expect(claims.subject == vector.claims.sub)
        #expect(claims.contact == vector.claims.contact)
        #expect(claims.name == vector.claims.name)
        #expect(claims.permissions == vector.claims.permissions)
        #expect(claims.audience?.value == [vector.claims.aud])
        #expect(claims.expiration.value == vector.claims.exp)
        #expect(claims.issuedAt?.value == vector.claims.iat)

        guard let keyFile = vector.publicKey, let minimum = vector.minimumRSABits, let verifyAt = vector.verifyAt else {
            #expect(vector.verifyError == nil, "verifyError without publicKey and verifyAt checks nothing")
            return
        }
        let pem = try TestVectorFiles.text("bankfrick/" + keyFile)
        let key = try #require(try CryptoKey(pemRepresentation: pem).rsaPublicKey)
        let options = JWTValidationOptions(clock: .fixed(verifyAt))
        let lenient = try BankFrick.TokenVerifier(
            bankPublicKey: key,
            keyPolicy: KeyPolicy(minimumRSABits: minimum),
            options: options
        )
        if let code = vector.verifyError {
            // Refused, and for the reason the vector names: a forged token refused only as expired
            // would pass a verifier that never checks signatures.
            #expect(throws: JWTError(JWTError.Code(rawValue: code), "")) { try lenient.claims(vector.token) }
            return
        }
        #expect(try lenient.claims(vector.token) == claims)
        // One signature character changed, or another bank key: bad_signature.
        #expect(throws: JWTError.badSignature) { try lenient.claims(TamperedToken.signatureChanged(vector.token)) }
        let otherKey = try RSA.PrivateKey(keySize: 2048).publicKey
        let stranger = try BankFrick.TokenVerifier(
            bankPublicKey: otherKey,
            keyPolicy: KeyPolicy(minimumRSABits: minimum),
            options: options
        )
        #expect(throws: JWTError.badSignature) { try stranger.claims(vector.token) }
        // Issuer and environment pinned as the verifier's doc shows: another environment is refused.
        func pinned(audience: String) throws -> BankFrick.TokenVerifier {
            try BankFrick.TokenVerifier(
                bankPublicKey: key,
                keyPolicy: KeyPolicy(minimumRSABits: minimum),
                options: JWTValidationOptions(
                    clock: .fixed(verifyAt),
                    issuers: [vector.claims.iss],
                    audiences: [audience]
                )
            )
        }
        #expect(try pinned(audience: vector.claims.aud).claims(vector.token) == claims)
        #expect(throws: JWTError.invalidAudience) { try pinned(audience: "test").claims(vector.token) }
        // The default policy refuses the key where it is configured, not per token.
        #expect(throws: JWTError.weakKey) { try BankFrick.TokenVerifier(bankPublicKey: key, options: options) }
    }

    @Test("the token vector file holds the document's token, one verifiable token and three to refuse")
    func tokenVectorCount() {
        let keyed = Self.tokenVectors.filter { $0.publicKey != nil }
        #expect(Self.tokenVectors.count == 5)
        #expect(keyed.filter { $0.verifyError == nil }.count == 1)
        #expect(keyed.filter { $0.verifyError == "bad_signature" }.count == 2)
        #expect(keyed.filter { $0.verifyError == "expired" }.count == 1)
    }

    @Test("the document's authorize response decodes")
    func authorizeResponse() throws {
        let token = try #require(Self.tokenVectors.first?.token)
        let json = "{\n  \"token\" : \"\(token)\"\n}"
        let response = try JSONDecoder().decode(BankFrick.AuthorizeResponse.self, from: Data(json.utf8))
        #expect(try BankFrick.unverifiedTokenClaims(response.token).permissions.count == 4)
    }
}
