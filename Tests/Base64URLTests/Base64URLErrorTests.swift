import Base64URL
import Testing

@Suite("base64url errors")
struct Base64URLErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let code: Base64DecodingError.Code
        let offset: Int
        var testDescription: String { "\"\(input)\" → \(code.rawValue)@\(offset)" }
    }

    static let cases: [Case] = [
        // Impossible lengths are reported first, at offset = length.
        Case(input: "Q", code: .invalidLength, offset: 1),
        Case(input: "QUJDR", code: .invalidLength, offset: 5),
        Case(input: "+UJDR", code: .invalidLength, offset: 5),
        Case(input: "Zg=", code: .invalidCharacter, offset: 2),
        // Padding is not part of base64url.
        Case(input: "Zg==", code: .invalidCharacter, offset: 2),
        Case(input: "Zm8=", code: .invalidCharacter, offset: 3),
        Case(input: "====", code: .invalidCharacter, offset: 0),
        // Whitespace and line breaks anywhere.
        Case(input: " Zm9vYg", code: .invalidCharacter, offset: 0),
        Case(input: "Zm9vYg ", code: .invalidCharacter, offset: 6),
        Case(input: "Zm9v\nYmFy", code: .invalidLength, offset: 9),
        Case(input: "Zm9v\r\nYmFy", code: .invalidCharacter, offset: 4),
        Case(input: "Zm\t9", code: .invalidCharacter, offset: 2),
        // The standard alphabet's characters.
        Case(input: "Zm9vYmFyZm9vYmFyZ+8", code: .invalidCharacter, offset: 17),
        Case(input: "ab/c", code: .invalidCharacter, offset: 2),
        // A token's separator, and non-ASCII.
        Case(input: "ab.c", code: .invalidCharacter, offset: 2),
        Case(input: "abé", code: .invalidCharacter, offset: 2),
        // The first bad character wins over later ones and over trailing bits.
        Case(input: "a$c%", code: .invalidCharacter, offset: 1),
        Case(input: "abcdQR$", code: .invalidCharacter, offset: 6),
        // Non-zero unused trailing bits, at the offset of the last character.
        Case(input: "QR", code: .nonCanonical, offset: 1),
        Case(input: "Zh", code: .nonCanonical, offset: 1),
        Case(input: "Zm9", code: .nonCanonical, offset: 2),
        Case(input: "Zm9vYmFyZm9", code: .nonCanonical, offset: 10),
    ]

    @Test(arguments: cases)
    func rejects(_ testCase: Case) {
        expectError(.url, testCase.input, testCase.code, at: testCase.offset)
    }

    @Test func emptyDecodesToEmpty() {
        expectDecodes(.url, "", to: [])
    }

    /// Each byte outside the alphabet, at every position of 8-, 7- and 6-character inputs (full
    /// group, 2-byte tail, 1-byte tail).
    @Test(arguments: 0...255)
    func everyInvalidByteAtEveryPosition(_ value: Int) {
        let byte = UInt8(value)
        guard !Codec.url.alphabet.contains(byte) else { return }
        for base in ["QUJDREVG", "QUJDREU", "QUJDRA"] {
            for position in 0..<base.utf8.count {
                var input = Array(base.utf8)
                input[position] = byte
                expectError(.url, input, Base64DecodingError(code: .invalidCharacter, offset: position))
            }
        }
    }

    /// Every alphabet character decodes at every position of a full group.
    @Test func everyAlphabetCharacterIsAccepted() throws {
        let alphabet = Codec.url.alphabet
        #expect(alphabet.count == 64)
        for (value, character) in alphabet.enumerated() {
            for position in 0..<4 {
                var input = Array("AAAA".utf8)
                input[position] = character
                let bits = UInt32(value) << (6 * (3 - position))
                let expected = [
                    UInt8(bits >> 16), UInt8(truncatingIfNeeded: bits >> 8), UInt8(truncatingIfNeeded: bits),
                ]
                #expect(try Base64URL.decode(utf8: input) == expected, "\(String(decoding: input, as: UTF8.self))")
            }
        }
    }

    /// Only the last character's unused low bits matter: for a 2-character tail 4 bits, for a
    /// 3-character tail 2 bits. Exactly the characters with those bits clear are accepted, and what
    /// is accepted re-encodes to the same text.
    @Test(arguments: ["", "Zm9v"])
    func trailingBitsMustBeZero(prefix: String) throws {
        let alphabet = Codec.url.alphabet
        var accepted2 = 0
        var accepted3 = 0
        for (value, character) in alphabet.enumerated() {
            let last = String(UnicodeScalar(character))
            let two = prefix + "Q" + last
            let three = prefix + "QU" + last
            if value & 0x0F == 0 {
                accepted2 += 1
                #expect(try Base64URL.encode(Base64URL.decode(two)) == two)
            } else {
                expectError(.url, two, .nonCanonical, at: prefix.utf8.count + 1)
            }
            if value & 0x03 == 0 {
                accepted3 += 1
                #expect(try Base64URL.encode(Base64URL.decode(three)) == three)
            } else {
                expectError(.url, three, .nonCanonical, at: prefix.utf8.count + 2)
            }
        }
        #expect(accepted2 == 4)
        #expect(accepted3 == 16)
        expectDecodes(.url, prefix + "QQ", to: Array(prefix.isEmpty ? [] : [0x66, 0x6F, 0x6F]) + [0x41])
    }

    @Test func descriptionsSayWhereAndWhy() {
        func message(_ text: String) -> String {
            do {
                _ = try Base64URL.decode(text)
                return "decoded"
            } catch {
                return error.description
            }
        }
        #expect(message("Zm9vYmFyZm9vYmFyZ+8") == "invalid base64url character 0x2B at offset 17")
        #expect(message("Zg==") == "invalid base64url character 0x3D at offset 2 (base64url is unpadded)")
        #expect(message("QUJDR") == "invalid base64url length 5: no encoding has a length of 4n+1")
        #expect(message("QR") == "non-canonical base64url at offset 1: unused trailing bits must be zero")
        #expect(message("Zm9v") == "decoded")
    }

    @Test func errorsCarryTheOffendingByte() {
        do {
            _ = try Base64URL.decode("ab c")
            Issue.record("decoded")
        } catch {
            #expect(error.byte == 0x20)
            #expect(error == Base64DecodingError(code: .invalidCharacter, offset: 2))
            #expect(error.hashValue == Base64DecodingError(code: .invalidCharacter, offset: 2).hashValue)
            #expect(error != Base64DecodingError(code: .invalidCharacter, offset: 3))
            #expect(error != Base64DecodingError(code: .invalidLength, offset: 2))
        }
    }

    @Test func codesAreStable() {
        #expect(Base64DecodingError.Code.invalidCharacter.rawValue == "invalid_character")
        #expect(Base64DecodingError.Code.invalidLength.rawValue == "invalid_length")
        #expect(Base64DecodingError.Code.invalidPadding.rawValue == "invalid_padding")
        #expect(Base64DecodingError.Code.nonCanonical.rawValue == "non_canonical")
        #expect(Base64DecodingError.Code.outputTooSmall.rawValue == "output_too_small")
    }
}
