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
            certificateSHA256: Base64URL.encode(SHA2.hash(Array(certificate), digest: .sha256))
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
                "x5t": .string(Base64URL.encode([UInt8](repeating: 7, count: 20))),
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
        ]
        for (what, members) in cases {
            #expect(throws: CryptoError.invalidKey, "\(what)") { try Self.parse(fixture.jwk, adding: members) }
        }
    }
}
