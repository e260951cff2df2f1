/// A JWS signature algorithm, named as in RFC 7518 / RFC 8037 / RFC 9864.
///
/// An extensible struct rather than an enum so that unknown names can be carried and reported,
/// while only the static members below are supported. `none` is deliberately not a member.
public struct SignatureAlgorithm: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The JOSE `alg` name, exactly as it appears on the wire (case-sensitive).
    public let rawValue: String
    /// The name resolved once, at init: `family`, `digest` and `curve` are asked on every
    /// verification and should not compare strings each time. Derived from `rawValue`, so it
    /// never makes two equal names unequal.
    private let known: Known?

    public init(rawValue: String) {
        self.rawValue = rawValue
        self.known = Known(name: rawValue)
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// The supported names, with what each implies.
    private enum Known: UInt8, Hashable, Sendable {
        case eddsa, ed25519, rs256, rs384, rs512, ps256, ps384, ps512, es256, es384, es512, hs256, hs384, hs512

        init?(name: String) {
            switch name {
            case "EdDSA": self = .eddsa
            case "Ed25519": self = .ed25519
            case "RS256": self = .rs256
            case "RS384": self = .rs384
            case "RS512": self = .rs512
            case "PS256": self = .ps256
            case "PS384": self = .ps384
            case "PS512": self = .ps512
            case "ES256": self = .es256
            case "ES384": self = .es384
            case "ES512": self = .es512
            case "HS256": self = .hs256
            case "HS384": self = .hs384
            case "HS512": self = .hs512
            default: return nil
            }
        }

        var family: Family {
            switch self {
            case .eddsa, .ed25519: .eddsa
            case .rs256, .rs384, .rs512: .rsaPKCS1v15
            case .ps256, .ps384, .ps512: .rsaPSS
            case .es256, .es384, .es512: .ecdsa
            case .hs256, .hs384, .hs512: .hmac
            }
        }

        var digest: Digest? {
            switch self {
            case .eddsa, .ed25519: nil
            case .rs256, .ps256, .es256, .hs256: .sha256
            case .rs384, .ps384, .es384, .hs384: .sha384
            case .rs512, .ps512, .es512, .hs512: .sha512
            }
        }

        var curve: ECCurve? {
            switch self {
            case .es256: .p256
            case .es384: .p384
            case .es512: .p521
            default: nil
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Ed25519 under the RFC 8037 name.
    public static let eddsa = SignatureAlgorithm(rawValue: "EdDSA")
    /// Ed25519 under the fully-specified RFC 9864 name.
    public static let ed25519 = SignatureAlgorithm(rawValue: "Ed25519")
    /// RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3).
    public static let rs256 = SignatureAlgorithm(rawValue: "RS256")
    /// RSASSA-PKCS1-v1_5 with SHA-384 (RFC 7518 §3.3).
    public static let rs384 = SignatureAlgorithm(rawValue: "RS384")
    /// RSASSA-PKCS1-v1_5 with SHA-512 (RFC 7518 §3.3).
    public static let rs512 = SignatureAlgorithm(rawValue: "RS512")
    /// RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a 32-byte salt (RFC 7518 §3.5).
    public static let ps256 = SignatureAlgorithm(rawValue: "PS256")
    /// RSASSA-PSS with SHA-384, MGF1 with SHA-384 and a 48-byte salt (RFC 7518 §3.5).
    public static let ps384 = SignatureAlgorithm(rawValue: "PS384")
    /// RSASSA-PSS with SHA-512, MGF1 with SHA-512 and a 64-byte salt (RFC 7518 §3.5).
    public static let ps512 = SignatureAlgorithm(rawValue: "PS512")
    /// ECDSA on P-256 with SHA-256; the signature is r ‖ s, 64 bytes (RFC 7518 §3.4).
    public static let es256 = SignatureAlgorithm(rawValue: "ES256")
    /// ECDSA on P-384 with SHA-384; the signature is r ‖ s, 96 bytes (RFC 7518 §3.4).
    public static let es384 = SignatureAlgorithm(rawValue: "ES384")
    /// ECDSA on P-521 with SHA-512; the signature is r ‖ s, 132 bytes (RFC 7518 §3.4).
    public static let es512 = SignatureAlgorithm(rawValue: "ES512")
    /// HMAC with SHA-256 (RFC 7518 §3.2); key policy wants a secret of at least 32 bytes by default.
    public static let hs256 = SignatureAlgorithm(rawValue: "HS256")
    /// HMAC with SHA-384 (RFC 7518 §3.2); key policy wants a secret of at least 48 bytes by default.
    public static let hs384 = SignatureAlgorithm(rawValue: "HS384")
    /// HMAC with SHA-512 (RFC 7518 §3.2); key policy wants a secret of at least 64 bytes by default.
    public static let hs512 = SignatureAlgorithm(rawValue: "HS512")

    /// Every algorithm this library implements.
    public static let supported: [SignatureAlgorithm] = [
        .eddsa, .ed25519, .rs256, .rs384, .rs512, .ps256, .ps384, .ps512,
        .es256, .es384, .es512, .hs256, .hs384, .hs512,
    ]

    /// The construction behind an algorithm.
    public enum Family: String, Hashable, Sendable, CaseIterable {
        /// Ed25519 signatures: ``eddsa`` and ``ed25519``.
        case eddsa
        /// RSASSA-PKCS1-v1_5: ``rs256``, ``rs384``, ``rs512``.
        case rsaPKCS1v15
        /// RSASSA-PSS: ``ps256``, ``ps384``, ``ps512``.
        case rsaPSS
        /// ECDSA on a NIST curve: ``es256``, ``es384``, ``es512``.
        case ecdsa
        /// HMAC with a shared secret: ``hs256``, ``hs384``, ``hs512``.
        case hmac
    }

    /// The family, or `nil` for a name this library does not implement.
    public var family: Family? { known?.family }

    /// Whether this library implements the algorithm.
    public var isSupported: Bool { family != nil }

    /// The hash the algorithm uses, or `nil` for EdDSA (which hashes internally) and unknown names.
    public var digest: Digest? { known?.digest }

    /// The curve an ECDSA algorithm is bound to (RFC 7518 §3.4), `nil` otherwise.
    public var curve: ECCurve? { known?.curve }
}

/// A SHA-2 digest used by RSA, ECDSA and HMAC algorithms.
public enum Digest: String, Hashable, Sendable, CaseIterable {
    /// SHA-256: 32-byte output, for RS256, PS256, ES256 and HS256.
    case sha256 = "SHA-256"
    /// SHA-384: 48-byte output, for RS384, PS384, ES384 and HS384.
    case sha384 = "SHA-384"
    /// SHA-512: 64-byte output, for RS512, PS512, ES512 and HS512.
    case sha512 = "SHA-512"

    /// Output length in bytes.
    public var byteCount: Int {
        switch self {
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }
}

/// A NIST prime curve supported for ECDSA, named as in JWK `crv` (RFC 7518 §6.2.1.1).
public enum ECCurve: String, Hashable, Sendable, CaseIterable, Codable {
    /// NIST P-256 (secp256r1), the curve of ES256.
    case p256 = "P-256"
    /// NIST P-384 (secp384r1), the curve of ES384.
    case p384 = "P-384"
    /// NIST P-521 (secp521r1), the curve of ES512.
    case p521 = "P-521"

    /// Size in bytes of one coordinate or scalar (and of each half of a P1363 signature).
    public var coordinateByteCount: Int {
        switch self {
        case .p256: 32
        case .p384: 48
        case .p521: 66
        }
    }

    /// Size of the curve order in bits.
    public var bitLength: Int {
        switch self {
        case .p256: 256
        case .p384: 384
        case .p521: 521
        }
    }

    /// The JWS algorithm bound to this curve.
    public var algorithm: SignatureAlgorithm {
        switch self {
        case .p256: .es256
        case .p384: .es384
        case .p521: .es512
        }
    }
}
