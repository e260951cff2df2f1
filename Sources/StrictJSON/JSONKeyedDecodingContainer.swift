/// Keyed access to one object for ``JSONValueDecoder``.
struct JSONKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    private let decoder: JSONValueDecoderImpl
    private let object: JSONObject
    /// Name → member position, built only for objects too large to scan linearly.
    private let index: [String: Int]?

    init(decoder: JSONValueDecoderImpl, object: JSONObject) {
        self.decoder = decoder
        self.object = object
        if object.count > JSONObject.linearScanLimit {
            var index = [String: Int](minimumCapacity: object.count)
            for (position, member) in object.members.enumerated() { index[member.name] = position }
            self.index = index
        } else {
            self.index = nil
        }
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    /// The keys of the members, in document order. A name refused by ``IntegerMemberNames`` is
    /// recorded for the object (`allKeys` cannot throw); the decoder throws it if the object is
    /// being decoded as an integer-keyed map.
    var allKeys: [Key] {
        var keys: [Key] = []
        keys.reserveCapacity(object.count)
        var refusals: [DecodingError] = []
        for member in object.members {
            guard let key = Key(stringValue: member.name) else { continue }
            if key.intValue != nil, IntegerMemberNames.isRefused(member.name) {
                refusals.append(IntegerMemberNames.refusal(of: member.name, codingPath: path(key)))
            }
            keys.append(key)
        }
        decoder.shared.recordIntegerNameRefusals(refusals, by: decoder.serial)
        return keys
    }

    func contains(_ key: Key) -> Bool { lookup(key) != nil }

    private func lookup(_ key: Key) -> JSONValue? {
        if let index {
            guard let position = index[key.stringValue] else { return nil }
            return object.members[position].value
        }
        return object[key.stringValue]
    }

    private func require(_ key: Key) throws -> JSONValue {
        guard let value = lookup(key) else {
            throw DecodingError.keyNotFound(
                key,
                .init(codingPath: codingPath, debugDescription: "No member named \"\(key.stringValue)\".")
            )
        }
        return value
    }

    private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

    func decodeNil(forKey key: Key) throws -> Bool { try require(key).isNull }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try JSONUnboxing.bool(require(key)) { path(key) }
    }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try JSONUnboxing.string(require(key)) { path(key) }
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try JSONUnboxing.double(require(key)) { path(key) }
    }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        try JSONUnboxing.float(require(key)) { path(key) }
    }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        try JSONUnboxing.integer(require(key)) { path(key) }
    }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 {
        try JSONUnboxing.integer(require(key)) { path(key) }
    }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 {
        try JSONUnboxing.integer(require(key)) { path(key) }
    }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
        try JSONUnboxing.integer(require(key)) { path(key) }
    }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
        try JSONUnboxing.integer(require(key)) { path(key) }
    }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt {
        try JSONUnboxing.integer(require(key)) { path(key) }
    }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 {
        try JSONUnboxing.integer(require(key)) { path(key) }
    }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
        try JSONUnboxing.integer(require(key)) { path(key) }
    }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
        try JSONUnboxing.integer(require(key)) { path(key) }
    }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
        try JSONUnboxing.integer(require(key)) { path(key) }
    }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.decodeChild(type, from: require(key), key: key)
    }

    // One look-up instead of the default contains + decodeNil + decode.
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let value = lookup(key), !value.isNull else { return nil }
        return try JSONUnboxing.string(value) { path(key) }
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        guard let value = lookup(key), !value.isNull else { return nil }
        return try JSONUnboxing.integer(value) { path(key) }
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let value = lookup(key), !value.isNull else { return nil }
        return try JSONUnboxing.integer(value) { path(key) }
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        guard let value = lookup(key), !value.isNull else { return nil }
        return try JSONUnboxing.double(value) { path(key) }
    }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let value = lookup(key), !value.isNull else { return nil }
        return try JSONUnboxing.bool(value) { path(key) }
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = lookup(key), !value.isNull else { return nil }
        return try decoder.decodeChild(type, from: value, key: key)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type,
        forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.child(require(key), key: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(require(key), key: key).unkeyedContainer()
    }

    /// A decoder for the member `super` (or `null` when absent, as Foundation's decoder does).
    func superDecoder() throws -> any Decoder {
        decoder.child(object["super"] ?? .null, key: JSONCodingKey.superKey)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder.child(lookup(key) ?? .null, key: key)
    }
}
