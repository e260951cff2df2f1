public import CryptoPrimitives
public import JSONWebToken

extension BankFrick {
    /// Verifies the authorize token with the bank's RSA public key. Only `RS512` is accepted.
    ///
    /// The documents' example token is signed with a 1024-bit key: verifying such tokens needs a
    /// `KeyPolicy` with `minimumRSABits: 1024`, which should be a deliberate choice.
    ///
    /// The documents' token names its issuer (`"iss":"Bank Frick WebAPI"`) and environment
    /// (`"aud":"production"`); nothing here checks them unless `options` does. To refuse a token
    /// from another environment, pass `JWTValidationOptions(issuers: ["Bank Frick WebAPI"],
    /// audiences: ["production"])` (or the environment you call).
    public struct TokenVerifier: Sendable {
        /// The key collection holding the bank's key.
        public let keys: JWTKeyCollection

        /// - Throws: `JWTError` with code `invalid_key_set` if the key cannot be registered. A key
        ///   below `keyPolicy` is refused here with `weak_key`.
        public init(
            bankPublicKey: RSA.PublicKey,
            keyPolicy: KeyPolicy = .default,
            options: JWTValidationOptions = JWTValidationOptions()
        ) throws(JWTError) {
            var keys = JWTKeyCollection(keyPolicy: keyPolicy, options: options)
            try keys.add(CryptoKey(bankPublicKey), algorithms: [.rs512])
            self.keys = keys
        }

        /// Verifies a token and returns its claims.
        public func claims(_ token: some StringProtocol) throws(JWTError) -> TokenClaims {
            try keys.verify(token, as: TokenClaims.self).claims
        }
    }

    /// Reads a token's claims **without verifying anything**: for display and debugging when the
    /// bank's key is not at hand. Never authorize on the result.
    public static func unverifiedTokenClaims(_ token: some StringProtocol) throws(JWTError) -> TokenClaims {
        try UnverifiedClaims.decode(token, as: TokenClaims.self)
    }
}
