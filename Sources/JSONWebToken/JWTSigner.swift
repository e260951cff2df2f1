internal import Base64URL
public import CryptoPrimitives
internal import StrictJSON

/// Produces compact JWS / JWT strings for every supported algorithm.
///
/// The header serializes deterministically (see ``JWTHeader``), so deterministic algorithms
/// (EdDSA, RS*, HS*) give the same token for the same input — RFC 8037 A.4 is reproduced byte for byte.
public enum JWTSigner {
    /// Signs `claims` (any `Encodable`, e.g. ``JWTClaims`` or your own struct) as a JWT.
    ///
    /// `header.algorithm` is set to `algorithm`; other header members are written as given.
    /// The claims must encode as a JSON object (RFC 7519 §7.1), and the token must fit the limits a
    /// verifier applies (`limits`, by default a default verifier's): nothing is minted only to be
    /// refused on the other side.
    ///
    /// - Parameters:
    ///   - claims: the claims set.
    ///   - header: header members besides `alg`.
    ///   - key: a private key or HMAC secret.
    ///   - algorithm: the signature algorithm.
    ///   - policy: the rules the key must meet, by default the ones verification applies, so that
    ///     no token is minted that a default verifier refuses as `weak_key`.
    ///   - limits: the verifying side's limits the token must fit: ``JWTValidationOptions/maxTokenBytes``,
    ///     ``JWTValidationOptions/maxHeaderDepth`` and ``JWTValidationOptions/maxClaimsDepth``
    ///     (its other options play no part in signing).
    /// - Throws: `signing_failed` if the claims do not encode as a JSON object, nest deeper than
    ///   `limits` allow, hold a string verifiers refuse (more than 30 combining characters in a
    ///   row, see StrictJSON's `not_stream_safe`), or give a registered claim a JSON type verifiers
    ///   refuse (`exp`, `nbf`, `iat` not numbers, `iss`, `sub`, `jti` not strings, `aud` neither a
    ///   string nor an array of strings); `weak_key` if the key breaks `policy`; see
    ///   ``sign(payload:header:key:algorithm:policy:limits:)`` for the rest.
    public static func sign(
        _ claims: some Encodable,
        header: JWTHeader = JWTHeader(),
        key: CryptoKey,
        algorithm: SignatureAlgorithm,
        policy: KeyPolicy = .default,
        limits: JWTValidationOptions = JWTValidationOptions()
    ) throws(JWTError) -> String {
        let encoded: JSONValue
        do {
            encoded = try JSONValueEncoder().encode(claims)
        } catch {
            throw JWTError(.signingFailed, "the claims do not encode as JSON: \(error)")
        }
        guard case .object = encoded else {
            throw JWTError(.signingFailed, "the claims must encode as a JSON object (RFC 7519 §7.1)")
        }
        try checkDepth(of: encoded, limit: limits.maxClaimsDepth, name: "claims", option: "maxClaimsDepth")
        let payload = encoded.serialized()
        try checkVerifiersRead(payload, name: "claims")
        try checkRegisteredClaims(payload)
        return try sign(
            payload: payload,
            header: header,
            key: key,
            algorithm: algorithm,
            policy: policy,
            limits: limits
        )
    }

    /// Signs `claims` with a JWK: the algorithm comes from `algorithm`, the JWK's `alg`, or the key
    /// when it fits one algorithm only (an EC key: its curve's); the JWK's `kid` is written unless
    /// the header already names one.
    ///
    /// The JWK's own restrictions hold here as they do for verification: an `algorithm` the JWK's
    /// `alg` does not allow is `algorithm_not_allowed` (`EdDSA` and `Ed25519` allow each other);
    /// `use` other than `sig`, or `key_ops` without `sign`, is `weak_key`.
    ///
    /// - Parameters:
    ///   - claims: the claims set; it must encode as a JSON object.
    ///   - header: header members besides `alg`; `kid` defaults to the JWK's.
    ///   - jwk: a private JWK or an HMAC secret (`kty` `oct`).
    ///   - algorithm: the signature algorithm, or nil for the JWK's `alg` (or the key's only algorithm).
    ///   - policy: the rules the key must meet; by default the ones verification applies.
    ///   - limits: the verifying side's size and nesting limits the token must fit.
    public static func sign(
        _ claims: some Encodable,
        header: JWTHeader = JWTHeader(),
        jwk: JWK,
        algorithm: SignatureAlgorithm? = nil,
        policy: KeyPolicy = .default,
        limits: JWTValidationOptions = JWTValidationOptions()
    ) throws(JWTError) -> String {
        let fits = jwk.key.compatibleAlgorithms
        let onlyFit = fits.count == 1 ? fits.first : nil
        guard let algorithm = algorithm ?? jwk.algorithm ?? onlyFit else {
            throw JWTError(
                .signingFailed,
                "no algorithm given, the JWK has no alg, and its key (kty \(jwk.key.keyType)) fits several"
            )
        }
        if let pinned = jwk.algorithm, jwk.pinnedAlgorithms?.contains(algorithm) == false {
            throw JWTError(
                .algorithmNotAllowed,
                "the JWK is pinned to alg \(PrintableText.quoted(pinned.rawValue)); "
                    + "cannot sign with \(PrintableText.quoted(algorithm.rawValue))"
            )
        }
        do {
            try jwk.checkPermitsSigning()
        } catch {
            throw JWTError(.weakKey, error.reason)
        }
        var header = header
        if header.keyID == nil { header.keyID = jwk.keyID }
        return try sign(claims, header: header, key: jwk.key, algorithm: algorithm, policy: policy, limits: limits)
    }

    /// Signs arbitrary payload bytes as a compact JWS.
    ///
    /// With `header.base64URLEncodesPayload == false` (RFC 7797) the payload is signed unencoded
    /// and left out of the result (detached: the middle segment is empty), and `b64` is added to
    /// `crit` if missing.
    ///
    /// - Parameters:
    ///   - payload: the bytes to sign.
    ///   - header: header members besides `alg`.
    ///   - key: a private key or HMAC secret.
    ///   - algorithm: the signature algorithm.
    ///   - policy: the rules the key must meet (RSA size and exponent, HMAC secret length, Ed25519
    ///     point); by default the ones verification applies. Lower it only to talk to a legacy peer.
    ///   - limits: the verifying side's limits the token must fit: its length
    ///     (``JWTValidationOptions/maxTokenBytes``) and the header's nesting
    ///     (``JWTValidationOptions/maxHeaderDepth``). The payload is not read as JSON here.
    /// - Throws: `unsupported_critical_header` for a `crit` that breaks RFC 7515 §4.1.11 (empty,
    ///   a duplicate, a name the specifications define, or a name the header does not carry);
    ///   `weak_key` for a key that breaks `policy`; `signing_failed` for a key that cannot sign
    ///   with `algorithm`, a header whose `alg` (property or field) names another algorithm, a
    ///   header nested deeper than `limits` allow or holding a string verifiers
    ///   refuse (more than 30 combining characters in a row); `token_too_large` for a
    ///   token longer than `limits` allow.
    public static func sign(
        payload: some Collection<UInt8>,
        header: JWTHeader = JWTHeader(),
        key: CryptoKey,
        algorithm: SignatureAlgorithm,
        policy: KeyPolicy = .default,
        limits: JWTValidationOptions = JWTValidationOptions()
    ) throws(JWTError) -> String {
        guard algorithm.isSupported else {
            throw JWTError(.unsupportedAlgorithm, "alg \(algorithm) is not supported")
        }
        do {
            try key.checkPolicy(policy, for: algorithm)
        } catch {
            throw JWTError(
                error.code == .weakKey ? .weakKey : .signingFailed,
                "cannot sign with alg \(algorithm): \(error.reason)"
            )
        }
        var header = header
        try header.adoptTypedFields()
        // A different `alg` asked for in the header would be replaced without a word; the signer's
        // argument is the one that holds, so a disagreement is the caller's mistake.
        if let asked = header.algorithm, asked != algorithm {
            throw JWTError(.signingFailed, "the header's alg \(asked) differs from the signing algorithm \(algorithm)")
        }
        if let value = header.fields["alg"], value != .string(algorithm.rawValue) {
            throw JWTError(.signingFailed, "header field alg differs from the signing algorithm \(algorithm)")
        }
        header.algorithm = algorithm
        let unencoded = header.base64URLEncodesPayload == false
        if header.base64URLEncodesPayload != nil, !(header.critical ?? []).contains("b64") {
            header.critical = (header.critical ?? []) + ["b64"]
        }
        let headerObject = header.jsonObject
        try checkDepth(
            of: .object(headerObject),
            limit: limits.maxHeaderDepth,
            name: "header",
            option: "maxHeaderDepth"
        )
        let headerJSON = JSONValue.object(headerObject).serialized()
        // Before `crit` is checked: its names are compared as `String`s, which is only cheap on
        // stream-safe text.
        try checkVerifiersRead(headerJSON, name: "header")
        if let critical = header.critical {
            try checkCritical(critical, in: headerObject)
        }
        var output = Base64URL.encodeToBytes(headerJSON)
        output.append(UInt8(ascii: "."))
        if unencoded {
            var input = output
            input.append(contentsOf: payload)
            output = try appendSignature(to: output, signingInput: input, key: key, algorithm: algorithm)
        } else {
            output.append(contentsOf: Base64URL.encodeToBytes(payload))
            output = try appendSignature(to: output, signingInput: output, key: key, algorithm: algorithm)
        }
        guard output.count <= limits.maxTokenBytes else {
            throw JWTError(
                .tokenTooLarge,
                "the token would be \(output.count) bytes; verifiers with maxTokenBytes "
                    + "\(limits.maxTokenBytes) refuse it"
            )
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func checkDepth(of value: JSONValue, limit: Int, name: String, option: String) throws(JWTError) {
        let depth = value.nestingDepth
        guard depth <= limit else {
            throw JWTError(
                .signingFailed,
                "the \(name) JSON is nested \(depth) levels deep; verifiers with \(option) \(limit) refuse it"
            )
        }
    }

    /// Reads JSON the signer wrote as a verifier's strict parser does, so that no token is made that
    /// verifiers refuse as `malformed`: a string with more than 30 combining characters in a row
    /// (not stream-safe text), which a `Codable` value or a `fields` member can hold, is refused
    /// here. (Depth is checked first, with a message naming the option.)
    private static func checkVerifiersRead(_ json: [UInt8], name: String) throws(JWTError) {
        do {
            _ = try JSONParser(options: JSONParser.Options(maxDepth: JSONParser.Options.maximumDepthLimit)).parse(json)
        } catch {
            throw JWTError(.signingFailed, "verifiers would refuse the \(name) JSON: \(error)")
        }
    }

    /// Refuses claims whose registered members have a JSON type verifiers refuse (RFC 7519 §4.1: a
    /// NumericDate `exp`, a string `iss`, …), read as a verifier reads them; `null` is no exception.
    /// `json` is claims JSON the strict parser accepted.
    package static func checkRegisteredClaims(_ json: [UInt8]) throws(JWTError) {
        let result: Result<Void, JWTError> = json.withUnsafeBufferPointer { bytes in
            do throws(JWTError) {
                try JWTCompactParts.withObjectTape(
                    bytes,
                    maxDepth: JSONParser.Options.maximumDepthLimit,
                    name: "claims"
                ) { (tape) throws(JWTError) in _ = try JWTClaimsValidator.registeredClaims(tape) }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        do {
            try result.get()
        } catch {
            throw JWTError(.signingFailed, "verifiers would refuse the claims: \(error.message)")
        }
    }

    /// The producer's rules for `crit` (RFC 7515 §4.1.11): not empty, no duplicates, no names
    /// the JOSE specifications define, and each name present in the header. A token breaking
    /// them would be refused by every conforming verifier, this library's included.
    private static func checkCritical(_ critical: [String], in header: JSONObject) throws(JWTError) {
        guard !critical.isEmpty else {
            throw JWTError(.unsupportedCriticalHeader, "crit must not be empty")
        }
        var seen = Set<String>()
        for name in critical {
            guard seen.insert(name).inserted else {
                throw JWTError(.unsupportedCriticalHeader, "crit lists \(JWTKeyCollection.printable(name)) twice")
            }
            guard !JWTHeader.specifiedParameterNames.contains(name) else {
                throw JWTError(
                    .unsupportedCriticalHeader,
                    "crit must not list \(JWTKeyCollection.printable(name)), a name the JOSE specifications define"
                )
            }
            guard header[name] != nil else {
                throw JWTError(
                    .unsupportedCriticalHeader,
                    "crit names \(JWTKeyCollection.printable(name)) but the header does not carry it"
                )
            }
        }
    }

    private static func appendSignature(
        to output: [UInt8],
        signingInput: [UInt8],
        key: CryptoKey,
        algorithm: SignatureAlgorithm
    ) throws(JWTError) -> [UInt8] {
        let signature: [UInt8]
        do {
            signature = try key.signature(for: signingInput, algorithm: algorithm)
        } catch {
            // A key too small for the algorithm is the key's fault, as a policy refusal is.
            throw JWTError(
                error.code == .weakKey ? .weakKey : .signingFailed,
                "cannot sign with alg \(algorithm): \(error.reason)"
            )
        }
        var result = output
        result.append(UInt8(ascii: "."))
        result.append(contentsOf: Base64URL.encodeToBytes(signature))
        return result
    }
}
