import Foundation
import Testing
import VerifyKit
import VerifyKitTestSupport

/// The README's code, compiled and run: if an example here changes, change the README with it.
@Suite("README examples")
struct ReadmeExamplesTests {
    // README "Verify a JWT" — the claims type.
    struct PaymentClaims: Codable, Sendable {
        var sub: SubjectClaim
        var exp: ExpirationClaim
        var scope: String
    }

    @Test func verifyAJWT() throws {
        // Set up what the README takes as given: an issuer key published as a JWKS, and a token.
        let issuerKey = CryptoKey(Ed25519.PrivateKey())
        let jwk = JWK(key: issuerKey, keyID: "2026-11", algorithm: .eddsa, use: "sig")
        let jwksBytes = Array(JSONValue.object(["keys": .array([.object(jwk.publicJSON)])]).serialized())
        let token = try JWTSigner.sign(
            PaymentClaimsWithRegistered.fiveMinutes(scope: "transfers:write"),
            header: JWTHeader(keyID: "2026-11"),
            key: issuerKey,
            algorithm: .eddsa
        )

        // --- README begins ---
        var keys = JWTKeyCollection(
            options: JWTValidationOptions(
                leeway: 30,
                issuers: ["https://auth.example.com"],
                audiences: ["payments"]
            )
        )
        let skipped = try keys.add(jwks: jwksBytes)  // members of unknown type are skipped, not fatal
        do {
            let verified = try keys.verify(token, as: PaymentClaims.self)
            print(verified.claims.sub.value, verified.claims.scope, verified.keyID ?? "-")
        } catch {
            // A JWTError (verify throws nothing else; where the block calls other throwing code too, or
            // sits in a closure, `catch let error as JWTError`): error.code is stable (.expired, …),
            // error.message is for people.
            guard error.code == .expired else { throw error }
            print("log in again")
        }
        // --- README ends ---
        #expect(skipped.isEmpty)
        let verified = try keys.verify(token, as: PaymentClaims.self)
        #expect(verified.claims.scope == "transfers:write")
        #expect(verified.keyID == "2026-11")
        // README: `JWTSigner.sign(claims, jwk:)` writes the JWK's `kid` and `alg`.
        let viaJWK = try JWTSigner.sign(
            PaymentClaimsWithRegistered.fiveMinutes(scope: "transfers:read"),
            jwk: jwk
        )
        let header = try keys.verify(viaJWK, as: PaymentClaims.self).header
        #expect(header.keyID == "2026-11")
        #expect(header.algorithm == .eddsa)
        #expect(throws: JWTError(.invalidAudience, "")) {
            var strict = keys
            strict.options.audiences = ["other"]
            _ = try strict.verify(token, as: PaymentClaims.self)
        }
    }

    struct PaymentClaimsWithRegistered: Codable, Sendable {
        var sub: SubjectClaim
        var exp: ExpirationClaim
        var iss: IssuerClaim
        var aud: AudienceClaim
        var scope: String

        /// Alice's claims from the README's issuer for `payments`, valid five more minutes.
        static func fiveMinutes(scope: String) -> Self {
            Self(
                sub: "alice",
                exp: ExpirationClaim(value: Date().timeIntervalSince1970 + 300),
                iss: "https://auth.example.com",
                aud: "payments",
                scope: scope
            )
        }
    }

    // README "Tokens from an identity provider" — the claims type it names.
    struct EntraAccessClaims: Codable, Sendable {
        var aud: AudienceClaim
        var iss: IssuerClaim
        var exp: ExpirationClaim
        var tid: String
        var oid: String
        var scp: String?
        var roles: [String]?
    }

    @Test func tokensFromAnIdentityProvider() throws {
        // An Entra-shaped key set (no alg, kid = x5t; the thumbprint here is only a stand-in) and
        // a v2 access token for the API's client ID.
        let issuerKey = CryptoKey(try RSA.PrivateKey(keySize: 2048))
        let x5t = "nOo3ZDrODXEK1jKWhXslHR_KXEg"
        var member = JWK(key: issuerKey, keyID: x5t, use: "sig").publicJSON
        member.set("x5t", .string(x5t))
        let entraKeys = JSONValue.object(["keys": .array([.object(member)])]).serializedString()
        struct Issued: Encodable {
            var aud = "6e74172b-be56-4843-9ff4-e66a39bb12e3"
            var iss = "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0"
            var nbf = NotBeforeClaim(value: Date().timeIntervalSince1970 - 5)
            var exp = ExpirationClaim(value: Date().timeIntervalSince1970 + 300)
            var tid = "9188040d-6c67-4c5b-b112-36a304b66dad"
            var oid = "d3b5c9a1-0f7e-4c8d-9a2b-1e3f5a7c9b0d"
            var roles = ["Orders.Read"]
            var ver = "2.0"
        }
        let accessToken = try JWTSigner.sign(Issued(), header: JWTHeader(keyID: x5t), key: issuerKey, algorithm: .rs256)

        // --- README begins ---
        let tenant = "9188040d-6c67-4c5b-b112-36a304b66dad"
        var entra = JWTKeyCollection(
            options: JWTValidationOptions(
                leeway: 60,
                issuers: ["https://sts.windows.net/\(tenant)/", "https://login.microsoftonline.com/\(tenant)/v2.0"],
                audiences: ["api://orders", "6e74172b-be56-4843-9ff4-e66a39bb12e3"]
            )
        )
        try entra.add(jwks: entraKeys)  // GET https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys
        let claims = try entra.verify(accessToken, as: EntraAccessClaims.self).claims  // tid, oid, scp, roles

        // An issuer of RFC 9068 access tokens (Auth0's RFC 9068 profile, for one) writes typ at+jwt:
        // require it, and its ID tokens (typ JWT) are invalid_type. Entra writes JWT on both: no `type`.
        var api = JWTKeyCollection(
            options: JWTValidationOptions(
                issuers: ["https://example.eu.auth0.com/"],
                audiences: ["https://api.example.com"],
                type: "at+jwt"  // application/at+jwt matches too
            )
        )
        // --- README ends ---
        #expect(claims.roles == ["Orders.Read"])
        #expect(claims.tid == tenant)
        try api.add(issuerKey, keyID: "auth0-1")
        let auth0 = Issued(aud: "https://api.example.com", iss: "https://example.eu.auth0.com/")
        func signed(typ: String) throws -> String {
            try JWTSigner.sign(auth0, header: JWTHeader(type: typ, keyID: "auth0-1"), key: issuerKey, algorithm: .rs256)
        }
        #expect(try api.verify(signed(typ: "application/at+jwt"), as: EntraAccessClaims.self).claims.oid.count == 36)
        #expect(throws: JWTError(.invalidType, "")) { try api.verify(try signed(typ: "JWT")) }
    }

    // README "A key set the provider serves and rotates" — the claims type it names.
    struct GoogleIDClaims: Codable, Sendable {
        var sub: SubjectClaim
        var exp: ExpirationClaim
        var email: String?
        var email_verified: BoolClaim?
    }

    @Test func aKeySetTheProviderServesAndRotates() async throws {
        // A stand-in for Google's jwks_uri and for the application's HTTP call.
        let googleKey = CryptoKey(try RSA.PrivateKey(keySize: 2048))
        let member = JWK(key: googleKey, keyID: "g-2026-11", algorithm: .rs256, use: "sig").publicJSON
        let certs = Array(JSONValue.object(["keys": .array([.object(member)])]).serialized())
        let calls = LockedValue<[String]>([])
        struct HTTPResponse {
            var body: [UInt8]
            var headers: [String: String]
        }
        // Google's headers, with a cache in between that held the response for 45 s.
        @Sendable func httpGet(_ url: String, maxBytes: Int) async throws -> HTTPResponse {
            calls.withLock { $0.append(url) }
            return HTTPResponse(
                body: Array(certs.prefix(maxBytes)),
                headers: ["cache-control": "public, max-age=19645, must-revalidate, no-transform", "age": "45"]
            )
        }
        let clientID = "1234567890-abc.apps.googleusercontent.com"
        struct Issued: Encodable {
            var iss = "https://accounts.google.com"
            var aud = "1234567890-abc.apps.googleusercontent.com"
            var sub = "110169484474386276334"
            var exp = ExpirationClaim(value: Date().timeIntervalSince1970 + 3600)
            var email = "alice@example.com"
            var email_verified = true
        }
        let idToken = try JWTSigner.sign(
            Issued(),
            header: JWTHeader(keyID: "g-2026-11"),
            key: googleKey,
            algorithm: .rs256
        )

        // --- README begins ---
        let google = RemoteJWKSet(
            options: JWTValidationOptions(
                issuers: ["https://accounts.google.com", "accounts.google.com"],
                audiences: [clientID]
            )
        ) {
            // Your async HTTP client: throw for anything but 200, cap the size, pass the caching headers.
            let response = try await httpGet("https://www.googleapis.com/oauth2/v3/certs", maxBytes: 1 << 20)
            return RemoteJWKSetResponse(
                body: response.body,
                cacheControl: response.headers["cache-control"],
                age: response.headers["age"]
            )
        }
        let claims = try await google.verify(idToken, as: GoogleIDClaims.self).claims
        // --- README ends ---
        #expect(claims.sub.value == "110169484474386276334")
        #expect(claims.email_verified?.value == true)
        _ = try await google.verify(idToken, as: GoogleIDClaims.self)
        #expect(calls.withLock { $0 } == ["https://www.googleapis.com/oauth2/v3/certs"])
        #expect(google.status.keyCount == 1)
        #expect(google.status.lifetime == 19600)  // max-age less Age, not the default ten minutes
    }

    // README "Tokens that carry their certificate chain" — the claims type.
    struct AppStoreNotification: Decodable {
        var notificationType: String
        var notificationUUID: String
        var signedDate: Double  // milliseconds since 1970, as Apple writes it
    }

    @Test func tokensThatCarryTheirCertificateChain() throws {
        // TestVectors/x5c stands in for Apple's PKI: a root, an intermediate and a leaf carrying
        // Apple's marker extensions, and the leaf's key to sign a notification with.
        let folder = PackagePaths.testVectors.appendingPathComponent("x5c")
        func pem(_ name: String) throws -> String {
            try String(contentsOf: folder.appendingPathComponent("\(name).pem"), encoding: .utf8)
        }
        let appleRootCAG3DER = try X509Certificate(pemRepresentation: try pem("root")).derRepresentation
        let chain = try ["leaf-ec", "intermediate", "root"].map {
            JSONValue.string(Base64.encode(try X509Certificate(pemRepresentation: try pem($0)).derRepresentation))
        }
        let leafNotBefore = try X509Certificate(pemRepresentation: try pem("leaf-ec")).notBefore
        var header = JWTHeader(type: nil)
        header["x5c"] = .array(chain)
        let signedPayload = try JWTSigner.sign(
            JSONValue.object([
                "notificationType": "DID_RENEW",
                "notificationUUID": "002e14d5-51f5-4503-b5a8-c3a1af68eb20",
                "signedDate": .number(JSONNumber(Int64(leafNotBefore + 60) * 1000)),
            ]),
            header: header,
            key: try CryptoKey(pemRepresentation: try pem("leaf-ec.key")),
            algorithm: .es256
        )
        var options = JWTValidationOptions()
        // The fixture chain may be younger than the system clock says, so the clock is fixed.
        options.clock = .fixed(Double(leafNotBefore + 120))

        // --- README begins ---
        let appleRoot = try X509Certificate(derRepresentation: appleRootCAG3DER)  // AppleRootCA-G3.cer
        let appStore = X5CVerifier.appStoreServer(
            trustStore: try X509TrustStore(trusting: [appleRoot]),
            options: options
        )
        let notification = try appStore.verify(signedPayload, as: AppStoreNotification.self).claims
        // --- README ends ---
        #expect(notification.notificationType == "DID_RENEW")
        #expect(notification.signedDate == Double(leafNotBefore + 60) * 1000)
        // A chain to any other root is refused.
        let otherRoot = try X509Certificate(pemRepresentation: try pem("other-root"))
        let stranger = X5CVerifier.appStoreServer(
            trustStore: try X509TrustStore(trusting: [otherRoot]),
            options: options
        )
        #expect(throws: JWTError(.invalidCertificateChain, "")) {
            try stranger.verify(signedPayload, as: AppStoreNotification.self)
        }
    }

    @Test func manyTokens() async throws {
        let issuerKey = CryptoKey(Ed25519.PrivateKey())
        var keys = JWTKeyCollection(options: JWTValidationOptions(issuers: ["https://auth.example.com"]))
        try keys.add(issuerKey)
        let nextKey = JSONValue.object(JWK(key: CryptoKey(Ed25519.PrivateKey().publicKey)).publicJSON)
        let fetchedJWKS = JSONValue.object(["keys": .array([nextKey])]).serializedString()
        func signed(scope: String) throws -> String {
            try JWTSigner.sign(
                PaymentClaimsWithRegistered(
                    sub: "alice",
                    exp: ExpirationClaim(value: Date().timeIntervalSince1970 + 300),
                    iss: "https://auth.example.com",
                    aud: "payments",
                    scope: scope
                ),
                key: issuerKey,
                algorithm: .eddsa
            )
        }
        let token = try signed(scope: "transfers:write")
        let tokens = [try signed(scope: "a"), "not.a.token", try signed(scope: "b")]

        // --- README begins ---
        let verifier = CachingJWTVerifier<PaymentClaims>(
            keys: keys,
            configuration: JWTCacheConfiguration(capacity: 50_000, maxTokenBytes: 4096)
        )
        let scope = try verifier.verify(token).claims.scope
        var refreshed = verifier.keys  // after fetching the issuer's JWKS again:
        try refreshed.replaceKeys(jwks: fetchedJWKS)  // same key policy and options, the set's keys
        verifier.replaceKeys(refreshed)  // every cached token is forgotten

        // Bulk work (a log, a queue): every core, results in input order.
        let results = await JWTBatchVerifier().verify(tokens, with: keys, as: PaymentClaims.self)
        let rejected = results.filter { if case .failure = $0 { true } else { false } }.count
        // --- README ends ---
        #expect(scope == "transfers:write")
        #expect(throws: JWTError(.badSignature, "")) { try verifier.verify(token) }
        #expect(verifier.keys.options.issuers == ["https://auth.example.com"])
        #expect(rejected == 1)
        #expect(results.map { (try? $0.get())?.claims.scope } == ["a", nil, "b"])
        #expect((try? results[1].get()) == nil)
    }

    @Test func keysFromFiles() throws {
        let pem = try #require(CryptoKey(try RSA.PrivateKey(keySize: 2048)).publicKeyPEM)
        let pemBytes = Array(pem.utf8)
        let peerSecret = [UInt8](repeating: 7, count: 16)
        let bankPEM = try #require(CryptoKey(try RSA.PrivateKey(keySize: 2048)).publicKeyPEM)
        // --- README begins ---
        let imported = try KeyImporter.importKeys(from: pemBytes)  // PEM, DER, X.509, JWK, JWKS or hex
        var keys = JWTKeyCollection(keyPolicy: KeyPolicy(minimumRSABits: 2048))
        try keys.add(imported.keys[0].key, keyID: "bank-2026", algorithms: [.rs256])
        try keys.add(CryptoKey(RSA.PublicKey(pemRepresentation: bankPEM)), keyID: "bank-2027")  // RSA public keys only
        print(Base64URL.encode(imported.keys[0].thumbprint))  // RFC 7638 thumbprint
        var legacy = JWTKeyCollection(keyPolicy: KeyPolicy(minimumHMACKeyBytes: 16))  // legacy peer; brute-forcible
        try legacy.add(CryptoKey(HMACKey(peerSecret)), algorithms: [.hs256])
        // --- README ends ---
        #expect(keys.count == 2)
        #expect(imported.format == .pem)
        // The typed reader takes an RSA public key only.
        let ecPEM = try #require(CryptoKey(try ECDSA.PrivateKey(curve: .p256)).publicKeyPEM)
        #expect(throws: CryptoError.unsupportedKey) { try RSA.PublicKey(pemRepresentation: ecPEM) }
        let peerKey = CryptoKey(HMACKey(peerSecret))
        let token = try JWTSigner.sign(["sub": "alice"], key: peerKey, algorithm: .hs256, policy: legacy.keyPolicy)
        #expect(try legacy.verify(token).claims.subject == "alice")
        var strict = JWTKeyCollection()
        #expect(throws: JWTError(.weakKey, "")) { try strict.add(peerKey) }
    }

    @Test func fibSignAndVerifyALogin() throws {
        let keyHexFromTheWebApp = Hex.encode(Ed25519.PrivateKey().rawRepresentation)
        let registeredKeys = [
            "alice@mail.com": try FIB.AuthorizationPrivateKey(hex: keyHexFromTheWebApp).publicKey.hex
        ]
        // --- README begins ---
        let key = try FIB.AuthorizationPrivateKey(hex: keyHexFromTheWebApp)  // 64 or 128 hex digits
        let request = key.sessionRequest(email: "alice@mail.com")
        let body = request.jsonBody()  // POST /auth/api/v1/authentication-management/session

        // On the server: read the body strictly, then check the proof against the key on file
        // for that e-mail (the body's own authPublicKeyHex proves nothing: anyone can make a key).
        let decoyKeyHex = FIB.AuthorizationPrivateKey().publicKey.hex  // made once; nobody holds its private half
        func isValidLogin(_ body: [UInt8]) throws -> Bool {
            let received = try FIB.SessionRequest(jsonBody: body)  // duplicate members refused
            // An unknown e-mail gets the answer and the time a wrong proof gets: its proof is checked
            // against the decoy, read from hex as a key on file is, so neither an error nor a faster
            // reply tells which e-mails are on file.
            let registered = registeredKeys[received.email]
            let key = try FIB.AuthorizationPublicKey(hex: registered ?? decoyKeyHex)  // ours
            // So does a proof or key in the body that cannot be read (an error only for e-mails on file
            // would tell them apart too).
            let valid = (try? received.isValid(registeredKey: key)) ?? false  // plain or Iroha digest
            return valid && registered != nil
        }
        let ok = try isValidLogin(body)
        // --- README ends ---
        #expect(ok)
        #expect(try !isValidLogin(FIB.AuthorizationPrivateKey().sessionRequest(email: "bob@mail.com").jsonBody()))
        // A proof or key that cannot be read gets the answer an unknown e-mail gets: an error for
        // registered e-mails only would tell a client which e-mails are registered.
        for email in ["alice@mail.com", "bob@mail.com"] {
            let garbage = FIB.SessionRequest(email: email, signature: "zz", authPublicKeyHex: "00").jsonBody()
            #expect(try !isValidLogin(garbage), "\(email)")
        }
        let received = try FIB.SessionRequest(jsonBody: body)
        let registered = try FIB.AuthorizationPublicKey(hex: registeredKeys["alice@mail.com"]!)
        var tampered = received
        tampered.email = "mallory@mail.com"
        #expect(try !tampered.isValid(registeredKey: registered))
        let forged = FIB.AuthorizationPrivateKey().sessionRequest(email: "alice@mail.com")
        #expect(try !forged.isValid(registeredKey: registered))
    }

    @Test func bankFrickSignARequestVerifyAResponse() throws {
        let clientKey = CryptoKey(try RSA.PrivateKey(keySize: 2048))
        let clientKeyPEM = try #require(clientKey.privateKeyPEM)
        let bankKey = CryptoKey(try RSA.PrivateKey(keySize: 2048))
        let bankPublicKeyPEM = try #require(bankKey.publicKeyPEM)
        let responseBody = Array(#"{"token":"eyJ..."}"#.utf8)
        let bankSignature = try bankKey.signature(for: responseBody, algorithm: .rs512)
        let responseHeaders = ["Signature": Base64.encode(bankSignature), "algorithm": "rsa-sha512"]
        // --- README begins ---
        let signer = try BankFrick.Signer(pemRepresentation: clientKeyPEM)
        let signed = try signer.sign(json: BankFrick.AuthorizeRequest(key: "1234567890abcdefgHIJKLMN"))
        // Send signed.body byte for byte, with the header fields in signed.fields:
        // Content-Type: application/json, Signature: <Base64>, algorithm: rsa-sha512

        let bank = try BankFrick.Verifier(pemRepresentation: bankPublicKeyPEM)
        let valid = try bank.isValidSignature(headers: responseHeaders, body: responseBody)
        // Or verify and decode the same bytes strictly in one call (bad_signature if they differ):
        let response = try bank.decodeVerified(
            BankFrick.AuthorizeResponse.self,
            body: responseBody,
            headers: responseHeaders
        )
        // --- README ends ---
        #expect(valid)
        #expect(response.token == "eyJ...")
        #expect(signed.fields.map(\.name) == ["Content-Type", "Signature", "algorithm"])
        let clientVerifier = try BankFrick.Verifier(pemRepresentation: try #require(clientKey.publicKeyPEM))
        let sentHeaders = Dictionary(uniqueKeysWithValues: signed.fields.map { ($0.name, $0.value) })
        #expect(try clientVerifier.isValidSignature(headers: sentHeaders, body: signed.body))
    }
}
