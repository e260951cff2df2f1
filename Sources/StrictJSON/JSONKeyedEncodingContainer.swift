/// Keyed encoding into one object for ``JSONValueEncoder``.
struct JSONKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    private let encoder: JSONValueEncoderImpl
    private let builder: JSONObjectBuilder

    init(encoder: JSONValueEncoderImpl, builder: JSONObjectBuilder) {
        self.encoder = encoder
        self.builder = builder
    }

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

    mutating func encodeNil(forKey key: Key) { builder.set(key.stringValue, .value(.null)) }
    mutating func encode(_ value: Bool, forKey key: Key) { builder.set(key.stringValue, .value(.bool(value))) }
    mutating func encode(_ value: String, forKey key: Key) { builder.set(key.stringValue, .value(.string(value))) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        builder.set(key.stringValue, try JSONBoxing.double(value) { path(key) })
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        builder.set(key.stringValue, try JSONBoxing.float(value) { path(key) })
    }
    mutating func encode(_ value: Int, forKey key: Key) { builder.set(key.stringValue, JSONBoxing.integer(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) { builder.set(key.stringValue, JSONBoxing.integer(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) { builder.set(key.stringValue, JSONBoxing.integer(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) { builder.set(key.stringValue, JSONBoxing.integer(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) { builder.set(key.stringValue, JSONBoxing.integer(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) { builder.set(key.stringValue, JSONBoxing.integer(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) { builder.set(key.stringValue, JSONBoxing.integer(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) { builder.set(key.stringValue, JSONBoxing.integer(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) { builder.set(key.stringValue, JSONBoxing.integer(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) { builder.set(key.stringValue, JSONBoxing.integer(value)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        builder.set(key.stringValue, try encoder.wrap(value) { path(key) })
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type,
        forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectBuilder()
        builder.set(key.stringValue, .object(nested))
        return KeyedEncodingContainer(
            JSONKeyedEncodingContainer<NestedKey>(encoder: encoder.child(path(key)), builder: nested)
        )
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = JSONArrayBuilder()
        builder.set(key.stringValue, .array(nested))
        return JSONUnkeyedEncodingContainer(encoder: encoder.child(path(key)), builder: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let child = encoder.child(codingPath + [JSONCodingKey.superKey])
        builder.set(JSONCodingKey.superKey.stringValue, .encoder(child))
        return child
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = encoder.child(path(key))
        builder.set(key.stringValue, .encoder(child))
        return child
    }
}
