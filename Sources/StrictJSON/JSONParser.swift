/// A strict RFC 8259 parser for untrusted input: UTF-8 only, no duplicate member names, bounded
/// nesting depth, no trailing data, no comments or other extensions.
public struct JSONParser: Sendable {
    /// Limits applied while parsing.
    public struct Options: Sendable, Hashable {
        /// Maximum nesting depth of arrays and objects (the top-level container counts as 1).
        public var maxDepth: Int
        public init(maxDepth: Int = 32) { self.maxDepth = maxDepth }
    }

    public var options: Options
    public init(options: Options = .init()) { self.options = options }

    /// Parses one JSON text.
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONError) -> JSONValue {
        fatalError("unimplemented")
    }

    /// Parses one JSON text from contiguous memory (the fast path).
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSONValue {
        fatalError("unimplemented")
    }
}
