internal import StrictJSON

/// Rule 8: reads and checks the registered claims of the payload, independent of the caller's type.
enum JWTClaimsValidator {
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

    /// Checks the registered claims and the `typ` header against the options (required claims
    /// are checked by the caller, which has the payload).
    static func validate(
        _ claims: JWTClaims,
        header: JWTHeader,
        options: JWTValidationOptions
    ) throws(JWTError) {
        let leeway = options.leeway
        let needsClock = claims.expiration != nil || claims.notBefore != nil || claims.issuedAt != nil
        let now = needsClock ? options.clock.now() : 0
        try claims.expiration?.verifyNotExpired(now: now, leeway: leeway)
        try claims.notBefore?.verifyNotBefore(now: now, leeway: leeway)
        try claims.issuedAt?.verifyNotInFuture(now: now, leeway: leeway)
        if let maxAge = options.maxAge {
            guard let issuedAt = claims.issuedAt else {
                throw JWTError(.invalidClaim, "iat is required when a maximum token age is set")
            }
            try issuedAt.verifyAge(maximum: maxAge, now: now, leeway: leeway)
        }
        if !options.issuers.isEmpty {
            guard let issuer = claims.issuer else {
                throw JWTError(.invalidIssuer, "iss: the token has no issuer")
            }
            guard options.issuers.containsExactly(issuer.value) else {
                throw JWTError(.invalidIssuer, "iss: \(JWTKeyCollection.printable(issuer.value)) is not accepted")
            }
        }
        if !options.audiences.isEmpty {
            guard let audience = claims.audience else {
                throw JWTError(.invalidAudience, "aud: the token has no audience")
            }
            guard audience.intersects(options.audiences) else {
                throw JWTError(.invalidAudience, "aud: the token is not meant for this audience")
            }
        }
        try JWTKeyCollection.checkType(header, options: options)
    }

    /// Tape indices of the registered claims' values (-1 when absent).
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
