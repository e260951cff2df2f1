import Base64URL
import Testing

@Suite("Base64 (standard, padded) errors")
struct Base64ErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let code: Base64DecodingError.Code
        let offset: Int
        var testDescription: String { "\"\(input)\" → \(code.rawValue)@\(offset)" }
    }

    static let cases: [Case] = [
        // Padded text is always a multiple of 4 long; offset = length.
        Case(input: "Zg", code: .invalidLength, offset: 2),
        Case(input: "Zg=", code: .invalidLength, offset: 3),
        Case(input: "Zg===", code: .invalidLength, offset: 5),
        Case(input: "Zm9vYg", code: .invalidLength, offset: 6),
        Case(input: "Zm9v\n", code: .invalidLength, offset: 5),
        // Too much padding in the last group: the first `=` that cannot be there.
        Case(input: "Z===", code: .invalidPadding, offset: 1),
        Case(input: "====", code: .invalidPadding, offset: 0),
        Case(input: "Zm9v====", code: .invalidPadding, offset: 4),
        // Padding anywhere but the end.
        Case(input: "Zg==Zm9v", code: .invalidPadding, offset: 2),
        Case(input: "Zm=v", code: .invalidPadding, offset: 2),
        Case(input: "Z=9=", code: .invalidPadding, offset: 1),
        Case(input: "=m9v", code: .invalidPadding, offset: 0),
        // Whitespace and line breaks.
        Case(input: "Zm9v\r\nYmFy", code: .invalidLength, offset: 10),
        Case(input: "Zm9v\r\nYmFyZg", code: .invalidCharacter, offset: 4),
        Case(input: " Zg=", code: .invalidCharacter, offset: 0),
        Case(input: "Zg =", code: .invalidCharacter, offset: 2),
        // The url alphabet's characters.
        Case(input: "-_8=", code: .invalidCharacter, offset: 0),
        Case(input: "ab_c", code: .invalidCharacter, offset: 2),
        // Non-zero unused trailing bits.
        Case(input: "Zh==", code: .nonCanonical, offset: 1),
        Case(input: "QR==", code: .nonCanonical, offset: 1),
        Case(input: "Zm9=", code: .nonCanonical, offset: 2),
        Case(input: "Zm9vYmE9Zm9=", code: .nonCanonical, offset: 10),
    ]

    @Test(arguments: cases)
    func rejects(_ testCase: Case) {
        expectError(.standard, testCase.input, testCase.code, at: testCase.offset)
    }

    @Test func emptyDecodesToEmpty() {
        expectDecodes(.standard, "", to: [])
    }

    /// Each byte outside the alphabet (other than `=`, tested separately) at every position of
    /// inputs ending in a full group, one `=` and two `=`.
    @Test(arguments: 0...255)
    func everyInvalidByteAtEveryPosition(_ value: Int) {
        let byte = UInt8(value)
        guard !Codec.standard.alphabet.contains(byte), byte != UInt8(ascii: "=") else { return }
        for base in ["QUJDREVG", "QUJDREU=", "QUJDRA=="] {
            let padding = base.utf8.filter { $0 == UInt8(ascii: "=") }.count
            for position in 0..<(base.utf8.count - padding) {
                var input = Array(base.utf8)
                input[position] = byte
                expectError(.standard, input, Base64DecodingError(code: .invalidCharacter, offset: position))
            }
        }
    }

    /// `=` at any data position is misplaced padding, except where it turns the group into valid
    /// padding (then the result is either accepted or non-canonical, never silently different).
    @Test func equalsSignAtEveryPosition() {
        let equals = UInt8(ascii: "=")
        for base in ["QUJDREVG", "QUJDREU=", "QUJDRA=="] {
            for position in 0..<base.utf8.count where Array(base.utf8)[position] != equals {
                var input = Array(base.utf8)
                input[position] = equals
                let trailing = input.reversed().prefix { $0 == equals }.count
                let formsValidPadding = position >= input.count - trailing
                if trailing > 2 {
                    expectError(
                        .standard,
                        input,
                        Base64DecodingError(code: .invalidPadding, offset: input.count - trailing)
                    )
                } else if !formsValidPadding {
                    expectError(.standard, input, Base64DecodingError(code: .invalidPadding, offset: position))
                } else if let decoded = try? Base64.decode(utf8: input) {
                    #expect(Base64.encodeToBytes(decoded) == input)
                } else {
                    expectError(.standard, input, Base64DecodingError(code: .nonCanonical, offset: position - 1))
                }
            }
        }
    }

    @Test(arguments: ["", "Zm9v"])
    func trailingBitsMustBeZero(prefix: String) throws {
        var accepted2 = 0
        var accepted3 = 0
        for (value, character) in Codec.standard.alphabet.enumerated() {
            let last = String(UnicodeScalar(character))
            let two = prefix + "Q" + last + "=="
            let three = prefix + "QU" + last + "="
            if value & 0x0F == 0 {
                accepted2 += 1
                #expect(try Base64.encode(Base64.decode(two)) == two)
            } else {
                expectError(.standard, two, .nonCanonical, at: prefix.utf8.count + 1)
            }
            if value & 0x03 == 0 {
                accepted3 += 1
                #expect(try Base64.encode(Base64.decode(three)) == three)
            } else {
                expectError(.standard, three, .nonCanonical, at: prefix.utf8.count + 2)
            }
        }
        #expect(accepted2 == 4)
        #expect(accepted3 == 16)
    }

    @Test func descriptionsSayWhereAndWhy() {
        func message(_ text: String) -> String {
            do {
                _ = try Base64.decode(text)
                return "decoded"
            } catch {
                return error.description
            }
        }
        #expect(message("Zm9v_mFy") == "invalid base64 character 0x5F at offset 4")
        #expect(message("Zm9vYg") == "invalid base64 length 6: padded base64 must be a multiple of 4 long")
        #expect(
            message("Zg==Zm9v") == "invalid base64 padding at offset 2: '=' may only end the last 4-character group"
        )
        #expect(message("Zh==") == "non-canonical base64 at offset 1: unused trailing bits must be zero")
        #expect(message("Zg==") == "decoded")
        #expect(
            Base64DecodingError(code: .invalidCharacter, offset: 9).description
                == "invalid base64 character at offset 9"
        )
    }
}
