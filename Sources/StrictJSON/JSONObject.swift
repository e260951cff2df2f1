/// A JSON object: members in document order, names unique.
///
/// Names are compared with Swift `String` equality (Unicode canonical equivalence), the same
/// rule ``subscript(_:)`` uses for look-ups, so an object can never hold two members that one
/// look-up could confuse.
///
/// Two objects are equal when they hold the same set of members, whatever their order; the order
/// still shows in iteration and in serialization.
public struct JSONObject: Hashable, Sendable, Sequence {
    /// The members in document order.
    public private(set) var members: [(name: String, value: JSONValue)]

    /// Objects up to this size use linear scans for name look-ups; larger ones hash.
    package static let linearScanLimit = 16

    /// An empty object.
    public init() { self.members = [] }

    /// Builds an object; returns `nil` if two members share a name.
    public init?(members: [(name: String, value: JSONValue)]) {
        if members.count <= Self.linearScanLimit {
            for i in members.indices {
                for j in members.startIndex..<i where members[j].name == members[i].name { return nil }
            }
        } else {
            var seen = Set<String>(minimumCapacity: members.count)
            for member in members {
                guard seen.insert(member.name).inserted else { return nil }
            }
        }
        self.members = members
    }

    /// Wraps members whose names the caller has already checked for uniqueness.
    package init(uniqueMembers: [(name: String, value: JSONValue)]) {
        self.members = uniqueMembers
    }

    /// The value of the member named `name`, if present. Setting a value works as ``set(_:_:)``,
    /// setting `nil` as ``removeMember(_:)``.
    public subscript(name: String) -> JSONValue? {
        get {
            for member in members where member.name == name { return member.value }
            return nil
        }
        set {
            if let newValue { set(name, newValue) } else { removeMember(name) }
        }
    }

    /// Sets or replaces a member (appended at the end when new).
    public mutating func set(_ name: String, _ value: JSONValue) {
        if let index = members.firstIndex(where: { $0.name == name }) {
            members[index].value = value
        } else {
            members.append((name, value))
        }
    }

    /// Removes the member named `name` and returns its value, if present.
    @discardableResult
    public mutating func removeMember(_ name: String) -> JSONValue? {
        guard let index = members.firstIndex(where: { $0.name == name }) else { return nil }
        return members.remove(at: index).value
    }

    /// Whether a member named `name` exists.
    public func contains(_ name: String) -> Bool {
        members.contains { $0.name == name }
    }

    /// The member names in document order.
    public var names: [String] { members.map(\.name) }

    /// The number of members.
    public var count: Int { members.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    public func makeIterator() -> IndexingIterator<[(name: String, value: JSONValue)]> {
        members.makeIterator()
    }

    /// Order-insensitive: same names with equal values.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        if lhs.members.count <= linearScanLimit {
            for member in lhs.members {
                guard let other = rhs[member.name], other == member.value else { return false }
            }
            return true
        }
        var index = [String: Int](minimumCapacity: rhs.members.count)
        for (position, member) in rhs.members.enumerated() { index[member.name] = position }
        for member in lhs.members {
            guard let position = index[member.name], rhs.members[position].value == member.value else {
                return false
            }
        }
        return true
    }

    /// Combines per-member hashes commutatively so that it agrees with the order-insensitive `==`.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for member in members {
            var memberHasher = Hasher()
            memberHasher.combine(member.name)
            memberHasher.combine(member.value)
            combined = combined &+ memberHasher.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(combined)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Members in literal order; a repeated name replaces the earlier value (like ``set(_:_:)``)
    /// instead of trapping.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init()
        for (name, value) in elements { set(name, value) }
    }
}
