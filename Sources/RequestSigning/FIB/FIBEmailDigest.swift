internal import CryptoPrimitives

extension FIB {
    /// Which 32-byte digest of the e-mail address the Ed25519 signature covers.
    public enum EmailDigest: String, Hashable, Sendable, CaseIterable, Codable, CustomStringConvertible {
        /// `BLAKE2b-256(UTF-8(email))`, as the FIB documentation describes.
        case plain
        /// The "Iroha hash": the plain digest with the lowest bit of its last byte set to 1, as Iroha 2
        /// SDKs since RC13 sign. Equal to ``plain`` when that digest already ends in an odd byte.
        case iroha

        public var description: String { rawValue }

        /// The 32 bytes signed for `email` (its UTF-8 bytes, exactly).
        public func digest(ofEmail email: String) -> [UInt8] {
            digest(ofEmailBytes: email.utf8)
        }

        /// The 32 bytes signed for an e-mail address given as the octets sent.
        public func digest(ofEmailBytes email: some Collection<UInt8>) -> [UInt8] {
            var digest = BLAKE2b.hash256(email)
            if self == .iroha { digest[31] |= 1 }
            return digest
        }
    }

    /// Which digests a verifier accepts.
    public enum AcceptedEmailDigests: Hashable, Sendable, CustomStringConvertible {
        /// Either variant: the one the documentation describes or the Iroha SDKs' (the default,
        /// since clients in the field use both).
        case either
        /// Exactly this variant.
        case only(EmailDigest)

        /// Parses `plain`, `iroha` or `either` (the CLI's `--digest` values).
        public init?(rawValue: String) {
            switch rawValue {
            case "either": self = .either
            case "plain": self = .only(.plain)
            case "iroha": self = .only(.iroha)
            default: return nil
            }
        }

        public var description: String {
            switch self {
            case .either: "either"
            case .only(let digest): digest.rawValue
            }
        }

        /// The variants in the order they are tried (plain first).
        public var digests: [EmailDigest] {
            switch self {
            case .either: [.plain, .iroha]
            case .only(let digest): [digest]
            }
        }
    }
}
