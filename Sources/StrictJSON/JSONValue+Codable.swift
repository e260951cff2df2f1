/// ``JSONValueDecoder`` and ``JSONValueEncoder`` hand a stored value over as is (and
/// ``JSONParser/decode(_:from:userInfo:)`` builds it from its tape); any other coder sees the
/// value's structure: objects as keyed containers, arrays as unkeyed ones, scalars as single
/// values. Numbers go to another encoder as `Int64` or `UInt64` when they are integers in range,
/// else as the nearest `Double` (`1.1` and 30-digit integers are rounded; `1e400` throws).
extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        if let ours = decoder as? JSONValueDecoderImpl {
            self = ours.value
            return
        }
        if let tape = decoder as? JSONTapeDecoderImpl {
            self = try tape.treeValue()
            return
        }
        if let container = try? decoder.container(keyedBy: JSONCodingKey.self) {
            // A name → position table, not `JSONObject.set` (a linear scan per member, quadratic
            // for a large object from an untrusted source). A repeated key keeps its last value.
            var members: [(name: String, value: JSONValue)] = []
            var positions: [String: Int] = [:]
            for key in container.allKeys {
                let value = try container.decode(JSONValue.self, forKey: key)
                if let position = positions[key.stringValue] {
                    members[position].value = value
                } else {
                    positions[key.stringValue] = members.count
                    members.append((key.stringValue, value))
                }
            }
            self = .object(JSONObject(uniqueMembers: members))
            return
        }
        if var container = try? decoder.unkeyedContainer() {
            var elements: [JSONValue] = []
            while !container.isAtEnd { elements.append(try container.decode(JSONValue.self)) }
            self = .array(elements)
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let integer = try? container.decode(Int64.self) {
            self = .number(JSONNumber(integer))
        } else if let integer = try? container.decode(UInt64.self) {
            self = .number(JSONNumber(integer))
        } else if let double = try? container.decode(Double.self), let number = JSONNumber(double) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "The value is not representable as JSON.")
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if let ours = encoder as? JSONValueEncoderImpl {
            ours.store(self)
            return
        }
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let bool):
            var container = encoder.singleValueContainer()
            try container.encode(bool)
        case .number(let number):
            try number.encode(to: encoder)
        case .string(let string):
            var container = encoder.singleValueContainer()
            try container.encode(string)
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(element) }
        case .object(let object):
            var container = encoder.container(keyedBy: JSONCodingKey.self)
            for member in object { try container.encode(member.value, forKey: JSONCodingKey(stringValue: member.name)) }
        }
    }
}

extension JSONObject: Codable {
    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        guard case .object(let object) = value else {
            throw JSONUnboxing.typeMismatch(JSONObject.self, found: value, codingPath: decoder.codingPath)
        }
        self = object
    }

    public func encode(to encoder: any Encoder) throws {
        try JSONValue.object(self).encode(to: encoder)
    }
}

extension JSONNumber: Codable {
    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        guard case .number(let number) = value else {
            throw JSONUnboxing.typeMismatch(JSONNumber.self, found: value, codingPath: decoder.codingPath)
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        if let ours = encoder as? JSONValueEncoderImpl {
            ours.store(.number(self))
            return
        }
        var container = encoder.singleValueContainer()
        if let integer = int64Value {
            try container.encode(integer)
        } else if let integer = exactInteger(as: UInt64.self) {
            try container.encode(integer)
        } else if let double = doubleValue {
            try container.encode(double)
        } else {
            throw EncodingError.invalidValue(
                self,
                .init(
                    codingPath: encoder.codingPath,
                    debugDescription: "Number \(PrintableNumber(text)) overflows Double."
                )
            )
        }
    }
}
