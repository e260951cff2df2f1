import CryptoPrimitives
import Foundation
import Testing
import VerifyKitTestSupport

/// The typed PEM readers (`RSA.PublicKey(pemRepresentation:)`, …) read through `CryptoKey`'s PEM
/// path, so they share its label rules, and then take their own family and visibility only, with
/// the same codes as the typed DER readers: the other visibility `invalid_key`, another family
/// `unsupported_key`. Unlike DER, a `CERTIFICATE` block gives its public key.
@Suite(
    "Typed PEM readers take their own key type only",
    .enabled(if: OpenSSLTool.isAvailable, Comment(rawValue: OpenSSLTool.missingReason))
)
struct TypedKeyPEMTests {
    @Test("every PEM form of every family, through every typed reader", arguments: TypedKeyReader.all)
    func everyFormThroughEveryReader(reader: TypedKeyReader) throws {
        var accepted: [String] = []
        for fixture in try TypedKeyFixture.all.get() {
            for form in fixture.forms where form.isPEM {
                let context = Comment(rawValue: "\(reader) ← \(fixture.family.rawValue) \(form)")
                guard let code = reader.refusal(of: form, from: fixture.family) else {
                    #expect(try reader.pem(form.text) == fixture.publicKeyInfo, context)
                    accepted.append(form.file)
                    continue
                }
                let error = #expect(throws: CryptoError.self, context) { try reader.pem(form.text) }
                #expect(error?.code == code, context)
                let reason = error?.reason ?? ""
                #expect(reason.hasPrefix(reader.expectedPhrase), "\(context): \(reason)")
                for line in form.text.split(separator: "\n") where !line.hasPrefix("-----") {
                    #expect(!reason.contains(line.prefix(12)), "\(context): key material in \(reason)")
                }
            }
        }
        let expected: [String] =
            switch (reader.family, reader.isPrivate) {
            case (.rsa, false): ["cert.pem", "pkcs1pub.pem", "pub.pem"]
            case (.rsa, true): ["key.pem", "pkcs1.pem"]
            case (.ec, true): ["key.pem", "sec1-params.pem", "sec1.pem"]
            case (.ed25519, true): ["key.pem"]
            case (.ec, false), (.ed25519, false): ["cert.pem", "pub.pem"]
            }
        #expect(accepted.sorted() == expected)
    }

    @Test("a reason names both types and, for a private key, says how to get its public key")
    func reasons() throws {
        let ec = try TypedKeyFixture.fixture(.ec)
        let rsa = try TypedKeyFixture.fixture(.rsa)
        let wrongType = #expect(throws: CryptoError.self) {
            try RSA.PublicKey(pemRepresentation: ec.form("pub.pem").text)
        }
        #expect(wrongType?.code == .unsupportedKey)
        #expect(wrongType?.reason == "expected an RSA public key, found a P-256 public key")
        let wrongVisibility = #expect(throws: CryptoError.self) {
            try RSA.PublicKey(pemRepresentation: rsa.form("pkcs1.pem").text)
        }
        #expect(wrongVisibility?.code == .invalidKey)
        #expect(
            wrongVisibility?.reason
                == "expected an RSA public key, found an RSA private key; public-key readers do not take"
                + " private keys: read it as a private key and use its publicKey"
        )
        let publicForPrivate = #expect(throws: CryptoError.self) {
            try Ed25519.PrivateKey(pemRepresentation: rsa.form("cert.pem").text)
        }
        #expect(publicForPrivate?.code == .invalidKey)
        #expect(publicForPrivate?.reason == "expected an Ed25519 private key, found an RSA public key")
    }

    @Test(
        "no key, two keys, malformed armour or DER, encrypted keys and other labels",
        arguments: TypedKeyReader.all
    )
    func unusableInput(reader: TypedKeyReader) throws {
        let fixture = try TypedKeyFixture.fixture(reader.family)
        let own = fixture.form(reader.isPrivate ? "key.pem" : "pub.pem").text
        let label = reader.isPrivate ? "PRIVATE KEY" : "PUBLIC KEY"
        let encrypted = String(
            decoding: try OpenSSLTool.succeed(
                ["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-passout", "pass:typed"],
                stdin: Data(fixture.form("key.pem").bytes)
            ),
            as: UTF8.self
        )
        #expect(encrypted.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        let parameters = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
        let notAKey = PEMDocument(label: label, derBytes: [0x30, 0x03, 0x02, 0x01, 0x01]).pemRepresentation
        let der = fixture.form(reader.isPrivate ? "key.der" : "pub.der").bytes
        let legacyEncrypted =
            "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00\n\nAAAA\n"
            + "-----END RSA PRIVATE KEY-----\n"
        let crl = PEMDocument(label: "X509 CRL", derBytes: [0x30, 0x00]).pemRepresentation
        let cases: [(String, String, CryptoError.Code)] = [
            ("empty", "", .invalidKey),
            ("text without a block", "not a key\n", .invalidKey),
            ("EC PARAMETERS alone", parameters, .invalidKey),
            ("the key twice", own + own, .invalidKey),
            ("the key and its certificate", own + fixture.form("cert.pem").text, .invalidKey),
            ("no END line", own.replacingOccurrences(of: "-----END \(label)-----\n", with: ""), .invalidKey),
            ("one line", own.replacingOccurrences(of: "\n", with: ""), .invalidKey),
            ("body not Base64", "-----BEGIN \(label)-----\n!!!!\n-----END \(label)-----\n", .invalidKey),
            ("DER that is no key", notAKey, .invalidKey),
            ("DER input", String(decoding: der, as: UTF8.self), .invalidKey),
            ("encrypted PKCS#8", encrypted, .unsupportedKey),
            ("legacy encrypted PEM", legacyEncrypted, .unsupportedKey),
            ("a label that holds no key", crl, .unsupportedKey),
        ]
        for (what, text, code) in cases {
            let error = #expect(throws: CryptoError.self, "\(reader): \(what)") { try reader.pem(text) }
            #expect(error?.code == code, "\(reader): \(what): \(String(describing: error))")
        }
    }

    @Test("PKCS#8 under a traditional private-key label is refused by the typed readers too")
    func pkcs8UnderTraditionalLabel() throws {
        for (family, label) in [(TypedKeyFixture.Family.rsa, "RSA PRIVATE KEY"), (.ec, "EC PRIVATE KEY")] {
            let fixture = try TypedKeyFixture.fixture(family)
            let pem = PEMDocument(label: label, derBytes: fixture.form("key.der").bytes).pemRepresentation
            for reader in TypedKeyReader.all where reader.family == family && reader.isPrivate {
                #expect(throws: CryptoError.invalidKey, "\(label)") { try reader.pem(pem) }
            }
        }
    }

    @Test("pemRepresentation is the PUBLIC KEY PEM openssl writes, whichever form the key was read from")
    func publicKeyPEM() throws {
        for fixture in try TypedKeyFixture.all.get() {
            let expected = fixture.form("pub.pem").text
            let context = Comment(rawValue: fixture.family.rawValue)
            var written: [String] = []
            for form in fixture.forms where form.isPEM {
                switch (fixture.family, form.isPrivate) {
                case (.rsa, false): written.append(try RSA.PublicKey(pemRepresentation: form.text).pemRepresentation)
                case (.rsa, true):
                    written.append(try RSA.PrivateKey(pemRepresentation: form.text).publicKey.pemRepresentation)
                case (.ec, false): written.append(try ECDSA.PublicKey(pemRepresentation: form.text).pemRepresentation)
                case (.ec, true):
                    written.append(try ECDSA.PrivateKey(pemRepresentation: form.text).publicKey.pemRepresentation)
                case (.ed25519, false):
                    written.append(try Ed25519.PublicKey(pemRepresentation: form.text).pemRepresentation)
                case (.ed25519, true):
                    written.append(try Ed25519.PrivateKey(pemRepresentation: form.text).publicKey.pemRepresentation)
                }
            }
            #expect(written.count == fixture.forms.filter(\.isPEM).count, context)
            #expect(written.allSatisfy { $0 == expected }, context)
            #expect(try CryptoKey(pemRepresentation: expected).publicKeyPEM == expected, context)
        }
    }
}
