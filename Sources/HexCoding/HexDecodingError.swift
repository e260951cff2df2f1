/// Why a hex string could not be decoded, and where.
public struct HexDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable error category.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The input has an odd number of digits.
        public static let oddLength = Code(rawValue: "odd_length")
        /// A character outside `0-9a-fA-F`.
        public static let invalidCharacter = Code(rawValue: "invalid_character")
    }

    public let code: Code
    /// Offset (in UTF-8 bytes from the start of the input) of the offending character; for
    /// `oddLength`, the input length.
    public let offset: Int

    public init(code: Code, offset: Int) {
        self.code = code
        self.offset = offset
    }

    public var description: String {
        fatalError("unimplemented")
    }
}
