/// Encodes `Encodable` types to a ``JSONValue`` (and from there to compact JSON text).
public struct JSONValueEncoder: Sendable {
    public init() {}

    /// Encodes a value to a JSON tree.
    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        fatalError("unimplemented")
    }
}
