import Base64URL
import CryptoPrimitives
import Foundation
import JSONWebToken
import StrictJSON
import Testing
import VerifyKitTestSupport

/// Key sets and tokens laid out as identity providers document them (member names and order,
/// header parameters, claim types), with keys generated here. Each test says what a server
/// developer pointing VerifyKit at that provider gets: which members load, which are skipped and
/// why, which tokens verify into a natural `Codable` claims type and which are refused, and how.
@Suite("Identity-provider key sets and tokens", .enabled(if: OpenSSLTool.isAvailable, "needs the openssl tool"))
struct IdentityProviderInteropTests {
    static let now = TestTokens.now
    static let exp = Int(now) + 300
    static let iat = Int(now) - 60

    static func keys() throws -> ProviderKeys.Certified { try #require(ProviderKeys.signing) }

    static func sign(
        _ header: String,
        _ payload: String,
        _ key: CryptoKey,
        _ alg: SignatureAlgorithm = .rs256
    )
        -> String
    {
        TestTokens.signed(header: header, payload: payload, key: key, algorithm: alg)
    }

    static func collection(
        _ jwks: String,
        _ configure: (inout JWTValidationOptions) -> Void = { _ in }
    ) throws -> (JWTKeyCollection, [JWTKeyCollection.SkippedKey]) {
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions(configure))
        let skipped = try keys.add(jwks: jwks)
        return (keys, skipped)
    }

    // MARK: Keycloak

    /// A realm's `/protocol/openid-connect/certs`: the RS256 signing key and the RSA-OAEP
    /// encryption key, each with its certificate and both thumbprints.
    static func keycloakJWKS() throws -> String {
        let sig = try keys()
        let enc = try #require(ProviderKeys.encryption)
        return """
            {"keys":[{"kid":"kc-sig","kty":"RSA","alg":"RS256","use":"sig","n":"\(sig.n)","e":"\(sig.e)",\
            "x5c":["\(sig.x5c)"],"x5t":"\(sig.x5t)","x5t#S256":"\(sig.x5tS256)"},\
            {"kid":"kc-enc","kty":"RSA","alg":"RSA-OAEP","use":"enc","n":"\(enc.n)","e":"\(enc.e)",\
            "x5c":["\(enc.x5c)"],"x5t":"\(enc.x5t)","x5t#S256":"\(enc.x5tS256)"}]}
            """
    }

    struct KeycloakAccessClaims: Codable, Sendable {
        struct Roles: Codable, Sendable { var roles: [String] }
        var iss: IssuerClaim
        var sub: SubjectClaim
        var aud: AudienceClaim
        var exp: ExpirationClaim
        var iat: IssuedAtClaim
        var typ: String
        var azp: String
        var realm_access: Roles
        var resource_access: [String: Roles]
        var scope: String
        var email_verified: Bool
        var preferred_username: String
    }

    static func keycloakAccessPayload(aud: String) -> String {
        """
        {"exp":\(exp),"iat":\(iat),"auth_time":\(iat),"jti":"0b8a1c52-7d1e-4a5e-9b1c-2f7a4b2e9d10",\
        "iss":"https://sso.example.com/realms/shop","aud":\(aud),"sub":"f6a0c1d2-3b4e-5f60-7a8b-9c0d1e2f3a4b",\
        "typ":"Bearer","azp":"shop-frontend","sid":"7c1d","acr":"1","allowed-origins":["https://shop.example.com"],\
        "realm_access":{"roles":["offline_access","default-roles-shop"]},\
        "resource_access":{"account":{"roles":["manage-account","view-profile"]}},\
        "scope":"openid profile email","email_verified":true,"preferred_username":"alice"}
        """
    }

    @Test("Keycloak: the RSA-OAEP encryption key is skipped with its alg named; the RS256 key verifies")
    func keycloakKeySet() throws {
        let (keys, skipped) = try Self.collection(Self.keycloakJWKS()) {
            $0.issuers = ["https://sso.example.com/realms/shop"]
            $0.audiences = ["account"]
            $0.type = "JWT"
        }
        #expect(keys.keyIDs == ["kc-sig"])
        let reason = try #require(skipped.first { $0.keyID == "kc-enc" }).reason
        #expect(skipped.count == 1)
        #expect(reason.contains(#"alg "RSA-OAEP""#) && reason.contains("encryption"), "\(reason)")
        let header = #"{"alg":"RS256","typ":"JWT","kid":"kc-sig"}"#
        for aud in [#""account""#, #"["shop-backend","account"]"#] {
            let token = Self.sign(header, Self.keycloakAccessPayload(aud: aud), try Self.keys().key)
            let verified = try keys.verify(token, as: KeycloakAccessClaims.self)
            #expect(verified.claims.typ == "Bearer")
            #expect(verified.claims.realm_access.roles.contains("offline_access"))
            #expect(verified.claims.resource_access["account"]?.roles == ["manage-account", "view-profile"])
            #expect(verified.keyID == "kc-sig")
        }
        let other = Self.sign(header, Self.keycloakAccessPayload(aud: #""broker""#), try Self.keys().key)
        #expect(throws: JWTError.invalidAudience) { try keys.verify(other, as: KeycloakAccessClaims.self) }
        // A token naming the encryption key's kid: it is not in the collection.
        let wrongKid = Self.sign(
            #"{"alg":"RS256","typ":"JWT","kid":"kc-enc"}"#,
            Self.keycloakAccessPayload(aud: #""account""#),
            try Self.keys().key
        )
        #expect(throws: JWTError.keyNotFound) { try keys.verify(wrongKid) }
    }

    /// One key pair behind both a signing and an encryption provider gets one `kid` in Keycloak
    /// (it names keys by their public key), and RFC 7517 §4.5 lets the two members share it. With
    /// `alg` on both, the RSA-OAEP member is skipped for its alg; without `alg` (servers that
    /// publish only `use`), the `use: "enc"` member is skipped for its use: it can verify nothing,
    /// so it makes no key selection ambiguous.
    @Test(
        "Keycloak-style shared kid: the enc member of a sig/enc pair is skipped, the set loads",
        arguments: [true, false]
    )
    func sharedKidSigningAndEncryption(withAlg: Bool) throws {
        let key = try Self.keys()
        let sigAlg = withAlg ? #""alg":"RS256","# : ""
        let encAlg = withAlg ? #""alg":"RSA-OAEP","# : ""
        let jwks = """
            {"keys":[{"kid":"same","kty":"RSA",\(encAlg)"use":"enc","n":"\(key.n)","e":"\(key.e)"},\
            {"kid":"same","kty":"RSA",\(sigAlg)"use":"sig","n":"\(key.n)","e":"\(key.e)"}]}
            """
        let (keys, skipped) = try Self.collection(jwks)
        #expect(keys.keyIDs == ["same"])
        #expect(skipped.map(\.index) == [0])
        #expect(skipped.first?.reason.contains("enc") == true, "\(skipped)")
        let token = Self.sign(
            #"{"alg":"RS256","typ":"JWT","kid":"same"}"#,
            Self.keycloakAccessPayload(aud: #""account""#),
            key.key
        )
        #expect(try keys.verify(token).keyID == "same")
        // Two signing members sharing a kid are still ambiguous: the set is refused.
        let twoSigning = jwks.replacingOccurrences(of: #""use":"enc""#, with: #""use":"sig""#)
            .replacingOccurrences(of: "RSA-OAEP", with: "RS256")
        #expect(throws: JWTError.invalidKeySet) { try Self.collection(twoSigning) }
    }

    // MARK: Microsoft Entra ID

    static let tenant = "9188040d-6c67-4c5b-b112-36a304b66dad"
    static let apiClientID = "6e74172b-be56-4843-9ff4-e66a39bb12e3"

    /// `/discovery/v2.0/keys`: no `alg`, `kid` equal to `x5t`, and an `issuer` member (v2 keys).
    static func entraJWKS() throws -> String {
        let key = try keys()
        return """
            {"keys":[{"kty":"RSA","use":"sig","kid":"\(key.x5t)","x5t":"\(key.x5t)","n":"\(key.n)","e":"\(key.e)",\
            "x5c":["\(key.x5c)"],"issuer":"https://login.microsoftonline.com/\(tenant)/v2.0"}]}
            """
    }

    struct EntraClaims: Codable, Sendable {
        var aud: AudienceClaim
        var iss: IssuerClaim
        var iat: IssuedAtClaim
        var nbf: NotBeforeClaim
        var exp: ExpirationClaim
        var tid: String
        var oid: String
        var ver: String
        var scp: String?
        var roles: [String]?
    }

    static func entraHeader(_ x5t: String, nonce: String? = nil) -> String {
        let nonceMember = nonce.map { #""nonce":"\#($0)","# } ?? ""
        return #"{"typ":"JWT",\#(nonceMember)"alg":"RS256","x5t":"\#(x5t)","kid":"\#(x5t)"}"#
    }

    static func entraV1Payload(aud: String) -> String {
        """
        {"aud":"\(aud)","iss":"https://sts.windows.net/\(tenant)/","iat":\(iat),"nbf":\(iat),"exp":\(exp),\
        "acr":"1","aio":"E2RgYJg","amr":["pwd","mfa"],"appid":"\(apiClientID)","appidacr":"0",\
        "family_name":"Example","given_name":"Alice","ipaddr":"203.0.113.7","name":"Alice Example",\
        "oid":"d3b5c9a1-0f7e-4c8d-9a2b-1e3f5a7c9b0d","rh":"0.AAAA","scp":"User.Read","sub":"l3_roISQU222bULS9yi2k0XpqpOiMz5H3ZACo1GeXA",\
        "tid":"\(tenant)","unique_name":"alice@example.com","upn":"alice@example.com","uti":"fqiBqXLPj0eQa82S-IYFAA","ver":"1.0"}
        """
    }

    static func entraV2Payload(aud: String) -> String {
        """
        {"aud":"\(aud)","iss":"https://login.microsoftonline.com/\(tenant)/v2.0","iat":\(iat),"nbf":\(iat),\
        "exp":\(exp),"aio":"AXQAi","azp":"\(apiClientID)","azpacr":"0","name":"Alice Example",\
        "oid":"d3b5c9a1-0f7e-4c8d-9a2b-1e3f5a7c9b0d","preferred_username":"alice@example.com","rh":"0.AAAA",\
        "roles":["Orders.Read"],"sub":"AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ","tid":"\(tenant)",\
        "uti":"fqiBqXLPj0eQa82S-IYFAA","ver":"2.0"}
        """
    }

    @Test("Entra ID: the v2 key set loads (issuer member, kid == x5t); v1 and v2 tokens verify")
    func entra() throws {
        let key = try Self.keys()
        let (keys, skipped) = try Self.collection(Self.entraJWKS()) {
            $0.issuers = [
                "https://sts.windows.net/\(Self.tenant)/",
                "https://login.microsoftonline.com/\(Self.tenant)/v2.0",
            ]
            $0.audiences = ["api://orders", Self.apiClientID]
        }
        #expect(skipped.isEmpty)
        #expect(keys.keyIDs == [key.x5t])
        let v1 = Self.sign(Self.entraHeader(key.x5t), Self.entraV1Payload(aud: "api://orders"), key.key)
        let verifiedV1 = try keys.verify(v1, as: EntraClaims.self)
        #expect(verifiedV1.claims.ver == "1.0")
        #expect(verifiedV1.claims.scp == "User.Read")
        #expect(verifiedV1.header.fields["x5t"] == .string(key.x5t))
        let v2 = Self.sign(Self.entraHeader(key.x5t), Self.entraV2Payload(aud: Self.apiClientID), key.key)
        let verifiedV2 = try keys.verify(v2, as: EntraClaims.self)
        #expect(verifiedV2.claims.roles == ["Orders.Read"])
        #expect(verifiedV2.claims.tid == Self.tenant)
        // Another tenant's token (same keys, as the common endpoint serves them) is refused by iss.
        let otherTenant = Self.sign(
            Self.entraHeader(key.x5t),
            Self.entraV2Payload(aud: Self.apiClientID).replacingOccurrences(
                of: "\(Self.tenant)/v2.0",
                with: "72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0"
            ),
            key.key
        )
        #expect(throws: JWTError.invalidIssuer) { try keys.verify(otherTenant, as: EntraClaims.self) }
        // nbf in the future.
        let early = Self.sign(
            Self.entraHeader(key.x5t),
            Self.entraV1Payload(aud: "api://orders").replacingOccurrences(
                of: #""nbf":\#(Self.iat)"#,
                with: #""nbf":\#(Self.exp - 10)"#
            ),
            key.key
        )
        #expect(throws: JWTError.notYetValid) { try keys.verify(early, as: EntraClaims.self) }
    }

    @Test("Entra External ID / B2C: keys with an nbf member and no x5c load; a B2C token verifies")
    func entraB2C() throws {
        let key = try Self.keys()
        let jwks = """
            {"keys":[{"kid":"X5eXk4xyojNFum1kl2Ytv8dlNP4-c57dO6QGTVBwaNk","nbf":1493763266,"use":"sig","kty":"RSA",\
            "e":"\(key.e)","n":"\(key.n)"}]}
            """
        let issuer = "https://example.b2clogin.com/\(Self.tenant)/v2.0/"
        let (keys, skipped) = try Self.collection(jwks) {
            $0.issuers = [issuer]
            $0.audiences = [Self.apiClientID]
        }
        #expect(skipped.isEmpty)
        let payload = """
            {"exp":\(Self.exp),"nbf":\(Self.iat),"ver":"1.0","iss":"\(issuer)","sub":"0c1f9c0e","aud":"\(Self.apiClientID)",\
            "iat":\(Self.iat),"auth_time":\(Self.iat),"tfp":"B2C_1_signin","emails":["alice@example.com"]}
            """
        let token = Self.sign(
            #"{"alg":"RS256","kid":"X5eXk4xyojNFum1kl2Ytv8dlNP4-c57dO6QGTVBwaNk","typ":"JWT"}"#,
            payload,
            key.key
        )
        #expect(try keys.verify(token).payload["tfp"] == .string("B2C_1_signin"))
    }

    @Test("Entra ID: a Graph token's nonce header makes it unverifiable by design; the error says so")
    func entraGraphNonce() throws {
        let key = try Self.keys()
        let (keys, _) = try Self.collection(Self.entraJWKS())
        // Graph signs over a header whose nonce is replaced by its SHA-256 and sends the original:
        // no third party can verify such a token. Simulate exactly that.
        let nonce = "AQABAAAAAAD--DLA3VO7QrddgJg7WevrJ0cT4SiA"
        let hashed = Base64URL.encode(SHA2.hash(Array(nonce.utf8), digest: .sha256))
        let payload = Self.entraV1Payload(aud: "https://graph.microsoft.com")
        let signedOver = Self.sign(Self.entraHeader(key.x5t, nonce: hashed), payload, key.key)
        let sent =
            TestTokens.b64(Self.entraHeader(key.x5t, nonce: nonce)) + "."
            + signedOver.split(separator: ".").dropFirst().joined(separator: ".")
        let error = try #require(throws: JWTError.self) { try keys.verify(sent) }
        #expect(error.code == .badSignature)
        #expect(error.message.contains(#""nonce""#) && error.message.contains("Graph"), "\(error.message)")
        // The hint is about the failure only: a nonce header signed as sent verifies, and a bad
        // signature without one says nothing about Graph.
        #expect(try keys.verify(signedOver).keyID == key.x5t)
        let plain = Self.sign(Self.entraHeader(key.x5t), payload, key.key)
        let forged = TamperedToken.signatureChanged(plain)
        let plainError = try #require(throws: JWTError.self) { try keys.verify(forged) }
        #expect(plainError.code == .badSignature)
        #expect(!plainError.message.contains("Graph"), "\(plainError.message)")
        // Only a string nonce, as Graph sends, earns the hint.
        let hmac = TestTokens.hmacCollection()
        for (nonce, hinted) in [(#""abc""#, true), ("42", false), ("null", false), (#"["abc"]"#, false)] {
            let header = #"{"alg":"HS256","nonce":\#(nonce)}"#
            let token = TestTokens.signed(header: header, payload: "{}", key: CryptoKey(TestKeys.otherHMAC))
            let error = try #require(throws: JWTError.self) { try hmac.verify(token) }
            #expect(error.code == .badSignature)
            #expect(error.message.contains("Graph") == hinted, "\(nonce): \(error.message)")
        }
        // And only to bad_signature: a token refused for another reason keeps its own message.
        let signed = TestTokens.signed(header: #"{"alg":"HS256","nonce":"abc"}"#, payload: "{}")
        let onlyRS256 = TestTokens.fixedOptions { $0.allowedAlgorithms = [.rs256] }
        let refused = try #require(throws: JWTError.self) { try hmac.verify(signed, options: onlyRS256) }
        #expect(refused.code == .algorithmNotAllowed)
        #expect(!refused.message.contains("Graph"), "\(refused.message)")
    }

    // MARK: Google, Firebase

    /// `https://www.googleapis.com/oauth2/v3/certs`: members in Google's order, two keys.
    static func googleJWKS() throws -> String {
        let key = try keys()
        let next = try #require(ProviderKeys.rotated)
        return """
            {"keys":[{"e":"\(key.e)","kty":"RSA","alg":"RS256","n":"\(key.n)","use":"sig","kid":"g-1"},\
            {"n":"\(next.n)","alg":"RS256","e":"\(next.e)","kid":"g-2","use":"sig","kty":"RSA"}]}
            """
    }

    struct GoogleIDClaims: Codable, Sendable {
        var iss: IssuerClaim
        var azp: String
        var aud: AudienceClaim
        var sub: SubjectClaim
        var email: String
        var email_verified: Bool
        var hd: String?
        var iat: IssuedAtClaim
        var exp: ExpirationClaim
    }

    @Test("Google: both documented issuer spellings verify when listed; rotated keys each verify")
    func google() throws {
        let client = "1234987819200.apps.googleusercontent.com"
        let (keys, skipped) = try Self.collection(Self.googleJWKS()) {
            $0.issuers = ["https://accounts.google.com", "accounts.google.com"]
            $0.audiences = [client]
        }
        #expect(skipped.isEmpty)
        for (kid, signer) in [("g-1", try Self.keys().key), ("g-2", try #require(ProviderKeys.rotated).key)] {
            for iss in ["https://accounts.google.com", "accounts.google.com"] {
                let payload = """
                    {"iss":"\(iss)","azp":"\(client)","aud":"\(client)","sub":"110169484474386276334",\
                    "hd":"example.com","email":"alice@example.com","email_verified":true,"at_hash":"HK6E_P6Dh8Y93mRNtsDB1Q",\
                    "nonce":"n-0S6_WzA2Mj","name":"Alice","picture":"https://lh3.googleusercontent.com/a/x",\
                    "given_name":"Alice","locale":"en","iat":\(Self.iat),"exp":\(Self.exp)}
                    """
                let token = Self.sign(#"{"alg":"RS256","kid":"\#(kid)","typ":"JWT"}"#, payload, signer)
                let verified = try keys.verify(token, as: GoogleIDClaims.self)
                #expect(verified.claims.email_verified)
                #expect(verified.keyID == kid)
            }
        }
        // Signed with g-2's key but naming g-1: bad signature, not a fallback to g-2.
        let swapped = Self.sign(
            #"{"alg":"RS256","kid":"g-1","typ":"JWT"}"#,
            #"{"iss":"accounts.google.com","aud":"\#(client)","sub":"1","exp":\#(Self.exp)}"#,
            try #require(ProviderKeys.rotated).key
        )
        #expect(throws: JWTError.badSignature) { try keys.verify(swapped) }
    }

    struct FirebaseClaims: Codable, Sendable {
        struct Firebase: Codable, Sendable {
            var identities: [String: [String]]
            var sign_in_provider: String
        }
        var iss: IssuerClaim
        var aud: AudienceClaim
        var auth_time: Int
        var user_id: String
        var sub: SubjectClaim
        var iat: IssuedAtClaim
        var exp: ExpirationClaim
        var email: String?
        var email_verified: Bool?
        var firebase: Firebase
    }

    @Test("Firebase: the x509 certificate map (kid -> PEM) imports through KeyImporter, kid by kid")
    func firebase() throws {
        let key = try Self.keys()
        // Google wraps the Base64 at 64 columns, as PEM does.
        var lines: [Substring] = []
        var rest = Substring(key.x5c)
        while !rest.isEmpty {
            lines.append(rest.prefix(64))
            rest = rest.dropFirst(64)
        }
        let pem = "-----BEGIN CERTIFICATE-----\n" + lines.joined(separator: "\n") + "\n-----END CERTIFICATE-----\n"
        // securetoken@system.gserviceaccount.com publishes {"kid": "PEM certificate", ...}.
        let map: [(String, String)] = [("fb-1", pem)]
        var keys = JWTKeyCollection(
            options: TestTokens.fixedOptions {
                $0.issuers = ["https://securetoken.google.com/shop-1234"]
                $0.audiences = ["shop-1234"]
            }
        )
        for (kid, certificate) in map {
            let imported = try KeyImporter.importKeys(from: Array(certificate.utf8))
            #expect(imported.format == .pem)
            try keys.add(imported.keys[0].key, keyID: kid, algorithms: [.rs256])
        }
        let payload = """
            {"iss":"https://securetoken.google.com/shop-1234","aud":"shop-1234","auth_time":\(Self.iat),\
            "user_id":"kXb0Zq","sub":"kXb0Zq","iat":\(Self.iat),"exp":\(Self.exp),"email":"alice@example.com",\
            "email_verified":false,"firebase":{"identities":{"email":["alice@example.com"]},"sign_in_provider":"password"}}
            """
        let token = Self.sign(#"{"alg":"RS256","kid":"fb-1","typ":"JWT"}"#, payload, key.key)
        let verified = try keys.verify(token, as: FirebaseClaims.self)
        #expect(verified.claims.firebase.sign_in_provider == "password")
        #expect(verified.claims.auth_time == Self.iat)
        // RS256 only, as Firebase documents: the same key signing PS256 is refused.
        let ps = Self.sign(#"{"alg":"PS256","kid":"fb-1","typ":"JWT"}"#, payload, key.key, .ps256)
        #expect(throws: JWTError.algorithmNotAllowed) { try keys.verify(ps) }
    }

    // MARK: Auth0

    @Test("Auth0: x5c key set; aud as [api, userinfo]; iss with its trailing slash; scope string")
    func auth0() throws {
        let key = try Self.keys()
        let jwks = """
            {"keys":[{"kty":"RSA","use":"sig","n":"\(key.n)","e":"\(key.e)","kid":"a0-1","x5t":"\(key.x5t)",\
            "x5c":["\(key.x5c)"],"alg":"RS256"}]}
            """
        let (keys, skipped) = try Self.collection(jwks) {
            $0.issuers = ["https://example.eu.auth0.com/"]
            $0.audiences = ["https://api.example.com"]
        }
        #expect(skipped.isEmpty)
        struct Auth0Claims: Codable, Sendable {
            var iss: IssuerClaim
            var sub: SubjectClaim
            var aud: AudienceClaim
            var iat: IssuedAtClaim
            var exp: ExpirationClaim
            var azp: String
            var scope: String
            var permissions: [String]?
        }
        let payload = """
            {"iss":"https://example.eu.auth0.com/","sub":"auth0|64f1c2","aud":["https://api.example.com",\
            "https://example.eu.auth0.com/userinfo"],"iat":\(Self.iat),"exp":\(Self.exp),"azp":"Vx9Kq2","scope":"openid profile read:orders",\
            "permissions":["read:orders"]}
            """
        let token = Self.sign(#"{"alg":"RS256","typ":"JWT","kid":"a0-1"}"#, payload, key.key)
        let verified = try keys.verify(token, as: Auth0Claims.self)
        #expect(verified.claims.scope.split(separator: " ").contains("read:orders"))
        #expect(verified.claims.aud.value.count == 2)
        // The issuer without its trailing slash is another issuer (compared byte for byte).
        let noSlash = Self.sign(
            #"{"alg":"RS256","typ":"JWT","kid":"a0-1"}"#,
            payload.replacingOccurrences(
                of: #""iss":"https://example.eu.auth0.com/""#,
                with: #""iss":"https://example.eu.auth0.com""#
            ),
            key.key
        )
        #expect(throws: JWTError.invalidIssuer) { try keys.verify(noSlash) }
    }

    // MARK: AWS Cognito

    @Test("Cognito: kids in standard Base64, no typ header; access token has client_id and no aud")
    func cognito() throws {
        let key = try Self.keys()
        let next = try #require(ProviderKeys.rotated)
        let kid1 = "1Xq8ZqS3+k0/Lm9Yt0+ZkRb2cQd7Wn9="
        let kid2 = "abcd1234/efgh5678+ijkl=="
        let jwks = """
            {"keys":[{"alg":"RS256","e":"\(key.e)","kid":"\(kid1)","kty":"RSA","n":"\(key.n)","use":"sig"},\
            {"alg":"RS256","e":"\(next.e)","kid":"\(kid2)","kty":"RSA","n":"\(next.n)","use":"sig"}]}
            """
        let pool = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123"
        let (keys, skipped) = try Self.collection(jwks) { $0.issuers = [pool] }
        #expect(skipped.isEmpty)
        struct CognitoAccessClaims: Codable, Sendable {
            var sub: SubjectClaim
            var iss: IssuerClaim
            var client_id: String
            var token_use: String
            var scope: String
            var auth_time: Int
            var exp: ExpirationClaim
            var iat: IssuedAtClaim
            var jti: IDClaim
            var username: String
            var groups: [String]?
            enum CodingKeys: String, CodingKey {
                case sub, iss, client_id, token_use, scope, auth_time, exp, iat, jti, username
                case groups = "cognito:groups"
            }
        }
        let access = """
            {"sub":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","cognito:groups":["admin"],"iss":"\(pool)",\
            "version":2,"client_id":"7d8fa1cq5s4d3s0o0p3example","origin_jti":"11111111","event_id":"22222222",\
            "token_use":"access","scope":"aws.cognito.signin.user.admin","auth_time":\(Self.iat),"exp":\(Self.exp),\
            "iat":\(Self.iat),"jti":"33333333","username":"alice"}
            """
        let token = Self.sign(#"{"kid":"\#(kid2)","alg":"RS256"}"#, access, next.key)
        let verified = try keys.verify(token, as: CognitoAccessClaims.self)
        #expect(verified.claims.token_use == "access")
        #expect(verified.claims.groups == ["admin"])
        #expect(verified.keyID == kid2)
        // A server that also requires an audience refuses the access token (it has none), by name.
        let strict = try Self.collection(jwks) {
            $0.issuers = [pool]
            $0.audiences = ["7d8fa1cq5s4d3s0o0p3example"]
        }.0
        let error = try #require(throws: JWTError.self) { try strict.verify(token) }
        #expect(error.code == .invalidAudience)
        #expect(error.message.contains("aud"), "\(error.message)")
        // ID token: aud is the client, email_verified a JSON bool, cognito:username.
        let id = """
            {"at_hash":"VqyJ3c","sub":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","email_verified":true,"iss":"\(pool)",\
            "cognito:username":"alice","aud":"7d8fa1cq5s4d3s0o0p3example","event_id":"22222222",\
            "token_use":"id","auth_time":\(Self.iat),"exp":\(Self.exp),"iat":\(Self.iat),"jti":"44444444",\
            "email":"alice@example.com"}
            """
        let idToken = Self.sign(#"{"kid":"\#(kid1)","alg":"RS256"}"#, id, key.key)
        #expect(try strict.verify(idToken).claims.audience == "7d8fa1cq5s4d3s0o0p3example")
    }

    // MARK: Okta

    @Test("Okta: custom authorization server access token (scp array, cid, numeric ver) verifies")
    func okta() throws {
        let key = try Self.keys()
        let jwks = """
            {"keys":[{"kty":"RSA","alg":"RS256","kid":"okta-1","use":"sig","e":"\(key.e)","n":"\(key.n)"}]}
            """
        let (keys, _) = try Self.collection(jwks) {
            $0.issuers = ["https://example.okta.com/oauth2/default"]
            $0.audiences = ["api://default"]
        }
        struct OktaAccessClaims: Codable, Sendable {
            var ver: Int
            var jti: IDClaim
            var iss: IssuerClaim
            var aud: AudienceClaim
            var iat: IssuedAtClaim
            var exp: ExpirationClaim
            var cid: String
            var uid: String
            var scp: [String]
            var auth_time: Int
            var sub: SubjectClaim
        }
        let payload = """
            {"ver":1,"jti":"AT.u2jZ6FYx3DXmB1_mY5n2aW9EsO","iss":"https://example.okta.com/oauth2/default",\
            "aud":"api://default","iat":\(Self.iat),"exp":\(Self.exp),"cid":"0oa1b2c3d4","uid":"00u1b2c3d4",\
            "scp":["openid","orders:read"],"auth_time":\(Self.iat),"sub":"alice@example.com"}
            """
        let token = Self.sign(#"{"kid":"okta-1","alg":"RS256"}"#, payload, key.key)
        let verified = try keys.verify(token, as: OktaAccessClaims.self)
        #expect(verified.claims.scp == ["openid", "orders:read"])
        #expect(verified.claims.ver == 1)
    }

    // MARK: Apple

    struct AppleIDClaims: Codable, Sendable {
        var iss: IssuerClaim
        var aud: AudienceClaim
        var exp: ExpirationClaim
        var iat: IssuedAtClaim
        var sub: SubjectClaim
        var email: String?
        var email_verified: BoolClaim?
        var is_private_email: BoolClaim?
        var auth_time: Int?
        var nonce_supported: Bool?
        var real_user_status: Int?
    }

    @Test("Apple: email_verified and is_private_email as strings or bools both decode")
    func apple() throws {
        let key = try Self.keys()
        let jwks = """
            {"keys":[{"kty":"RSA","kid":"W6WcOKB","use":"sig","alg":"RS256","n":"\(key.n)","e":"\(key.e)"}]}
            """
        let (keys, _) = try Self.collection(jwks) {
            $0.issuers = ["https://appleid.apple.com"]
            $0.audiences = ["com.example.shop"]
        }
        for (verified, privateEmail) in [(#""true""#, #""false""#), ("true", "true")] {
            let payload = """
                {"iss":"https://appleid.apple.com","aud":"com.example.shop","exp":\(Self.exp),"iat":\(Self.iat),\
                "sub":"001393.6d621dada3d04956b1d129fa982ba.1517","c_hash":"dZusyqBNIzmfd8Uv_cVKSw",\
                "email":"x@privaterelay.appleid.com","email_verified":\(verified),"is_private_email":\(privateEmail),\
                "auth_time":\(Self.iat),"nonce_supported":true,"real_user_status":2}
                """
            let token = Self.sign(#"{"kid":"W6WcOKB","alg":"RS256"}"#, payload, key.key)
            let claims = try keys.verify(token, as: AppleIDClaims.self).claims
            #expect(claims.email_verified?.value == true)
            #expect(claims.is_private_email?.value == (privateEmail.contains("true")))
        }
        // A plain Bool, as a user would first write it, refuses Apple's string by name and type.
        struct PlainBoolClaims: Codable, Sendable { var email_verified: Bool }
        let stringly = Self.sign(
            #"{"kid":"W6WcOKB","alg":"RS256"}"#,
            #"{"iss":"https://appleid.apple.com","aud":"com.example.shop","exp":\#(Self.exp),"email_verified":"true"}"#,
            key.key
        )
        let plain = try #require(throws: JWTError.self) { try keys.verify(stringly, as: PlainBoolClaims.self) }
        #expect(plain.code == .invalidClaim)
        #expect(plain.message.contains("email_verified") && plain.message.contains("Bool"), "\(plain.message)")
        // Anything else than true/false, as a bool or the string, is an invalid claim, by name.
        let odd = """
            {"iss":"https://appleid.apple.com","aud":"com.example.shop","exp":\(Self.exp),"iat":\(Self.iat),\
            "sub":"1","email_verified":"yes"}
            """
        let token = Self.sign(#"{"kid":"W6WcOKB","alg":"RS256"}"#, odd, key.key)
        let error = try #require(throws: JWTError.self) { try keys.verify(token, as: AppleIDClaims.self) }
        #expect(error.code == .invalidClaim)
        #expect(error.message.contains("email_verified"), "\(error.message)")
    }

    // MARK: RFC 9068 access tokens

    struct AccessTokenClaims: Codable, Sendable {
        var iss: IssuerClaim
        var exp: ExpirationClaim
        var aud: AudienceClaim
        var sub: SubjectClaim
        var client_id: String
        var iat: IssuedAtClaim
        var jti: IDClaim
        var scope: String?
    }

    static func rfc9068Payload() -> String {
        """
        {"iss":"https://as.example.com/","exp":\(exp),"aud":"https://rs.example.com/","sub":"5ba552d67",\
        "client_id":"s6BhdRkqt3","iat":\(iat),"jti":"dbe39bf3a3ba4238a513f51d6e1691c4","scope":"read write",\
        "auth_time":\(iat),"acr":"urn:mace:incommon:iap:silver"}
        """
    }

    @Test(
        "RFC 9068: at+jwt and application/at+jwt verify as access tokens; an ID token (typ JWT or none) is refused",
        arguments: ["at+jwt", "application/at+jwt", "AT+JWT"]
    )
    func accessTokenType(typ: String) throws {
        let key = try Self.keys()
        let jwks = #"{"keys":[{"kty":"RSA","kid":"as-1","use":"sig","alg":"RS256","n":"\#(key.n)","e":"\#(key.e)"}]}"#
        let (keys, _) = try Self.collection(jwks) {
            $0.issuers = ["https://as.example.com/"]
            $0.audiences = ["https://rs.example.com/"]
            $0.type = "at+jwt"
        }
        let token = Self.sign(#"{"typ":"\#(typ)","alg":"RS256","kid":"as-1"}"#, Self.rfc9068Payload(), key.key)
        let claims = try keys.verify(token, as: AccessTokenClaims.self).claims
        #expect(claims.scope?.split(separator: " ") == ["read", "write"])
        #expect(claims.client_id == "s6BhdRkqt3")
        // The same claims as an ID token: typ JWT, or no typ at all.
        for header in [#"{"typ":"JWT","alg":"RS256","kid":"as-1"}"#, #"{"alg":"RS256","kid":"as-1"}"#] {
            let idToken = Self.sign(header, Self.rfc9068Payload(), key.key)
            let error = try #require(throws: JWTError.self) { try keys.verify(idToken, as: AccessTokenClaims.self) }
            #expect(error.code == .invalidType)
            #expect(error.message.contains("at+jwt"), "\(error.message)")
        }
        // Not a media type of its own: "jwt" or a look-alike subtype is not "at+jwt".
        let lookalike = Self.sign(
            #"{"typ":"application/at+jwt+x","alg":"RS256","kid":"as-1"}"#,
            Self.rfc9068Payload(),
            key.key
        )
        #expect(throws: JWTError.invalidType) { try keys.verify(lookalike) }
    }

    // MARK: EC and EdDSA keys

    @Test(
        "EC/OKP keys: P-256/384/521 and Ed25519 verify; secp256k1, Ed448, X25519 and enc keys are skipped with reasons"
    )
    func ellipticKeys() throws {
        // Keycloak's and Okta's EC members: kid, kty, alg, use, crv, x, y. `alg: nil` leaves it out.
        func ec(
            _ kid: String,
            _ alg: String?,
            use: String = "sig",
            crv: String? = nil,
            _ key: ECDSA.PrivateKey
        )
            -> String
        {
            let point = CryptoKey(key.publicKey)
            let algMember = alg.map { #""alg":"\#($0)","# } ?? ""
            let curve = crv ?? ProviderKeys.member(point, "crv")
            return #"{"kid":"\#(kid)","kty":"EC",\#(algMember)"use":"\#(use)","crv":"\#(curve)","#
                + #""x":"\#(ProviderKeys.member(point, "x"))","y":"\#(ProviderKeys.member(point, "y"))"}"#
        }
        let ed = ProviderKeys.member(CryptoKey(TestKeys.ed25519.publicKey), "x")
        let members = [
            ec("ec-256", "ES256", TestKeys.p256),
            ec("ec-384", "ES384", TestKeys.p384),
            ec("ec-521", "ES512", TestKeys.p521),
            #"{"kid":"ed","kty":"OKP","alg":"EdDSA","use":"sig","crv":"Ed25519","x":"\#(ed)"}"#,
            // secp256k1 (ES256K, RFC 8812) with and without alg; coordinates are only placeholders.
            ec("k1", "ES256K", crv: "secp256k1", TestKeys.p256),
            ec("k1-noalg", nil, crv: "secp256k1", TestKeys.p256),
            #"{"kid":"ed448","kty":"OKP","use":"sig","crv":"Ed448","x":"\#(String(repeating: "A", count: 76))"}"#,
            #"{"kid":"x25519","kty":"OKP","use":"enc","crv":"X25519","x":"\#(ed)"}"#,
            ec("ecdh", "ECDH-ES+A128KW", use: "enc", TestKeys.p256),
        ]
        let jwks = #"{"keys":[\#(members.joined(separator: ","))]}"#
        let (keys, skipped) = try Self.collection(jwks)
        #expect(keys.keyIDs == ["ec-256", "ec-384", "ec-521", "ed"])
        #expect(skipped.map(\.keyID) == ["k1", "k1-noalg", "ed448", "x25519", "ecdh"])
        for entry in skipped {
            let name = entry.keyID ?? ""
            let expected: String =
                switch name {
                case "k1": #"alg "ES256K""#
                case "k1-noalg": "secp256k1"
                case "ed448": "Ed448"
                case "x25519": "X25519"
                default: #"alg "ECDH-ES+A128KW""#
                }
            #expect(entry.reason.contains(expected), "\(name): \(entry.reason)")
        }
        let payload = #"{"sub":"alice","exp":\#(Self.exp)}"#
        for (kid, alg) in [
            ("ec-256", SignatureAlgorithm.es256), ("ec-384", .es384), ("ec-521", .es512), ("ed", .eddsa),
        ] {
            let token = Self.sign(
                #"{"alg":"\#(alg.rawValue)","kid":"\#(kid)"}"#,
                payload,
                TestKeys.signingKey(for: alg),
                alg
            )
            #expect(try keys.verify(token).claims.subject == "alice", "\(kid)")
        }
    }

    @Test("Keycloak before 21: a P-521 coordinate without its leading zero octet is skipped, the set loads")
    func shortCoordinate() throws {
        // A P-521 coordinate is 66 octets whose first is 0x00 or 0x01: about every second key has a
        // zero there, which Keycloak's JWKS left out (x 65 octets long).
        var found: (x: String, y: String)?
        for _ in 0..<64 where found == nil {
            let key = CryptoKey(try ECDSA.PrivateKey(curve: .p521).publicKey)
            let x = try Base64URL.decode(ProviderKeys.member(key, "x"))
            if x[0] == 0 { found = (Base64URL.encode(x.dropFirst()), ProviderKeys.member(key, "y")) }
        }
        let (x, y) = try #require(found)
        let good = CryptoKey(TestKeys.p256.publicKey)
        let jwks = """
            {"keys":[{"kid":"short","kty":"EC","alg":"ES512","use":"sig","crv":"P-521","x":"\(x)","y":"\(y)"},\
            {"kid":"ok","kty":"EC","alg":"ES256","use":"sig","crv":"P-256","x":"\(ProviderKeys.member(good, "x"))","y":"\(ProviderKeys.member(good, "y"))"}]}
            """
        let (keys, skipped) = try Self.collection(jwks)
        #expect(keys.keyIDs == ["ok"])
        #expect(skipped.first?.reason.contains("66 bytes") == true, "\(skipped)")
    }

    // MARK: Rotation

    @Test(
        "Rotation: two RS256 keys verify their own tokens; an unknown kid is key_not_found; replaceKeys drops the old key"
    )
    func rotation() throws {
        let old = try Self.keys()
        let new = try #require(ProviderKeys.rotated)
        func member(_ key: ProviderKeys.Certified, _ kid: String) -> String {
            #"{"kty":"RSA","alg":"RS256","use":"sig","kid":"\#(kid)","n":"\#(key.n)","e":"\#(key.e)"}"#
        }
        var (keys, _) = try Self.collection(#"{"keys":[\#(member(old, "2025-01")),\#(member(new, "2025-07"))]}"#) {
            $0.issuers = ["https://idp.example.com"]
        }
        let payload = #"{"iss":"https://idp.example.com","sub":"alice","exp":\#(Self.exp)}"#
        let byOld = Self.sign(#"{"alg":"RS256","kid":"2025-01"}"#, payload, old.key)
        let byNew = Self.sign(#"{"alg":"RS256","kid":"2025-07"}"#, payload, new.key)
        #expect(try keys.verify(byOld).keyID == "2025-01")
        #expect(try keys.verify(byNew).keyID == "2025-07")
        let unknown = Self.sign(#"{"alg":"RS256","kid":"2026-01"}"#, payload, new.key)
        let error = try #require(throws: JWTError.self) { try keys.verify(unknown) }
        #expect(error.code == .keyNotFound)
        #expect(error.message.contains("2026-01"), "\(error.message)")
        // The provider drops the old key: after the refresh its tokens are unknown, options stay.
        try keys.replaceKeys(jwks: #"{"keys":[\#(member(new, "2025-07"))]}"#)
        #expect(throws: JWTError.keyNotFound) { try keys.verify(byOld) }
        #expect(try keys.verify(byNew).claims.issuer == "https://idp.example.com")
        let otherIssuer = Self.sign(
            #"{"alg":"RS256","kid":"2025-07"}"#,
            #"{"iss":"https://evil.example.com","exp":\#(Self.exp)}"#,
            new.key
        )
        #expect(throws: JWTError.invalidIssuer) { try keys.verify(otherIssuer) }
    }
}
