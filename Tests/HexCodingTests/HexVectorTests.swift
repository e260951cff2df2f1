import HexCoding
import Testing

@Suite("Hex vectors (RFC 4648 §10)")
struct HexVectorTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let plain: String
        let upper: String
        var testDescription: String { "BASE16(\"\(plain)\")" }
    }

    static let vectors: [Vector] = [
        Vector(plain: "", upper: ""),
        Vector(plain: "f", upper: "66"),
        Vector(plain: "fo", upper: "666F"),
        Vector(plain: "foo", upper: "666F6F"),
        Vector(plain: "foob", upper: "666F6F62"),
        Vector(plain: "fooba", upper: "666F6F6261"),
        Vector(plain: "foobar", upper: "666F6F626172"),
    ]

    @Test func vectorCount() {
        #expect(Self.vectors.count == 7)
    }

    @Test(arguments: vectors)
    func encodesAndDecodes(_ vector: Vector) throws {
        let bytes = Array(vector.plain.utf8)
        #expect(Hex.encode(bytes, uppercase: true) == vector.upper)
        #expect(Hex.encode(bytes) == vector.upper.lowercased())
        #expect(try Hex.decode(vector.upper) == bytes)
        #expect(try Hex.decode(vector.upper.lowercased()) == bytes)
    }

    @Test func allByteValuesEncodeAsTwoDigits() throws {
        let bytes = (0...255).map(UInt8.init)
        let lower = Hex.encode(bytes)
        #expect(lower.utf8.count == 512)
        #expect(lower.hasPrefix("000102"))
        #expect(lower.hasSuffix("fdfeff"))
        #expect(Hex.encode(bytes, uppercase: true) == lower.uppercased())
        #expect(try Hex.decode(lower) == bytes)
        #expect(try Hex.decode(lower.uppercased()) == bytes)
    }

    @Test func mixedCaseDecodes() throws {
        #expect(try Hex.decode("aBcDeF") == [0xAB, 0xCD, 0xEF])
        #expect(try Hex.decode("DeadBeef") == [0xDE, 0xAD, 0xBE, 0xEF])
    }

    @Test func encodesNonContiguousSequences() {
        #expect(Hex.encode((0..<4).lazy.map { UInt8($0 * 17) }) == "00112233")
        #expect(Hex.encode(stride(from: UInt8(0xF0), through: 0xF2, by: 1), uppercase: true) == "F0F1F2")
    }

    @Test func encodedLength() {
        #expect(Hex.encodedLength(forByteCount: 0) == 0)
        #expect(Hex.encodedLength(forByteCount: 21) == 42)
        #expect(Hex.encodedLength(forByteCount: Int.max / 2) == Int.max - 1)
        #expect(Hex.encodedLength(forByteCount: Int.max / 2 + 1) == nil)
        #expect(Hex.encodedLength(forByteCount: -1) == nil)
    }
}
