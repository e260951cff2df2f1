import CryptoPrimitives
import Testing
import VerifyKitTestSupport

/// Each typed DER reader takes its own family's structures (SPKI or PKCS#8, and the family's
/// traditional one) and refuses everything else by structure, before any parser could read it as
/// the wrong type: the other visibility and certificates `invalid_key`, other families
/// `unsupported_key`, with a reason that says what was expected.
@Suite(
    "Typed DER readers take their own key type only",
    .enabled(if: OpenSSLTool.isAvailable, Comment(rawValue: OpenSSLTool.missingReason))
)
struct TypedKeyDERTests {
    @Test("every DER form of every family, through every typed reader", arguments: TypedKeyReader.all)
    func everyFormThroughEveryReader(reader: TypedKeyReader) throws {
        var accepted = 0
        for fixture in try TypedKeyFixture.all.get() {
            for form in fixture.forms where !form.isPEM {
                let context = Comment(rawValue: "\(reader) ← \(fixture.family.rawValue) \(form)")
                guard let code = reader.refusal(of: form, from: fixture.family) else {
                    #expect(try reader.der(form.bytes) == fixture.publicKeyInfo, context)
                    accepted += 1
                    continue
                }
                let error = #expect(throws: CryptoError.self, context) { try reader.der(form.bytes) }
                #expect(error?.code == code, context)
                let reason = error?.reason ?? ""
                #expect(reason.hasPrefix(reader.expectedPhrase), "\(context): \(reason)")
            }
        }
        // RSA readers take SPKI/PKCS#8 and PKCS#1, EC private SEC1 too; the rest their one structure.
        let expected = reader.family == .rsa || (reader.family == .ec && reader.isPrivate) ? 2 : 1
        #expect(accepted == expected)
    }

    @Test("a private key refused by a public-key reader says how to get its public key")
    func privateKeyGivenToPublicReader() throws {
        let fixture = try TypedKeyFixture.fixture(.ec)
        let error = #expect(throws: CryptoError.self) {
            try ECDSA.PublicKey(derRepresentation: fixture.form("sec1.der").bytes)
        }
        #expect(error?.code == .invalidKey)
        #expect(
            error?.reason
                == "expected an EC public key, found a P-256 private key (SEC1); public-key readers do not take"
                + " private keys: read it as a private key and use its publicKey"
        )
    }
}
