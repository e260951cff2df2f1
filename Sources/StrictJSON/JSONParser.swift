/// A strict RFC 8259 parser for untrusted input: UTF-8 only, no duplicate member names, bounded
/// nesting depth, no trailing data, no comments or other extensions.
///
/// What it rejects, and with which ``JSONError/Code``:
/// - grammar errors, a byte order mark, empty input, a control character inside a string → `syntax`;
/// - bytes that are not well-formed UTF-8 inside strings (overlongs, encoded surrogates, truncated
///   sequences, `0xF5`…`0xFF`) and `\u` escapes that leave a surrogate unpaired → `invalidUTF8`;
/// - two members of one object whose names are equal after unescaping (Swift `String` equality) → `duplicateKey`;
/// - arrays/objects nested deeper than ``Options/maxDepth`` → `tooDeep`;
/// - anything but whitespace after the top-level value → `trailingData`;
/// - a string with more than 30 combining characters in a row (not stream-safe text, UAX #15),
///   which would cost quadratic time whenever Swift compares or hashes it → `notStreamSafe`.
///
/// The parser does not recurse while validating, and works in time linear in the input (duplicate
/// detection scans small objects and hashes large ones). Inputs are limited to 4 GiB.
public struct JSONParser: Sendable {
    /// Limits applied while parsing.
    public struct Options: Sendable, Hashable {
        /// Maximum nesting depth of arrays and objects (the top-level container counts as 1).
        ///
        /// Values above ``maximumDepthLimit`` act as that limit; values below 0 act as 0 (only a
        /// scalar top-level value is accepted).
        public var maxDepth: Int
        /// Limits allowing `maxDepth` levels of nesting (32 by default).
        public init(maxDepth: Int = 32) { self.maxDepth = maxDepth }

        /// The deepest nesting any parser accepts. Parsed values are destroyed, compared, hashed,
        /// encoded and decoded recursively, so this keeps every later use of a parsed ``JSONValue``
        /// far from the stack limit of a secondary thread.
        ///
        /// Decoding a recursive `Decodable` type of your own (a tree of claims, a linked list)
        /// also recurses once per level, through that type's `init(from:)` and the standard
        /// library's containers: about 1 KiB of stack per level in an optimized build even for a
        /// one-member class, so a document nested this deep can exhaust a 512 KiB thread stack (a
        /// Darwin secondary thread's default), as it does with Foundation's `JSONDecoder`. Keep
        /// ``maxDepth`` to what such a type needs.
        public static let maximumDepthLimit = 512
    }

    /// The limits every `parse` call applies.
    public var options: Options
    /// A parser with the given limits; by default a maximum nesting depth of 32.
    public init(options: Options = .init()) { self.options = options }

    /// Parses one JSON text.
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONError) -> JSONValue {
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONError) -> JSONValue in try parse(buffer) }
        }
        if let contiguous { return try contiguous.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONError) -> JSONValue in try parse(buffer) }
        }.get()
    }

    /// Parses one JSON text given as a string (its UTF-8 form).
    public func parse(_ text: String) throws(JSONError) -> JSONValue {
        var copy = text
        return try copy.withUTF8 { buffer in
            Result { () throws(JSONError) -> JSONValue in try parse(buffer) }
        }.get()
    }

    /// Parses one JSON text from contiguous memory (the fast path).
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSONValue {
        try JSONTape.parse(bytes, maxDepth: options.maxDepth, mapError: JSONTape.passThrough) {
            (tape: JSONTape) throws(JSONError) -> JSONValue in tape.value(at: tape.root)
        }
    }

    /// Parses one JSON text and decodes `type` from it in the same step, without building a
    /// ``JSONValue`` tree (the decoding rules are those of ``JSONValueDecoder``).
    ///
    /// - Throws: ``JSONError`` when the text is rejected, `DecodingError` when it does not decode.
    @inlinable
    public func decode<T: Decodable>(
        _ type: T.Type,
        from bytes: some Collection<UInt8>,
        userInfo: [CodingUserInfoKey: any Sendable] = [:]
    ) throws -> T {
        // Inlinable, with the parse behind a non-generic call, so that the caller's module
        // specializes this for `T` and `bytes`: unspecialized, the generic closures around the
        // parse looked up metadata and boxed captures on every call (a third of a small struct's decode).
        if let decoded = try bytes.withContiguousStorageIfAvailable({ try decode(type, contiguous: $0, userInfo) }) {
            return decoded
        }
        return try Array(bytes).withUnsafeBufferPointer { try decode(type, contiguous: $0, userInfo) }
    }

    @inlinable
    func decode<T: Decodable>(
        _ type: T.Type,
        contiguous bytes: UnsafeBufferPointer<UInt8>,
        _ userInfo: [CodingUserInfoKey: any Sendable]
    ) throws -> T {
        // Captured by a closure literal passed straight on, the two variables stay on the stack
        // (held by a closure in a constant, each got a heap box).
        var value: T?
        var failure: (any Error)?
        try JSONTape.withTape(bytes, maxDepth: options.maxDepth) { tape in
            do {
                value = try JSONTapeDecoder.decode(type, from: tape, at: tape.root, userInfo: userInfo)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        guard let value else { preconditionFailure("the tape's body runs exactly once when parsing succeeds") }
        return value
    }
}
