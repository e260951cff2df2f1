/// JSON-level mutations shared by the header and the payload, re-signed: nesting, numbers,
/// strings (escapes, surrogates, raw bytes), whitespace, byte order mark, trailing bytes, and
/// documents that are not objects.
extension Catalogue {
    static func json(_ part: Part) -> [Mutation] {
        var mutations: [Mutation] = []
        let name = part.rawValue
        func member(_ label: String, _ value: String) {
            mutations.append(
                Mutation("\(name) member x=\(label)") { recipe in
                    let x = Recipe.freshName("x", in: recipe[keyPath: part.members])
                    recipe[keyPath: part.members].append(Member(x, value))
                }
            )
        }
        /// A member `x` holding a string whose `@@` is replaced by raw bytes (invalid UTF-8 and the like).
        func raw(_ label: String, _ bytes: [UInt8]) {
            mutations.append(
                Mutation("\(name) string with raw bytes \(label)") { recipe in
                    let x = Recipe.freshName("x", in: recipe[keyPath: part.members])
                    recipe[keyPath: part.members].append(Member(x, "\"a@@\(x)@@b\""))
                    recipe[keyPath: part.jsonEdits].append(ByteEdit.replacing("@@\(x)@@", with: bytes))
                }
            )
        }
        func edit(_ label: String, _ edit: @escaping Recipe.Edit) {
            mutations.append(Mutation("\(name) \(label)") { $0[keyPath: part.jsonEdits].append(edit) })
        }

        // Nesting (VerifyKit's default depth limit is 32, the object itself counting as 1).
        for depth in [5, 30, 31, 32, 100, 1000, 20_000] {
            member("\(depth) nested arrays", JSONText.nestedArrays(depth))
        }
        for depth in [31, 1000] { member("\(depth) nested objects", JSONText.nestedObjects(depth)) }
        member("array of 10000 numbers", "[" + Array(repeating: "1", count: 10_000).joined(separator: ",") + "]")

        // Numbers.
        for value in [
            "1e999", "-1e999", "-0", "1E+2", "0.1e-400", "123456789012345678901234567890",
            "1" + String(repeating: "0", count: 5000),
            "0." + String(repeating: "0", count: 5000) + "1",
        ] {
            member(value.count > 40 ? "number of \(value.count) characters" : value, value)
        }
        for value in ["01", "+1", ".5", "1.", "1e", "NaN", "Infinity", "-Infinity", "0x10", "1_000"] {
            member("\(value) (not JSON)", value)
        }

        // Strings: escapes and surrogates.
        for (label, value) in [
            ("lone high surrogate \\ud800", "\"\\ud800\""), ("lone low surrogate \\udc00", "\"\\udc00\""),
            ("high surrogate then letter", "\"\\ud800\\u0041\""), ("reversed pair", "\"\\ude00\\ud83d\""),
            ("valid pair \\ud83d\\ude00", "\"\\ud83d\\ude00\""), ("escaped NUL", "\"\\u0000\""),
            ("invalid escape \\x41", "\"\\x41\""), ("short escape \\u12", "\"\\u12\""),
            ("escaped solidus", "\"\\/\""), ("uppercase hex escape \\u00E9", "\"\\u00E9\""),
        ] {
            member(label, value)
        }
        member("string of 30000 characters", JSONText.string(String(repeating: "a", count: 30_000)))

        // Raw bytes inside a string.
        raw("C0 80 (overlong NUL)", [0xC0, 0x80])
        raw("ED A0 80 (encoded surrogate)", [0xED, 0xA0, 0x80])
        raw("FF", [0xFF])
        raw("F4 90 80 80 (above U+10FFFF)", [0xF4, 0x90, 0x80, 0x80])
        raw("C3 (truncated sequence)", [0xC3])
        raw("01 (unescaped control)", [0x01])
        raw("0A (unescaped newline)", [0x0A])
        raw("7F (DEL)", [0x7F])
        raw("E2 80 A8 (U+2028)", [0xE2, 0x80, 0xA8])

        // Whitespace and bytes around the object.
        for (label, bytes) in [
            ("space", [0x20]), ("tab", [0x09]), ("LF", [0x0A]), ("CR", [0x0D]), ("NBSP C2 A0", [0xC2, 0xA0]),
            ("form feed", [0x0C]), ("vertical tab", [0x0B]), ("NUL", [0x00]),
        ] as [(String, [UInt8])] {
            edit("leading \(label)", ByteEdit.prefix(bytes))
            edit("trailing \(label)", ByteEdit.suffix(bytes))
        }
        edit("byte order mark EF BB BF", ByteEdit.prefix([0xEF, 0xBB, 0xBF]))
        edit("UTF-16 byte order mark FE FF", ByteEdit.prefix([0xFE, 0xFF]))
        for garbage in ["x", "}", "{}", ",", "]", "null", "/* */", "//"] {
            edit("trailing garbage \(garbage)", ByteEdit.suffix(Array(garbage.utf8)))
        }
        mutations.append(
            Mutation("\(name) whitespace between tokens") { recipe in
                recipe[keyPath: part.members] = recipe[keyPath: part.members].map {
                    Member(rawName: "\n \($0.name)\t", " \r\n\($0.value) ")
                }
            }
        )
        edit("trailing comma") { bytes in Array(bytes.dropLast()) + Array(",}".utf8) }
        edit("comment inside") { bytes in Array(bytes.prefix(1)) + Array("/*c*/".utf8) + bytes.dropFirst() }
        mutations.append(
            Mutation("\(name) single-quoted strings") { recipe in
                recipe[keyPath: part.jsonEdits].append {
                    Array(String(decoding: $0, as: UTF8.self).replacingQuotes().utf8)
                }
            }
        )
        mutations.append(
            Mutation("\(name) unquoted member names") { recipe in
                recipe[keyPath: part.members] = recipe[keyPath: part.members].map {
                    Member(rawName: String($0.name.dropFirst().dropLast()), $0.value)
                }
            }
        )
        for document in ["", "{}", "[]", "null", "1", "\"x\"", "{", "[{}]"] {
            edit("document \(document.isEmpty ? "empty" : document)") { _ in Array(document.utf8) }
        }
        edit("document is the object twice") { $0 + $0 }
        edit("encoded as UTF-16LE") { bytes in bytes.flatMap { [$0, 0] } }
        return mutations
    }
}

extension String {
    /// Double quotes swapped for single quotes (JSON5-style strings).
    fileprivate func replacingQuotes() -> String {
        String(map { $0 == "\"" ? "'" : $0 })
    }
}
