public import CryptoPrimitives
public import StrictJSON

/// What a ``JWTClaimsValidating`` rule may need besides the claims: how the token was verified and
/// the time it is judged at.
public struct JWTValidationContext: Sendable {
    /// The algorithm that verified the signature.
    public var algorithm: SignatureAlgorithm { parts.algorithm }
    /// The `kid` of the key that verified the token (`nil` if that key has none).
    public var keyID: String? { parts.keyID }
    /// The protected header as received, built from its JSON when read.
    public var header: JWTHeader { parts.header }
    /// The registered claims (`iss`, `sub`, `aud`, `exp`, `nbf`, `iat`, `jti`), whatever the claims type.
    public var registeredClaims: JWTClaims { parts.registeredClaims }
    /// The whole payload as parsed JSON, for a rule about a member the claims type does not decode
    /// (one that must be absent, say). Parsed when read.
    public var payload: JSONObject { JWTHeader.object(fromValidated: parts.payloadJSON) }
    /// The time of this verification, in seconds since 1970: one reading of the options' clock, so
    /// an injected test clock governs the rules too. On a cache hit, a reading taken for that hit.
    /// A reading that is not finite fails the verification as `invalid_options` before the rules run.
    public let now: Double
    /// The options' leeway in seconds, for rules that compare times of their own with ``now``.
    public let leeway: Double

    @usableFromInline let parts: JWTKeyCollection.VerifiedParts

    @usableFromInline
    init(parts: JWTKeyCollection.VerifiedParts, now: Double, leeway: Double) {
        self.parts = parts
        self.now = now
        self.leeway = leeway
    }
}

extension JWTValidationContext {
    /// Runs `claims`' rules, if its type has any; a thrown error that is not a ``JWTError`` becomes
    /// `invalid_claim`.
    ///
    /// Inlinable so that the conformance test is made in the caller's specialization for `Claims`;
    /// the rest is out of line.
    @inlinable @inline(__always)
    static func runRules<Claims>(
        of claims: Claims?,
        parts: JWTKeyCollection.VerifiedParts,
        options: JWTValidationOptions,
        memo: JWTClaimsRulesMemo
    ) throws(JWTError) {
        // `claims` is nil for JWTClaims, which has no rules. A cast of the value, not of
        // `Claims.self`: it unwraps Optionals, so `StaffClaims?` runs StaffClaims's rules, as a
        // cache hit does (its entry finds the rules by this same cast). For a type of another
        // module the cast asks the runtime, so a type found without rules is remembered; not an
        // Optional one, whose answer could come from a `nil` inside rather than from the type.
        guard Claims.self != JWTClaims.self, let claims else { return }
        let type = ObjectIdentifier(Claims.self)
        if memo.hasNoRules(type) { return }
        guard let rules = claims as? any JWTClaimsValidating else {
            if !(Claims.self is any ExpressibleByNilLiteral.Type) { memo.rememberNoRules(type) }
            return
        }
        try run(rules, parts: parts, clock: options.clock, leeway: options.leeway)
    }

    @usableFromInline
    static func run(
        _ rules: any JWTClaimsValidating,
        parts: JWTKeyCollection.VerifiedParts,
        clock: JWTClock,
        leeway: Double
    ) throws(JWTError) {
        let now = clock.now()
        guard now.isFinite else { throw JWTClaimsValidator.invalidClockReading(now) }
        do {
            try rules.validate(JWTValidationContext(parts: parts, now: now, leeway: leeway))
        } catch let error as JWTError {
            throw error
        } catch {
            throw JWTError(
                .invalidClaim,
                "\(type(of: rules)): \(PrintableText.clipped(String(describing: error), limit: 200))"
            )
        }
    }
}
