extension JSONTape {
    /// The value at `index` as a ``JSONValue`` tree (what ``JSONParser`` returns).
    ///
    /// Recursion depth is bounded by the parse depth limit (at most
    /// ``JSONParser/Options/maximumDepthLimit``).
    package func value(at index: Int) -> JSONValue {
        let entry = entries[index]
        switch entry.kind {
        case .null: return .null
        case .falseLiteral: return .bool(false)
        case .trueLiteral: return .bool(true)
        case .number: return .number(number(at: index))
        case .string: return .string(string(at: index))
        case .array:
            var elements: [JSONValue] = []
            elements.reserveCapacity(Int(entry.a))
            var child = index + 1
            let end = Int(entry.b)
            while child < end {
                elements.append(value(at: child))
                child = next(after: child)
            }
            return .array(elements)
        case .object:
            return .object(object(at: index))
        }
    }

    /// The object at `index` (which must be an object entry).
    package func object(at index: Int) -> JSONObject {
        let entry = entries[index]
        var members: [(name: String, value: JSONValue)] = []
        members.reserveCapacity(Int(entry.a))
        var child = index + 1
        let end = Int(entry.b)
        while child < end {
            members.append((string(at: child), value(at: child + 1)))
            child = next(after: child + 1)
        }
        return JSONObject(uniqueMembers: members)
    }

    /// The number at `index` (which must be a number entry).
    package func number(at index: Int) -> JSONNumber {
        JSONNumber(validatedText: String(decoding: rawBytes(index), as: UTF8.self))
    }
}
