import StrictJSON
import Testing

@Suite("Parser accepts exactly RFC 8259")
struct ParserConformanceTests {
    static let accepted: [ParseCase] = [
        ParseCase("y_array_empty", "[]"),
        ParseCase("y_array_nested_empty", "[[],[[]],{}]"),
        ParseCase("y_array_whitespace", " [ 1 , 2 ] "),
        ParseCase("y_array_heterogeneous", #"[null,true,false,0,"",[],{}]"#),
        ParseCase("y_object_empty", "{}"),
        ParseCase("y_object_basic", #"{"a":"b"}"#),
        ParseCase("y_object_empty_key", #"{"":0}"#),
        ParseCase("y_object_nested", #"{"a":{"b":{"c":[1,{"d":null}]}}}"#),
        ParseCase("y_object_whitespace", " {\t\"a\"\n:\r1 , \"b\" : [ ] } "),
        ParseCase("y_object_same_name_different_objects", #"[{"a":1},{"a":2}]"#),
        ParseCase("y_object_case_differs", #"{"a":1,"A":2}"#),
        ParseCase("y_string_empty", #""""#),
        ParseCase("y_string_escapes", #""\"\\\/\b\f\n\r\t""#),
        ParseCase("y_string_unicode_escape", #""\u00e9\u00E9""#),
        ParseCase("y_string_surrogate_pair", #""\uD83D\uDE00""#),
        ParseCase("y_string_escaped_nul", #""\u0000""#),
        ParseCase("y_string_utf8", "\"é€😀\""),
        ParseCase("y_string_del_unescaped", "\"\u{7F}\""),
        ParseCase("y_string_bom_inside", "\"\u{FEFF}\""),
        ParseCase("y_string_max_code_point", bytes: quoted([0xF4, 0x8F, 0xBF, 0xBF])),
        ParseCase("y_string_noncharacter", bytes: quoted([0xEF, 0xBF, 0xBF])),
        ParseCase("y_string_last_before_surrogates", bytes: quoted([0xED, 0x9F, 0xBF])),
        ParseCase("y_string_first_after_surrogates", bytes: quoted([0xEE, 0x80, 0x80])),
        ParseCase("y_number_zero", "0"),
        ParseCase("y_number_negative_zero", "-0"),
        ParseCase("y_number_fraction", "1.5"),
        ParseCase("y_number_exponent", "1e10"),
        ParseCase("y_number_capital_exponent_plus", "1E+2"),
        ParseCase("y_number_negative_exponent", "-1.5e-10"),
        ParseCase("y_number_zero_exponent", "0e0"),
        ParseCase("y_number_exponent_leading_zeros", "1e007"),
        ParseCase("y_number_huge", "123456789012345678901234567890"),
        ParseCase("y_number_huge_exponent", "1E400"),
        ParseCase("y_number_in_array", "[-0.0,10,1e-5]"),
        ParseCase("y_literals", "[true,false,null]"),
        ParseCase("y_scalar_true", "true"),
        ParseCase("y_scalar_null", " null "),
        ParseCase("y_scalar_string", #""top""#),
        ParseCase("y_whitespace_all_kinds", " \t\n\r[]\t\r\n "),
    ]

    static let rejected: [ParseCase] = [
        ParseCase("n_empty", "", .syntax),
        ParseCase("n_whitespace_only", " \n", .syntax),
        ParseCase("n_bom", bytes: [0xEF, 0xBB, 0xBF] + Array("[]".utf8), .syntax),
        ParseCase("n_array_unclosed", "[1", .syntax),
        ParseCase("n_array_unclosed_empty", "[", .syntax),
        ParseCase("n_array_trailing_comma", "[1,]", .syntax),
        ParseCase("n_array_leading_comma", "[,1]", .syntax),
        ParseCase("n_array_double_comma", "[1,,2]", .syntax),
        ParseCase("n_array_missing_comma", "[1 2]", .syntax),
        ParseCase("n_array_colon", "[1:2]", .syntax),
        ParseCase("n_array_mismatched_close", "[1}", .syntax),
        ParseCase("n_lone_close", "]", .syntax),
        ParseCase("n_object_unclosed", #"{"a":1"#, .syntax),
        ParseCase("n_object_trailing_comma", #"{"a":1,}"#, .syntax),
        ParseCase("n_object_single_quotes", "{'a':1}", .syntax),
        ParseCase("n_object_unquoted_key", "{a:1}", .syntax),
        ParseCase("n_object_numeric_key", "{1:1}", .syntax),
        ParseCase("n_object_missing_colon", #"{"a" 1}"#, .syntax),
        ParseCase("n_object_missing_value", #"{"a":}"#, .syntax),
        ParseCase("n_object_double_colon", #"{"a"::1}"#, .syntax),
        ParseCase("n_object_missing_comma", #"{"a":1 "b":2}"#, .syntax),
        ParseCase("n_object_mismatched_close", #"{"a":1]"#, .syntax),
        ParseCase("n_comment_block", "[1/* x */]", .syntax),
        ParseCase("n_comment_line_inside", "[1,//x\n2]", .syntax),
        ParseCase("n_number_leading_zero", "[01]", .syntax),
        ParseCase("n_number_leading_zero_top_level", "012", .syntax),
        ParseCase("n_number_negative_leading_zero", "-01", .syntax),
        ParseCase("n_number_plus", "[+1]", .syntax),
        ParseCase("n_number_dot_first", "[.5]", .syntax),
        ParseCase("n_number_dot_last", "[1.]", .syntax),
        ParseCase("n_number_exponent_empty", "[1e]", .syntax),
        ParseCase("n_number_exponent_sign_only", "[1e+]", .syntax),
        ParseCase("n_number_minus_only", "[-]", .syntax),
        ParseCase("n_number_double_minus", "[--1]", .syntax),
        ParseCase("n_number_two_dots", "[1.5.3]", .syntax),
        ParseCase("n_number_two_exponents", "1e5e5", .syntax),
        ParseCase("n_number_nan", "[NaN]", .syntax),
        ParseCase("n_number_infinity", "[Infinity]", .syntax),
        ParseCase("n_number_minus_infinity", "[-Infinity]", .syntax),
        ParseCase("n_number_hex", "[0x10]", .syntax),
        ParseCase("n_number_minus_space", "[- 1]", .syntax),
        ParseCase("n_string_unterminated", #""abc"#, .syntax),
        ParseCase("n_string_unterminated_escape", #""\"#, .syntax),
        ParseCase("n_string_single_quoted", "'a'", .syntax),
        ParseCase("n_string_raw_newline", "\"a\nb\"", .syntax),
        ParseCase("n_string_raw_tab", "\"a\tb\"", .syntax),
        ParseCase("n_string_raw_control_01", bytes: quoted([0x01]), .syntax),
        ParseCase("n_string_raw_nul", bytes: quoted([0x00]), .syntax),
        ParseCase("n_string_escape_x", #""\x41""#, .syntax),
        ParseCase("n_string_escape_apostrophe", #""\'""#, .syntax),
        ParseCase("n_string_escape_u_short", #""\u12""#, .syntax),
        ParseCase("n_string_escape_u_not_hex", #""\uZZZZ""#, .syntax),
        ParseCase("n_string_escape_capital_U", #""\U0041""#, .syntax),
        ParseCase("n_literal_capital_true", "True", .syntax),
        ParseCase("n_literal_truncated_null", "nul", .syntax),
        ParseCase("n_literal_truncated_in_array", "[tru]", .syntax),
        ParseCase("n_literal_extra_letter", "[nulll]", .syntax),
        ParseCase("n_nbsp_whitespace", "\u{A0}[]", .syntax),
        ParseCase("n_form_feed_before_value", "\u{0C}[]", .syntax),
        ParseCase("n_trailing_second_value", "[] []", .trailingData),
        ParseCase("n_trailing_second_number", "1 2", .trailingData),
        ParseCase("n_trailing_garbage", "{}x", .trailingData),
        ParseCase("n_trailing_second_string", #""a""b""#, .trailingData),
        ParseCase("n_trailing_comment", "[1]//", .trailingData),
        ParseCase("n_trailing_nul", "null\u{0}", .trailingData),
        ParseCase("n_trailing_form_feed", "[1]\u{0C}", .trailingData),
        ParseCase("n_trailing_literal", "truefalse", .trailingData),
        ParseCase("n_utf8_overlong_nul", bytes: quoted([0xC0, 0x80]), .invalidUTF8),
        ParseCase("n_utf8_overlong_2byte", bytes: quoted([0xC1, 0xBF]), .invalidUTF8),
        ParseCase("n_utf8_overlong_3byte", bytes: quoted([0xE0, 0x80, 0x80]), .invalidUTF8),
        ParseCase("n_utf8_overlong_3byte_max", bytes: quoted([0xE0, 0x9F, 0xBF]), .invalidUTF8),
        ParseCase("n_utf8_overlong_4byte", bytes: quoted([0xF0, 0x8F, 0xBF, 0xBF]), .invalidUTF8),
        ParseCase("n_utf8_surrogate_high", bytes: quoted([0xED, 0xA0, 0x80]), .invalidUTF8),
        ParseCase("n_utf8_surrogate_low", bytes: quoted([0xED, 0xBF, 0xBF]), .invalidUTF8),
        ParseCase("n_utf8_above_max", bytes: quoted([0xF4, 0x90, 0x80, 0x80]), .invalidUTF8),
        ParseCase("n_utf8_f5", bytes: quoted([0xF5, 0x80, 0x80, 0x80]), .invalidUTF8),
        ParseCase("n_utf8_ff", bytes: quoted([0xFF]), .invalidUTF8),
        ParseCase("n_utf8_lone_continuation", bytes: quoted([0x80]), .invalidUTF8),
        ParseCase("n_utf8_truncated_before_quote", bytes: quoted([0xE2, 0x82]), .invalidUTF8),
        ParseCase("n_utf8_truncated_at_end", bytes: [0x22, 0xE2, 0x82], .invalidUTF8),
        ParseCase("n_utf8_bad_third_byte", bytes: quoted([0xE2, 0x82, 0x41]), .invalidUTF8),
        ParseCase("n_utf8_after_escape", bytes: Array(#""\n"#.utf8) + [0xC3, 0x28, 0x22], .invalidUTF8),
        ParseCase("n_utf8_in_key", bytes: [0x7B, 0x22, 0xFE, 0x22, 0x3A, 0x31, 0x7D], .invalidUTF8),
        ParseCase("n_escape_lone_high_surrogate", #""\uD800""#, .invalidUTF8),
        ParseCase("n_escape_lone_low_surrogate", #""\uDC00""#, .invalidUTF8),
        ParseCase("n_escape_high_then_bmp", #""\uD800\u0041""#, .invalidUTF8),
        ParseCase("n_escape_two_high", #""\uD800\uD800""#, .invalidUTF8),
        ParseCase("n_escape_reversed_pair", #""\uDC00\uD800""#, .invalidUTF8),
        ParseCase("n_escape_high_then_other_escape", #""\uD83D\n""#, .invalidUTF8),
        ParseCase("n_escape_high_then_text", #""\uD83Dx""#, .invalidUTF8),
        ParseCase("n_duplicate_key", #"{"a":1,"a":2}"#, .duplicateKey),
    ]

    @Test("y_ cases parse and survive a serialize/parse round trip", arguments: accepted)
    func accepts(_ testCase: ParseCase) throws {
        let value = try JSONParser().parse(testCase.bytes)
        let reparsed = try JSONParser().parse(value.serialized())
        #expect(reparsed == value, "\(testCase.name)")
    }

    @Test("n_ cases are rejected with the expected code", arguments: rejected)
    func rejects(_ testCase: ParseCase) {
        let error = parseError(testCase.bytes)
        #expect(error?.code == testCase.expected, "\(testCase.name): \(String(describing: error))")
    }

    @Test func tablesHaveTheExpectedSize() {
        #expect(Self.accepted.count == 39)
        #expect(Self.rejected.count == 91)
        #expect(Set(Self.accepted.map(\.name)).count == Self.accepted.count)
        #expect(Set(Self.rejected.map(\.name)).count == Self.rejected.count)
    }

    @Test func parsedValuesAreExact() throws {
        let parser = JSONParser()
        #expect(try parser.parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{C}\n\r\t"))
        #expect(try parser.parse(#""\u00e9\u00E9""#) == .string("éé"))
        #expect(try parser.parse(#""\uD83D\uDE00""#) == .string("😀"))
        #expect(try parser.parse(#""\u0000""#) == .string("\u{0}"))
        #expect(try parser.parse(#""a\u0062c""#) == .string("abc"))
        #expect(try parser.parse("[true,false,null]") == .array([.bool(true), .bool(false), .null]))
        let object = try parser.parse(#"{"b":1,"a":[2,"x"]}"#)
        #expect(object.objectValue?.names == ["b", "a"])
        #expect(object["a"]?[1]?.stringValue == "x")
        #expect(object["b"]?.numberValue?.text == "1")
        #expect(try parser.parse("-1.5e-10").numberValue?.text == "-1.5e-10")
    }

    @Test func errorsCarryOffsetsAndDescriptions() {
        let cases: [(String, JSONError.Code, Int)] = [
            ("[1,]", .syntax, 3),
            ("  ", .syntax, 2),
            ("[1] x", .trailingData, 4),
            (#"{"a":1,"a":2}"#, .duplicateKey, 7),
            ("[01]", .syntax, 2),
            ("[1e]", .syntax, 3),
            (#"["abc"#, .syntax, 1),
            (#"["\uD800"]"#, .invalidUTF8, 2),
            ("[tru]", .syntax, 1),
        ]
        for (text, code, offset) in cases {
            let error = parseError(Array(text.utf8))
            #expect(error?.code == code, "\(text)")
            #expect(error?.offset == offset, "\(text): \(String(describing: error))")
        }
        let utf8 = parseError([0x5B, 0x22, 0x61, 0xC0, 0x80, 0x22, 0x5D])
        #expect(utf8?.code == .invalidUTF8)
        #expect(utf8?.offset == 3)
        #expect(utf8.map(String.init(describing:))?.hasPrefix("JSON invalid_utf8 at byte 3: ") == true)
        #expect(JSONError(code: .syntax, offset: 5).description == "JSON syntax at byte 5")
        // A byte order mark is named as such, not as an unexpected byte 0xEF.
        let mark = parseError([0xEF, 0xBB, 0xBF] + Array("[]".utf8))
        #expect(mark.map(String.init(describing:)) == "JSON syntax at byte 0: a byte order mark is not allowed")
    }

    @Test func errorsCompareByCodeOnly() {
        #expect(JSONError(code: .tooDeep, offset: 1, detail: "x") == JSONError(code: .tooDeep, offset: 9))
        #expect(JSONError(code: .tooDeep, offset: 1) != JSONError(code: .syntax, offset: 1))
    }

    @Test func allEntryPointsAgree() throws {
        let text = #"{"k":[1,2,{"x":"y"}]}"#
        let bytes = Array(text.utf8)
        let fromArray = try JSONParser().parse(bytes)
        let fromString = try JSONParser().parse(text)
        let fromBuffer = try bytes.withUnsafeBufferPointer { try JSONParser().parse($0) }
        // A non-contiguous collection takes the copying path.
        let fromLazy = try JSONParser().parse(bytes.lazy.map { $0 })
        let fromSlice = try JSONParser().parse(Array("xx\(text)".utf8)[2...])
        #expect(fromArray == fromString)
        #expect(fromArray == fromBuffer)
        #expect(fromArray == fromLazy)
        #expect(fromArray == fromSlice)
        let empty: [UInt8] = []
        #expect(throws: JSONError(code: .syntax, offset: 0)) {
            try empty.withUnsafeBufferPointer { try JSONParser().parse($0) }
        }
    }
}
