import Base64URL
import CryptoPrimitives
import Foundation
import JSONWebToken
import Testing
import VerifyKitTestSupport

/// Edge cases of the chain cache, the leaf and intermediate rules and the certificate reader:
/// text that only Unicode equivalence makes equal, huge and long extended key usages, key
/// rollover intermediates, CA:TRUE leaves, and certificates after the trusted one. Fixtures:
/// `TestVectors/x5c-edge`, made by `scripts/make-x5c-edge-fixtures.sh`.
@Suite("X5CVerifier: cache keys, huge and long EKUs, rollover intermediates, certificates after the anchor")
struct X5CEdgeCaseTests: X5CFixtureSuite {
    typealias F = X5CFixtures
    typealias Claims = X5CSubjectClaims
    static let files = X5CFixtureFolder("x5c-edge")

    static let now = Double(certificate("v-si-leaf").notBefore + 3_600)

    static func verifier(_ configure: (inout X5CVerifier) -> Void = { _ in }) -> X5CVerifier {
        var verifier = X5CVerifier(
            trustStore: try! X509TrustStore(trusting: [certificate("v-root")]),
            requiredLeafExtensions: ["1.2.3.4.5.6.1"],
            options: JWTValidationOptions(clock: .fixed(now))
        )
        configure(&verifier)
        return verifier
    }

    // MARK: - Chain cache

    /// Swift `String` equality is Unicode canonical equivalence: U+212A KELVIN SIGN equals "K".
    /// An x5c with a Kelvin sign where the kept chain has a "K" is not Base64; the cache, keyed by
    /// bytes, does not take it for the kept chain, and it is refused as a full validation would.
    @Test("a text equal to a kept chain only under Unicode equivalence (Kelvin sign for K) is no cache hit")
    func cacheKeyIsBytes() throws {
        let names = ["leaf-ec", "intermediate"]
        let texts = names.map { Base64.encode(F.certificate($0).derRepresentation) }
        let index = try #require(texts[0].firstIndex(of: "K"))
        var bent = texts[0]
        bent.replaceSubrange(index...index, with: "\u{212A}")
        #expect(bent == texts[0])  // Swift says equal
        #expect(Array(bent.utf8) != Array(texts[0].utf8))  // the bytes differ
        let bentX5C = #"[""# + bent + #"",""# + texts[1] + #""]"#
        let bentToken = F.token(x5c: bentX5C)

        func fresh() throws -> X5CVerifier {
            X5CVerifier(
                trustStore: try X509TrustStore(trusting: [F.root]),
                requiredLeafExtensions: [],
                options: JWTValidationOptions(clock: .fixed(F.now))
            )
        }
        // Full validation: not Base64.
        #expect(throws: JWTError.malformed) { try fresh().verify(bentToken, as: Claims.self) }
        // After the genuine chain has been seen, the same verifier must still refuse it.
        let warmed = try fresh()
        _ = try warmed.verify(F.token(x5c: F.x5c(names)), as: Claims.self)
        #expect(throws: JWTError.malformed) { try warmed.verify(bentToken, as: Claims.self) }
    }

    // MARK: - Certificate parsing cost

    /// A certificate with 10 000 extended key usage purposes (30 KB, fits a default 64 KiB token)
    /// is read with one decode of the extension. Read once per purpose it took 16–37 s of CPU per
    /// unauthenticated token; the bound below is a hang guard far above the linear cost (~0.03 s),
    /// not a speed target.
    @Test("a certificate with a huge extended key usage is read in linear time")
    func hugeExtendedKeyUsage() throws {
        // The PEM body joined is the certificate's Base64 (no parse while building the token).
        let base64 = Self.text("v-bigeku").split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        let token = TestTokens.signed(
            header: #"{"alg":"ES256","x5c":[""# + base64 + #""]}"#,
            payload: #"{"sub":"alice"}"#,
            key: try CryptoKey(pemRepresentation: Self.text("v-bigeku.key")),
            algorithm: .es256
        )
        #expect(token.utf8.count < 64 * 1024)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(throws: JWTError.self) { try Self.verifier().verify(token, as: Claims.self) }
        }
        #expect(elapsed < .seconds(10), "an unauthenticated token cost \(elapsed)")
    }

    /// An OID longer than the first buffer is read whole, not as its 127-character prefix (itself
    /// a valid, different OID).
    @Test("an extended key usage OID longer than 127 characters is read whole")
    func longExtendedKeyUsage() throws {
        let long = "1.3.6.1.4.1.55555" + String(repeating: ".1", count: 70)
        let prefix = String(long.prefix(127))
        #expect(X509Certificate.isDottedOID(prefix))
        let leaf = Self.certificate("v-longeku")
        #expect(leaf.extendedKeyUsages == [long], "read as \(leaf.extendedKeyUsages ?? [])")
        // A verifier allowing the 127-character OID must not accept a leaf for another purpose.
        let verifier = Self.verifier { $0.allowedLeafExtendedKeyUsages = [prefix] }
        #expect(throws: JWTError.invalidCertificateChain) {
            try verifier.verify(Self.token(["v-longeku", "v-int"], signer: "v-longeku"), as: Claims.self)
        }
    }

    // MARK: - Leaf and intermediate rules

    /// A CA with an intermediate's own name and a new key (a key rollover certificate, issued by
    /// that intermediate) is self-issued but not the root: it issued the leaf, so it must carry
    /// the intermediate marker like any other intermediate.
    @Test("the leaf's issuer must carry the intermediate marker even when self-issued")
    func selfIssuedIntermediate() throws {
        let issuer = Self.certificate("v-si")
        #expect(issuer.isSelfIssued)
        #expect(!issuer.hasExtension(oid: "1.2.3.4.5.6.2"))
        let verifier = Self.verifier { $0.requiredIntermediateExtensions = ["1.2.3.4.5.6.2"] }
        let token = Self.token(["v-si-leaf", "v-si", "v-int"], signer: "v-si-leaf")
        #expect(throws: JWTError.invalidCertificateChain) { try verifier.verify(token, as: Claims.self) }
    }

    /// OpenSSL's X509_check_ca answers 0 for CA:TRUE whose key usage lacks keyCertSign; such a
    /// certificate is still a CA certificate by its basic constraints, and no leaf.
    @Test("a CA:TRUE certificate is a CA certificate, whatever its key usage")
    func caTrueWithoutKeyCertSign() throws {
        let certificate = Self.certificate("v-catrue")
        #expect(certificate.isCertificateAuthority)
        let token = Self.token(["v-catrue", "v-int"], signer: "v-catrue")
        #expect(throws: JWTError.invalidCertificateChain) { try Self.verifier().verify(token, as: Claims.self) }
    }

    // MARK: - Certificates after the anchor

    /// Certificates after the trusted one are not on the validated path, but each must have signed
    /// the one before it: a self-signed look-alike of the root (same name and key identifier, the
    /// attacker's key) does not ride along, and repeated certificates make no new text for one
    /// chain (which would let anyone with one public chain keep the cache of 16 empty).
    @Test("an x5c with a certificate after the trusted root that did not sign it, or a repeat, is refused")
    func certificatesAfterTheAnchor() throws {
        let fake = Self.certificate("v-fake-root")
        #expect(fake.subject == Self.certificate("v-root").subject)
        #expect(fake != Self.certificate("v-root"))
        let verifier = Self.verifier()
        let token = Self.token(["v-si-leaf", "v-si", "v-int", "v-root", "v-fake-root"], signer: "v-si-leaf")
        let error = #expect(throws: JWTError.invalidCertificateChain) { try verifier.verify(token, as: Claims.self) }
        #expect(error?.message.contains("did not sign certificate 3") == true, "\(error?.message ?? "")")
        // The genuine root after it signed it: accepted, as when it is left out.
        let genuine = Self.token(["v-si-leaf", "v-si", "v-int", "v-root"], signer: "v-si-leaf")
        #expect(try verifier.verify(genuine, as: Claims.self).claims.sub == "alice")
        let repeated = Self.token(["v-si-leaf", "v-si", "v-int", "v-root", "v-root"], signer: "v-si-leaf")
        let repeatError = #expect(throws: JWTError.invalidCertificateChain) {
            try verifier.verify(repeated, as: Claims.self)
        }
        #expect(repeatError?.message.contains("repeats certificate") == true)
    }

    @Test("a trusted intermediate with the genuine root after it in x5c verifies; a look-alike root after it does not")
    func extrasAfterAPartialAnchor() throws {
        let verifier = X5CVerifier(
            trustStore: try X509TrustStore(trusting: [Self.certificate("v-int")]),
            requiredLeafExtensions: [],
            options: JWTValidationOptions(clock: .fixed(Self.now))
        )
        let genuine = Self.token(["v-si-leaf", "v-si", "v-int", "v-root"], signer: "v-si-leaf")
        #expect(try verifier.verify(genuine, as: Claims.self).claims.sub == "alice")
        let lookAlike = Self.token(["v-si-leaf", "v-si", "v-int", "v-fake-root"], signer: "v-si-leaf")
        let error = #expect(throws: JWTError.invalidCertificateChain) {
            try verifier.verify(lookAlike, as: Claims.self)
        }
        #expect(error?.message.contains("did not sign certificate 2") == true, "\(error?.message ?? "")")
    }
}
