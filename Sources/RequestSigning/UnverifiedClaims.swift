internal import JSONWebToken

/// Decodes a token's claims with no verification, for the vendors' explicit `unverified…` calls.
enum UnverifiedClaims {
    static func decode<Claims: Decodable>(_ token: some StringProtocol, as type: Claims.Type) throws(JWTError) -> Claims
    {
        try JWTKeyCollection.unverifiedDecode(token).decodeClaims(as: type)
    }
}
