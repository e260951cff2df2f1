/// Why a token was rejected, or why a key set was refused.
///
/// One error type for the whole module. Compare by ``code`` (equality and hashing ignore the
/// message), so tests and callers can write `#expect(throws: JWTError.expired) { … }`.
/// The ``message`` names the header parameter or claim at fault and never contains key material
/// or signature bytes.
public struct JWTError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable category (the snake_case names are part of the CLI contract).
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The token is longer than ``JWTValidationOptions/maxTokenBytes``; nothing was decoded.
        public static let tokenTooLarge = Code(rawValue: "token_too_large")
        /// Not three base64url segments, bad base64url, or a header/payload that is not a strict JSON object.
        public static let malformed = Code(rawValue: "malformed")
        /// `alg` is missing from the supported set (including `none` in any spelling).
        public static let unsupportedAlgorithm = Code(rawValue: "unsupported_algorithm")
        /// `crit` is malformed or names a parameter this library does not implement; or `b64` misuse.
        public static let unsupportedCriticalHeader = Code(rawValue: "unsupported_critical_header")
        /// The algorithm is not allowed by the caller, or not allowed for any candidate key.
        public static let algorithmNotAllowed = Code(rawValue: "algorithm_not_allowed")
        /// No key matches the token's `kid`: none has it and none was added without a `kid` (a key with
        /// another `kid` is never tried), or the collection is empty.
        public static let keyNotFound = Code(rawValue: "key_not_found")
        /// The selected key breaks the key policy (size, exponent, small order, JWK `use`/`key_ops`).
        public static let weakKey = Code(rawValue: "weak_key")
        /// The signature does not verify.
        public static let badSignature = Code(rawValue: "bad_signature")
        /// A registered claim has the wrong JSON type, a required claim is missing, or the claims do
        /// not decode into the requested type.
        public static let invalidClaim = Code(rawValue: "invalid_claim")
        /// `exp` has passed (leeway included).
        public static let expired = Code(rawValue: "expired")
        /// `nbf` lies in the future, or `iat` does (leeway included).
        public static let notYetValid = Code(rawValue: "not_yet_valid")
        /// `iat` is older than the maximum age.
        public static let tooOld = Code(rawValue: "too_old")
        /// `iss` is missing or not one of the accepted issuers.
        public static let invalidIssuer = Code(rawValue: "invalid_issuer")
        /// `aud` is missing or names none of the accepted audiences.
        public static let invalidAudience = Code(rawValue: "invalid_audience")
        /// The `typ` header is missing or differs from the expected type.
        public static let invalidType = Code(rawValue: "invalid_type")
        /// A configuration error: a key set was refused (duplicate `kid`, secrets mixed with public
        /// keys, no usable key) or a key cannot be used as configured.
        public static let invalidKeySet = Code(rawValue: "invalid_key_set")
        /// Signing failed (the key cannot sign with the algorithm, or claims did not encode).
        public static let signingFailed = Code(rawValue: "signing_failed")
        /// The batch this token belonged to was cancelled before the token was verified.
        public static let cancelled = Code(rawValue: "cancelled")
        /// A configuration error in ``JWTValidationOptions``: a ``JWTValidationOptions/leeway`` that
        /// is negative, NaN or above ``JWTValidationOptions/maximumLeeway``, a
        /// ``JWTValidationOptions/maxAge`` that is negative, NaN or infinite, or a clock that read a
        /// time that is not finite. No token verifies until it is fixed.
        public static let invalidOptions = Code(rawValue: "invalid_options")
        /// The token's `x5c` certificate chain does not validate against the trusted certificates
        /// (see ``X5CVerifier``), a certificate in it does not parse, or its leaf may not sign.
        public static let invalidCertificateChain = Code(rawValue: "invalid_certificate_chain")
        /// A ``RemoteJWKSet`` has no key set it may use: fetching it failed, timed out or returned a
        /// set that was refused, and no earlier set is young enough to serve (see
        /// ``RemoteJWKSetConfiguration/staleIfError``).
        public static let keySetUnavailable = Code(rawValue: "key_set_unavailable")
        /// An OpenID provider's discovery document was refused (see ``OpenIDProviderMetadata``): its
        /// `issuer` is not the one expected, or its `jwks_uri` is missing or not `https`. Thrown by
        /// the metadata's init and, for a ``RemoteJWKSet`` found through discovery, by
        /// ``RemoteJWKSet/refresh()`` and in ``RemoteJWKSetStatus/lastError``; a request gets
        /// `key_set_unavailable` naming it.
        public static let invalidProviderMetadata = Code(rawValue: "invalid_provider_metadata")
    }

    /// The category; stable across releases.
    public let code: Code
    /// For people: names the claim or parameter at fault. Never contains key material.
    public let message: String
    /// The source file that raised the error, for debugging.
    public let file: String
    /// The line in ``file`` that raised the error.
    public let line: UInt

    /// An error with `code` and a message for people; `file` and `line` default to the caller's.
    public init(_ code: Code, _ message: String, file: String = #fileID, line: UInt = #line) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String { "JWTError.\(code): \(message)" }

    public static func == (lhs: JWTError, rhs: JWTError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    // Templates for comparisons: `#expect(throws: JWTError.expired) { … }`.
    /// Compares equal to any `JWTError` whose code is ``Code/tokenTooLarge``.
    public static let tokenTooLarge = JWTError(.tokenTooLarge, "")
    /// Compares equal to any `JWTError` whose code is ``Code/malformed``.
    public static let malformed = JWTError(.malformed, "")
    /// Compares equal to any `JWTError` whose code is ``Code/unsupportedAlgorithm``.
    public static let unsupportedAlgorithm = JWTError(.unsupportedAlgorithm, "")
    /// Compares equal to any `JWTError` whose code is ``Code/unsupportedCriticalHeader``.
    public static let unsupportedCriticalHeader = JWTError(.unsupportedCriticalHeader, "")
    /// Compares equal to any `JWTError` whose code is ``Code/algorithmNotAllowed``.
    public static let algorithmNotAllowed = JWTError(.algorithmNotAllowed, "")
    /// Compares equal to any `JWTError` whose code is ``Code/keyNotFound``.
    public static let keyNotFound = JWTError(.keyNotFound, "")
    /// Compares equal to any `JWTError` whose code is ``Code/weakKey``.
    public static let weakKey = JWTError(.weakKey, "")
    /// Compares equal to any `JWTError` whose code is ``Code/badSignature``.
    public static let badSignature = JWTError(.badSignature, "")
    /// Compares equal to any `JWTError` whose code is ``Code/cancelled``.
    public static let cancelled = JWTError(.cancelled, "")
    /// Compares equal to any `JWTError` whose code is ``Code/invalidClaim``.
    public static let invalidClaim = JWTError(.invalidClaim, "")
    /// Compares equal to any `JWTError` whose code is ``Code/expired``.
    public static let expired = JWTError(.expired, "")
    /// Compares equal to any `JWTError` whose code is ``Code/notYetValid``.
    public static let notYetValid = JWTError(.notYetValid, "")
    /// Compares equal to any `JWTError` whose code is ``Code/tooOld``.
    public static let tooOld = JWTError(.tooOld, "")
    /// Compares equal to any `JWTError` whose code is ``Code/invalidIssuer``.
    public static let invalidIssuer = JWTError(.invalidIssuer, "")
    /// Compares equal to any `JWTError` whose code is ``Code/invalidAudience``.
    public static let invalidAudience = JWTError(.invalidAudience, "")
    /// Compares equal to any `JWTError` whose code is ``Code/invalidType``.
    public static let invalidType = JWTError(.invalidType, "")
    /// Compares equal to any `JWTError` whose code is ``Code/invalidKeySet``.
    public static let invalidKeySet = JWTError(.invalidKeySet, "")
    /// Compares equal to any `JWTError` whose code is ``Code/signingFailed``.
    public static let signingFailed = JWTError(.signingFailed, "")
    /// Compares equal to any `JWTError` whose code is ``Code/invalidOptions``.
    public static let invalidOptions = JWTError(.invalidOptions, "")
    /// Compares equal to any `JWTError` whose code is ``Code/invalidCertificateChain``.
    public static let invalidCertificateChain = JWTError(.invalidCertificateChain, "")
    /// Compares equal to any `JWTError` whose code is ``Code/keySetUnavailable``.
    public static let keySetUnavailable = JWTError(.keySetUnavailable, "")
    /// Compares equal to any `JWTError` whose code is ``Code/invalidProviderMetadata``.
    public static let invalidProviderMetadata = JWTError(.invalidProviderMetadata, "")
}
