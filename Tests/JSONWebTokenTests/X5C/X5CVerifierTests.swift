import Base64URL
import CryptoPrimitives
import Foundation
import JSONWebToken
import StrictJSON
import Testing

@Suite("X5CVerifier: tokens that carry their certificate chain")
struct X5CVerifierTests {
    typealias F = X5CFixtures

    struct Claims: Decodable, Equatable {
        let sub: String
    }

    func verifier(
        trusting names: [String] = ["root"],
        _ configure: (inout X5CVerifier) -> Void = { _ in }
    ) throws -> X5CVerifier {
        // No marker required unless a test asks: these tests look at one rule at a time.
        var verifier = X5CVerifier(
            trustStore: try X509TrustStore(trusting: names.map(F.certificate)),
            requiredLeafExtensions: [],
            options: JWTValidationOptions(clock: .fixed(F.now))
        )
        configure(&verifier)
        return verifier
    }

    func expectRefusal(
        _ expected: JWTError,
        _ token: String,
        by verifier: X5CVerifier,
        mentioning fragment: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = #expect(throws: expected, sourceLocation: sourceLocation) {
            try verifier.verify(token, as: Claims.self)
        }
        #expect(
            error?.message.contains(fragment) == true,
            "\(error?.message ?? "no error") should mention \(fragment)",
            sourceLocation: sourceLocation
        )
    }

    @Test("a chain to a trusted root verifies, with or without the root itself in x5c")
    func validChains() throws {
        let verifier = try verifier()
        for chain in [["leaf-ec", "intermediate"], ["leaf-ec", "intermediate", "root"]] {
            let verified = try verifier.verify(F.token(x5c: F.x5c(chain)), as: Claims.self)
            #expect(verified.claims == Claims(sub: "alice"))
            #expect(verified.algorithm == .es256)
        }
    }

    @Test("RSA leaves verify RS256 and PS256 tokens; the UTF-8 entry point agrees")
    func rsaLeaf() throws {
        let verifier = try verifier()
        for algorithm in [SignatureAlgorithm.rs256, .ps256] {
            let token = F.token(x5c: F.x5c(["leaf-rsa", "intermediate"]), signer: "leaf-rsa", algorithm: algorithm)
            #expect(try verifier.verify(token, as: Claims.self).algorithm == algorithm)
            #expect(try verifier.verify(utf8: Array(token.utf8), as: Claims.self).algorithm == algorithm)
        }
    }

    @Test("a chain to another root is refused; trusting that root accepts it")
    func untrustedRoot() throws {
        let token = F.token(x5c: F.x5c(["leaf-other", "other-root"]), signer: "leaf-other")
        expectRefusal(.invalidCertificateChain, token, by: try verifier(), mentioning: "does not validate")
        #expect(try verifier(trusting: ["other-root"]).verify(token, as: Claims.self).claims.sub == "alice")
    }

    @Test("a self-signed leaf is not trusted because it says so")
    func selfSignedLeaf() throws {
        // other-root holds a key of its own; a token naming only it is refused against our root.
        let token = F.token(x5c: F.x5c(["other-root"]), signer: "leaf-other")
        #expect(throws: JWTError.invalidCertificateChain) { try verifier().verify(token, as: Claims.self) }
    }

    @Test("the chain is leaf first, each certificate issued by the next: other orders are refused")
    func order() throws {
        let verifier = try verifier()
        for chain in [
            ["intermediate", "leaf-ec"], ["leaf-ec", "root", "intermediate"], ["leaf-ec", "intermediate", "leaf-rsa"],
        ] {
            expectRefusal(
                .invalidCertificateChain,
                F.token(x5c: F.x5c(chain)),
                by: verifier,
                mentioning: "did not issue"
            )
        }
    }

    @Test("a chain missing its intermediate is refused")
    func missingIntermediate() throws {
        expectRefusal(
            .invalidCertificateChain,
            F.token(x5c: F.x5c(["leaf-ec"])),
            by: try verifier(),
            mentioning: "unable to get local issuer certificate"
        )
    }

    @Test("a trusted intermediate is an anchor: the leaf alone verifies")
    func intermediateAnchor() throws {
        let token = F.token(x5c: F.x5c(["leaf-ec"]))
        #expect(try verifier(trusting: ["intermediate"]).verify(token, as: Claims.self).claims.sub == "alice")
    }

    @Test("validity periods are checked at the options' clock, to the second (OpenSSL: notAfter itself is expired)")
    func validityPeriod() throws {
        let token = F.token(x5c: F.x5c(["leaf-short", "intermediate"]), signer: "leaf-short")
        let leaf = F.leafShort
        for (time, accepted) in [
            (leaf.notBefore - 1, false), (leaf.notBefore, true), (leaf.notAfter - 1, true), (leaf.notAfter, false),
        ] {
            let verifier = try verifier { $0.options.clock = .fixed(Double(time)) }
            if accepted {
                #expect(try verifier.verify(token, as: Claims.self).claims.sub == "alice", "at \(time)")
            } else {
                expectRefusal(
                    .invalidCertificateChain,
                    token,
                    by: verifier,
                    mentioning: time < leaf.notBefore ? "not yet valid" : "has expired"
                )
            }
        }
    }

    @Test("a certificate that is not a CA cannot issue one")
    func notACA() throws {
        let token = F.token(x5c: F.x5c(["leaf-under-not-ca", "not-ca", "intermediate"]), signer: "leaf-under-not-ca")
        expectRefusal(.invalidCertificateChain, token, by: try verifier(), mentioning: "certificate")
    }

    @Test("a leaf whose key usage leaves out digitalSignature may not sign tokens")
    func keyUsage() throws {
        let token = F.token(x5c: F.x5c(["leaf-keyagree", "intermediate"]), signer: "leaf-keyagree")
        expectRefusal(.invalidCertificateChain, token, by: try verifier(), mentioning: "digitalSignature")
        // keyCertSign on a certificate that is not a CA is already refused by the path validation.
        let certSign = F.token(x5c: F.x5c(["leaf-certsign", "intermediate"]), signer: "leaf-certsign")
        expectRefusal(.invalidCertificateChain, certSign, by: try verifier(), mentioning: "keyCertSign")
    }

    @Test("a certificate signed with SHA-1 is below the security level")
    func sha1Signature() throws {
        let token = F.token(x5c: F.x5c(["leaf-sha1", "intermediate"]), signer: "leaf-sha1")
        expectRefusal(.invalidCertificateChain, token, by: try verifier(), mentioning: "too weak")
    }

    @Test("a valid chain does not vouch for a token its leaf did not sign")
    func signerIsNotTheLeaf() throws {
        let token = F.token(x5c: F.x5c(["leaf-ec", "intermediate"]), signer: "leaf-short")
        #expect(throws: JWTError.badSignature) { try verifier().verify(token, as: Claims.self) }
    }

    @Test("HS256 and none are refused before any certificate work, whatever the options allow")
    func symmetricAndNone() throws {
        let verifier = try verifier { $0.options.allowedAlgorithms = [.hs256, .es256] }
        let hmac = TestTokens.signed(
            header: #"{"alg":"HS256","x5c":\#(F.x5c(["leaf-ec", "intermediate"]))}"#,
            payload: #"{"sub":"alice"}"#
        )
        expectRefusal(.algorithmNotAllowed, hmac, by: verifier, mentioning: "HS256")
        let none = TestTokens.unsigned(
            header: #"{"alg":"none","x5c":\#(F.x5c(["leaf-ec", "intermediate"]))}"#,
            payload: #"{"sub":"alice"}"#,
            signature: []
        )
        expectRefusal(.algorithmNotAllowed, none, by: verifier, mentioning: "none")
        // A broken chain does not change the answer: the algorithm is looked at first.
        let brokenChain = TestTokens.signed(header: #"{"alg":"HS256","x5c":["AAAA"]}"#, payload: #"{"sub":"alice"}"#)
        #expect(throws: JWTError.algorithmNotAllowed) { try verifier.verify(brokenChain, as: Claims.self) }
    }

    @Test("the algorithm must fit the leaf's key and the allow-list")
    func algorithmBinding() throws {
        // An RSA leaf with an ES256 header: the chain is fine, the key is not an EC key.
        let mismatched = F.token(x5c: F.x5c(["leaf-rsa", "intermediate"]), signer: "leaf-ec", algorithm: .es256)
        #expect(throws: JWTError.algorithmNotAllowed) { try verifier().verify(mismatched, as: Claims.self) }
        let restricted = try verifier { $0.options.allowedAlgorithms = [.rs256] }
        expectRefusal(
            .algorithmNotAllowed,
            F.token(x5c: F.x5c(["leaf-ec", "intermediate"])),
            by: restricted,
            mentioning: "ES256"
        )
    }

    @Test("x5c missing, of the wrong type, empty, base64url, or too long")
    func malformedChains() throws {
        let verifier = try verifier()
        let der = F.leafEC.derRepresentation
        expectRefusal(.keyNotFound, F.token(x5c: nil), by: verifier, mentioning: "no x5c")
        for x5c in [#""abc""#, "[]", "[1]", "{}", "null"] {
            expectRefusal(.malformed, F.token(x5c: x5c), by: verifier, mentioning: "non-empty array of strings")
        }
        let urlSafe = #"["\#(Base64URL.encode(der))"]"#
        #expect(Base64URL.encode(der) != Base64.encode(der), "the fixture must differ between the alphabets")
        expectRefusal(.malformed, F.token(x5c: urlSafe), by: verifier, mentioning: "standard Base64")
        expectRefusal(.invalidCertificateChain, F.token(x5c: #"["AAAA"]"#), by: verifier, mentioning: "x5c[0]")
        let tooLong = F.token(x5c: F.x5c(["leaf-ec"] + Array(repeating: "intermediate", count: 10)))
        expectRefusal(.invalidCertificateChain, tooLong, by: verifier, mentioning: "at most 10")
    }

    @Test("required extensions: present passes, absent is refused, and a chain without intermediates cannot carry them")
    func requiredExtensions() throws {
        let token = F.token(x5c: F.x5c(["leaf-ec", "intermediate"]))
        let marked = try verifier {
            $0.requiredLeafExtensions = [F.leafMarker]
            $0.requiredIntermediateExtensions = [F.intermediateMarker]
        }
        #expect(try marked.verify(token, as: Claims.self).claims.sub == "alice")
        let leafLacks = try verifier { $0.requiredLeafExtensions = [F.leafMarker, "1.2.3.4.5.6.9"] }
        expectRefusal(.invalidCertificateChain, token, by: leafLacks, mentioning: "1.2.3.4.5.6.9")
        let intermediateLacks = try verifier { $0.requiredIntermediateExtensions = [F.leafMarker] }
        expectRefusal(.invalidCertificateChain, token, by: intermediateLacks, mentioning: "Intermediate")
        // A trusted intermediate is still an intermediate: its marker counts.
        let anchoredAtIntermediate = try verifier(trusting: ["intermediate"]) {
            $0.requiredIntermediateExtensions = [F.intermediateMarker]
        }
        #expect(try anchoredAtIntermediate.verify(token, as: Claims.self).claims.sub == "alice")
        // A leaf straight under the trusted root has no certificate to carry the marker.
        let pinnedLeaf = try verifier(trusting: ["leaf-ec"]) {
            $0.requiredIntermediateExtensions = [F.intermediateMarker]
        }
        expectRefusal(
            .invalidCertificateChain,
            F.token(x5c: F.x5c(["leaf-ec"])),
            by: pinnedLeaf,
            mentioning: "no intermediate"
        )
        let typo = try verifier { $0.requiredLeafExtensions = ["1.2.840.113635.100.6.11.1 "] }
        expectRefusal(.invalidOptions, token, by: typo, mentioning: "not a dotted OID")
    }

    @Test("appStoreServer: Apple's markers and ES256 only")
    func appStorePreset() throws {
        let store = try X509TrustStore(trusting: [F.root])
        let verifier = X5CVerifier.appStoreServer(
            trustStore: store,
            options: JWTValidationOptions(clock: .fixed(F.now))
        )
        #expect(verifier.requiredLeafExtensions == ["1.2.840.113635.100.6.11.1"])
        #expect(verifier.requiredIntermediateExtensions == ["1.2.840.113635.100.6.2.1"])
        // The fixture chain carries Apple's markers too (scripts/make-x5c-fixtures.sh).
        #expect(
            try verifier.verify(F.token(x5c: F.x5c(["leaf-ec", "intermediate"])), as: Claims.self).claims.sub == "alice"
        )
        let rsa = F.token(x5c: F.x5c(["leaf-rsa", "intermediate"]), signer: "leaf-rsa", algorithm: .rs256)
        #expect(throws: JWTError.algorithmNotAllowed) { try verifier.verify(rsa, as: Claims.self) }
    }

    @Test("the token's own claims are still checked after the chain")
    func claimsStillChecked() throws {
        let expired = F.token(
            x5c: F.x5c(["leaf-ec", "intermediate"]),
            payload: #"{"sub":"alice","exp":\#(Int(F.now) - 3_600)}"#
        )
        #expect(throws: JWTError.expired) { try verifier().verify(expired, as: Claims.self) }
        let wrongIssuer = F.token(x5c: F.x5c(["leaf-ec", "intermediate"]), payload: #"{"sub":"alice","iss":"them"}"#)
        #expect(throws: JWTError.invalidIssuer) {
            try verifier { $0.options.issuers = ["us"] }.verify(wrongIssuer, as: Claims.self)
        }
    }

    @Test("a clock that reads no time is invalid_options before the chain is looked at")
    func brokenClock() throws {
        let verifier = try verifier { $0.options.clock = .fixed(.nan) }
        #expect(throws: JWTError.invalidOptions) {
            try verifier.verify(F.token(x5c: F.x5c(["leaf-ec", "intermediate"])), as: Claims.self)
        }
    }

    @Test("Apple's production chain passes the strict validation; its tokens reach the signature check")
    func appleProductionChain() throws {
        let folder = F.folder.appendingPathComponent("apple")
        func certificate(_ name: String) throws -> X509Certificate {
            try X509Certificate(
                pemRepresentation: String(contentsOf: folder.appendingPathComponent("\(name).pem"), encoding: .utf8)
            )
        }
        let root = try certificate("AppleRootCA-G3")
        let intermediate = try certificate("AppleWWDRCA-G6")
        let leaf = try certificate("ProdECCReceiptSigning-2021")
        let april2023: Int64 = 1_681_312_846
        let store = try X509TrustStore(trusting: [root])
        #expect(try store.validate([leaf, intermediate], at: april2023) == [leaf, intermediate, root])
        // No private key of Apple's is here, so a token with this chain can at best reach the
        // signature check: bad_signature shows that chain, key usage and marker extensions passed.
        let x5c = [leaf, intermediate, root].map { "\"\(Base64.encode($0.derRepresentation))\"" }
        let token = TestTokens.unsigned(
            header: #"{"alg":"ES256","x5c":[\#(x5c.joined(separator: ","))]}"#,
            payload: #"{"notificationType":"TEST"}"#,
            signature: Array(repeating: 0x5A, count: 64)
        )
        var verifier = X5CVerifier.appStoreServer(
            trustStore: store,
            options: JWTValidationOptions(clock: .fixed(Double(april2023)))
        )
        #expect(throws: JWTError.badSignature) { try verifier.verify(token, as: JSONObject.self) }
        // The leaf expired in September 2023.
        verifier.options.clock = .fixed(Double(leaf.notAfter))
        expectRefusal(.invalidCertificateChain, token, by: verifier, mentioning: "has expired")
    }

    /// A token signed by `leaf-short` (chain: it and the intermediate) whose `signedDate` is the
    /// JSON text `signedDate`.
    func token(signedDate: String) -> String {
        F.token(
            x5c: F.x5c(["leaf-short", "intermediate"]),
            signer: "leaf-short",
            payload: #"{"sub":"alice","signedDate":\#(signedDate)}"#
        )
    }

    @Test("validationTime .claim: a token kept past its leaf's expiry verifies at its signedDate, within maxAge")
    func claimValidationTime() throws {
        let leaf = F.leafShort
        let signedAt = Double(leaf.notBefore + 100)
        let kept = token(signedDate: String(Int64(signedAt * 1000)))
        let later = Double(leaf.notAfter + 3_600)  // the leaf has expired by now
        func verifier(_ time: X5CValidationTime, now: Double = later) throws -> X5CVerifier {
            try self.verifier {
                $0.options.clock = .fixed(now)
                $0.validationTime = time
            }
        }
        expectRefusal(.invalidCertificateChain, kept, by: try verifier(.clock), mentioning: "has expired")
        let atSignedDate = X5CValidationTime.claim("signedDate", milliseconds: true, maxAge: 2 * 86_400)
        #expect(try verifier(atSignedDate).verify(kept, as: Claims.self).claims.sub == "alice")
        // Read as seconds, the same number is far in the future.
        expectRefusal(
            .invalidClaim,
            kept,
            by: try verifier(.claim("signedDate", maxAge: 2 * 86_400)),
            mentioning: "future"
        )
        expectRefusal(
            .tooOld,
            kept,
            by: try verifier(.claim("signedDate", milliseconds: true, maxAge: 3_600)),
            mentioning: "signedDate"
        )
        for bad in [#""1700000000000""#, "null", "[1]"] {
            expectRefusal(
                .invalidClaim,
                token(signedDate: bad),
                by: try verifier(atSignedDate),
                mentioning: "must be a number"
            )
        }
        expectRefusal(
            .invalidClaim,
            F.token(x5c: F.x5c(["leaf-short", "intermediate"]), signer: "leaf-short"),
            by: try verifier(atSignedDate),
            mentioning: "must be a number"
        )
        // A date before the leaf's validity: the chain is checked at it, and fails.
        let early = token(signedDate: String(Int64(leaf.notBefore - 10) * 1000))
        expectRefusal(
            .invalidCertificateChain,
            early,
            by: try verifier(atSignedDate, now: signedAt),
            mentioning: "not yet valid"
        )
        // A huge maxAge does not let an absurd date through to the conversion.
        expectRefusal(
            .invalidClaim,
            token(signedDate: "-1e300"),
            by: try verifier(.claim("signedDate", maxAge: 1e306)),
            mentioning: "not a time"
        )
        for maxAge in [-1, Double.nan, .infinity] {
            #expect(throws: JWTError.invalidOptions) {
                try verifier(.claim("signedDate", milliseconds: true, maxAge: maxAge)).verify(kept, as: Claims.self)
            }
        }
    }

    /// The claim is compared with the clock and the leeway before the token's own claims are
    /// checked: options no token can be judged by must be `invalid_options` there too, never a
    /// claim "in the future" (a NaN or negative leeway) that says the token is at fault.
    @Test("validationTime .claim: a leeway out of range is invalid_options, as it is with the clock")
    func claimValidationTimeLeeway() throws {
        let signedAt = Double(F.leafShort.notBefore + 100)
        let kept = token(signedDate: String(Int64(signedAt * 1000)))
        // Read as seconds, the claim lies far in the future: a leeway too large to be used must not
        // carry it past the future check first (it was then refused as a time no certificate states).
        let times = [
            X5CValidationTime.clock, .claim("signedDate", milliseconds: true, maxAge: 86_400),
            .claim("signedDate", maxAge: 86_400),
        ]
        for time in times {
            for leeway in [-1, -3_600, Double.nan, JWTValidationOptions.maximumLeeway + 1, .infinity] {
                let verifier = try verifier {
                    $0.options.clock = .fixed(signedAt + 60)
                    $0.options.leeway = leeway
                    $0.validationTime = time
                }
                let error = #expect(throws: JWTError.self, "\(time), leeway \(leeway)") {
                    try verifier.verify(kept, as: Claims.self)
                }
                #expect(error?.code == .invalidOptions, "\(time), leeway \(leeway): \(String(describing: error))")
            }
        }
    }

    /// Found by mutation testing: a future check that ignored the leeway, and a maxAge compared with
    /// `<`, passed every other test.
    @Test("validationTime .claim: a claim within the leeway ahead, or exactly maxAge old, is used")
    func claimValidationTimeBounds() throws {
        let signedAt = Double(F.leafShort.notBefore + 100)
        let kept = token(signedDate: String(Int64(signedAt)))
        func verifier(now: Double) throws -> X5CVerifier {
            try self.verifier {
                $0.options.clock = .fixed(now)
                $0.options.leeway = 60
                $0.validationTime = .claim("signedDate", maxAge: 3_600)
            }
        }
        for now in [signedAt - 60, signedAt - 1, signedAt + 3_600] {
            #expect(try verifier(now: now).verify(kept, as: Claims.self).claims.sub == "alice", "now \(now)")
        }
        expectRefusal(.invalidClaim, kept, by: try verifier(now: signedAt - 61), mentioning: "future")
        expectRefusal(.tooOld, kept, by: try verifier(now: signedAt + 3_601), mentioning: "signedDate")
    }

    /// Found by review: a clock or claim near -9e14 s passed the old bound (1e15) and OpenSSL then
    /// blamed the certificate's notBefore field, as invalid_certificate_chain.
    @Test("a clock or claim outside the years a certificate can state (0 to 9999) is refused as such")
    func timesBeyondCertificates() throws {
        let token = F.token(x5c: F.x5c(["leaf-short", "intermediate"]), signer: "leaf-short")
        let firstSecond = -62_167_219_200.0
        let lastSecond = 253_402_300_799.0
        for clock in [firstSecond - 1, lastSecond + 1, -9e14, 9e14] {
            let verifier = try verifier { $0.options.clock = .fixed(clock) }
            let error = #expect(throws: JWTError.self, "clock \(clock)") { try verifier.verify(token, as: Claims.self) }
            #expect(error?.code == .invalidOptions, "clock \(clock): \(String(describing: error))")
            #expect(error?.message.contains("years 0–9999") == true, "clock \(clock): \(error?.message ?? "")")
        }
        // At the range's ends the chain is merely not valid yet / any more.
        for clock in [firstSecond, lastSecond] {
            let verifier = try verifier { $0.options.clock = .fixed(clock) }
            let error = #expect(throws: JWTError.self, "clock \(clock)") { try verifier.verify(token, as: Claims.self) }
            #expect(error?.code == .invalidCertificateChain, "clock \(clock): \(String(describing: error))")
            #expect(error?.message.contains("format") == false, "clock \(clock): \(error?.message ?? "")")
        }
        let now = Double(F.leafShort.notBefore + 100)
        for claim in [firstSecond - 1, -9e14] {
            let dated = self.token(signedDate: "\(claim)")
            let verifier = try verifier {
                $0.options.clock = .fixed(now)
                $0.validationTime = .claim("signedDate", maxAge: .greatestFiniteMagnitude)
            }
            let error = #expect(throws: JWTError.self, "claim \(claim)") { try verifier.verify(dated, as: Claims.self) }
            #expect(error?.code == .invalidClaim, "claim \(claim): \(String(describing: error))")
            #expect(error?.message.contains("years 0–9999") == true, "claim \(claim): \(error?.message ?? "")")
        }
    }

    @Test("a chain seen before is still checked against the time and every rule of the verifier")
    func cachedChainsAreRechecked() throws {
        let leaf = F.leafShort
        let token = F.token(x5c: F.x5c(["leaf-short", "intermediate"]), signer: "leaf-short")
        var verifier = try verifier { $0.options.clock = .fixed(Double(leaf.notBefore + 100)) }
        #expect(try verifier.verify(token, as: Claims.self).claims.sub == "alice")  // validated, kept
        // Copies share what was validated; the time and the rules are their own.
        for (time, accepted) in [
            (leaf.notBefore - 1, false), (leaf.notBefore, true), (leaf.notBefore + 200, true),
            (leaf.notAfter - 1, true), (leaf.notAfter, false), (leaf.notAfter + 1, false),
        ] {
            verifier.options.clock = .fixed(Double(time))
            #expect(((try? verifier.verify(token, as: Claims.self)) != nil) == accepted, "at \(time)")
        }
        verifier.options.clock = .fixed(Double(leaf.notBefore + 100))
        verifier.requiredLeafExtensions = [F.leafMarker]  // leaf-short has none
        expectRefusal(.invalidCertificateChain, token, by: verifier, mentioning: F.leafMarker)
        verifier.requiredLeafExtensions = []
        verifier.requiredIntermediateExtensions = [F.leafMarker]
        expectRefusal(.invalidCertificateChain, token, by: verifier, mentioning: "lacks the required extension")
        verifier.requiredIntermediateExtensions = []
        verifier.keyPolicy = KeyPolicy(minimumRSABits: 2048)
        verifier.options.allowedAlgorithms = [.rs256]
        expectRefusal(.algorithmNotAllowed, token, by: verifier, mentioning: "ES256")
        // A different token with the same chain, signed by another key, is refused.
        let forged = F.token(x5c: F.x5c(["leaf-short", "intermediate"]), signer: "leaf-ec")
        verifier.options.allowedAlgorithms = nil
        #expect(throws: JWTError.badSignature) { try verifier.verify(forged, as: Claims.self) }
    }

    @Test("more distinct chains than the cache holds: every answer stays right")
    func manyDistinctChains() throws {
        let verifier = try verifier(trusting: ["root", "other-root"])
        // The same certificates in x5c text that differs (root appended or not), and other roots.
        var tokens: [(String, Bool)] = []
        for _ in 0..<3 {
            tokens.append((F.token(x5c: F.x5c(["leaf-ec", "intermediate"])), true))
            tokens.append((F.token(x5c: F.x5c(["leaf-ec", "intermediate", "root"])), true))
            tokens.append(
                (F.token(x5c: F.x5c(["leaf-rsa", "intermediate"]), signer: "leaf-rsa", algorithm: .rs256), true)
            )
            tokens.append((F.token(x5c: F.x5c(["leaf-other", "other-root"]), signer: "leaf-other"), true))
            tokens.append((F.token(x5c: F.x5c(["leaf-other"]), signer: "leaf-other"), true))
            tokens.append((F.token(x5c: F.x5c(["leaf-ec"])), false))
            tokens.append((F.token(x5c: F.x5c(["leaf-short", "intermediate"]), signer: "leaf-short"), true))
            tokens.append((F.token(x5c: F.x5c(["leaf-keyagree", "intermediate"]), signer: "leaf-keyagree"), false))
        }
        for round in 0..<3 {
            for (index, (token, accepted)) in tokens.enumerated() {
                #expect(
                    ((try? verifier.verify(token, as: Claims.self)) != nil) == accepted,
                    "round \(round), token \(index)"
                )
            }
        }
    }

    @Test("one verifier serves many threads")
    func concurrentUse() async throws {
        let verifier = try verifier()
        let good = F.token(x5c: F.x5c(["leaf-ec", "intermediate"]))
        let bad = F.token(x5c: F.x5c(["leaf-other", "other-root"]), signer: "leaf-other")
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let accepted = (try? verifier.verify(index.isMultiple(of: 2) ? good : bad, as: Claims.self)) != nil
                    return accepted == index.isMultiple(of: 2)
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.count == 64 && outcomes.allSatisfy { $0 })
    }
}
