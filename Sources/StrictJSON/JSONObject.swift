/// A JSON object: members in document order, names unique.
public struct JSONObject: Hashable, Sendable, Sequence {
    /// The members in document order.
    public private(set) var members: [(name: String, value: JSONValue)]

    public init() { self.members = [] }

    /// Builds an object; returns `nil` if two members share a name.
    public init?(members: [(name: String, value: JSONValue)]) { fatalError("unimplemented") }

    /// The value of the member named `name`, if present.
    public subscript(name: String) -> JSONValue? { fatalError("unimplemented") }

    /// Sets or replaces a member (appended at the end when new).
    public mutating func set(_ name: String, _ value: JSONValue) { fatalError("unimplemented") }

    public var count: Int { members.count }

    public func makeIterator() -> IndexingIterator<[(name: String, value: JSONValue)]> {
        members.makeIterator()
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { fatalError("unimplemented") }
    public func hash(into hasher: inout Hasher) { fatalError("unimplemented") }
}
