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
            // Byte for byte: a `String` switch normalises the header value first, which takes
            // quadratic time for a long run of combining characters (hundreds of ms for a 32 KiB
            // header). No other spelling of these ASCII names is canonically equivalent to them.
            let bytes = rawValue.utf8
            if bytes.elementsEqual("rsa-sha512".utf8) { return .sha512 }
            if bytes.elementsEqual("rsa-sha384".utf8) { return .sha384 }
            if bytes.elementsEqual("rsa-sha256".utf8) { return .sha256 }
            return nil
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
        // On bytes: comparing `Character`s normalises them, and a character made of a letter and a
        // long run of combining marks takes quadratic time to normalise. A space or tab that a
        // combining mark follows is trimmed here and was not before; either way the value left
        // starts or ends with that mark, which no algorithm name or Base64 text does.
        let bytes = value.utf8
        let isWhitespace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = bytes.firstIndex(where: { !isWhitespace($0) }),
            let last = bytes.lastIndex(where: { !isWhitespace($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
