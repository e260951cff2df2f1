import Base64URL
import CryptoPrimitives
import Foundation
import JSONWebToken
import Testing

/// A certificate whose key is an EC key over explicit parameters (a 661-bit prime field with
/// p - 1 divisible by 2^640, compressed generator and point) made OpenSSL 3.0 run two
/// Tonelli–Shanks square roots of O(640²) modular squarings inside `d2i_X509`, about 160 ms per
/// certificate and 1.6 s for an unsigned token of ten copies. RFC 5480 §2.1.1 allows only named
/// curves, so such certificates are refused from their framing, before OpenSSL reads them; the
/// message, which only that early check gives, shows where. Fixture:
/// `TestVectors/x5c-explicit-curve`, made by `scripts/make-x5c-explicit-curve-cert.py`.
@Suite("Certificates with explicit EC curve parameters are refused before OpenSSL parses them")
struct X5CExplicitCurveTests {
    static let files = X5CFixtureFolder("x5c-explicit-curve")
    static let message = "explicit curve parameters, not a named curve"

    static var der: [UInt8] {
        try! PEMDocument.parseAll(Array(files.text("explicit-curve").utf8))[0].derBytes
    }

    @Test("X509Certificate refuses it as invalid_certificate")
    func certificate() {
        let error = #expect(throws: CryptoError.invalidCertificate) {
            try X509Certificate(derRepresentation: Self.der)
        }
        #expect(error?.reason.contains(Self.message) == true, "\(error?.reason ?? "")")
    }

    @Test("an x5c of ten such certificates is refused at the first one")
    func token() throws {
        let entry = "\"\(Base64.encode(Self.der))\""
        let x5c = "[" + Array(repeating: entry, count: 10).joined(separator: ",") + "]"
        let token = X5CFixtures.files.token(x5c: x5c, signer: "leaf-ec")
        let verifier = X5CVerifier(
            trustStore: try X509TrustStore(trusting: [X5CFixtures.root]),
            requiredLeafExtensions: [],
            options: JWTValidationOptions(clock: .fixed(X5CFixtures.now))
        )
        let error = #expect(throws: JWTError.invalidCertificateChain) {
            try verifier.verify(token, as: X5CSubjectClaims.self)
        }
        #expect(error?.message.hasPrefix("x5c[0]:") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(Self.message) == true)
    }

    @Test("a JWK whose x5c[0] is such a certificate, and a certificate file, are unsupported_key")
    func keyReaders() throws {
        let jwk =
            #"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","#
            + #""y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","x5c":[""# + Base64.encode(Self.der) + #""]}"#
        let jwkError = #expect(throws: CryptoError.self) { try JWK(json: Array(jwk.utf8)) }
        #expect(jwkError?.reason.contains(Self.message) == true, "\(jwkError?.reason ?? "")")
        let fileError = #expect(throws: CryptoError.unsupportedKey) { try CryptoKey(derRepresentation: Self.der) }
        #expect(fileError?.reason.contains(Self.message) == true, "\(fileError?.reason ?? "")")
    }
}
