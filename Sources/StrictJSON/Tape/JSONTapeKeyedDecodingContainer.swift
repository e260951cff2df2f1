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

    /// For the object at `object`, once ``JSONTapeDecodingContext/prepareKeyedContainer(object:path:indexed:tape:)``
    /// has recorded its path and name index where it has them.
    @inline(__always)
    init(context: JSONTapeDecodingContext, object: Int, indexed: Bool) {
        self.context = context
        self.object = object
        self.indexed = indexed
    }

    /// The decoder of the object itself (for children and errors; not on the scalar path).
    private var decoder: JSONTapeDecoderImpl {
        JSONTapeDecoderImpl(context: context, index: object, path: context.path(of: object))
    }

    var codingPath: [any CodingKey] { JSONTapeCodingPath.keys(context.path(of: object)) }

    private func tape() throws -> JSONTape {
        guard let tape = context.liveTape else { throw JSONTapeDecodingContext.usedAfterReturn(codingPath) }
        return tape
    }

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
        context.valueIndex(named: key.stringValue, in: object, indexed: indexed, tape: tape)
    }

    @inline(__always)
    private func require(_ key: Key) throws -> (JSONTape, Int) {
        let tape = try tape()
        guard let value = lookup(key, in: tape) else { throw keyNotFound(key) }
        return (tape, value)
    }

    @inline(never)
    private func keyNotFound(_ key: Key) -> DecodingError {
        DecodingError.keyNotFound(
            key,
            .init(codingPath: codingPath, debugDescription: "No member named \"\(key.stringValue)\".")
        )
    }

    /// The error for a typed look-up that found no value (out of line: only this generic code
    /// knows the key).
    @inline(never)
    private func failure(_ miss: KeyedMiss, _ type: Any.Type, _ key: Key) -> DecodingError {
        switch miss {
        case .usedAfterReturn: JSONTapeDecodingContext.usedAfterReturn(codingPath)
        case .notFound: keyNotFound(key)
        case .failure(let failure): failure.decodingError(type, codingPath: path(key))
        }
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

    // The scalar decodes run their look-up and unboxing in one non-generic function of the
    // context: here, only the key's name is asked through the key's witness table. (That
    // function also finds a container used after its decode call returned, with the same error
    // as every other method; the name is asked first.)
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try scalar(type, key) { (context, name, object, indexed) throws(KeyedMiss) in
            try context.bool(named: name, in: object, indexed: indexed)
        }
    }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try scalar(type, key) { (context, name, object, indexed) throws(KeyedMiss) in
            try context.string(named: name, in: object, indexed: indexed)
        }
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try scalar(type, key) { (context, name, object, indexed) throws(KeyedMiss) in
            try context.double(named: name, in: object, indexed: indexed)
        }
    }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        try scalar(type, key) { (context, name, object, indexed) throws(KeyedMiss) in
            try context.float(named: name, in: object, indexed: indexed)
        }
    }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(type, key) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let (_, value) = try require(key)
        return try decoder.child(value, key: key).decodeAny(type)
    }

    @inline(__always)
    private func integer<T: FixedWidthInteger>(_ type: T.Type, _ key: Key) throws -> T {
        try scalar(type, key) { (context, name, object, indexed) throws(KeyedMiss) in
            try context.integer(named: name, in: object, indexed: indexed)
        }
    }

    /// One scalar decode: the context's look-up and unboxing by the key's name, and the
    /// `DecodingError` for a miss built here, off the success path.
    @inline(__always)
    private func scalar<T>(
        _ type: T.Type,
        _ key: Key,
        _ read: (JSONTapeDecodingContext, String, Int, Bool) throws(KeyedMiss) -> T
    ) throws -> T {
        do throws(KeyedMiss) {
            return try read(context, key.stringValue, object, indexed)
        } catch {
            throw failure(error, type, key)
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

    // One look-up instead of the default contains + decodeNil + decode; and every scalar type has
    // one, since the default's `contains` cannot throw: a container kept past its decode call
    // would answer `nil` instead of the error every other method throws.
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
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        try unboxIfPresent(type, key, TapeUnboxing.float)
    }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
        try unboxIfPresent(type, key, TapeUnboxing.integer)
    }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
        try unboxIfPresent(type, key, TapeUnboxing.integer)
    }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        try unboxIfPresent(type, key, TapeUnboxing.integer)
    }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? {
        try unboxIfPresent(type, key, TapeUnboxing.integer)
    }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
        try unboxIfPresent(type, key, TapeUnboxing.integer)
    }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
        try unboxIfPresent(type, key, TapeUnboxing.integer)
    }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
        try unboxIfPresent(type, key, TapeUnboxing.integer)
    }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
        try unboxIfPresent(type, key, TapeUnboxing.integer)
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

/// Why a typed keyed decode produced no value; the generic container turns it into the
/// `DecodingError` (only it knows the key), off the success path.
enum KeyedMiss: Error {
    /// The decode call that made the container has returned.
    case usedAfterReturn
    case notFound
    case failure(TapeUnboxing.Failure)
}

// Keyed look-up and unboxing, non-generic: a keyed container is generic over its key type and
// its methods are not specialized for the caller's keys, so work here runs without witness-table
// calls or generic metadata.
extension JSONTapeDecodingContext {
    /// Tape index of the value of the member named `name` in the object at `object`, if any.
    @inline(never)
    func valueIndex(named name: String, in object: Int, indexed: Bool, tape: JSONTape) -> Int? {
        findValue(name, object, indexed, tape)
    }

    @inline(__always)
    private func findValue(_ name: String, _ object: Int, _ indexed: Bool, _ tape: JSONTape) -> Int? {
        if indexed { return indexedValue(named: name, in: object) }
        let first = object + 1
        let end = Int(tape[object].b)
        guard first < end else { return nil }
        // Where the last look-up in this object left off (claims are usually read in document order).
        let start = hintObject == object && hintName > first && hintName < end ? hintName : first
        let scanned = name.utf8.withContiguousStorageIfAvailable {
            Self.scan(for: $0, in: tape, first: first, end: end, start: start)
        }
        let value: Int
        switch scanned {
        case .some(let found) where found != Self.undecided:
            guard found >= 0 else { return nil }
            value = found
        default:
            guard let found = tape.member(name, in: object, from: start) else { return nil }
            value = found
        }
        hintObject = object
        hintName = tape.next(after: value)
        return value
    }

    /// ``scan(for:in:first:end:start:)`` found no byte-equal name but cannot rule out a
    /// canonically equivalent one (the key is not ASCII, or a name is not plain).
    private static let undecided = -2

    /// Compares `key` with the member names' bytes, from the name at `start` round to the one
    /// before it: the value's index, -1 when there is no such member, or ``undecided``.
    @inline(__always)
    private static func scan(
        for key: UnsafeBufferPointer<UInt8>,
        in tape: JSONTape,
        first: Int,
        end: Int,
        start: Int
    ) -> Int {
        let count = key.count
        var index = start
        repeat {
            let entry = tape[index]
            // Not reached for plain objects: an escaped or non-ASCII name makes the object indexed.
            guard entry.flags == 0 else { return undecided }
            if Int(entry.b &- entry.a) == count {
                guard count > 0, let keyBase = key.baseAddress, let bytes = tape.bytes.baseAddress else {
                    return index + 1
                }
                if JSONTape.memoryEqual(keyBase, bytes + Int(entry.a), count) { return index + 1 }
            }
            index = tape.next(after: index + 1)
            if index >= end { index = first }
        } while index != start
        // Every name is plain ASCII: an ASCII key equal to none of them as bytes is equal to none
        // as a `String`; a non-ASCII one could still be canonically equivalent to one.
        return JSONTape.isASCII(key) ? -1 : undecided
    }

    @inline(__always)
    private func member<T>(
        _ name: String,
        _ object: Int,
        _ indexed: Bool,
        _ unbox: (JSONTape, Int) throws(TapeUnboxing.Failure) -> T
    ) throws(KeyedMiss) -> T {
        guard let tape = liveTape else { throw .usedAfterReturn }
        guard let value = findValue(name, object, indexed, tape) else { throw .notFound }
        do {
            return try unbox(tape, value)
        } catch {
            throw .failure(error)
        }
    }

    @inline(never)
    func bool(named name: String, in object: Int, indexed: Bool) throws(KeyedMiss) -> Bool {
        try member(name, object, indexed, TapeUnboxing.bool)
    }

    @inline(never)
    func string(named name: String, in object: Int, indexed: Bool) throws(KeyedMiss) -> String {
        try member(name, object, indexed, TapeUnboxing.string)
    }

    @inline(never)
    func double(named name: String, in object: Int, indexed: Bool) throws(KeyedMiss) -> Double {
        try member(name, object, indexed, TapeUnboxing.double)
    }

    @inline(never)
    func float(named name: String, in object: Int, indexed: Bool) throws(KeyedMiss) -> Float {
        try member(name, object, indexed, TapeUnboxing.float)
    }

    @inline(never)
    func integer<T: FixedWidthInteger>(
        named name: String,
        in object: Int,
        indexed: Bool
    ) throws(KeyedMiss) -> T {
        try member(name, object, indexed) { (tape, value) throws(TapeUnboxing.Failure) -> T in
            try TapeUnboxing.integer(tape, value)
        }
    }
}
