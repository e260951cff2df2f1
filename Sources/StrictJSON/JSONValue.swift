/// A parsed JSON value. Objects keep member order and never hold duplicate names (the parser
/// rejects them), so a value can be re-serialized faithfully.
///
/// Equality is structural; numbers compare by text (see ``JSONNumber``) and objects ignore
/// member order (see ``JSONObject``).
public enum JSONValue: Hashable, Sendable {
    /// The literal `null`.
    case null
    /// The literal `true` or `false`.
    case bool(Bool)
    /// A number, kept as its source text (see ``JSONNumber``).
    case number(JSONNumber)
    /// A string, with its escapes decoded.
    case string(String)
    /// An array; elements in document order.
    case array([JSONValue])
    /// An object; members in document order, names unique (see ``JSONObject``).
    case object(JSONObject)
}

extension JSONValue {
    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The Boolean, if this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The number, if this is a number.
    public var numberValue: JSONNumber? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The exact integer, if this is a number with an integral value that fits in `Int64`.
    public var int64Value: Int64? { numberValue?.int64Value }

    /// The number as a `Double`, if this is a number that does not overflow.
    public var doubleValue: Double? { numberValue?.doubleValue }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The strings, if this is an array whose elements are all strings (`[]` included); `nil` for
    /// anything else, so that a list with one non-string element is never read as a shorter list.
    public var stringArrayValue: [String]? {
        guard case .array(let elements) = self else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for element in elements {
            guard case .string(let string) = element else { return nil }
            strings.append(string)
        }
        return strings
    }

    /// The object, if this is an object.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member named `name` when this is an object that has it; `nil` otherwise.
    public subscript(name: String) -> JSONValue? {
        if case .object(let object) = self { return object[name] }
        return nil
    }

    /// The element at `index` when this is an array and the index is in range; `nil` otherwise.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let array) = self, array.indices.contains(index) { return array[index] }
        return nil
    }
}

extension JSONValue {
    /// How deeply arrays and objects nest, counted as ``JSONParser/Options/maxDepth`` counts: a
    /// scalar is 0, `[]` and `{}` are 1, `{"a":[1]}` is 2. A value whose depth exceeds a parser's
    /// `maxDepth` would not parse back with it.
    ///
    /// Walks a work list, not the call stack, so a value built in code to any depth is measured.
    public var nestingDepth: Int {
        var deepest = 0
        var pending: [(value: JSONValue, depth: Int)] = [(self, 0)]
        while let (value, depth) = pending.popLast() {
            switch value {
            case .array(let elements):
                deepest = max(deepest, depth + 1)
                for element in elements { pending.append((element, depth + 1)) }
            case .object(let object):
                deepest = max(deepest, depth + 1)
                for member in object { pending.append((member.value, depth + 1)) }
            case .null, .bool, .number, .string:
                break
            }
        }
        return deepest
    }
}
