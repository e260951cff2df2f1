/// Why Base64 or base64url text could not be decoded, and where.
///
/// Two errors are equal when their ``code`` and ``offset`` are equal, so tests and callers can compare
/// against `Base64DecodingError(code:offset:)`; ``byte`` is extra detail for messages.
public struct Base64DecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable error category.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A character outside the alphabet (including whitespace, and `=` in base64url).
        public static let invalidCharacter = Code(rawValue: "invalid_character")
        /// A length no encoding can have (n % 4 == 1 unpadded, not a multiple of 4 padded).
        /// The offset is the input length.
        public static let invalidLength = Code(rawValue: "invalid_length")
        /// Padding missing, misplaced or excessive in standard Base64.
        public static let invalidPadding = Code(rawValue: "invalid_padding")
        /// Unused trailing bits are not zero, so the text is not the canonical encoding.
        /// The offset is that of the last encoded character.
        public static let nonCanonical = Code(rawValue: "non_canonical")
        /// The caller-provided output buffer is smaller than the decoded length (offset 0).
        public static let outputTooSmall = Code(rawValue: "output_too_small")
    }

    /// What kind of problem it is; one of the two fields `==` compares.
    public let code: Code
    /// Offset in bytes from the start of the input where the problem was found.
    public let offset: Int
    /// The offending input byte, for ``Code/invalidCharacter`` and ``Code/invalidPadding`` errors raised
    /// by the decoder.
    public let byte: UInt8?
    /// "base64" or "base64url", for messages only.
    let encoding: String

    /// An error without the offending byte: the form to compare thrown errors against.
    public init(code: Code, offset: Int) {
        self.init(code: code, offset: offset, byte: nil)
    }

    /// Creates an error that also records the offending input byte.
    public init(code: Code, offset: Int, byte: UInt8?) {
        self.init(code: code, offset: offset, byte: byte, encoding: "base64")
    }

    @usableFromInline
    init(code: Code, offset: Int, byte: UInt8? = nil, encoding: String) {
        self.code = code
        self.offset = offset
        self.byte = byte
        self.encoding = encoding
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.code == rhs.code && lhs.offset == rhs.offset
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(offset)
    }

    public var description: String {
        switch code {
        case .invalidCharacter:
            guard let byte else {
                return "invalid \(encoding) character at offset \(offset)"
            }
            let hint = encoding == "base64url" && byte == UInt8(ascii: "=") ? " (base64url is unpadded)" : ""
            return "invalid \(encoding) character \(ByteLiteral.hex(byte)) at offset \(offset)\(hint)"
        case .invalidLength:
            let rule =
                encoding == "base64url"
                ? "no encoding has a length of 4n+1" : "padded base64 must be a multiple of 4 long"
            return "invalid \(encoding) length \(offset): \(rule)"
        case .invalidPadding:
            return "invalid \(encoding) padding at offset \(offset): '=' may only end the last 4-character group"
        case .nonCanonical:
            return "non-canonical \(encoding) at offset \(offset): unused trailing bits must be zero"
        case .outputTooSmall:
            return "output buffer too small for the decoded \(encoding)"
        default:
            return "\(encoding) decoding error \(code.rawValue) at offset \(offset)"
        }
    }
}
