/// Keyed access to one object on a tape. Keys are matched against the member names' bytes
/// (no `String` per member); objects too large to scan linearly, or with escaped or non-ASCII
/// names, get a name index once.
struct JSONTapeKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    /// One reference and two scalars, so the copies the standard library makes per `decode` call
    /// cost one retain; the path and any name index live in the context.
    private let context: JSONTapeDecodingContext
    /// Tape index of the object.
    private let object: Int
    /// Whether the object has a name index (too large to scan linearly).
    private let indexed: Bool

    init(decoder: JSONTapeDecoderImpl, tape: JSONTape) {
        context = decoder.context
        object = decoder.index
        if let path = decoder.path { context.paths[object] = path }
        let entry = tape[object]
        if Int(entry.a) > JSONObject.linearScanLimit || entry.flags & JSONTape.complexNames != 0 {
            if context.nameIndexes[object] == nil {
                var index = [String: Int](minimumCapacity: Int(entry.a))
                var name = object + 1
                let end = Int(entry.b)
                while name < end {
                    index[tape.string(at: name)] = name + 1
                    name = tape.next(after: name + 1)
                }
                context.nameIndexes[object] = index
            }
            indexed = true
        } else {
            indexed = false
        }
    }

    /// The decoder of the object itself (for children and errors; not on the scalar path).
    private var decoder: JSONTapeDecoderImpl {
        JSONTapeDecoderImpl(context: context, index: object, path: context.paths[object])
    }

    var codingPath: [any CodingKey] { JSONTapeCodingPath.keys(context.paths[object]) }

    private func tape() throws -> JSONTape { try context.tape(codingPath) }

    /// The keys of the members, in document order. A name refused by ``IntegerMemberNames`` is
    /// recorded for the object (`allKeys` cannot throw); the decoder throws it if the object is
    /// being decoded as an integer-keyed map.
    var allKeys: [Key] {
        guard let tape = try? tape() else { return [] }
        var keys: [Key] = []
        var refusals: [DecodingError] = []
        var name = object + 1
        let end = Int(tape[object].b)
        while name < end {
            let string = tape.string(at: name)
            if let key = Key(stringValue: string) {
                if key.intValue != nil, IntegerMemberNames.isRefused(string) {
                    refusals.append(IntegerMemberNames.refusal(of: string, codingPath: path(key)))
                }
                keys.append(key)
            }
            name = tape.next(after: name + 1)
        }
        context.recordIntegerNameRefusals(refusals, by: object)
        return keys
    }

    func contains(_ key: Key) -> Bool {
        guard let tape = try? tape() else { return false }
        return lookup(key, in: tape) != nil
    }

    /// Tape index of the value of the member named like `key`.
    @inline(__always)
    private func lookup(_ key: Key, in tape: JSONTape) -> Int? {
        if indexed { return context.nameIndexes[object]?[key.stringValue] }
        let start = context.hintObject == object ? context.hintName : object + 1
        guard let value = tape.member(key.stringValue, in: object, from: start) else { return nil }
        context.hintObject = object
        context.hintName = tape.next(after: value)
        return value
    }

    @inline(__always)
    private func require(_ key: Key) throws -> (JSONTape, Int) {
        let tape = try tape()
        guard let value = lookup(key, in: tape) else {
            throw DecodingError.keyNotFound(
                key,
                .init(codingPath: codingPath, debugDescription: "No member named \"\(key.stringValue)\".")
            )
        }
        return (tape, value)
    }

    /// The value's index when present and not `null`.
    private func present(_ key: Key) throws -> (JSONTape, Int)? {
        let tape = try tape()
        guard let value = lookup(key, in: tape), tape[value].kind != .null else { return nil }
        return (tape, value)
    }

    private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

    func decodeNil(forKey key: Key) throws -> Bool {
        let (tape, value) = try require(key)
        return tape[value].kind == .null
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try unbox(type, key, TapeUnboxing.bool) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try unbox(type, key, TapeUnboxing.string) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try unbox(type, key, TapeUnboxing.double) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try unbox(type, key, TapeUnboxing.float) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try unbox(type, key, TapeUnboxing.integer) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try unbox(type, key, TapeUnboxing.integer) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try unbox(type, key, TapeUnboxing.integer) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try unbox(type, key, TapeUnboxing.integer) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try unbox(type, key, TapeUnboxing.integer) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try unbox(type, key, TapeUnboxing.integer) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try unbox(type, key, TapeUnboxing.integer) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try unbox(type, key, TapeUnboxing.integer) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try unbox(type, key, TapeUnboxing.integer) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try unbox(type, key, TapeUnboxing.integer) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let (_, value) = try require(key)
        return try decoder.child(value, key: key).decodeAny(type)
    }

    @inline(__always)
    private func unbox<T>(
        _ type: T.Type,
        _ key: Key,
        _ unbox: (JSONTape, Int) throws(TapeUnboxing.Failure) -> T
    ) throws -> T {
        let (tape, value) = try require(key)
        do {
            return try unbox(tape, value)
        } catch {
            throw error.decodingError(type, codingPath: path(key))
        }
    }

    @inline(__always)
    private func unboxIfPresent<T>(
        _ type: T.Type,
        _ key: Key,
        _ unbox: (JSONTape, Int) throws(TapeUnboxing.Failure) -> T
    ) throws -> T? {
        guard let (tape, value) = try present(key) else { return nil }
        do {
            return try unbox(tape, value)
        } catch {
            throw error.decodingError(type, codingPath: path(key))
        }
    }

    // One look-up instead of the default contains + decodeNil + decode.
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try unboxIfPresent(type, key, TapeUnboxing.string)
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try unboxIfPresent(type, key, TapeUnboxing.integer)
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try unboxIfPresent(type, key, TapeUnboxing.integer)
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try unboxIfPresent(type, key, TapeUnboxing.double)
    }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try unboxIfPresent(type, key, TapeUnboxing.bool)
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let (_, value) = try present(key) else { return nil }
        return try decoder.child(value, key: key).decodeAny(type)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type,
        forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let (_, value) = try require(key)
        return try decoder.child(value, key: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let (_, value) = try require(key)
        return try decoder.child(value, key: key).unkeyedContainer()
    }

    /// A decoder for the member `super` (or `null` when absent, as Foundation's decoder does).
    func superDecoder() throws -> any Decoder {
        let tape = try tape()
        if let value = tape.member("super", in: object) {
            return decoder.child(value, key: JSONCodingKey.superKey)
        }
        return JSONValueDecoderImpl(
            value: .null,
            codingPath: codingPath + [JSONCodingKey.superKey],
            userInfo: context.userInfo
        )
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        let tape = try tape()
        if let value = lookup(key, in: tape) { return decoder.child(value, key: key) }
        return JSONValueDecoderImpl(value: .null, codingPath: codingPath + [key], userInfo: context.userInfo)
    }
}
