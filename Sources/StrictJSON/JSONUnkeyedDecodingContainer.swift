/// Sequential access to one array for ``JSONValueDecoder``. The index advances only when a
/// decode succeeds, so a caller may retry the same element as another type.
struct JSONUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    private let decoder: JSONValueDecoderImpl
    private let elements: [JSONValue]
    private(set) var currentIndex = 0

    init(decoder: JSONValueDecoderImpl, elements: [JSONValue]) {
        self.decoder = decoder
        self.elements = elements
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private func current(_ type: Any.Type) throws -> JSONValue {
        guard currentIndex < elements.count else {
            throw DecodingError.valueNotFound(
                type,
                .init(
                    codingPath: codingPath + [JSONCodingKey(index: currentIndex)],
                    debugDescription: "Unkeyed container is at end."
                )
            )
        }
        return elements[currentIndex]
    }

    private mutating func next<T>(
        _ type: T.Type,
        _ unbox: (JSONValue, () -> [any CodingKey]) throws -> T
    ) throws -> T {
        let value = try current(type)
        let index = currentIndex
        let base = codingPath
        let result = try unbox(value) { base + [JSONCodingKey(index: index)] }
        currentIndex += 1
        return result
    }

    mutating func decodeNil() throws -> Bool {
        guard try current(Never.self).isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next(type, JSONUnboxing.bool) }
    mutating func decode(_ type: String.Type) throws -> String { try next(type, JSONUnboxing.string) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(type, JSONUnboxing.double) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next(type, JSONUnboxing.float) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next(type, JSONUnboxing.integer) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next(type, JSONUnboxing.integer) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next(type, JSONUnboxing.integer) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(type, JSONUnboxing.integer) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(type, JSONUnboxing.integer) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next(type, JSONUnboxing.integer) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next(type, JSONUnboxing.integer) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next(type, JSONUnboxing.integer) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(type, JSONUnboxing.integer) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(type, JSONUnboxing.integer) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try current(type)
        let result = try decoder.decodeChild(type, from: value, key: JSONCodingKey(index: currentIndex))
        currentIndex += 1
        return result
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let value = try current([String: JSONValue].self)
        let container = try decoder.child(value, key: JSONCodingKey(index: currentIndex)).container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let value = try current([JSONValue].self)
        let container = try decoder.child(value, key: JSONCodingKey(index: currentIndex)).unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let value = try current(JSONValue.self)
        let child = decoder.child(value, key: JSONCodingKey(index: currentIndex))
        currentIndex += 1
        return child
    }
}
