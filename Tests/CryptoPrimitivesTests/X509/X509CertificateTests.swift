import Base64URL
import CryptoPrimitives
import Foundation
import Testing
import VerifyKitTestSupport

@Suite("X509Certificate and X509TrustStore: strict parsing, chain validation")
struct X509CertificateTests {
    static let folder = PackagePaths.testVectors.appendingPathComponent("x5c")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("\(name).pem"), encoding: .utf8)
    }

    static func certificate(_ name: String) throws -> X509Certificate {
        try X509Certificate(pemRepresentation: try text(name))
    }

    @Test("a PEM certificate reads; its DER reads back to an equal certificate; facts agree with the fixture")
    func parse() throws {
        let leaf = try Self.certificate("leaf-ec")
        #expect(leaf.subject == "CN=leaf-ec,O=VerifyKit Test")
        #expect(try X509Certificate(derRepresentation: leaf.derRepresentation) == leaf)
        let short = try Self.certificate("leaf-short")
        #expect(short.notAfter - short.notBefore == 86_400, "made with -days 1")
        let root = try Self.certificate("root")
        #expect(root.notAfter - root.notBefore == 36_500 * 86_400, "made with -days 36500")
        #expect(leaf.notBefore > 1_750_000_000 && leaf.notBefore < root.notAfter)
        // The same key as the private key file beside it.
        let privateKey = try CryptoKey(pemRepresentation: try Self.text("leaf-ec.key"))
        #expect(try leaf.publicKey().publicKeyInfoDER == privateKey.publicKey?.publicKeyInfoDER)
    }

    @Test("validity dates read as seconds since 1970: UTCTime before and after 2000, and GeneralizedTime beyond 2050")
    func validityDates() throws {
        func apple(_ name: String) throws -> X509Certificate {
            try X509Certificate(
                pemRepresentation: String(
                    contentsOf: Self.folder.appendingPathComponent("apple/\(name).pem"),
                    encoding: .utf8
                )
            )
        }
        // The dates `openssl x509 -dates` prints for Apple's certificates, as POSIX seconds.
        let root = try apple("AppleRootCA-G3")
        #expect(root.notBefore == 1_398_881_946)  // 2014-04-30 18:19:06
        #expect(root.notAfter == 2_187_800_346)  // 2039-04-30 18:19:06
        let intermediate = try apple("AppleWWDRCA-G6")
        #expect(intermediate.notBefore == 1_616_013_430)  // 2021-03-17 20:37:10
        #expect(intermediate.notAfter == 2_089_497_600)  // 2036-03-19 00:00:00
        let leaf = try apple("ProdECCReceiptSigning-2021")
        #expect(leaf.notBefore == 1_629_859_834)  // 2021-08-25 02:50:34
        #expect(leaf.notAfter == 1_695_523_833)  // 2023-09-24 02:50:33
        // The fixture root runs a century from its making: its end is GeneralizedTime (after 2049).
        let fixture = try Self.certificate("root")
        #expect(fixture.notAfter > 4_102_444_800)  // 2100-01-01
    }

    @Test("extensions are found by dotted OID; malformed OID text is simply absent")
    func extensions() throws {
        let leaf = try Self.certificate("leaf-ec")
        #expect(leaf.hasExtension(oid: "1.2.3.4.5.6.1"))
        #expect(leaf.hasExtension(oid: "2.5.29.15"), "key usage")
        #expect(!leaf.hasExtension(oid: "1.2.3.4.5.6.2"))
        for text in [
            "", "1", "1.", ".1", "1..2", "1.2a", "keyUsage", " 2.5.29.15", String(repeating: "1.", count: 200) + "1",
        ] {
            #expect(!leaf.hasExtension(oid: text), "\(text)")
        }
    }

    @Test("key usage: digitalSignature asserted, absent, or left out")
    func keyUsage() throws {
        #expect(try Self.certificate("leaf-ec").permitsDigitalSignature)
        #expect(try !Self.certificate("leaf-keyagree").permitsDigitalSignature)
        #expect(try !Self.certificate("root").permitsDigitalSignature, "keyCertSign and cRLSign only")
    }

    @Test("not one strict DER certificate: empty, truncated, trailing bytes, BER length, a key, too large")
    func strictDER() throws {
        let der = try Self.certificate("leaf-ec").derRepresentation
        #expect(throws: CryptoError.invalidCertificate) { try X509Certificate(derRepresentation: []) }
        #expect(throws: CryptoError.invalidCertificate) { try X509Certificate(derRepresentation: der.dropLast()) }
        let trailing = #expect(throws: CryptoError.invalidCertificate) {
            try X509Certificate(derRepresentation: der + [0x0A])
        }
        #expect(trailing?.reason == "1 trailing byte after the certificate", "\(trailing?.reason ?? "")")
        // The outer SEQUENCE's length re-encoded in a longer (BER, not DER) form.
        #expect(der[0] == 0x30 && der[1] == 0x82)
        let ber = [0x30, 0x83, 0x00] + der[2...]
        #expect(throws: CryptoError.invalidCertificate) { try X509Certificate(derRepresentation: ber) }
        let key = try CryptoKey(pemRepresentation: try Self.text("leaf-ec.key")).publicKey!.publicKeyInfoDER!
        #expect(throws: CryptoError.invalidCertificate) { try X509Certificate(derRepresentation: key) }
        let huge = [UInt8](repeating: 0, count: X509Certificate.maxDERBytes + 1)
        let error = #expect(throws: CryptoError.invalidCertificate) { try X509Certificate(derRepresentation: huge) }
        #expect(error?.reason.contains("at most 65536") == true)
    }

    @Test("PEM: exactly one CERTIFICATE block; a bundle reads all, refusing any other label")
    func pem() throws {
        let root = try Self.text("root")
        let intermediate = try Self.text("intermediate")
        #expect(throws: CryptoError.invalidCertificate) { try X509Certificate(pemRepresentation: root + intermediate) }
        #expect(throws: CryptoError.invalidCertificate) { try X509Certificate(pemRepresentation: "") }
        #expect(
            try X509Certificate.certificates(pemBundle: root + intermediate).map(\.subject) == [
                "CN=VerifyKit Test Root,O=VerifyKit Test", "CN=VerifyKit Test Intermediate,O=VerifyKit Test",
            ]
        )
        let withKey = root + (try Self.text("leaf-ec.key"))
        let error = #expect(throws: CryptoError.invalidCertificate) {
            try X509Certificate.certificates(pemBundle: withKey)
        }
        #expect(error?.reason.contains("PEM block 1") == true)
    }

    @Test("a trust store needs a certificate; it returns the validated path, ending at the anchor")
    func trustStore() throws {
        #expect(throws: CryptoError.untrustedCertificate) { try X509TrustStore(trusting: []) }
        let store = try X509TrustStore(pemBundle: try Self.text("root"))
        let leaf = try Self.certificate("leaf-ec")
        let intermediate = try Self.certificate("intermediate")
        let root = try Self.certificate("root")
        let time = leaf.notBefore + 60
        #expect(try store.validate([leaf, intermediate], at: time) == [leaf, intermediate, root])
        #expect(try store.validate([leaf, intermediate, root], at: time) == [leaf, intermediate, root])
        #expect(throws: CryptoError.untrustedCertificate) { try store.validate([], at: time) }
        #expect(throws: CryptoError.untrustedCertificate) { try store.validate([leaf], at: time) }
        #expect(throws: CryptoError.untrustedCertificate) {
            try store.validate([leaf, intermediate], at: root.notAfter + 1)
        }
        let long = [leaf] + Array(repeating: intermediate, count: X509TrustStore.maxChainLength)
        let error = #expect(throws: CryptoError.untrustedCertificate) { try store.validate(long, at: time) }
        #expect(error?.reason.contains("at most 10") == true)
    }
}
