/// Why JSON text was rejected, and where.
public struct JSONError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable error category.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The text does not follow the JSON grammar.
        public static let syntax = Code(rawValue: "syntax")
        /// An object has two members with the same name.
        public static let duplicateKey = Code(rawValue: "duplicate_key")
        /// Arrays/objects nest deeper than the limit.
        public static let tooDeep = Code(rawValue: "too_deep")
        /// The bytes are not valid UTF-8 (or a string escapes to an unpaired surrogate).
        public static let invalidUTF8 = Code(rawValue: "invalid_utf8")
        /// Something follows the top-level value.
        public static let trailingData = Code(rawValue: "trailing_data")
        /// A string holds more than 30 combining characters in a row: not Unicode stream-safe text
        /// (UAX #15), which Swift takes quadratic time to normalise when it compares or hashes it.
        public static let notStreamSafe = Code(rawValue: "not_stream_safe")
    }

    /// What kind of problem it is; the only field `==` and hashing compare.
    public let code: Code
    /// Byte offset where the problem was found.
    public let offset: Int
    /// Details for people (e.g. the duplicate name).
    public let detail: String

    /// An error found at byte `offset`; `detail` is for people and may be left empty.
    public init(code: Code, offset: Int, detail: String = "") {
        self.code = code
        self.offset = offset
        self.detail = detail
    }

    /// `JSON <code> at byte <offset>: <detail>`; stable enough to log, not meant to be parsed.
    public var description: String {
        detail.isEmpty
            ? "JSON \(code.rawValue) at byte \(offset)"
            : "JSON \(code.rawValue) at byte \(offset): \(detail)"
    }
    public static func == (lhs: JSONError, rhs: JSONError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code.rawValue) }
}
