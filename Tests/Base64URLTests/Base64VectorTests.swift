import Base64URL
import Testing

@Suite("Base64 and base64url vectors")
struct Base64VectorTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let bytes: [UInt8]
        let standard: String
        let url: String
        var testDescription: String { "\"\(standard)\" / \"\(url)\"" }

        init(_ plain: String, _ standard: String) {
            bytes = Array(plain.utf8)
            self.standard = standard
            url = String(standard.filter { $0 != "=" })
        }

        init(bytes: [UInt8], standard: String, url: String) {
            self.bytes = bytes
            self.standard = standard
            self.url = url
        }
    }

    /// RFC 4648 §10 test vectors; base64url has the same text without padding.
    static let rfc4648: [Vector] = [
        Vector("", ""),
        Vector("f", "Zg=="),
        Vector("fo", "Zm8="),
        Vector("foo", "Zm9v"),
        Vector("foob", "Zm9vYg=="),
        Vector("fooba", "Zm9vYmE="),
        Vector("foobar", "Zm9vYmFy"),
    ]

    /// Inputs that exercise the two characters where the alphabets differ, and RFC 7515 §3.3's
    /// JWS header (with its CRLF) as the typical base64url input.
    static let alphabetSpecific: [Vector] = [
        Vector(bytes: [0xFB, 0xFF], standard: "+/8=", url: "-_8"),
        Vector(bytes: [0xFF, 0xFF, 0xFF], standard: "////", url: "____"),
        Vector(bytes: [0xFB, 0xEF, 0xBE], standard: "++++", url: "----"),
        Vector(bytes: [0x00], standard: "AA==", url: "AA"),
        Vector(bytes: [0x00, 0x00], standard: "AAA=", url: "AAA"),
        Vector(bytes: [0x03, 0xE0], standard: "A+A=", url: "A-A"),
        Vector(
            bytes: Array("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}".utf8),
            standard: "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9",
            url: "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
        ),
    ]

    @Test func vectorCounts() {
        #expect(Self.rfc4648.count == 7)
        #expect(Self.alphabetSpecific.count == 7)
    }

    @Test(arguments: rfc4648 + alphabetSpecific)
    func vector(_ vector: Vector) {
        #expect(Base64.encode(vector.bytes) == vector.standard)
        #expect(Base64.encodeToBytes(vector.bytes) == Array(vector.standard.utf8))
        #expect(Base64URL.encode(vector.bytes) == vector.url)
        #expect(Base64URL.encodeToBytes(vector.bytes) == Array(vector.url.utf8))
        #expect(Base64.encode(vector.bytes.lazy.map { $0 }) == vector.standard)
        #expect(Base64URL.encode(vector.bytes.lazy.filter { _ in true }) == vector.url)
        expectDecodes(.standard, vector.standard, to: vector.bytes)
        expectDecodes(.url, vector.url, to: vector.bytes)
    }

    /// The alphabets must not be mixed: each codec rejects the other's two special characters.
    @Test func alphabetsDoNotMix() {
        expectError(.url, "+/8", .invalidCharacter, at: 0)
        expectError(.url, "-/8", .invalidCharacter, at: 1)
        expectError(.standard, "-_8=", .invalidCharacter, at: 0)
        expectError(.standard, "+_8=", .invalidCharacter, at: 1)
    }

    @Test func lengths() throws {
        let expected: [(Int, Int)] = [(0, 0), (2, 1), (3, 2), (4, 3), (6, 4), (7, 5), (8, 6), (43, 32), (86, 64)]
        for (encoded, decoded) in expected {
            #expect(try Base64URL.decodedLength(forEncodedLength: encoded) == decoded)
            #expect(Base64URL.encodedLength(forByteCount: decoded) == encoded)
        }
        #expect(Base64.encodedLength(forByteCount: 0) == 0)
        #expect(Base64.encodedLength(forByteCount: 1) == 4)
        #expect(Base64.encodedLength(forByteCount: 32) == 44)
        for impossible in [1, 5, 9, 4001, Int.max - 2] {
            #expect(throws: Base64DecodingError(code: .invalidLength, offset: impossible)) {
                try Base64URL.decodedLength(forEncodedLength: impossible)
            }
        }
    }

    /// Huge and negative counts give answers or errors, never an overflow trap.
    @Test func extremeLengthsDoNotTrap() throws {
        #expect(try Base64URL.decodedLength(forEncodedLength: Int.max) == Int.max / 4 * 3 + 2)
        #expect(try Base64URL.decodedLength(forEncodedLength: Int.max - 3) == (Int.max - 3) / 4 * 3)
        #expect(throws: Base64DecodingError(code: .invalidLength, offset: 0)) {
            try Base64URL.decodedLength(forEncodedLength: -1)
        }
        #expect(throws: Base64DecodingError(code: .invalidLength, offset: 0)) {
            try Base64URL.decodedLength(forEncodedLength: Int.min)
        }
        #expect(Base64URL.encodedLength(forByteCount: Int.max) == nil)
        #expect(Base64.encodedLength(forByteCount: Int.max) == nil)
        #expect(Base64URL.encodedLength(forByteCount: -1) == nil)
        #expect(Base64.encodedLength(forByteCount: Int.min) == nil)
        #expect(Base64URL.encodedLength(forByteCount: Int.max / 4 * 3) == Int.max / 4 * 4)
    }
}
