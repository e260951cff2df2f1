/// The `Encoder` behind ``JSONValueEncoder``; it also serves as its own single-value container.
final class JSONValueEncoderImpl: Encoder, SingleValueEncodingContainer {
    let codingPath: [any CodingKey]
    private let sendableUserInfo: [CodingUserInfoKey: any Sendable]
    /// What has been encoded so far; `nil` until something is.
    private(set) var slot: JSONEncodingSlot?

    var userInfo: [CodingUserInfoKey: Any] { sendableUserInfo }

    init(codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: any Sendable]) {
        self.codingPath = codingPath
        self.sendableUserInfo = userInfo
    }

    func store(_ value: JSONValue) { slot = .value(value) }

    /// An encoder one coding key further down.
    func child(_ codingPath: [any CodingKey]) -> JSONValueEncoderImpl {
        JSONValueEncoderImpl(codingPath: codingPath, userInfo: sendableUserInfo)
    }

    /// Encodes `value` at `codingPath` into a slot; stored JSON values skip the child encoder.
    func wrap<T: Encodable>(_ value: T, codingPath: () -> [any CodingKey]) throws -> JSONEncodingSlot {
        if T.self == JSONValue.self, let json = value as? JSONValue { return .value(json) }
        if let slot = try JSONFoundationValues.encode(value, codingPath) { return slot }
        let encoder = child(codingPath())
        try value.encode(to: encoder)
        return encoder.slot ?? .value(.object(JSONObject()))
    }

    // MARK: Encoder

    /// Asking again returns the same object; asking after something else was encoded here
    /// replaces it (Foundation's encoder traps instead).
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let builder: JSONObjectBuilder
        if case .object(let existing) = slot {
            builder = existing
        } else {
            builder = JSONObjectBuilder()
            slot = .object(builder)
        }
        return KeyedEncodingContainer(JSONKeyedEncodingContainer(encoder: self, builder: builder))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let builder: JSONArrayBuilder
        if case .array(let existing) = slot {
            builder = existing
        } else {
            builder = JSONArrayBuilder()
            slot = .array(builder)
        }
        return JSONUnkeyedEncodingContainer(encoder: self, builder: builder)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    // MARK: SingleValueEncodingContainer

    func encodeNil() { store(.null) }
    func encode(_ value: Bool) { store(.bool(value)) }
    func encode(_ value: String) { store(.string(value)) }
    func encode(_ value: Double) throws { slot = try JSONBoxing.double(value) { codingPath } }
    func encode(_ value: Float) throws { slot = try JSONBoxing.float(value) { codingPath } }
    func encode(_ value: Int) { slot = JSONBoxing.integer(value) }
    func encode(_ value: Int8) { slot = JSONBoxing.integer(value) }
    func encode(_ value: Int16) { slot = JSONBoxing.integer(value) }
    func encode(_ value: Int32) { slot = JSONBoxing.integer(value) }
    func encode(_ value: Int64) { slot = JSONBoxing.integer(value) }
    func encode(_ value: UInt) { slot = JSONBoxing.integer(value) }
    func encode(_ value: UInt8) { slot = JSONBoxing.integer(value) }
    func encode(_ value: UInt16) { slot = JSONBoxing.integer(value) }
    func encode(_ value: UInt32) { slot = JSONBoxing.integer(value) }
    func encode(_ value: UInt64) { slot = JSONBoxing.integer(value) }

    /// Same coding path, so the value encodes straight into this encoder.
    func encode<T: Encodable>(_ value: T) throws {
        if T.self == JSONValue.self, let json = value as? JSONValue {
            store(json)
            return
        }
        if let slot = try JSONFoundationValues.encode(value, { self.codingPath }) {
            store(slot.resolve())
            return
        }
        try value.encode(to: self)
    }
}
