import BenchmarkFixtures

/// The least any `Decoder` can cost for ``BenchClaims``: a decoder whose every answer is a
/// constant, with no input, no look-up and no parsing. What remains is the standard library's
/// own `Codable` machinery: the synthesized `init(from:)`, one container box (an allocation and
/// two generic-metadata look-ups) and one dynamically dispatched call per field.
///
/// Timed next to the raw HMAC, it bounds what an HS256 verify into a `Codable` claims type can
/// reach against its primitive, however lean everything else is.
enum CodableFloor {
    /// One decode through the constant decoder.
    @inline(never)
    static func decode() -> Bool {
        (try? BenchClaims(from: ConstantDecoder()))?.admin ?? false
    }
}

private struct ConstantDecoder: Decoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(ConstantKeyedContainer<Key>())
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw unsupported }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw unsupported }
}

/// Answers every member with a constant of the asked type (the fixture's claims use only these).
private struct ConstantKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { true }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { "1234567890" }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { 1_700_000_000 }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { throw unsupported }
    func nestedContainer<Nested: CodingKey>(
        keyedBy type: Nested.Type,
        forKey key: Key
    ) throws -> KeyedDecodingContainer<Nested> { throw unsupported }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw unsupported }
    func superDecoder() throws -> any Decoder { throw unsupported }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw unsupported }
}

private var unsupported: DecodingError {
    .dataCorrupted(
        .init(codingPath: [], debugDescription: "the constant decoder answers only BenchClaims' member types")
    )
}
