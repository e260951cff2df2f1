internal import CryptoPrimitives
internal import StrictJSON

/// Rule 8: reads and checks the registered claims of the payload, independent of the caller's type.
enum JWTClaimsValidator {
    /// The registered claims of payload JSON that verification already accepted (for results
    /// that build them only when read); `nil` only if the bytes are not such a payload.
    static func registeredClaims(reparsing json: [UInt8]) -> JWTClaims? {
        json.withUnsafeBufferPointer { bytes -> JWTClaims? in
            let parsed: JWTClaims?? = try? JSONTape.parse(
                bytes,
                maxDepth: JSONParser.Options.maximumDepthLimit,
                mapError: { $0 }
            ) { (tape) throws(JSONError) -> JWTClaims? in
                guard tape[tape.root].kind == .object else { return nil }
                return try? registeredClaims(tape)
            }
            return parsed ?? nil
        }
    }

    /// Reads the registered claims from the payload's tape, checking their JSON types.
    static func registeredClaims(_ payload: JSONTape) throws(JWTError) -> JWTClaims {
        // One pass finds the registered claims; duplicate names were already rejected.
        var found = Found()
        let end = Int(payload[payload.root].b)
        var name = payload.root + 1
        while name < end {
            found.note(payload, name)
            name = payload.next(after: name + 1)
        }
        // Types first, in a fixed order: a registered claim of the wrong JSON type is never
        // silently ignored.
        // Built in one initializer call: assigning member by member copied the whole struct.
        let issuer = try string(payload, found.iss, "iss")
        let subject = try string(payload, found.sub, "sub")
        let id = try string(payload, found.jti, "jti")
        let audience = try audience(payload, found.aud)
        let expiration = try numericDate(payload, found.exp, "exp")
        let notBefore = try numericDate(payload, found.nbf, "nbf")
        let issuedAt = try numericDate(payload, found.iat, "iat")
        return JWTClaims(
            issuer: issuer.map(IssuerClaim.init(value:)),
            subject: subject.map(SubjectClaim.init(value:)),
            audience: audience,
            expiration: expiration.map(ExpirationClaim.init(value:)),
            notBefore: notBefore.map(NotBeforeClaim.init(value:)),
            issuedAt: issuedAt.map(IssuedAtClaim.init(value:)),
            id: id.map(IDClaim.init(value:))
        )
    }

    /// Checks the registered claims of a payload straight from its tape, building none of them
    /// unless an option needs it (`iss` only when issuers are configured, `aud` only for audiences).
    /// Same rules and order as ``validate(_:type:options:)`` after ``registeredClaims(_:)``:
    /// the JSON types of all registered claims first, then the checks.
    static func validate(_ payload: JSONTape, type: String?, options: JWTValidationOptions) throws(JWTError) {
        var found = Found()
        let end = Int(payload[payload.root].b)
        var name = payload.root + 1
        while name < end {
            found.note(payload, name)
            name = payload.next(after: name + 1)
        }
        try requireString(payload, found.iss, "iss")
        try requireString(payload, found.sub, "sub")
        try requireString(payload, found.jti, "jti")
        try checkAudienceType(payload, found.aud)
        let expiration = try numericDate(payload, found.exp, "exp")
        let notBefore = try numericDate(payload, found.nbf, "nbf")
        let issuedAt = try numericDate(payload, found.iat, "iat")
        try check(
            expiration: expiration,
            notBefore: notBefore,
            issuedAt: issuedAt,
            issuer: { found.iss < 0 ? nil : payload.string(at: found.iss) },
            audience: { () throws(JWTError) in try audience(payload, found.aud) },
            type: type,
            options: options
        )
    }

    /// Checks registered claims already built (for ``JWTClaims`` results, which need them anyway).
    static func validate(_ claims: JWTClaims, type: String?, options: JWTValidationOptions) throws(JWTError) {
        try check(
            expiration: claims.expiration?.value,
            notBefore: claims.notBefore?.value,
            issuedAt: claims.issuedAt?.value,
            issuer: { claims.issuer?.value },
            audience: { () throws(JWTError) in claims.audience },
            type: type,
            options: options
        )
    }

    /// Options no token can be judged by: an infinite age or a leeway above the maximum would switch
    /// checks off, a NaN or negative one would refuse tokens with a misleading reason.
    @inline(never)
    static func invalidOptions(leeway: Double, maxAge: Double?) -> JWTError {
        if !(leeway >= 0 && leeway <= JWTValidationOptions.maximumLeeway) {
            return JWTError(
                .invalidOptions,
                "leeway must be from 0 to \(Int(JWTValidationOptions.maximumLeeway)) seconds, not \(leeway)"
            )
        }
        return JWTError(.invalidOptions, "maxAge must be finite and not negative, not \(maxAge ?? 0)")
    }

    @inline(never)
    static func invalidClockReading(_ now: Double) -> JWTError {
        JWTError(.invalidOptions, "the clock read \(now), not a finite number of seconds since 1970")
    }

    /// The claim checks proper, in rule order: `exp`, `nbf`, `iat`, maximum age, `iss`, `aud`,
    /// `typ`. Issuer and audience are read only when options ask for them.
    private static func check(
        expiration: Double?,
        notBefore: Double?,
        issuedAt: Double?,
        issuer: () -> String?,
        audience: () throws(JWTError) -> AudienceClaim?,
        type: String?,
        options: JWTValidationOptions
    ) throws(JWTError) {
        let leeway = options.leeway
        let maxAge = options.maxAge
        // A NaN fails every comparison, so each test is written to be false for it.
        guard leeway >= 0, leeway <= JWTValidationOptions.maximumLeeway,
            maxAge.map({ $0 >= 0 && $0 < .infinity }) ?? true
        else {
            throw invalidOptions(leeway: leeway, maxAge: maxAge)
        }
        let needsClock = expiration != nil || notBefore != nil || issuedAt != nil
        let now = needsClock ? options.clock.now() : 0
        guard now.isFinite else { throw invalidClockReading(now) }
        if let expiration { try ExpirationClaim(value: expiration).verifyNotExpired(now: now, leeway: leeway) }
        if let notBefore { try NotBeforeClaim(value: notBefore).verifyNotBefore(now: now, leeway: leeway) }
        if let issuedAt { try IssuedAtClaim(value: issuedAt).verifyNotInFuture(now: now, leeway: leeway) }
        if let maxAge {
            guard let issuedAt else {
                throw JWTError(.invalidClaim, "iat is required when a maximum token age is set")
            }
            try IssuedAtClaim(value: issuedAt).verifyAge(maximum: maxAge, now: now, leeway: leeway)
        }
        if !options.issuers.isEmpty {
            guard let issuer = issuer() else {
                throw JWTError(.invalidIssuer, "iss: the token has no issuer")
            }
            guard options.issuers.containsExactly(issuer) else {
                throw JWTError(.invalidIssuer, "iss: \(JWTKeyCollection.printable(issuer)) is not accepted")
            }
        }
        if !options.audiences.isEmpty {
            guard let audience = try audience() else {
                throw JWTError(.invalidAudience, "aud: the token has no audience")
            }
            guard audience.intersects(options.audiences) else {
                throw JWTError(
                    .invalidAudience,
                    "aud: \(PrintableText.quoted(list: audience.value)) names none of the accepted audiences"
                )
            }
        }
        try JWTKeyCollection.checkType(type, options: options)
    }

    private struct Found {
        var iss = -1
        var sub = -1
        var aud = -1
        var exp = -1
        var nbf = -1
        var iat = -1
        var jti = -1

        mutating func note(_ tape: JSONTape, _ name: Int) {
            let value = name + 1
            if tape[name].flags == 0 {
                // Plain ASCII: only a three-byte name can be registered. Packed little-endian:
                // first byte lowest.
                let raw = tape.rawBytes(name)
                guard raw.count == 3 else { return }
                switch UInt32(raw[0]) | UInt32(raw[1]) << 8 | UInt32(raw[2]) << 16 {
                case 0x737369: iss = value  // "iss"
                case 0x627573: sub = value  // "sub"
                case 0x647561: aud = value  // "aud"
                case 0x707865: exp = value  // "exp"
                case 0x66626E: nbf = value  // "nbf"
                case 0x746169: iat = value  // "iat"
                case 0x69746A: jti = value  // "jti"
                default: break
                }
                return
            }
            switch tape.string(at: name) {
            case "iss": iss = value
            case "sub": sub = value
            case "aud": aud = value
            case "exp": exp = value
            case "nbf": nbf = value
            case "iat": iat = value
            case "jti": jti = value
            default: break
            }
        }

    }

    private static func requireString(_ payload: JSONTape, _ index: Int, _ name: String) throws(JWTError) {
        guard index < 0 || payload[index].kind == .string else {
            throw JWTError(.invalidClaim, "\(name) must be a string")
        }
    }

    /// `aud` is a string or an array of strings (checked without building it).
    private static func checkAudienceType(_ payload: JSONTape, _ index: Int) throws(JWTError) {
        guard index >= 0 else { return }
        let entry = payload[index]
        switch entry.kind {
        case .string: return
        case .array:
            var item = index + 1
            while item < Int(entry.b) {
                guard payload[item].kind == .string else {
                    throw JWTError(.invalidClaim, "aud must be a string or an array of strings")
                }
                item = payload.next(after: item)
            }
        default: throw JWTError(.invalidClaim, "aud must be a string or an array of strings")
        }
    }

    private static func string(_ payload: JSONTape, _ index: Int, _ name: String) throws(JWTError) -> String? {
        guard index >= 0 else { return nil }
        guard payload[index].kind == .string else { throw JWTError(.invalidClaim, "\(name) must be a string") }
        return payload.string(at: index)
    }

    private static func numericDate(_ payload: JSONTape, _ index: Int, _ name: String) throws(JWTError) -> Double? {
        guard index >= 0 else { return nil }
        guard payload[index].kind == .number else {
            throw JWTError(.invalidClaim, "\(name) must be a NumericDate (a JSON number of seconds)")
        }
        guard let seconds = JSONNumber.doubleValue(of: payload.rawBytes(index)), seconds.isFinite else {
            throw JWTError(.invalidClaim, "\(name) is out of range")
        }
        return seconds
    }

    private static func audience(_ payload: JSONTape, _ index: Int) throws(JWTError) -> AudienceClaim? {
        guard index >= 0 else { return nil }
        let entry = payload[index]
        switch entry.kind {
        case .string: return AudienceClaim(value: [payload.string(at: index)])
        case .array:
            var values: [String] = []
            values.reserveCapacity(Int(entry.a))
            var item = index + 1
            while item < Int(entry.b) {
                guard payload[item].kind == .string else {
                    throw JWTError(.invalidClaim, "aud must be a string or an array of strings")
                }
                values.append(payload.string(at: item))
                item = payload.next(after: item)
            }
            return AudienceClaim(value: values)
        default: throw JWTError(.invalidClaim, "aud must be a string or an array of strings")
        }
    }
}
