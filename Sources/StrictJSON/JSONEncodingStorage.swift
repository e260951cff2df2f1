/// Where one encoded value lives while encoding is under way. Containers hand out references
/// (builders, child encoders) that callers may keep filling after the slot was stored, so the
/// final tree is only assembled by ``resolve()`` at the end.
enum JSONEncodingSlot {
    case value(JSONValue)
    case object(JSONObjectBuilder)
    case array(JSONArrayBuilder)
    /// A `superEncoder`: whatever it holds when encoding finishes (an empty object if nothing).
    case encoder(JSONValueEncoderImpl)

    func resolve() -> JSONValue {
        switch self {
        case .value(let value): value
        case .object(let builder): .object(builder.resolve())
        case .array(let builder): .array(builder.resolve())
        case .encoder(let encoder): encoder.slot?.resolve() ?? .object(JSONObject())
        }
    }
}

/// Members of an object being encoded, in first-encoded order.
final class JSONObjectBuilder {
    private var names: [String] = []
    private var slots: [JSONEncodingSlot] = []
    /// Name → position, built once the object outgrows linear scanning, so encoding a large
    /// dictionary stays linear.
    private var index: [String: Int]?

    func set(_ name: String, _ slot: JSONEncodingSlot) {
        if let position = position(of: name) {
            slots[position] = slot
            return
        }
        names.append(name)
        slots.append(slot)
        if index != nil {
            index![name] = names.count - 1
        } else if names.count > JSONObject.linearScanLimit {
            var built = [String: Int](minimumCapacity: names.count * 2)
            for (position, name) in names.enumerated() { built[name] = position }
            index = built
        }
    }

    private func position(of name: String) -> Int? {
        if let index { return index[name] }
        return names.firstIndex(of: name)
    }

    func resolve() -> JSONObject {
        var members: [(name: String, value: JSONValue)] = []
        members.reserveCapacity(names.count)
        for (name, slot) in zip(names, slots) { members.append((name, slot.resolve())) }
        return JSONObject(uniqueMembers: members)
    }
}

/// Elements of an array being encoded.
final class JSONArrayBuilder {
    private var slots: [JSONEncodingSlot] = []

    var count: Int { slots.count }

    func append(_ slot: JSONEncodingSlot) { slots.append(slot) }

    func resolve() -> [JSONValue] { slots.map { $0.resolve() } }
}

/// Scalar conversions shared by the encoding containers.
enum JSONBoxing {
    static func integer(_ value: some BinaryInteger) -> JSONEncodingSlot {
        .value(.number(JSONNumber(validatedText: String(value))))
    }

    static func double(_ value: Double, _ codingPath: () -> [any CodingKey]) throws -> JSONEncodingSlot {
        guard let number = JSONNumber(value) else { throw nonFinite(value, codingPath()) }
        return .value(.number(number))
    }

    static func float(_ value: Float, _ codingPath: () -> [any CodingKey]) throws -> JSONEncodingSlot {
        guard let number = JSONNumber(value) else { throw nonFinite(value, codingPath()) }
        return .value(.number(number))
    }

    private static func nonFinite(_ value: Any, _ codingPath: [any CodingKey]) -> EncodingError {
        .invalidValue(value, .init(codingPath: codingPath, debugDescription: "\(value) is not representable in JSON."))
    }
}
