public import CryptoPrimitives
public import StrictJSON

/// A token whose signature and claims passed every check.
public struct VerifiedJWT<Claims> {
    /// The claims, decoded into the caller's type.
    public let claims: Claims
    /// The rest of the result, one shared allocation: copying or dropping a `VerifiedJWT` costs one
    /// reference count, not one per header field, claim and string.
    @usableFromInline let parts: JWTKeyCollection.VerifiedParts

    /// The protected header as received (``JWTHeader/algorithm`` is always set).
    ///
    /// Built from the received header JSON when read: verification checks the header's
    /// parameters without building it. Read it once if you need it repeatedly; ``algorithm`` and
    /// ``keyID`` are stored.
    public var header: JWTHeader { parts.header }
    /// The algorithm that verified the signature.
    public var algorithm: SignatureAlgorithm { parts.algorithm }
    /// The registered claims (`iss`, `sub`, `aud`, `exp`, `nbf`, `iat`, `jti`), whatever `Claims` is.
    ///
    /// Stored when `Claims` is ``JWTClaims``; otherwise built from the payload JSON when read
    /// (verification checks them on the parsed payload without building them).
    public var registeredClaims: JWTClaims { parts.registeredClaims }
    /// The payload's JSON text exactly as signed (base64url-decoded), copied out of the result's
    /// buffer on each read.
    public var payloadJSON: [UInt8] { parts.payloadJSON }
    /// The `kid` of the key that verified the token (`nil` if that key has none).
    public var keyID: String? { parts.keyID }

    /// The payload as parsed JSON, member order kept.
    ///
    /// Parsed from ``payloadJSON`` when read (verification decodes the claims without building
    /// it), so read it once if you need it repeatedly.
    public var payload: JSONObject { JWTHeader.object(fromValidated: payloadJSON) }
}

extension VerifiedJWT: Sendable where Claims: Sendable {}

extension VerifiedJWT {
    /// Joins the non-generic verification result with the decoded claims; `claims` is `nil`
    /// exactly when `Claims` is ``JWTClaims`` (then the registered claims are the claims).
    ///
    /// Takes the claims over (`consuming`, moved out with `take()`): a borrowed optional was copied
    /// into the result and then destroyed by the caller, a retain and a release per string.
    @inlinable @inline(__always)
    init(_ parts: JWTKeyCollection.VerifiedParts, claims: consuming Claims?) {
        self.parts = parts
        if let claims = claims.take() {
            self.claims = claims
        } else {
            // `claims` is nil only when Claims is JWTClaims (see `decodeClaims`).
            self.claims = unsafeBitCast(parts.registeredClaims, to: Claims.self)
        }
    }
}

/// A JWS whose signature verified, with its payload left as bytes (no claim checks were made).
public struct VerifiedJWS: Sendable {
    /// The protected header as received.
    public let header: JWTHeader
    /// The algorithm that verified the signature.
    public let algorithm: SignatureAlgorithm
    /// The payload bytes (base64url-decoded, or the detached payload as given).
    public let payload: [UInt8]
    /// The `kid` of the key that verified the token (`nil` if that key has none).
    public let keyID: String?
}

/// A token split and decoded **without any verification**: nothing in it can be trusted.
public struct UnverifiedJWT: Sendable {
    /// The header (its ``JWTHeader/algorithm`` carries whatever `alg` string the token names).
    public let header: JWTHeader
    /// The decoded payload bytes.
    public let payload: [UInt8]
    /// The payload parsed as a JSON object, if it is one.
    public let claims: JSONObject?
    /// The decoded signature bytes.
    public let signature: [UInt8]

    /// The claims decoded as `type` with the strict decoder, **unverified**: for display and
    /// debugging (jwt-kit's `unverified(_:as:)`). Never make a decision on the result.
    ///
    /// ```swift
    /// let claims = try JWTKeyCollection.unverifiedDecode(token).decodeClaims(as: Claims.self)
    /// ```
    ///
    /// - Throws: `malformed` if the payload is not a JSON object, `invalid_claim` if it does not
    ///   decode as `type` (the message names the member, clipped and printable).
    public func decodeClaims<T: Decodable>(as type: T.Type) throws(JWTError) -> T {
        guard let claims else {
            throw JWTError(.malformed, "the token's payload is not a JSON object")
        }
        do {
            return try JSONValueDecoder().decode(type, from: .object(claims))
        } catch {
            throw JWTClaimsDecodingFailure.error(
                decoding: type,
                error,
                prefix: "the token's claims do not have the shape of"
            )
        }
    }
}
