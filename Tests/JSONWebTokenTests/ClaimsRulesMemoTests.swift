import StrictJSON
import Testing

@testable import JSONWebToken

/// A claims type with a rule: `role` must be "staff".
private struct RoleClaims: Decodable, Sendable, JWTClaimsValidating {
    var role: String

    func validate(_ context: JWTValidationContext) throws {
        guard role == "staff" else { throw JWTError(.invalidClaim, "role: must be staff") }
    }
}

/// The same member without rules.
private struct BareClaims: Decodable, Sendable {
    var role: String
}

/// A key collection remembers one claims type without rules, so that verifying into it skips the
/// run-time conformance test; the memo must never let another type's rules be skipped.
@Suite("Claims types remembered without rules")
struct ClaimsRulesMemoTests {
    let guest = TestTokens.hs256(#"{"sub":"a","role":"guest"}"#)

    private func remembers<T>(_ keys: JWTKeyCollection, _ type: T.Type) -> Bool {
        keys.state.rulesMemo.hasNoRules(ObjectIdentifier(type))
    }

    @Test("the first type without rules is remembered; types with rules keep running them")
    func firstTypeWithoutRules() throws {
        let keys = TestTokens.hmacCollection()
        #expect(!remembers(keys, BareClaims.self))
        #expect(try keys.verify(guest, as: BareClaims.self).claims.role == "guest")
        #expect(remembers(keys, BareClaims.self))
        for _ in 0..<3 {
            #expect(throws: JWTError.invalidClaim) { try keys.verify(guest, as: RoleClaims.self) }
            #expect(throws: JWTError.invalidClaim) { try keys.verify(guest, as: RoleClaims?.self) }
            #expect(try keys.verify(guest, as: BareClaims.self).claims.role == "guest")
        }
        // A second type without rules (from another module) is tested each time, not stored over
        // the first: two threads alternating types would write the slot on every token.
        #expect(try keys.verify(guest, as: JSONObject.self).claims["role"] == "guest")
        #expect(remembers(keys, BareClaims.self))
        #expect(!remembers(keys, JSONObject.self))
        #expect(!remembers(keys, RoleClaims.self))
    }

    @Test("a type with rules and an Optional type are never remembered")
    func neverRemembered() throws {
        let keys = TestTokens.hmacCollection()
        #expect(throws: JWTError.invalidClaim) { try keys.verify(guest, as: RoleClaims.self) }
        #expect(try keys.verify(guest, as: BareClaims?.self).claims?.role == "guest")
        #expect(!remembers(keys, RoleClaims.self))
        #expect(!remembers(keys, BareClaims?.self))
        #expect(throws: JWTError.invalidClaim) { try keys.verify(guest, as: RoleClaims?.self) }
        #expect(!remembers(keys, RoleClaims?.self))
        // Registered claims have no rules and need no memo.
        #expect(try keys.verify(guest).claims.subject == "a")
        #expect(!remembers(keys, JWTClaims.self))
    }

    @Test("changing the options starts a new memo; keys and tokens verify the same")
    func newStateNewMemo() throws {
        var keys = TestTokens.hmacCollection()
        _ = try keys.verify(guest, as: BareClaims.self)
        keys.options.leeway = 5
        #expect(!remembers(keys, BareClaims.self))
        #expect(throws: JWTError.invalidClaim) { try keys.verify(guest, as: RoleClaims.self) }
        #expect(try keys.verify(guest, as: BareClaims.self).claims.role == "guest")
        #expect(remembers(keys, BareClaims.self))
    }

    @Test("threads verifying different types into one collection all get their rules")
    func concurrentTypes() async {
        let keys = TestTokens.hmacCollection()
        let staff = TestTokens.hs256(#"{"sub":"a","role":"staff"}"#)
        let guest = self.guest
        let outcomes = await withTaskGroup(of: [Bool].self) { group in
            for worker in 0..<4 {
                group.addTask {
                    (0..<200).map { round -> Bool in
                        switch (worker + round) % 3 {
                        case 0: (try? keys.verify(guest, as: RoleClaims.self)) == nil
                        case 1: (try? keys.verify(staff, as: RoleClaims.self)) != nil
                        default: (try? keys.verify(guest, as: BareClaims.self)) != nil
                        }
                    }
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(outcomes.count == 800)
        #expect(outcomes.allSatisfy { $0 })
    }
}
