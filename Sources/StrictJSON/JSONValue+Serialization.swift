extension JSONValue {
    /// Compact JSON text as UTF-8 bytes: no insignificant whitespace, object members in stored
    /// order (or sorted by UTF-16 code units of the name when `sortedKeys`, as RFC 7638 requires).
    ///
    /// Strings escape only `"`, `\` and control characters (`\b \f \n \r \t` by name, the rest as
    /// lowercase `\u00xx`, as RFC 8785 does); `/` and non-ASCII characters are written as they are.
    /// Numbers are written as their ``JSONNumber/text``.
    public func serialized(sortedKeys: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(128)
        write(to: &output, sortedKeys: sortedKeys)
        return output
    }

    /// Compact JSON text as a `String`.
    public func serializedString(sortedKeys: Bool = false) -> String {
        String(decoding: serialized(sortedKeys: sortedKeys), as: UTF8.self)
    }

    /// One step of serialization: a value still to write, or punctuation between values.
    private enum Step {
        case value(JSONValue)
        case byte(UInt8)
        case name(String)
    }

    /// Writes with an explicit work list rather than recursion: a value built in code can nest
    /// deeper than any parsed one (the parser stops at its depth limit), and recursion that deep
    /// would overflow the stack.
    private func write(to output: inout [UInt8], sortedKeys: Bool) {
        var steps: [Step] = [.value(self)]
        while let step = steps.popLast() {
            switch step {
            case .byte(let byte):
                output.append(byte)
            case .name(let name):
                Self.writeString(name, to: &output)
                output.append(UInt8(ascii: ":"))
            case .value(.null):
                output.append(contentsOf: "null".utf8)
            case .value(.bool(let value)):
                output.append(contentsOf: value ? "true".utf8 : "false".utf8)
            case .value(.number(let number)):
                output.append(contentsOf: number.text.utf8)
            case .value(.string(let string)):
                Self.writeString(string, to: &output)
            case .value(.array(let elements)):
                output.append(UInt8(ascii: "["))
                steps.append(.byte(UInt8(ascii: "]")))
                for (index, element) in elements.enumerated().reversed() {
                    steps.append(.value(element))
                    if index > 0 { steps.append(.byte(UInt8(ascii: ","))) }
                }
            case .value(.object(let object)):
                output.append(UInt8(ascii: "{"))
                steps.append(.byte(UInt8(ascii: "}")))
                var members = object.members
                if sortedKeys {
                    members.sort { $0.name.utf16.lexicographicallyPrecedes($1.name.utf16) }
                }
                for (index, member) in members.enumerated().reversed() {
                    steps.append(.value(member.value))
                    steps.append(.name(member.name))
                    if index > 0 { steps.append(.byte(UInt8(ascii: ","))) }
                }
            }
        }
    }

    private static func writeString(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                output.append(UInt8(ascii: "\\"))
                output.append(byte)
            case 0x08:
                output.append(contentsOf: #"\b"#.utf8)
            case 0x09:
                output.append(contentsOf: #"\t"#.utf8)
            case 0x0A:
                output.append(contentsOf: #"\n"#.utf8)
            case 0x0C:
                output.append(contentsOf: #"\f"#.utf8)
            case 0x0D:
                output.append(contentsOf: #"\r"#.utf8)
            case 0..<0x20:
                output.append(contentsOf: #"\u00"#.utf8)
                output.append(UInt8(ascii: "0") + (byte >> 4))
                let low = byte & 0x0F
                output.append(low < 10 ? UInt8(ascii: "0") + low : UInt8(ascii: "a") + low - 10)
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
