/// An error thrown by the `RequestSigning` module.
///
/// Compare errors by ``code``: equality and hashing consider the code only, so a test can match a
/// thrown error against a freshly made one (`#expect(throws: RequestSigningError.invalidKey)`).
/// The ``reason`` never contains key material.
public struct RequestSigningError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable error category.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A key could not be read: bad hex or PEM, wrong length, wrong key type, or a key whose
        /// halves do not match (a seed ‖ public key, or a PKCS#8 version 2 key carrying another
        /// public key).
        public static let invalidKey = Code(rawValue: "invalid_key")
        /// A well-formed key of a kind this library does not read: a multi-prime RSA key, encrypted
        /// PEM, an unsupported curve.
        public static let unsupportedKey = Code(rawValue: "unsupported_key")
        /// A public key that must not be trusted: an Ed25519 point of small order, or an RSA key
        /// below the minimum size or with the ROCA fingerprint.
        public static let weakKey = Code(rawValue: "weak_key")
        /// Signature text that is not well-formed (bad hex or Base64, wrong length).
        public static let malformedSignature = Code(rawValue: "malformed_signature")
        /// An `algorithm` header value other than `rsa-sha512`, `rsa-sha384` or `rsa-sha256`.
        public static let unsupportedAlgorithm = Code(rawValue: "unsupported_algorithm")
        /// A required header (`Signature`) is absent.
        public static let missingHeader = Code(rawValue: "missing_header")
        /// A header appears more than once (names compared case-insensitively).
        public static let duplicateHeader = Code(rawValue: "duplicate_header")
        /// A date that is not a real calendar day written as `YYYY-MM-DD`.
        public static let invalidDate = Code(rawValue: "invalid_date")
        /// An `Encodable` body could not be encoded as JSON.
        public static let encodingFailed = Code(rawValue: "encoding_failed")
        /// A received body that is not the expected strict JSON: not UTF-8, a duplicate member, a
        /// missing or mistyped member, or over the size limit.
        public static let malformedBody = Code(rawValue: "malformed_body")
        /// The cryptographic library failed to sign (should not happen with a valid key).
        public static let signingFailed = Code(rawValue: "signing_failed")
        /// A body's signature does not verify: it was made with another key or over other bytes,
        /// or names an algorithm the verifier does not accept.
        public static let badSignature = Code(rawValue: "bad_signature")
    }

    /// The error category; stable across releases.
    public let code: Code
    /// What went wrong, for people. Never contains key material.
    public let reason: String
    /// The source file that raised the error, for debugging.
    public let file: String
    /// The line in ``file`` that raised the error.
    public let line: UInt

    /// An error with `code` and a message for people; `file` and `line` default to the caller's.
    public init(_ code: Code, _ reason: String, file: String = #fileID, line: UInt = #line) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
    }

    public var description: String { "RequestSigningError.\(code): \(reason)" }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    // Templates for comparisons in tests: `#expect(throws: RequestSigningError.invalidKey) { … }`.
    /// Compares equal to any `RequestSigningError` whose code is ``Code/invalidKey``.
    public static let invalidKey = Self(.invalidKey, "")
    /// Compares equal to any `RequestSigningError` whose code is ``Code/unsupportedKey``.
    public static let unsupportedKey = Self(.unsupportedKey, "")
    /// Compares equal to any `RequestSigningError` whose code is ``Code/weakKey``.
    public static let weakKey = Self(.weakKey, "")
    /// Compares equal to any `RequestSigningError` whose code is ``Code/malformedSignature``.
    public static let malformedSignature = Self(.malformedSignature, "")
    /// Compares equal to any `RequestSigningError` whose code is ``Code/unsupportedAlgorithm``.
    public static let unsupportedAlgorithm = Self(.unsupportedAlgorithm, "")
    /// Compares equal to any `RequestSigningError` whose code is ``Code/missingHeader``.
    public static let missingHeader = Self(.missingHeader, "")
    /// Compares equal to any `RequestSigningError` whose code is ``Code/duplicateHeader``.
    public static let duplicateHeader = Self(.duplicateHeader, "")
    /// Compares equal to any `RequestSigningError` whose code is ``Code/invalidDate``.
    public static let invalidDate = Self(.invalidDate, "")
    /// Compares equal to any `RequestSigningError` whose code is ``Code/encodingFailed``.
    public static let encodingFailed = Self(.encodingFailed, "")
    /// Compares equal to any `RequestSigningError` whose code is ``Code/malformedBody``.
    public static let malformedBody = Self(.malformedBody, "")
    /// Compares equal to any `RequestSigningError` whose code is ``Code/signingFailed``.
    public static let signingFailed = Self(.signingFailed, "")
    /// Compares equal to any `RequestSigningError` whose code is ``Code/badSignature``.
    public static let badSignature = Self(.badSignature, "")
}
