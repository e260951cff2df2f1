import CryptoPrimitives
import JSONWebToken
import Testing

/// Claims with a rule of their own: `role` must be "staff", and a session must not have ended.
private struct StaffClaims: Codable, Sendable, Equatable, JWTClaimsValidating {
    var sub: String
    var role: String
    var sessionEnd: Double?

    enum CodingKeys: String, CodingKey {
        case sub, role
        case sessionEnd = "session_end"
    }

    func validate(_ context: JWTValidationContext) throws {
        guard role == "staff" else { throw JWTError(.invalidClaim, "role: must be staff") }
        if let sessionEnd, context.now > sessionEnd + context.leeway {
            throw JWTError(.expired, "session_end has passed")
        }
    }
}

/// A rule that throws an error of its own type.
private struct TenantClaims: Decodable, Sendable, JWTClaimsValidating {
    struct WrongTenant: Error, CustomStringConvertible {
        var description: String { "tenant \u{1B}[31mred\u{1B}[0m is not ours" }
    }
    var tenant: String

    func validate(_ context: JWTValidationContext) throws {
        guard tenant == "acme" else { throw WrongTenant() }
    }
}

/// Records what the context offered, by failing with it (a rule cannot hand values out otherwise).
private struct ContextProbe: Decodable, Sendable, JWTClaimsValidating {
    func validate(_ context: JWTValidationContext) throws {
        let header = context.header
        throw JWTError(
            .invalidClaim,
            "\(context.algorithm) \(context.keyID ?? "-") \(header.type ?? "-") \(context.now) \(context.leeway) "
                + "\(context.registeredClaims.subject?.value ?? "-")"
        )
    }
}

/// The same claims without the conformance: the type has no rules.
private struct PlainClaims: Codable, Sendable {
    var sub: String
    var role: String
}

@Suite("Claims types with rules of their own (JWTClaimsValidating)")
struct ClaimsRulesTests {
    let now = TestTokens.now

    func keys(_ configure: (inout JWTValidationOptions) -> Void = { _ in }) -> JWTKeyCollection {
        TestTokens.hmacCollection(options: TestTokens.fixedOptions(configure))
    }

    @Test("the rule decides after every other check passed")
    func ruleDecides() throws {
        let staff = try keys().verify(TestTokens.hs256(#"{"sub":"a","role":"staff"}"#), as: StaffClaims.self)
        #expect(staff.claims == StaffClaims(sub: "a", role: "staff"))

        let guest = TestTokens.hs256(#"{"sub":"a","role":"guest"}"#)
        let error = #expect(throws: JWTError.invalidClaim) { try keys().verify(guest, as: StaffClaims.self) }
        #expect(error?.message == "role: must be staff")
        // The same token into a type without rules verifies: the rule is the type's, not the token's.
        #expect(try keys().verify(guest, as: PlainClaims.self).claims.role == "guest")
    }

    @Test("the rule runs last: any other failure is reported instead, and a forged token never reaches it")
    func ruleRunsLast() {
        let expired = TestTokens.hs256(#"{"sub":"a","role":"guest","exp":1600000000}"#)
        #expect(throws: JWTError.expired) { try keys().verify(expired, as: StaffClaims.self) }
        let wrongIssuer = TestTokens.hs256(#"{"sub":"a","role":"guest","iss":"them"}"#)
        #expect(throws: JWTError.invalidIssuer) {
            try keys { $0.issuers = ["us"] }.verify(wrongIssuer, as: StaffClaims.self)
        }
        let undecodable = TestTokens.hs256(#"{"sub":"a","role":1}"#)
        let decodeError = #expect(throws: JWTError.invalidClaim) {
            try keys().verify(undecodable, as: StaffClaims.self)
        }
        #expect(decodeError?.message.contains("do not decode") == true)
        let forged = TestTokens.signed(
            header: #"{"alg":"HS256"}"#,
            payload: #"{"sub":"a","role":"guest"}"#,
            key: CryptoKey(TestKeys.otherHMAC)
        )
        #expect(throws: JWTError.badSignature) { try keys().verify(forged, as: StaffClaims.self) }
    }

    @Test("an error that is not a JWTError is invalid_claim naming the type, printable")
    func foreignError() throws {
        _ = try keys().verify(TestTokens.hs256(#"{"tenant":"acme"}"#), as: TenantClaims.self)
        let error = #expect(throws: JWTError.invalidClaim) {
            try keys().verify(TestTokens.hs256(#"{"tenant":"other"}"#), as: TenantClaims.self)
        }
        let message = error?.message ?? ""
        #expect(message.hasPrefix("TenantClaims: tenant "))
        #expect(message.contains("is not ours"))
        #expect(!message.unicodeScalars.contains("\u{1B}"))
    }

    @Test("the context: algorithm, kid, header, the clock's reading, leeway, registered claims")
    func context() throws {
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions { $0.leeway = 30 })
        try keys.add(CryptoKey(TestKeys.hmac), keyID: "k1")
        let token = TestTokens.signed(header: #"{"alg":"HS256","typ":"JWT","kid":"k1"}"#, payload: #"{"sub":"s"}"#)
        let error = #expect(throws: JWTError.invalidClaim) { try keys.verify(token, as: ContextProbe.self) }
        #expect(error?.message == "HS256 k1 JWT \(now) 30.0 s")
        // Options passed to the call govern the context as they govern the other checks.
        let later = TestTokens.fixedOptions {
            $0.clock = .fixed(now + 5)
            $0.leeway = 0
        }
        let passed = #expect(throws: JWTError.invalidClaim) {
            try keys.verify(token, as: ContextProbe.self, options: later)
        }
        #expect(passed?.message == "HS256 k1 JWT \(now + 5) 0.0 s")
    }

    @Test("the time in the context is the options' clock, leeway included")
    func timeRule() throws {
        let token = TestTokens.hs256(#"{"sub":"a","role":"staff","session_end":1700000010}"#)
        _ = try keys().verify(token, as: StaffClaims.self)
        #expect(throws: JWTError.expired) {
            try keys { $0.clock = .fixed(self.now + 11) }.verify(token, as: StaffClaims.self)
        }
        _ = try keys {
            $0.clock = .fixed(self.now + 11)
            $0.leeway = 1
        }.verify(token, as: StaffClaims.self)
    }

    @Test("a clock that reads no finite time is invalid_options even for a token without time claims")
    func nonFiniteClock() {
        let token = TestTokens.hs256(#"{"sub":"a","role":"staff"}"#)
        #expect(throws: JWTError.invalidOptions) {
            try keys { $0.clock = .fixed(.nan) }.verify(token, as: StaffClaims.self)
        }
    }

    /// The conformance is found at run time, so generic code cannot lose the rule.
    func verifyGenerically<C: Decodable>(_ token: String, as type: C.Type) throws(JWTError) -> C {
        try keys().verify(utf8: Array(token.utf8), as: type).claims
    }

    @Test("a call from generic code runs the rule too")
    func genericCaller() {
        let guest = TestTokens.hs256(#"{"sub":"a","role":"guest"}"#)
        #expect(throws: JWTError.invalidClaim) { try verifyGenerically(guest, as: StaffClaims.self) }
        #expect(throws: Never.self) { try verifyGenerically(guest, as: PlainClaims.self) }
    }

    @Test("batch verification runs the rule for each token, in order")
    func batch() async {
        let tokens = ["staff", "guest", "staff"].map { TestTokens.hs256(#"{"sub":"a","role":"\#($0)"}"#) }
        let results = await JWTBatchVerifier(workerCount: 2).verify(tokens, with: keys(), as: StaffClaims.self)
        #expect(results.map { (try? $0.get()) != nil } == [true, false, true])
        if case .failure(let error) = results[1] { #expect(error.message == "role: must be staff") }
    }

    @Test("a cache hit runs the rule again, with that hit's clock reading")
    func cacheHit() throws {
        let clock = ManualClock(now)
        let verifier = CachingJWTVerifier<StaffClaims>(keys: TestTokens.hmacCollection(), options: clock.options())
        let token = TestTokens.hs256(#"{"sub":"a","role":"staff","session_end":1700000010}"#)
        _ = try verifier.verify(token)
        _ = try verifier.verify(token)
        clock.advance(by: 11)
        #expect(throws: JWTError.expired) { try verifier.verify(token) }
        #expect(verifier.statistics.hits == 2)
        #expect(verifier.statistics.misses == 1)

        let guest = TestTokens.hs256(#"{"sub":"a","role":"guest"}"#)
        #expect(throws: JWTError.invalidClaim) { try verifier.verify(guest) }
        #expect(throws: JWTError.invalidClaim) { try verifier.verify(guest) }
        #expect(verifier.statistics.misses == 3)  // a failed verification is never stored
    }
}

extension ClaimsRulesTests {
    @Test("an Optional of a claims type runs the wrapped type's rule (a payload is never null)")
    func optionalClaimsType() throws {
        let guest = TestTokens.hs256(#"{"sub":"a","role":"guest"}"#)
        #expect(throws: JWTError.invalidClaim) { try keys().verify(guest, as: StaffClaims?.self) }
        #expect(throws: JWTError.invalidClaim) { try keys().verify(guest, as: StaffClaims??.self) }
        #expect(throws: JWTError.invalidClaim) { try verifyGenerically(guest, as: StaffClaims?.self) }
        let staff = TestTokens.hs256(#"{"sub":"a","role":"staff"}"#)
        #expect(try keys().verify(staff, as: StaffClaims?.self).claims?.role == "staff")
        #expect(try keys().verify(guest, as: PlainClaims?.self).claims?.role == "guest")

        // The cache's miss and hit agree: the miss used to store what a hit then refused.
        let verifier = CachingJWTVerifier<StaffClaims?>(keys: keys())
        #expect(throws: JWTError.invalidClaim) { try verifier.verify(guest) }
        #expect(throws: JWTError.invalidClaim) { try verifier.verify(guest) }
        #expect(verifier.statistics.hits == 0)
    }
}
