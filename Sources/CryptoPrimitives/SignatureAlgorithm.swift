/// A JWS signature algorithm, named as in RFC 7518 / RFC 8037 / RFC 9864.
///
/// An extensible struct rather than an enum so that unknown names can be carried and reported,
/// while only the static members below are supported. `none` is deliberately not a member.
public struct SignatureAlgorithm: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The JOSE `alg` name, exactly as it appears on the wire (case-sensitive).
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Ed25519 under the RFC 8037 name.
    public static let eddsa = SignatureAlgorithm(rawValue: "EdDSA")
    /// Ed25519 under the fully-specified RFC 9864 name.
    public static let ed25519 = SignatureAlgorithm(rawValue: "Ed25519")
    public static let rs256 = SignatureAlgorithm(rawValue: "RS256")
    public static let rs384 = SignatureAlgorithm(rawValue: "RS384")
    public static let rs512 = SignatureAlgorithm(rawValue: "RS512")
    public static let ps256 = SignatureAlgorithm(rawValue: "PS256")
    public static let ps384 = SignatureAlgorithm(rawValue: "PS384")
    public static let ps512 = SignatureAlgorithm(rawValue: "PS512")
    public static let es256 = SignatureAlgorithm(rawValue: "ES256")
    public static let es384 = SignatureAlgorithm(rawValue: "ES384")
    public static let es512 = SignatureAlgorithm(rawValue: "ES512")
    public static let hs256 = SignatureAlgorithm(rawValue: "HS256")
    public static let hs384 = SignatureAlgorithm(rawValue: "HS384")
    public static let hs512 = SignatureAlgorithm(rawValue: "HS512")

    /// Every algorithm this library implements.
    public static let supported: [SignatureAlgorithm] = [
        .eddsa, .ed25519, .rs256, .rs384, .rs512, .ps256, .ps384, .ps512,
        .es256, .es384, .es512, .hs256, .hs384, .hs512,
    ]

    /// The construction behind an algorithm.
    public enum Family: String, Hashable, Sendable, CaseIterable {
        case eddsa
        case rsaPKCS1v15
        case rsaPSS
        case ecdsa
        case hmac
    }

    /// The family, or `nil` for a name this library does not implement.
    public var family: Family? {
        switch rawValue {
        case "EdDSA", "Ed25519": .eddsa
        case "RS256", "RS384", "RS512": .rsaPKCS1v15
        case "PS256", "PS384", "PS512": .rsaPSS
        case "ES256", "ES384", "ES512": .ecdsa
        case "HS256", "HS384", "HS512": .hmac
        default: nil
        }
    }

    /// Whether this library implements the algorithm.
    public var isSupported: Bool { family != nil }

    /// The hash the algorithm uses, or `nil` for EdDSA (which hashes internally) and unknown names.
    public var digest: Digest? {
        guard family != nil, family != .eddsa else { return nil }
        switch rawValue.suffix(3) {
        case "256": return .sha256
        case "384": return .sha384
        case "512": return .sha512
        default: return nil
        }
    }

    /// The curve an ECDSA algorithm is bound to (RFC 7518 §3.4), `nil` otherwise.
    public var curve: ECCurve? {
        switch rawValue {
        case "ES256": .p256
        case "ES384": .p384
        case "ES512": .p521
        default: nil
        }
    }
}

/// A SHA-2 digest used by RSA, ECDSA and HMAC algorithms.
public enum Digest: String, Hashable, Sendable, CaseIterable {
    case sha256 = "SHA-256"
    case sha384 = "SHA-384"
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
    case p256 = "P-256"
    case p384 = "P-384"
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
