internal import StrictJSON

/// Rule 8: checks the registered claims on the parsed payload, independent of the caller's type.
enum JWTClaimsValidator {
    static func validate(
        _ payload: JSONObject,
        header: JWTHeader,
        options: JWTValidationOptions
    ) throws(JWTError) -> JWTClaims {
        // Types first: a registered claim of the wrong JSON type is never silently ignored.
        var claims = JWTClaims()
        claims.issuer = try string(payload, "iss").map(IssuerClaim.init(value:))
        claims.subject = try string(payload, "sub").map(SubjectClaim.init(value:))
        claims.id = try string(payload, "jti").map(IDClaim.init(value:))
        claims.audience = try audience(payload)
        claims.expiration = try numericDate(payload, "exp").map(ExpirationClaim.init(value:))
        claims.notBefore = try numericDate(payload, "nbf").map(NotBeforeClaim.init(value:))
        claims.issuedAt = try numericDate(payload, "iat").map(IssuedAtClaim.init(value:))

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
            guard options.issuers.contains(issuer.value) else {
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
        for name in options.requiredClaims where payload[name] == nil {
            throw JWTError(.invalidClaim, "\(name): required claim is missing")
        }
        return claims
    }

    private static func string(_ payload: JSONObject, _ name: String) throws(JWTError) -> String? {
        switch payload[name] {
        case nil: return nil
        case .string(let value)?: return value
        default: throw JWTError(.invalidClaim, "\(name) must be a string")
        }
    }

    private static func numericDate(_ payload: JSONObject, _ name: String) throws(JWTError) -> Double? {
        switch payload[name] {
        case nil: return nil
        case .number(let number)?:
            guard let seconds = number.doubleValue, seconds.isFinite else {
                throw JWTError(.invalidClaim, "\(name) is out of range")
            }
            return seconds
        default: throw JWTError(.invalidClaim, "\(name) must be a NumericDate (a JSON number of seconds)")
        }
    }

    private static func audience(_ payload: JSONObject) throws(JWTError) -> AudienceClaim? {
        switch payload["aud"] {
        case nil: return nil
        case .string(let value)?: return AudienceClaim(value: [value])
        case .array(let items)?:
            var values: [String] = []
            values.reserveCapacity(items.count)
            for item in items {
                guard case .string(let value) = item else {
                    throw JWTError(.invalidClaim, "aud must be a string or an array of strings")
                }
                values.append(value)
            }
            return AudienceClaim(value: values)
        default: throw JWTError(.invalidClaim, "aud must be a string or an array of strings")
        }
    }
}
