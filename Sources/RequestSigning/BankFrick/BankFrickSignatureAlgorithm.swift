public import CryptoPrimitives

extension BankFrick {
    /// The value of the `algorithm` header: RSASSA-PKCS1-v1_5 with a SHA-2 hash.
    ///
    /// An extensible struct so that an unknown value can be carried and reported; only the static
    /// members are supported.
    public struct SignatureAlgorithm: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The header value, case-sensitive, exactly as on the wire.
        public let rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }

        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }

        public var description: String { rawValue }

        /// RSASSA-PKCS1-v1_5 with SHA-512: the default, also assumed when the header is absent.
        public static let rsaSHA512 = SignatureAlgorithm(rawValue: "rsa-sha512")
        /// RSASSA-PKCS1-v1_5 with SHA-384.
        public static let rsaSHA384 = SignatureAlgorithm(rawValue: "rsa-sha384")
        /// RSASSA-PKCS1-v1_5 with SHA-256.
        public static let rsaSHA256 = SignatureAlgorithm(rawValue: "rsa-sha256")

        /// The algorithm assumed when no `algorithm` header is sent.
        public static let `default` = rsaSHA512
        /// Every supported value.
        public static let supported: [SignatureAlgorithm] = [.rsaSHA512, .rsaSHA384, .rsaSHA256]

        /// The hash, or `nil` for an unsupported value.
        public var digest: Digest? {
            switch rawValue {
            case "rsa-sha512": .sha512
            case "rsa-sha384": .sha384
            case "rsa-sha256": .sha256
            default: nil
            }
        }

        /// Reads an `algorithm` header value: `nil` (header absent) means ``default``; surrounding
        /// spaces and tabs are ignored as in any HTTP field value; matching is exact otherwise.
        ///
        /// - Throws: `unsupported_algorithm` for any other value (including an empty one).
        public init(headerValue: String?) throws(RequestSigningError) {
            guard let headerValue else {
                self = .default
                return
            }
            let value = SignatureAlgorithm(rawValue: BankFrick.trimmingFieldWhitespace(headerValue))
            guard value.digest != nil else {
                throw RequestSigningError(
                    .unsupportedAlgorithm,
                    "unsupported algorithm \(PrintableText.quoted(value.rawValue)); expected rsa-sha512, rsa-sha384 or rsa-sha256"
                )
            }
            self = value
        }
    }
}

extension BankFrick {
    /// Drops the optional whitespace (spaces and horizontal tabs) around an HTTP field value.
    static func trimmingFieldWhitespace(_ value: String) -> String {
        let isWhitespace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = value.firstIndex(where: { !isWhitespace($0) }),
            let last = value.lastIndex(where: { !isWhitespace($0) })
        else { return "" }
        return String(value[first...last])
    }
}
