/// The `Decoder` behind ``JSONValueDecoder``; it also serves as its own single-value container.
final class JSONValueDecoderImpl: Decoder, SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]
    /// Shared by every decoder of one decode call (in place of a copy of `userInfo` each).
    let shared: JSONValueDecodingShared
    /// This decoder's number within the call (the owner of its object's member-name refusal).
    let serial: Int

    var userInfo: [CodingUserInfoKey: Any] { shared.userInfo }

    /// The decoder at the root of a decode call.
    convenience init(value: JSONValue, codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: any Sendable]) {
        self.init(value: value, codingPath: codingPath, shared: JSONValueDecodingShared(userInfo: userInfo))
    }

    private init(value: JSONValue, codingPath: [any CodingKey], shared: JSONValueDecodingShared) {
        self.value = value
        self.codingPath = codingPath
        self.shared = shared
        self.serial = shared.nextSerial()
    }

    /// A decoder for a child value, one coding key further down.
    func child(_ value: JSONValue, key: any CodingKey) -> JSONValueDecoderImpl {
        JSONValueDecoderImpl(value: value, codingPath: codingPath + [key], shared: shared)
    }

    /// Decodes `type` from this decoder's value, handing stored JSON types over without a walk.
    func decodeAny<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == JSONValue.self, let value = value as? T { return value }
        if JSONFoundationValues.handles(T.self) { return try JSONFoundationValues.decode(type, from: self) }
        // As the tape decoder's `decodeAny` (see there).
        let value: T
        do {
            value = try T(from: self)
        } catch {
            if let refusals = shared.refusals, !refusals.isEmpty { refusals.drop(for: serial) }
            throw error
        }
        if let refusals = shared.refusals, !refusals.isEmpty { try refusals.settle(for: serial, decodedAs: T.self) }
        return value
    }

    /// Decodes `type` from a child value, skipping the child decoder for stored JSON types.
    func decodeChild<T: Decodable>(_ type: T.Type, from value: JSONValue, key: any CodingKey) throws -> T {
        if T.self == JSONValue.self, let value = value as? T { return value }
        return try child(value, key: key).decodeAny(type)
    }

    // MARK: Decoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else {
            throw JSONUnboxing.typeMismatch([String: JSONValue].self, found: value, codingPath: codingPath)
        }
        return KeyedDecodingContainer(JSONKeyedDecodingContainer<Key>(decoder: self, object: object))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else {
            throw JSONUnboxing.typeMismatch([JSONValue].self, found: value, codingPath: codingPath)
        }
        return JSONUnkeyedDecodingContainer(decoder: self, elements: elements)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    // MARK: SingleValueDecodingContainer

    func decodeNil() -> Bool { value.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try JSONUnboxing.bool(value) { self.codingPath } }
    func decode(_ type: String.Type) throws -> String { try JSONUnboxing.string(value) { self.codingPath } }
    func decode(_ type: Double.Type) throws -> Double { try JSONUnboxing.double(value) { self.codingPath } }
    func decode(_ type: Float.Type) throws -> Float { try JSONUnboxing.float(value) { self.codingPath } }
    func decode(_ type: Int.Type) throws -> Int { try JSONUnboxing.integer(value) { self.codingPath } }
    func decode(_ type: Int8.Type) throws -> Int8 { try JSONUnboxing.integer(value) { self.codingPath } }
    func decode(_ type: Int16.Type) throws -> Int16 { try JSONUnboxing.integer(value) { self.codingPath } }
    func decode(_ type: Int32.Type) throws -> Int32 { try JSONUnboxing.integer(value) { self.codingPath } }
    func decode(_ type: Int64.Type) throws -> Int64 { try JSONUnboxing.integer(value) { self.codingPath } }
    func decode(_ type: UInt.Type) throws -> UInt { try JSONUnboxing.integer(value) { self.codingPath } }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try JSONUnboxing.integer(value) { self.codingPath } }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try JSONUnboxing.integer(value) { self.codingPath } }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try JSONUnboxing.integer(value) { self.codingPath } }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try JSONUnboxing.integer(value) { self.codingPath } }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeAny(type) }
}

/// What the decoders of one ``JSONValueDecoder`` call share.
final class JSONValueDecodingShared {
    let userInfo: [CodingUserInfoKey: any Sendable]
    /// Member names refused by keyed containers' `allKeys`, by the decoder of the object; taken by
    /// that decoder when its type's decoding ends (see ``IntegerNameRefusals``).
    private(set) var refusals: IntegerNameRefusals<Int>?

    func recordIntegerNameRefusals(_ errors: [DecodingError], by serial: Int) {
        let updated = IntegerNameRefusals.recording(errors, by: serial, in: refusals)
        if updated !== refusals { refusals = updated }
    }

    init(userInfo: [CodingUserInfoKey: any Sendable]) { self.userInfo = userInfo }

    /// Decoders made so far in this call: each gets the next number as its identity for
    /// ``refusals`` (an object's address could be reused by a later decoder; a number is not).
    private var decoderCount = 0

    func nextSerial() -> Int {
        decoderCount += 1
        return decoderCount
    }
}

/// Unboxing of scalars, with `DecodingError`s that name the coding path. The path is a closure
/// so the happy path never builds it.
enum JSONUnboxing {
    static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a Boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    static func typeMismatch(_ type: Any.Type, found value: JSONValue, codingPath: [any CodingKey]) -> DecodingError {
        if value.isNull {
            return .valueNotFound(
                type,
                .init(codingPath: codingPath, debugDescription: "Expected \(type) but found null instead.")
            )
        }
        return .typeMismatch(
            type,
            .init(codingPath: codingPath, debugDescription: "Expected \(type) but found \(kind(of: value)) instead.")
        )
    }

    static func bool(_ value: JSONValue, _ codingPath: () -> [any CodingKey]) throws -> Bool {
        guard case .bool(let bool) = value else {
            throw typeMismatch(Bool.self, found: value, codingPath: codingPath())
        }
        return bool
    }

    static func string(_ value: JSONValue, _ codingPath: () -> [any CodingKey]) throws -> String {
        guard case .string(let string) = value else {
            throw typeMismatch(String.self, found: value, codingPath: codingPath())
        }
        return string
    }

    static func integer<T: FixedWidthInteger>(_ value: JSONValue, _ codingPath: () -> [any CodingKey]) throws -> T {
        guard case .number(let number) = value else {
            throw typeMismatch(T.self, found: value, codingPath: codingPath())
        }
        guard let integer = number.exactInteger(as: T.self) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: codingPath(),
                    debugDescription: "Number \(PrintableNumber(number.text)) is not representable as \(T.self)."
                )
            )
        }
        return integer
    }

    static func double(_ value: JSONValue, _ codingPath: () -> [any CodingKey]) throws -> Double {
        guard case .number(let number) = value else {
            throw typeMismatch(Double.self, found: value, codingPath: codingPath())
        }
        guard let double = number.doubleValue else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: codingPath(),
                    debugDescription: "Number \(PrintableNumber(number.text)) overflows Double."
                )
            )
        }
        return double
    }

    static func float(_ value: JSONValue, _ codingPath: () -> [any CodingKey]) throws -> Float {
        guard case .number(let number) = value else {
            throw typeMismatch(Float.self, found: value, codingPath: codingPath())
        }
        // Parse the text directly: rounding through Double first could round twice.
        guard let float = Float(number.text), float.isFinite else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: codingPath(),
                    debugDescription: "Number \(PrintableNumber(number.text)) overflows Float."
                )
            )
        }
        return float
    }
}
