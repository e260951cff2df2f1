/// An error thrown by the `CryptoPrimitives` module.
///
/// Compare errors by ``code``: equality and hashing consider the code only, so a test can
/// match a thrown error against a freshly made one (`#expect(throws: CryptoError.weakKey)`).
/// The human-readable ``reason`` never contains key material.
public struct CryptoError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable error category.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Key bytes could not be parsed (bad PEM/DER/JWK/hex, wrong length, inconsistent parts).
        public static let invalidKey = Code(rawValue: "invalid_key")
        /// The key is well-formed but of a type, curve or size this library does not support.
        public static let unsupportedKey = Code(rawValue: "unsupported_key")
        /// The key violates the verification policy (size, exponent, ROCA, small order, JWK use/key_ops).
        public static let weakKey = Code(rawValue: "weak_key")
        /// The algorithm cannot be used with this key (wrong family, curve or a public key asked to sign).
        public static let algorithmMismatch = Code(rawValue: "algorithm_mismatch")
        /// The signature bytes have the wrong length or encoding for the algorithm.
        public static let invalidSignature = Code(rawValue: "invalid_signature")
        /// A numeric or option parameter is outside the documented range (such as a BLAKE2b output length).
        public static let invalidParameter = Code(rawValue: "invalid_parameter")
        /// The underlying C library failed where it should not (allocation, internal error).
        public static let libraryFailure = Code(rawValue: "library_failure")
        /// Certificate bytes could not be parsed (not one strict-DER X.509 certificate, bad PEM).
        public static let invalidCertificate = Code(rawValue: "invalid_certificate")
        /// A certificate chain does not validate against the trusted certificates (signature,
        /// dates, CA constraints, order), or a trust store cannot be built.
        public static let untrustedCertificate = Code(rawValue: "untrusted_certificate")
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

    public var description: String { "CryptoError.\(code): \(reason)" }

    public static func == (lhs: CryptoError, rhs: CryptoError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    // A template for comparisons in tests: `#expect(throws: CryptoError.weakKey) { … }`.
    /// Compares equal to any `CryptoError` whose code is ``Code/invalidKey``.
    public static let invalidKey = CryptoError(.invalidKey, "")
    /// Compares equal to any `CryptoError` whose code is ``Code/unsupportedKey``.
    public static let unsupportedKey = CryptoError(.unsupportedKey, "")
    /// Compares equal to any `CryptoError` whose code is ``Code/weakKey``.
    public static let weakKey = CryptoError(.weakKey, "")
    /// Compares equal to any `CryptoError` whose code is ``Code/algorithmMismatch``.
    public static let algorithmMismatch = CryptoError(.algorithmMismatch, "")
    /// Compares equal to any `CryptoError` whose code is ``Code/invalidSignature``.
    public static let invalidSignature = CryptoError(.invalidSignature, "")
    /// Compares equal to any `CryptoError` whose code is ``Code/invalidParameter``.
    public static let invalidParameter = CryptoError(.invalidParameter, "")
    /// Compares equal to any `CryptoError` whose code is ``Code/libraryFailure``.
    public static let libraryFailure = CryptoError(.libraryFailure, "")
    /// Compares equal to any `CryptoError` whose code is ``Code/invalidCertificate``.
    public static let invalidCertificate = CryptoError(.invalidCertificate, "")
    /// Compares equal to any `CryptoError` whose code is ``Code/untrustedCertificate``.
    public static let untrustedCertificate = CryptoError(.untrustedCertificate, "")
}
