/// Why Base64 or base64url text could not be decoded, and where.
public struct Base64DecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable error category.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A character outside the alphabet (including whitespace, and `=` in base64url).
        public static let invalidCharacter = Code(rawValue: "invalid_character")
        /// A length no encoding can have (n % 4 == 1 unpadded, not a multiple of 4 padded).
        public static let invalidLength = Code(rawValue: "invalid_length")
        /// Padding missing, misplaced or excessive in standard Base64.
        public static let invalidPadding = Code(rawValue: "invalid_padding")
        /// Unused trailing bits are not zero, so the text is not the canonical encoding.
        public static let nonCanonical = Code(rawValue: "non_canonical")
    }

    public let code: Code
    /// Offset in bytes from the start of the input where the problem was found.
    public let offset: Int

    public init(code: Code, offset: Int) {
        self.code = code
        self.offset = offset
    }

    public var description: String {
        fatalError("unimplemented")
    }
}
