import Base64URL
import CryptoPrimitives
import Foundation
import JSONWebToken
import Testing
import VerifyKitTestSupport

/// X5CVerifier against a hostile or careless PKI: CA certificates and TLS certificates as leaves,
/// critical markers, cross certificates, look-alike intermediates, over-long chains, header
/// tricks, concurrency and mutated chains. Fixtures: `TestVectors/x5c-adversarial`, made by
/// `scripts/make-x5c-adversarial-fixtures.sh` (a PKI whose CA keys were kept while making them).
@Suite("X5CVerifier: chain tricks, EKU, CA leaves, critical markers, fuzzing")
struct X5CAdversarialTests: X5CFixtureSuite {
    typealias Claims = X5CSubjectClaims
    static let files = X5CFixtureFolder("x5c-adversarial")

    /// Inside every fixture certificate's validity.
    static let now = Double(certificate("r-leaf").notBefore + 3_600)

    static func verifier(trusting names: [String] = ["r-root"]) -> X5CVerifier {
        X5CVerifier(
            trustStore: try! X509TrustStore(trusting: names.map(certificate)),
            requiredLeafExtensions: [],
            options: JWTValidationOptions(clock: .fixed(now))
        )
    }

    // MARK: - Leaf and path rules

    /// A CA certificate (basicConstraints CA:TRUE) whose key usage also asserts digitalSignature
    /// is not a token signer: a certificate that may issue others is not an end entity.
    @Test("a CA certificate is not accepted as the x5c leaf, unless it is itself trusted")
    func caCertificateAsLeaf() throws {
        var verifier = Self.verifier()
        verifier.requiredLeafExtensions = ["1.2.3.4.5.6.1"]
        let token = Self.token(["r-ca-ds"], signer: "r-ca-ds")
        let error = #expect(throws: JWTError.invalidCertificateChain) { try verifier.verify(token, as: Claims.self) }
        #expect(error?.message.contains("is a CA certificate") == true)
        // Pinned, the same certificate is the anchor the caller chose.
        var pinned = Self.verifier(trusting: ["r-ca-ds"])
        pinned.requiredLeafExtensions = ["1.2.3.4.5.6.1"]
        #expect(try pinned.verify(token, as: Claims.self).claims == Claims(sub: "alice"))
    }

    /// RFC 5280 §4.2.1.12: with an extended key usage present, the key is for those purposes only.
    @Test("a leaf whose extended key usage is serverAuth only does not sign tokens, unless allowed")
    func tlsLeafSignsTokens() throws {
        let token = Self.token(["r-tls", "r-int"], signer: "r-tls")
        let error = #expect(throws: JWTError.invalidCertificateChain) {
            try Self.verifier().verify(token, as: Claims.self)
        }
        #expect(error?.message.contains("1.3.6.1.5.5.7.3.1") == true, "\(error?.message ?? "")")
        var allowing = Self.verifier()
        allowing.allowedLeafExtendedKeyUsages = ["1.3.6.1.5.5.7.3.1"]
        #expect(try allowing.verify(token, as: Claims.self).claims == Claims(sub: "alice"))
        allowing.allowedLeafExtendedKeyUsages = ["not an OID"]
        #expect(throws: JWTError.invalidOptions) { try allowing.verify(token, as: Claims.self) }
    }

    /// OpenSSL refuses every certificate with a critical extension it does not implement, so a
    /// marker used as a required extension must be non-critical (as documented).
    @Test("a critical marker extension OpenSSL does not implement fails path validation")
    func criticalRequiredMarker() throws {
        var verifier = Self.verifier()
        verifier.requiredLeafExtensions = ["1.2.3.4.5.6.1"]
        let token = Self.token(["r-critmarker", "r-int"], signer: "r-critmarker")
        let error = #expect(throws: JWTError.invalidCertificateChain) { try verifier.verify(token, as: Claims.self) }
        #expect(error?.message.contains("unhandled critical extension") == true)
    }

    /// A chain ending in a cross certificate for the trusted root (same subject and key, issued by
    /// another CA) is refused, as documented: OpenSSL finds the store's root first and the path
    /// leaves the chain. Giving the chain up to the trusted root works.
    @Test("a chain whose last certificate is a cross certificate of the trusted root is refused; without it, accepted")
    func crossCertificateAtTheEnd() throws {
        let crossed = Self.token(["r-leaf", "r-int", "r-root-cross"], signer: "r-leaf")
        let error = #expect(throws: JWTError.invalidCertificateChain) {
            try Self.verifier().verify(crossed, as: Claims.self)
        }
        #expect(error?.message.contains("leaves the chain at certificate 2") == true)
        let plain = Self.token(["r-leaf", "r-int"], signer: "r-leaf")
        #expect(try Self.verifier().verify(plain, as: Claims.self).claims == Claims(sub: "alice"))
    }

    /// ``X509TrustStore/maxChainLength`` bounds the validated path, anchor included: a chain of
    /// 10 whose anchor comes from the store would make 11.
    @Test("the validated path holds at most maxChainLength certificates, anchor included")
    func pathLongerThanMaxChainLength() throws {
        let store = try X509TrustStore(trusting: [Self.certificate("r-root")])
        let ten = ["r-deep-leaf"] + (1...9).reversed().map { "r-deep-\($0)" }
        let error = #expect(throws: CryptoError.untrustedCertificate) {
            try store.validate(ten.map(Self.certificate), at: Int64(Self.now))
        }
        #expect(error?.reason.contains("too long") == true, "\(error?.reason ?? "")")
        // Nine given, the anchor from the store: a path of exactly ten.
        let nine = ["r-deep-leaf"] + (2...9).reversed().map { "r-deep-\($0)" }
        let shorter = try X509TrustStore(trusting: [Self.certificate("r-deep-1")])
        #expect(try shorter.validate(nine.map(Self.certificate), at: Int64(Self.now)).count == 10)
    }

    // MARK: - Checked and refused (these pass)

    @Test("a look-alike leaf that name- and AKID-chains to the real intermediate is refused (signature)")
    func nameChainingWithoutSignature() throws {
        let verifier = Self.verifier()
        for chain in [
            ["r-fake-leaf", "r-int"], ["r-fake-leaf", "r-fake-int"], ["r-fake-leaf", "r-fake-int", "r-root"],
        ] {
            let error = #expect(throws: JWTError.invalidCertificateChain, "\(chain)") {
                try verifier.verify(Self.token(chain, signer: "r-fake-leaf"), as: Claims.self)
            }
            #expect(
                error?.message.contains("signature") == true || error?.message.contains("did not issue") == true,
                "\(error?.message ?? "")"
            )
        }
    }

    @Test("the ordinary chain verifies; extras after the anchor are ignored; an extra unrelated cert is refused")
    func ordinaryAndExtras() throws {
        let verifier = Self.verifier()
        #expect(
            try verifier.verify(Self.token(["r-leaf", "r-int"], signer: "r-leaf"), as: Claims.self).claims.sub
                == "alice"
        )
        #expect(throws: JWTError.invalidCertificateChain) {
            try verifier.verify(Self.token(["r-leaf", "r-int", "o-root"], signer: "r-leaf"), as: Claims.self)
        }
        // Trusting the intermediate: the root after it is never looked at by the path.
        #expect(throws: Never.self) {
            try Self.verifier(trusting: ["r-int"]).verify(
                Self.token(["r-leaf", "r-int", "r-root"], signer: "r-leaf"),
                as: Claims.self
            )
        }
    }

    @Test("a pinned leaf (the leaf itself trusted) verifies while valid, not after it expires")
    func pinnedLeaf() throws {
        let token = Self.token(["r-leaf"], signer: "r-leaf")
        #expect(throws: Never.self) { try Self.verifier(trusting: ["r-leaf"]).verify(token, as: Claims.self) }
        var late = Self.verifier(trusting: ["r-leaf"])
        late.options.clock = .fixed(Double(Self.certificate("r-leaf").notAfter + 1))
        #expect(throws: JWTError.invalidCertificateChain) { try late.verify(token, as: Claims.self) }
    }

    @Test("crit naming x5c, duplicate alg members, a jwk header: none changes the outcome in the attacker's favour")
    func headerTricks() throws {
        let verifier = Self.verifier()
        let crit = Self.token(["r-leaf", "r-int"], signer: "r-leaf", header: #","crit":["x5c"]"#)
        #expect(throws: JWTError.self) { try verifier.verify(crit, as: Claims.self) }
        let duplicate = TestTokens.signed(
            header: #"{"alg":"HS256","x5c":\#(Self.x5c(["r-leaf", "r-int"])),"alg":"ES256"}"#,
            payload: #"{"sub":"alice"}"#,
            key: try CryptoKey(pemRepresentation: Self.text("r-leaf.key")),
            algorithm: .es256
        )
        #expect(throws: JWTError.self) { try verifier.verify(duplicate, as: Claims.self) }
    }

    /// With X509_V_FLAG_PARTIAL_CHAIN, OpenSSL stops at the first trusted certificate: a store
    /// holding a root *and* its intermediate (a natural bundle) makes the path [leaf,
    /// intermediate]. The intermediate's marker is still required and checked.
    @Test("trusting root and intermediate, intermediate markers are still checked and pass")
    func rootAndIntermediateTrusted() throws {
        var verifier = X5CVerifier(
            trustStore: try X509TrustStore(trusting: [X5CFixtures.root, X5CFixtures.intermediate]),
            requiredLeafExtensions: [],
            options: JWTValidationOptions(clock: .fixed(X5CFixtures.now))
        )
        verifier.requiredIntermediateExtensions = [X5CFixtures.intermediateMarker]
        let token = X5CFixtures.token(x5c: X5CFixtures.x5c(["leaf-ec", "intermediate"]))
        #expect(throws: Never.self) { try verifier.verify(token, as: Claims.self) }
        verifier.requiredIntermediateExtensions = [X5CFixtures.leafMarker]
        #expect(throws: JWTError.invalidCertificateChain) { try verifier.verify(token, as: Claims.self) }
    }

    @Test("stress: one verifier, 8 threads, good and bad chains interleaved")
    func stress() async throws {
        let verifier = Self.verifier()
        let good = Self.token(["r-leaf", "r-int"], signer: "r-leaf")
        let bad = Self.token(["r-fake-leaf", "r-int"], signer: "r-fake-leaf")
        let wrong = await withTaskGroup(of: Int.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var wrong = 0
                    for index in 0..<400 {
                        let expectGood = (index + worker).isMultiple(of: 2)
                        let accepted = (try? verifier.verify(expectGood ? good : bad, as: Claims.self)) != nil
                        if accepted != expectGood { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
    }

    /// Random mutations of real certificates and random bytes: every outcome is a typed error
    /// or a verified token, never a trap; messages stay printable ASCII (plus the library's own
    /// "§" and "…").
    @Test("fuzz: mutated and random x5c entries give typed errors, never a crash")
    func fuzz() throws {
        let verifier = Self.verifier()
        var generator = SystemRandomNumberGenerator()
        let bases = ["r-leaf", "r-int", "r-root", "r-tls", "r-ca-ds"].map { Self.certificate($0).derRepresentation }
        for round in 0..<3_000 {
            var entries: [[UInt8]] = []
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                var der = bases.randomElement(using: &generator)!
                switch round % 4 {
                case 0:
                    for _ in 0..<Int.random(in: 1...4, using: &generator) {
                        der[Int.random(in: 0..<der.count, using: &generator)] ^= UInt8.random(
                            in: 1...255,
                            using: &generator
                        )
                    }
                case 1:
                    der = Array(der.prefix(Int.random(in: 0...der.count, using: &generator)))
                case 2:
                    der = (0..<Int.random(in: 0...600, using: &generator)).map { _ in
                        UInt8.random(in: 0...255, using: &generator)
                    }
                default:
                    let at = Int.random(in: 0..<der.count, using: &generator)
                    der[at] = [0x00, 0x01, 0x7F, 0x80, 0x81, 0xFF].randomElement(using: &generator)!
                }
                entries.append(der)
            }
            let x5c = "[" + entries.map { "\"\(Base64.encode($0))\"" }.joined(separator: ",") + "]"
            let token = TestTokens.signed(
                header: #"{"alg":"ES256","x5c":\#(x5c)}"#,
                payload: #"{"sub":"alice"}"#,
                key: try CryptoKey(pemRepresentation: Self.text("r-leaf.key")),
                algorithm: .es256
            )
            do {
                _ = try verifier.verify(token, as: Claims.self)
            } catch {
                #expect(
                    error.message.unicodeScalars.allSatisfy {
                        $0.value >= 0x20 && $0.value < 0x7F || $0 == "…" || $0 == "§"
                    },
                    "\(error.message)"
                )
            }
        }
    }
}
