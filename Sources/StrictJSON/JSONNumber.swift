/// A JSON number kept as its source text, so large integers and exact decimals survive.
public struct JSONNumber: Hashable, Sendable, CustomStringConvertible {
    /// The number exactly as written in the JSON text (validated RFC 8259 grammar).
    public let text: String

    /// Creates a number from text that must follow the RFC 8259 number grammar.
    public init?(text: String) {
        fatalError("unimplemented")
    }

    public init(_ value: Int64) { fatalError("unimplemented") }
    public init(_ value: Double) { fatalError("unimplemented") }

    /// The value as a Double (may round; `nil` only if it overflows to infinity).
    public var doubleValue: Double? { fatalError("unimplemented") }
    /// The value as an exact Int64, or `nil` if it has a fraction/exponent that is not integral or is out of range.
    public var int64Value: Int64? { fatalError("unimplemented") }

    public var description: String { text }
}
