/// Sequential encoding into one array for ``JSONValueEncoder``.
struct JSONUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    private let encoder: JSONValueEncoderImpl
    private let builder: JSONArrayBuilder

    init(encoder: JSONValueEncoderImpl, builder: JSONArrayBuilder) {
        self.encoder = encoder
        self.builder = builder
    }

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { builder.count }

    private func nextPath() -> [any CodingKey] { codingPath + [JSONCodingKey(index: builder.count)] }

    mutating func encodeNil() { builder.append(.value(.null)) }
    mutating func encode(_ value: Bool) { builder.append(.value(.bool(value))) }
    mutating func encode(_ value: String) { builder.append(.value(.string(value))) }
    mutating func encode(_ value: Double) throws { builder.append(try JSONBoxing.double(value) { nextPath() }) }
    mutating func encode(_ value: Float) throws { builder.append(try JSONBoxing.float(value) { nextPath() }) }
    mutating func encode(_ value: Int) { builder.append(JSONBoxing.integer(value)) }
    mutating func encode(_ value: Int8) { builder.append(JSONBoxing.integer(value)) }
    mutating func encode(_ value: Int16) { builder.append(JSONBoxing.integer(value)) }
    mutating func encode(_ value: Int32) { builder.append(JSONBoxing.integer(value)) }
    mutating func encode(_ value: Int64) { builder.append(JSONBoxing.integer(value)) }
    mutating func encode(_ value: UInt) { builder.append(JSONBoxing.integer(value)) }
    mutating func encode(_ value: UInt8) { builder.append(JSONBoxing.integer(value)) }
    mutating func encode(_ value: UInt16) { builder.append(JSONBoxing.integer(value)) }
    mutating func encode(_ value: UInt32) { builder.append(JSONBoxing.integer(value)) }
    mutating func encode(_ value: UInt64) { builder.append(JSONBoxing.integer(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        builder.append(try encoder.wrap(value) { nextPath() })
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectBuilder()
        let child = encoder.child(nextPath())
        builder.append(.object(nested))
        return KeyedEncodingContainer(JSONKeyedEncodingContainer<NestedKey>(encoder: child, builder: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = JSONArrayBuilder()
        let child = encoder.child(nextPath())
        builder.append(.array(nested))
        return JSONUnkeyedEncodingContainer(encoder: child, builder: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let child = encoder.child(nextPath())
        builder.append(.encoder(child))
        return child
    }
}
