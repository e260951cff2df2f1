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
    public static func sign(
        _ claims: some Encodable,
        header: JWTHeader = JWTHeader(),
        key: CryptoKey,
        algorithm: SignatureAlgorithm
    ) throws(JWTError) -> String {
        let payload: [UInt8]
        do {
            payload = try JSONValueEncoder().encode(claims).serialized()
        } catch {
            throw JWTError(.signingFailed, "the claims do not encode as JSON: \(error)")
        }
        return try sign(payload: payload, header: header, key: key, algorithm: algorithm)
    }

    /// Signs `claims` with a JWK: the algorithm comes from `algorithm` or the JWK's `alg`, and the
    /// JWK's `kid` is written unless the header already names one.
    ///
    /// The JWK's own restrictions hold here as they do for verification: an `algorithm` other
    /// than the JWK's `alg` is `algorithm_not_allowed`; `use` other than `sig`, or `key_ops`
    /// without `sign`, is `weak_key`.
    public static func sign(
        _ claims: some Encodable,
        header: JWTHeader = JWTHeader(),
        jwk: JWK,
        algorithm: SignatureAlgorithm? = nil
    ) throws(JWTError) -> String {
        guard let algorithm = algorithm ?? jwk.algorithm else {
            throw JWTError(.signingFailed, "no algorithm given and the JWK has no alg")
        }
        if let pinned = jwk.algorithm, pinned != algorithm {
            throw JWTError(.algorithmNotAllowed, "the JWK is pinned to alg \(pinned); cannot sign with \(algorithm)")
        }
        do {
            try jwk.checkPermitsSigning()
        } catch {
            throw JWTError(.weakKey, error.reason)
        }
        var header = header
        if header.keyID == nil { header.keyID = jwk.keyID }
        return try sign(claims, header: header, key: jwk.key, algorithm: algorithm)
    }

    /// Signs arbitrary payload bytes as a compact JWS.
    ///
    /// With `header.base64URLEncodesPayload == false` (RFC 7797) the payload is signed unencoded
    /// and left out of the result (detached: the middle segment is empty), and `b64` is added to
    /// `crit` if missing.
    public static func sign(
        payload: some Collection<UInt8>,
        header: JWTHeader = JWTHeader(),
        key: CryptoKey,
        algorithm: SignatureAlgorithm
    ) throws(JWTError) -> String {
        guard algorithm.isSupported else {
            throw JWTError(.unsupportedAlgorithm, "alg \(algorithm) is not supported")
        }
        var header = header
        header.algorithm = algorithm
        let unencoded = header.base64URLEncodesPayload == false
        if header.base64URLEncodesPayload != nil, !(header.critical ?? []).contains("b64") {
            header.critical = (header.critical ?? []) + ["b64"]
        }
        var output = Base64URL.encodeToBytes(JSONValue.object(header.jsonObject).serialized())
        output.append(UInt8(ascii: "."))
        if unencoded {
            var input = output
            input.append(contentsOf: payload)
            output = try appendSignature(to: output, signingInput: input, key: key, algorithm: algorithm)
        } else {
            output.append(contentsOf: Base64URL.encodeToBytes(payload))
            output = try appendSignature(to: output, signingInput: output, key: key, algorithm: algorithm)
        }
        return String(decoding: output, as: UTF8.self)
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
            throw JWTError(.signingFailed, "cannot sign with alg \(algorithm): \(error.reason)")
        }
        var result = output
        result.append(UInt8(ascii: "."))
        result.append(contentsOf: Base64URL.encodeToBytes(signature))
        return result
    }
}
