import HexCoding
import Testing

@Suite("Hex errors")
struct HexErrorTests {
    /// Every way the same text can reach the decoder; all must agree.
    static func decodeEveryWay(_ bytes: [UInt8]) -> [(String, Result<[UInt8], HexDecodingError>)] {
        var results: [(String, Result<[UInt8], HexDecodingError>)] = [
            ("[UInt8]", Result { () throws(HexDecodingError) in try Hex.decode(utf8: bytes) }),
            ("ArraySlice", Result { () throws(HexDecodingError) in try Hex.decode(utf8: ([0x30] + bytes)[1...]) }),
            ("lazy map", Result { () throws(HexDecodingError) in try Hex.decode(utf8: bytes.lazy.map { $0 }) }),
            (
                "lazy filter",
                Result { () throws(HexDecodingError) in try Hex.decode(utf8: bytes.lazy.filter { _ in true }) }
            ),
            (
                "buffer",
                Result { () throws(HexDecodingError) in
                    try bytes.withUnsafeBufferPointer { input throws(HexDecodingError) in
                        var output = [UInt8](repeating: 0, count: input.count / 2)
                        let written = try output.withUnsafeMutableBufferPointer { out throws(HexDecodingError) in
                            try Hex.decode(input, into: out)
                        }
                        return Array(output[..<written])
                    }
                }
            ),
        ]
        // Strings only for valid UTF-8, since a String would repair anything else.
        if let text = String(validating: bytes, as: UTF8.self) {
            let substring = ("ab" + text + "cd").dropFirst(2).dropLast(2)
            results += [
                ("String", Result { () throws(HexDecodingError) in try Hex.decode(text) }),
                ("Substring", Result { () throws(HexDecodingError) in try Hex.decode(substring) }),
                ("String.UTF8View", Result { () throws(HexDecodingError) in try Hex.decode(utf8: text.utf8) }),
                ("Substring.UTF8View", Result { () throws(HexDecodingError) in try Hex.decode(utf8: substring.utf8) }),
            ]
        }
        return results
    }

    static func expectError(
        _ bytes: [UInt8],
        _ expected: HexDecodingError,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for (form, result) in decodeEveryWay(bytes) {
            switch result {
            case .success(let value):
                Issue.record("\(form): decoded \(value), expected \(expected)", sourceLocation: sourceLocation)
            case .failure(let error):
                #expect(error == expected, "\(form)", sourceLocation: sourceLocation)
                #expect(
                    error.code == expected.code && error.offset == expected.offset,
                    "\(form)",
                    sourceLocation: sourceLocation
                )
            }
        }
    }

    static func expectError(
        _ text: String,
        _ expected: HexDecodingError,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        expectError(Array(text.utf8), expected, sourceLocation: sourceLocation)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let code: HexDecodingError.Code
        let offset: Int
        var testDescription: String { "\"\(input)\" → \(code.rawValue)@\(offset)" }
    }

    static let cases: [Case] = [
        Case(input: "0", code: .oddLength, offset: 1),
        Case(input: "abc", code: .oddLength, offset: 3),
        Case(input: "zz0", code: .oddLength, offset: 3),
        Case(input: "0x00", code: .invalidCharacter, offset: 1),
        Case(input: " 00 ", code: .invalidCharacter, offset: 0),
        Case(input: "00 11", code: .oddLength, offset: 5),
        Case(input: "00 111", code: .invalidCharacter, offset: 2),
        Case(input: "0011\n", code: .oddLength, offset: 5),
        Case(input: "0011\r\n", code: .invalidCharacter, offset: 4),
        Case(input: "0g", code: .invalidCharacter, offset: 1),
        Case(input: "G0", code: .invalidCharacter, offset: 0),
        Case(input: "ffffé", code: .invalidCharacter, offset: 4),
        Case(input: "00-1", code: .invalidCharacter, offset: 2),
        Case(input: "+1", code: .invalidCharacter, offset: 0),
    ]

    @Test(arguments: cases)
    func rejects(_ testCase: Case) {
        Self.expectError(testCase.input, HexDecodingError(code: testCase.code, offset: testCase.offset))
    }

    @Test func emptyDecodesToEmpty() {
        for (form, result) in Self.decodeEveryWay([]) {
            #expect((try? result.get()) == [], "\(form)")
        }
    }

    /// Each byte that is not a hex digit, at every position of an even-length input.
    @Test(arguments: 0...255)
    func everyInvalidByteAtEveryPosition(_ value: Int) {
        let byte = UInt8(value)
        let isDigit =
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        let base = Array("0aF19b".utf8)
        for position in base.indices {
            var input = base
            input[position] = byte
            if isDigit {
                #expect(throws: Never.self) { try Hex.decode(utf8: input) }
            } else {
                Self.expectError(input, HexDecodingError(code: .invalidCharacter, offset: position))
                #expect(throws: HexDecodingError(code: .invalidCharacter, offset: position)) {
                    try Hex.decode(utf8: input)
                }
            }
        }
    }

    @Test func descriptionsSayWhereAndWhy() {
        // `#expect(throws:)` returns the error, so a decode that stops throwing fails here too.
        let character = #expect(throws: HexDecodingError.self) { try Hex.decode("00+1") }
        #expect(character?.byte == UInt8(ascii: "+"))
        #expect(character?.description == "invalid hex character 0x2B at offset 2")
        let length = #expect(throws: HexDecodingError.self) { try Hex.decode("abc") }
        #expect(length?.description == "invalid hex length 3: hex needs two digits per byte")
        #expect(HexDecodingError(code: .invalidCharacter, offset: 7).description == "invalid hex character at offset 7")
        #expect(HexDecodingError(code: .oddLength, offset: 1).code.rawValue == "odd_length")
        #expect(HexDecodingError(code: .invalidCharacter, offset: 1).code.rawValue == "invalid_character")
    }

    @Test func equalityIgnoresTheByte() {
        let a = HexDecodingError(code: .invalidCharacter, offset: 3, byte: 0x20)
        let b = HexDecodingError(code: .invalidCharacter, offset: 3)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != HexDecodingError(code: .invalidCharacter, offset: 4))
        #expect(a != HexDecodingError(code: .oddLength, offset: 3))
    }

    @Test func decodeIntoChecksOutputSize() throws {
        let input = Array("a1b2c3".utf8)
        try input.withUnsafeBufferPointer { input in
            var exact = [UInt8](repeating: 0, count: 3)
            let written = try exact.withUnsafeMutableBufferPointer { try Hex.decode(input, into: $0) }
            #expect(written == 3)
            #expect(exact == [0xA1, 0xB2, 0xC3])

            var large = [UInt8](repeating: 0xEE, count: 5)
            let written2 = try large.withUnsafeMutableBufferPointer { try Hex.decode(input, into: $0) }
            #expect(written2 == 3)
            #expect(large == [0xA1, 0xB2, 0xC3, 0xEE, 0xEE])

            var small = [UInt8](repeating: 0, count: 2)
            #expect(throws: HexDecodingError(code: .outputTooSmall, offset: 0)) {
                try small.withUnsafeMutableBufferPointer { try Hex.decode(input, into: $0) }
            }
        }
        let empty = try Hex.decode(
            UnsafeBufferPointer(start: nil, count: 0),
            into: UnsafeMutableBufferPointer(start: nil, count: 0)
        )
        #expect(empty == 0)
    }
}
