import Base64URL
import CryptoPrimitives
import Foundation
import StrictJSON
import Testing
import VerifyKitTestSupport

/// RFC 7517 §4.6–4.9: a JWK's X.509 members have fixed types, and "the key in the first
/// certificate MUST match the public key represented by other members of the JWK". A JWK whose
/// `x5c` names another key says two different things about which key it is.
@Suite("JWK X.509 members", .enabled(if: OpenSSLTool.isAvailable, "openssl CLI not installed"))
struct JWKCertificateMemberTests {
    /// A P-256 key as a public JWK, with the Base64 DER of a self-signed certificate for it and of one
    /// for another key.
    struct Fixture {
        let jwk: JSONObject
        let certificate: String
        let otherCertificate: String
        let certificateSHA256: String
        /// `x5t` of `certificate` and `otherCertificate`, by the `openssl` tool.
        let certificateSHA1: String
        let otherCertificateSHA1: String
    }

    /// Base64url SHA-1 of `bytes` by the `openssl` tool, not the library's own.
    static func sha1(_ bytes: Data) throws -> String {
        let hex = try OpenSSLTool.succeed(["dgst", "-sha1", "-r"], stdin: bytes)
        let digits = Array(String(decoding: hex, as: UTF8.self).prefix(40).utf8)
        let digest = stride(from: 0, to: digits.count, by: 2).compactMap {
            UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)
        }
        try #require(digest.count == 20)
        return Base64URL.encode(digest)
    }

    static func fixture() throws -> Fixture {
        let dir = try TemporaryDirectory.make(prefix: "verifykit-x5c")
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["key", "other"] {
            try OpenSSLTool.selfSignedP256(named: name, subject: "/CN=verifykit-x5c", in: dir)
        }
        let keyPEM = try String(contentsOf: dir.appendingPathComponent("key.pem"), encoding: .utf8)
        let key = try CryptoKey(pemRepresentation: keyPEM).publicKey!
        let certificate = try Data(contentsOf: dir.appendingPathComponent("key.der"))
        let other = try Data(contentsOf: dir.appendingPathComponent("other.der"))
        return Fixture(
            jwk: JWK(key: key, keyID: "k1").publicJSON,
            certificate: certificate.base64EncodedString(),
            otherCertificate: other.base64EncodedString(),
            certificateSHA256: Base64URL.encode(SHA2.hash(Array(certificate), digest: .sha256)),
            certificateSHA1: try sha1(certificate),
            otherCertificateSHA1: try sha1(other)
        )
    }

    static func parse(_ object: JSONObject, adding members: [String: JSONValue]) throws -> JWK {
        var object = object
        for (name, value) in members.sorted(by: { $0.key < $1.key }) { object.set(name, value) }
        return try JWK(json: Array(JSONValue.object(object).serialized()))
    }

    @Test("a certificate chain whose first certificate holds the key is read")
    func matchingCertificate() throws {
        let fixture = try Self.fixture()
        let jwk = try Self.parse(
            fixture.jwk,
            adding: [
                "x5c": .array([.string(fixture.certificate), .string(fixture.otherCertificate)]),
                "x5t#S256": .string(fixture.certificateSHA256),
                "x5t": .string(fixture.certificateSHA1),
                "x5u": .string("https://example.com/chain.pem"),
            ]
        )
        #expect(jwk.keyID == "k1")
    }

    @Test("a first certificate for another key is invalid_key")
    func mismatchedCertificate() throws {
        let fixture = try Self.fixture()
        let error = #expect(throws: CryptoError.self) {
            try Self.parse(fixture.jwk, adding: ["x5c": .array([.string(fixture.otherCertificate)])])
        }
        #expect(error?.code == .invalidKey)
        #expect(error?.reason == "the key in JWK x5c[0] is not the JWK's key (RFC 7517 §4.7)")
        // An HMAC secret has no certificate at all.
        let secret = JWK(key: CryptoKey(HMACKey(randomByteCount: 32))).privateJSON
        #expect(throws: CryptoError.invalidKey) {
            try Self.parse(secret, adding: ["x5c": .array([.string(fixture.certificate)])])
        }
    }

    @Test("X.509 members of the wrong type or encoding are invalid_key")
    func wrongTypes() throws {
        let fixture = try Self.fixture()
        let urlAlphabet = fixture.certificate.replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let cases: [(String, [String: JSONValue])] = [
            ("x5c a string", ["x5c": .string(fixture.certificate)]),
            ("x5c empty", ["x5c": .array([])]),
            ("x5c of numbers", ["x5c": .array([1])]),
            ("x5c in base64url", ["x5c": .array([.string(urlAlphabet)])]),
            ("x5c not a certificate", ["x5c": .array([.string("AAAA")])]),
            ("x5c second entry not base64", ["x5c": .array([.string(fixture.certificate), .string("*")])]),
            ("x5u a number", ["x5u": 1]),
            ("x5t of 19 bytes", ["x5t": .string(Base64URL.encode([UInt8](repeating: 7, count: 19)))]),
            ("x5t#S256 padded", ["x5t#S256": .string(fixture.certificateSHA256 + "=")]),
            (
                "x5t#S256 of another certificate",
                [
                    "x5c": .array([.string(fixture.certificate)]),
                    "x5t#S256": .string(Base64URL.encode([UInt8](repeating: 7, count: 32))),
                ]
            ),
            (
                "x5t of another certificate",
                ["x5c": .array([.string(fixture.certificate)]), "x5t": .string(fixture.otherCertificateSHA1)]
            ),
        ]
        for (what, members) in cases {
            #expect(throws: CryptoError.invalidKey, "\(what)") { try Self.parse(fixture.jwk, adding: members) }
        }
    }

    @Test("x5t is compared with x5c[0] as x5t#S256 is: another certificate's is invalid_key, same reason")
    func sha1Thumbprint() throws {
        let fixture = try Self.fixture()
        let chain: JSONValue = .array([.string(fixture.certificate), .string(fixture.otherCertificate)])
        let jwk = try Self.parse(fixture.jwk, adding: ["x5c": chain, "x5t": .string(fixture.certificateSHA1)])
        #expect(jwk.keyID == "k1")
        // The thumbprint of the chain's second certificate does not name the first.
        let sha1Error = #expect(throws: CryptoError.self) {
            try Self.parse(fixture.jwk, adding: ["x5c": chain, "x5t": .string(fixture.otherCertificateSHA1)])
        }
        #expect(sha1Error?.code == .invalidKey)
        #expect(sha1Error?.reason == "JWK \"x5t\" is not the thumbprint of x5c[0]")
        let otherDER = try #require(Data(base64Encoded: fixture.otherCertificate))
        let otherSHA256 = Base64URL.encode(SHA2.hash(Array(otherDER), digest: .sha256))
        let sha256Error = #expect(throws: CryptoError.self) {
            try Self.parse(fixture.jwk, adding: ["x5c": chain, "x5t#S256": .string(otherSHA256)])
        }
        #expect(sha256Error?.code == sha1Error?.code)
        #expect(sha256Error?.reason == "JWK \"x5t#S256\" is not the thumbprint of x5c[0]")
        // Both right is accepted; one of them wrong is not.
        _ = try Self.parse(
            fixture.jwk,
            adding: [
                "x5c": chain, "x5t": .string(fixture.certificateSHA1), "x5t#S256": .string(fixture.certificateSHA256),
            ]
        )
        #expect(throws: CryptoError.invalidKey) {
            try Self.parse(
                fixture.jwk,
                adding: [
                    "x5c": chain, "x5t": .string(fixture.otherCertificateSHA1),
                    "x5t#S256": .string(fixture.certificateSHA256),
                ]
            )
        }
    }

    @Test("without x5c there is nothing to compare x5t with: a thumbprint of the right length is accepted")
    func thumbprintWithoutChain() throws {
        let fixture = try Self.fixture()
        let jwk = try Self.parse(
            fixture.jwk,
            adding: ["x5t": .string(fixture.otherCertificateSHA1), "x5t#S256": .string(fixture.certificateSHA256)]
        )
        #expect(jwk.keyID == "k1")
    }

    /// RFC 7517 Appendix B: an RSA key with the certificate that holds it. The RFC gives no
    /// thumbprints; these are the `openssl` tool's (`openssl x509 -fingerprint -sha1` prints
    /// E2:93:5E:9C:40:4B:BF:42:69:2C:87:6E:81:6C:50:90:EB:19:70:AD).
    static let rfc7517AppendixB = #"""
        {"kty":"RSA","use":"sig","kid":"1b94c",
         "n":"vrjOfz9Ccdgx5nQudyhdoR17V-IubWMeOZCwX_jj0hgAsz2J_pqYW08PLbK_PdiVGKPrqzmDIsLI7sA25VEnHU1uCLNwBuUiCO11_-7dYbsr4iJmG0Qu2j8DsVyT1azpJC_NG84Ty5KKthuCaPod7iI7w0LK9orSMhBEwwZDCxTWq4aYWAchc8t-emd9qOvWtVMDC2BXksRngh6X5bUYLy6AyHKvj-nUy1wgzjYQDwHMTplCoLtU-o-8SNnZ1tmRoGE9uJkBLdh5gFENabWnU5m1ZqZPdwS-qo-meMvVfJb6jJVWRpl2SUtCnYG2C32qvbWbjZ_jBPD5eunqsIo1vQ",
         "e":"AQAB",
         "x5c":["MIIDQjCCAiqgAwIBAgIGATz/FuLiMA0GCSqGSIb3DQEBBQUAMGIxCzAJBgNVBAYTAlVTMQswCQYDVQQIEwJDTzEPMA0GA1UEBxMGRGVudmVyMRwwGgYDVQQKExNQaW5nIElkZW50aXR5IENvcnAuMRcwFQYDVQQDEw5CcmlhbiBDYW1wYmVsbDAeFw0xMzAyMjEyMzI5MTVaFw0xODA4MTQyMjI5MTVaMGIxCzAJBgNVBAYTAlVTMQswCQYDVQQIEwJDTzEPMA0GA1UEBxMGRGVudmVyMRwwGgYDVQQKExNQaW5nIElkZW50aXR5IENvcnAuMRcwFQYDVQQDEw5CcmlhbiBDYW1wYmVsbDCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAL64zn8/QnHYMeZ0LncoXaEde1fiLm1jHjmQsF/449IYALM9if6amFtPDy2yvz3YlRij66s5gyLCyO7ANuVRJx1NbgizcAblIgjtdf/u3WG7K+IiZhtELto/A7Fck9Ws6SQvzRvOE8uSirYbgmj6He4iO8NCyvaK0jIQRMMGQwsU1quGmFgHIXPLfnpnfajr1rVTAwtgV5LEZ4Iel+W1GC8ugMhyr4/p1MtcIM42EA8BzE6ZQqC7VPqPvEjZ2dbZkaBhPbiZAS3YeYBRDWm1p1OZtWamT3cEvqqPpnjL1XyW+oyVVkaZdklLQp2Btgt9qr21m42f4wTw+Xrp6rCKNb0CAwEAATANBgkqhkiG9w0BAQUFAAOCAQEAh8zGlfSlcI0o3rYDPBB07aXNswb4ECNIKG0CETTUxmXl9KUL+9gGlqCz5iWLOgWsnrcKcY0vXPG9J1r9AqBNTqNgHq2G03X09266X5CpOe1zFo+Owb1zxtp3PehFdfQJ610CDLEaS9V9Rqp17hCyybEpOGVwe8fnk+fbEL2Bo3UPGrpsHzUoaGpDftmWssZkhpBJKVMJyf/RuP2SmmaIzmnw9JiSlYhzo4tpzd5rFXhjRbg4zW9C+2qok+2+qDM1iJ684gPHMIY8aLWrdgQTxkumGmTqgawR+N5MDtdPTEQ0XfIBc2cJEUyMTY5MPvACWpkA6SdS4xSvdXK3IVfOWA=="]}
        """#

    @Test("RFC 7517 Appendix B's key: read as given, with its certificate's x5t and x5t#S256, not with a changed x5t")
    func rfc7517AppendixB() throws {
        let object = try #require(try JSONParser().parse(Self.rfc7517AppendixB).objectValue)
        #expect(try Self.parse(object, adding: [:]).keyID == "1b94c")
        let thumbprints: [String: JSONValue] = [
            "x5t": "4pNenEBLv0JpLIdugWxQkOsZcK0", "x5t#S256": "pJm2BBpkB8y7tCqrWM0X37WOmQTO8zQw-VpxVgBb21I",
        ]
        #expect(try Self.parse(object, adding: thumbprints).keyID == "1b94c")
        // The last character's low bits are padding: change the third instead.
        #expect(throws: CryptoError.invalidKey) {
            try Self.parse(object, adding: ["x5t": "4pMenEBLv0JpLIdugWxQkOsZcK0"])
        }
    }
}
