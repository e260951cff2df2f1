internal import JSONWebToken
internal import StrictJSON

/// Decodes a token's claims with no verification, for the vendors' explicit `unverified…` calls.
enum UnverifiedClaims {
    static func decode<Claims: Decodable>(_ token: some StringProtocol, as type: Claims.Type) throws(JWTError) -> Claims
    {
        let decoded = try JWTKeyCollection.unverifiedDecode(token)
        guard let claims = decoded.claims else {
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
