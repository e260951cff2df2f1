/// Why a hex string could not be decoded, and where.
///
/// Two errors are equal when their ``code`` and ``offset`` are equal, so tests and callers can compare
/// against `HexDecodingError(code:offset:)`; ``byte`` is extra detail for messages.
public struct HexDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable error category.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The input has an odd number of digits.
        public static let oddLength = Code(rawValue: "odd_length")
        /// A character outside `0-9a-fA-F`.
        public static let invalidCharacter = Code(rawValue: "invalid_character")
        /// The caller-provided output buffer is smaller than the decoded length (offset 0).
        public static let outputTooSmall = Code(rawValue: "output_too_small")
    }

    /// What kind of problem it is; one of the two fields `==` compares.
    public let code: Code
    /// Offset (in UTF-8 bytes from the start of the input) of the offending character; for
    /// `oddLength`, the input length.
    public let offset: Int
    /// The offending input byte, for ``Code/invalidCharacter`` errors raised by the decoder.
    public let byte: UInt8?

    /// An error without the offending byte: the form to compare thrown errors against.
    public init(code: Code, offset: Int) {
        self.init(code: code, offset: offset, byte: nil)
    }

    /// Creates an error that also records the offending input byte.
    public init(code: Code, offset: Int, byte: UInt8?) {
        self.code = code
        self.offset = offset
        self.byte = byte
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
        case .oddLength:
            return "invalid hex length \(offset): hex needs two digits per byte"
        case .invalidCharacter:
            if let byte {
                return "invalid hex character \(hexByte(byte)) at offset \(offset)"
            }
            return "invalid hex character at offset \(offset)"
        case .outputTooSmall:
            return "output buffer too small for the decoded hex"
        default:
            return "hex decoding error \(code.rawValue) at offset \(offset)"
        }
    }
}

/// `0x2B`-style rendering without Foundation's `String(format:)`.
private func hexByte(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF".utf8)
    return "0x" + String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
}
