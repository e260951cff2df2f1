/// Sequential access to one array on a tape. The position advances only when a decode
/// succeeds, so a caller may retry the same element as another type.
struct JSONTapeUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    private let decoder: JSONTapeDecoderImpl
    private let elementCount: Int
    private(set) var currentIndex = 0
    /// Tape index of the current element.
    private var position: Int

    init(decoder: JSONTapeDecoderImpl, count: Int) {
        self.decoder = decoder
        self.elementCount = count
        self.position = decoder.index + 1
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elementCount }
    var isAtEnd: Bool { currentIndex >= elementCount }

    private func current(_ type: Any.Type) throws -> JSONTape {
        let tape = try decoder.context.tape(codingPath)
        guard currentIndex < elementCount else {
            throw DecodingError.valueNotFound(
                type,
                .init(
                    codingPath: codingPath + [JSONCodingKey(index: currentIndex)],
                    debugDescription: "Unkeyed container is at end."
                )
            )
        }
        return tape
    }

    private mutating func advance(_ tape: JSONTape) {
        position = tape.next(after: position)
        currentIndex += 1
    }

    private mutating func next<T>(
        _ type: T.Type,
        _ unbox: (JSONTape, Int) throws(TapeUnboxing.Failure) -> T
    ) throws -> T {
        let tape = try current(type)
        let result: T
        do {
            result = try unbox(tape, position)
        } catch {
            throw error.decodingError(type, codingPath: codingPath + [JSONCodingKey(index: currentIndex)])
        }
        advance(tape)
        return result
    }

    mutating func decodeNil() throws -> Bool {
        let tape = try current(Never.self)
        guard tape[position].kind == .null else { return false }
        advance(tape)
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next(type, TapeUnboxing.bool) }
    mutating func decode(_ type: String.Type) throws -> String { try next(type, TapeUnboxing.string) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(type, TapeUnboxing.double) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next(type, TapeUnboxing.float) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next(type, TapeUnboxing.integer) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next(type, TapeUnboxing.integer) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next(type, TapeUnboxing.integer) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(type, TapeUnboxing.integer) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(type, TapeUnboxing.integer) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next(type, TapeUnboxing.integer) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next(type, TapeUnboxing.integer) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next(type, TapeUnboxing.integer) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(type, TapeUnboxing.integer) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(type, TapeUnboxing.integer) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let tape = try current(type)
        let result = try decoder.child(position, key: JSONCodingKey(index: currentIndex)).decodeAny(type)
        advance(tape)
        return result
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let tape = try current([String: JSONValue].self)
        let container = try decoder.child(position, key: JSONCodingKey(index: currentIndex)).container(keyedBy: type)
        advance(tape)
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let tape = try current([JSONValue].self)
        let container = try decoder.child(position, key: JSONCodingKey(index: currentIndex)).unkeyedContainer()
        advance(tape)
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let tape = try current(JSONValue.self)
        let child = decoder.child(position, key: JSONCodingKey(index: currentIndex))
        advance(tape)
        return child
    }
}
