extension JSONValue {
    /// Compact JSON text as UTF-8 bytes: no insignificant whitespace, object members in stored
    /// order (or sorted by UTF-16 code units of the name when `sortedKeys`, as RFC 7638 requires).
    public func serialized(sortedKeys: Bool = false) -> [UInt8] {
        fatalError("unimplemented")
    }

    /// Compact JSON text as a `String`.
    public func serializedString(sortedKeys: Bool = false) -> String {
        fatalError("unimplemented")
    }
}
