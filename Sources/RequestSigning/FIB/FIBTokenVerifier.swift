public import CryptoPrimitives
public import JSONWebToken
internal import StrictJSON

extension FIB {
    /// Verifies the session tokens with the FIB server's Ed25519 public key.
    ///
    /// Only `EdDSA` (and its fully-specified name `Ed25519`) is accepted. Signature, `exp` and the
    /// other checks of `JWTKeyCollection` apply; `options` can add issuer, leeway or a
    /// fixed clock.
    public struct TokenVerifier: Sendable {
        /// The key collection holding the server key.
        public let keys: JWTKeyCollection

        /// - Throws: `JWTError` with code `weak_key` for a small-order key, or `invalid_key_set` if the
        ///   key cannot be registered.
        public init(
            serverPublicKey: Ed25519.PublicKey,
            options: JWTValidationOptions = JWTValidationOptions()
        ) throws(JWTError) {
            var keys = JWTKeyCollection(options: options)
            try keys.add(CryptoKey(serverPublicKey), algorithms: [.eddsa, .ed25519])
            self.keys = keys
        }

        /// Verifies an access token and returns its claims.
        ///
        /// Both tokens are signed by the same key with the same header, and a refresh token has
        /// every member ``AccessTokenClaims`` requires; what tells them apart is `acjti`, which
        /// only a refresh token carries. A token with `acjti` is refused here, so a refresh token
        /// (valid a day longer) cannot be used as the bearer token.
        ///
        /// - Throws: `invalid_claim` for a token with `acjti`, and every error of
        ///   `JWTKeyCollection.verify`.
        public func accessTokenClaims(_ token: some StringProtocol) throws(JWTError) -> AccessTokenClaims {
            // The acjti rule is the claims type's own (JWTClaimsValidating), so it also holds for
            // callers that verify into AccessTokenClaims with a collection of their own.
            try keys.verify(token, as: AccessTokenClaims.self).claims
        }

        /// Verifies a refresh token and returns its claims.
        ///
        /// - Throws: `invalid_claim` for a token without a string `acjti` (an access token), and
        ///   every error of `JWTKeyCollection.verify`.
        public func refreshTokenClaims(_ token: some StringProtocol) throws(JWTError) -> RefreshTokenClaims {
            try keys.verify(token, as: RefreshTokenClaims.self).claims
        }
    }

    /// Reads an access token's claims **without verifying anything**: for display and debugging when
    /// the server's key is not at hand. Never authorize on the result.
    public static func unverifiedAccessTokenClaims(_ token: some StringProtocol) throws(JWTError) -> AccessTokenClaims {
        try UnverifiedClaims.decode(token, as: AccessTokenClaims.self)
    }

    /// Reads a refresh token's claims **without verifying anything**; see
    /// ``unverifiedAccessTokenClaims(_:)``.
    public static func unverifiedRefreshTokenClaims(
        _ token: some StringProtocol
    ) throws(JWTError)
        -> RefreshTokenClaims
    {
        try UnverifiedClaims.decode(token, as: RefreshTokenClaims.self)
    }
}
