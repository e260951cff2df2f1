@testable import StrictJSON

/// The tree-building parser StrictJSON used before the tape, kept as a reference (UTF-8 checking
/// now comes from the standard library): the differential tests check that ``JSONParser`` accepts
/// and rejects exactly what this did, with the same error codes, offsets and details.
///
/// Open containers live on an explicit stack (`frames`), and the finished children of every open
/// container live on shared stacks (`values`, and `names` for object members), so nesting costs
/// no native stack and closing a container copies its children once into an exactly sized array.
/// Names and values are separate arrays rather than one array of tuples: tuple elements go through
/// the runtime's generic value witnesses, which dominated the profile.
struct ReferenceParserState {
    private struct Frame {
        var isObject: Bool
        /// Index in `values` of this container's first child.
        var valueStart: Int
        /// Index in `names` of this object's first member name.
        var nameStart: Int
        /// Index in `seenSets` of this object's name set once it outgrows linear scanning, else -1.
        /// (Keeping the set outside makes `Frame` trivial, so frame access never retains.)
        var seenIndex: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let count: Int
    private let depthLimit: Int
    private var position = 0
    private var frames: [Frame] = []
    private var values: [JSONValue] = []
    private var names: [String] = []
    /// Name sets of the open objects too large to scan linearly.
    private var seenSets: [Set<String>] = []
    /// Parallel to `names`: a short ASCII name packed into an integer (see `packedName`), or 0.
    private var nameKeys: [UInt64] = []
    /// Whether the last string parsed was pure ASCII without escapes (its bytes are the input's).
    private var lastStringWasRawASCII = false
    /// Reused buffer for strings that contain escapes.
    private var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, depthLimit: Int) {
        self.bytes = bytes
        self.count = bytes.count
        self.depthLimit = depthLimit
    }

    mutating func parseDocument() throws(JSONError) -> JSONValue {
        if count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            throw JSONError(code: .syntax, offset: 0, detail: "a byte order mark is not allowed")
        }
        skipWhitespace()
        guard position < count else {
            throw JSONError(code: .syntax, offset: position, detail: count == 0 ? "empty input" : "no value")
        }
        let value = try parseValueTree()
        skipWhitespace()
        guard position == count else {
            throw JSONError(
                code: .trailingData,
                offset: position,
                detail: "unexpected \(Self.describe(bytes[position])) after the top-level value"
            )
        }
        return value
    }

    // MARK: - Structure

    private mutating func parseValueTree() throws(JSONError) -> JSONValue {
        nextValue: while true {
            skipWhitespace()
            guard position < count else { throw endOfInput() }
            var value: JSONValue
            switch bytes[position] {
            case UInt8(ascii: "{"):
                try checkDepth()
                position += 1
                skipWhitespace()
                if position < count && bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    value = .object(JSONObject())
                } else {
                    pushFrame(isObject: true)
                    try parseMemberName()
                    continue nextValue
                }
            case UInt8(ascii: "["):
                try checkDepth()
                position += 1
                skipWhitespace()
                if position < count && bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    value = .array([])
                } else {
                    pushFrame(isObject: false)
                    continue nextValue
                }
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = .number(try parseNumber())
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            case let byte:
                throw JSONError(
                    code: .syntax,
                    offset: position,
                    detail: "expected a value, found \(Self.describe(byte))"
                )
            }

            // `value` is complete: hand it to the enclosing containers, closing as many as end here.
            while let top = frames.last {
                values.append(value)
                skipWhitespace()
                guard position < count else { throw endOfInput() }
                let byte = bytes[position]
                position += 1
                if top.isObject {
                    if byte == UInt8(ascii: ",") {
                        try parseMemberName()
                        continue nextValue
                    }
                    guard byte == UInt8(ascii: "}") else {
                        throw JSONError(
                            code: .syntax,
                            offset: position - 1,
                            detail: "expected ',' or '}', found \(Self.describe(byte))"
                        )
                    }
                    value = .object(closeObject())
                } else {
                    if byte == UInt8(ascii: ",") { continue nextValue }
                    guard byte == UInt8(ascii: "]") else {
                        throw JSONError(
                            code: .syntax,
                            offset: position - 1,
                            detail: "expected ',' or ']', found \(Self.describe(byte))"
                        )
                    }
                    value = .array(closeArray())
                }
            }
            return value
        }
    }

    private func checkDepth() throws(JSONError) {
        guard frames.count < depthLimit else {
            throw JSONError(code: .tooDeep, offset: position, detail: "nesting deeper than \(depthLimit)")
        }
    }

    private mutating func pushFrame(isObject: Bool) {
        if frames.isEmpty {
            // One allocation each for typical JWT-sized documents instead of repeated growth.
            frames.reserveCapacity(4)
            values.reserveCapacity(16)
            names.reserveCapacity(16)
            nameKeys.reserveCapacity(16)
        }
        frames.append(
            Frame(isObject: isObject, valueStart: values.count, nameStart: names.count, seenIndex: -1)
        )
    }

    private mutating func closeObject() -> JSONObject {
        let frame = frames.removeLast()
        if frame.seenIndex >= 0 { seenSets.removeLast() }
        let memberCount = values.count - frame.valueStart
        var members: [(name: String, value: JSONValue)] = []
        members.reserveCapacity(memberCount)
        for offset in 0..<memberCount {
            members.append((names[frame.nameStart + offset], values[frame.valueStart + offset]))
        }
        names.removeLast(memberCount)
        nameKeys.removeLast(memberCount)
        values.removeLast(memberCount)
        return JSONObject(uniqueMembers: members)
    }

    private mutating func closeArray() -> [JSONValue] {
        let start = frames.removeLast().valueStart
        let elements = Array(values[start...])
        values.removeLast(values.count - start)
        return elements
    }

    /// Parses `"name" :` inside the innermost (object) frame and rejects a repeated name.
    private mutating func parseMemberName() throws(JSONError) {
        skipWhitespace()
        guard position < count, bytes[position] == UInt8(ascii: "\"") else {
            throw JSONError(
                code: .syntax,
                offset: position,
                detail: position < count
                    ? "expected a member name, found \(Self.describe(bytes[position]))" : "unexpected end of input"
            )
        }
        let nameOffset = position
        let name = try parseString()
        let key = lastStringWasRawASCII ? Self.packedName(bytes, from: nameOffset + 1, to: position - 1) : 0
        let top = frames.count - 1
        let start = frames[top].nameStart
        let isDuplicate: Bool
        let seenIndex = frames[top].seenIndex
        if seenIndex >= 0 {
            isDuplicate = !seenSets[seenIndex].insert(name).inserted
        } else if names.count - start < JSONObject.linearScanLimit {
            var found = false
            for index in start..<names.count {
                let otherKey = nameKeys[index]
                // Two packed names are equal exactly when their keys are; anything else (long or
                // non-ASCII names, where canonical equivalence matters) takes String equality.
                let equal = key != 0 && otherKey != 0 ? key == otherKey : names[index] == name
                if equal {
                    found = true
                    break
                }
            }
            isDuplicate = found
        } else {
            var seen = Set<String>(minimumCapacity: 2 * (names.count - start))
            for index in start..<names.count { seen.insert(names[index]) }
            isDuplicate = !seen.insert(name).inserted
            frames[top].seenIndex = seenSets.count
            seenSets.append(seen)
        }
        if isDuplicate {
            throw JSONError(
                code: .duplicateKey,
                offset: nameOffset,
                detail: "duplicate member name \(Self.quote(name))"
            )
        }
        names.append(name)
        nameKeys.append(key)
        skipWhitespace()
        guard position < count, bytes[position] == UInt8(ascii: ":") else {
            throw JSONError(code: .syntax, offset: position, detail: "expected ':' after a member name")
        }
        position += 1
    }

    // MARK: - Scalars

    @inline(__always)
    private mutating func skipWhitespace() {
        var index = position
        while index < count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default:
                position = index
                return
            }
        }
        position = index
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let length = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        guard count - position >= length else { throw invalidLiteral(literal) }
        for index in 0..<length where bytes[position + index] != start[index] { throw invalidLiteral(literal) }
        position += length
    }

    private func invalidLiteral(_ literal: StaticString) -> JSONError {
        JSONError(code: .syntax, offset: position, detail: "invalid literal (expected \(literal))")
    }

    private mutating func parseNumber() throws(JSONError) -> JSONNumber {
        let start = position
        let scanned = NumberScanner.scan(bytes, from: start)
        if let error = scanned.error {
            throw JSONError(code: .syntax, offset: scanned.end, detail: "invalid number: \(error)")
        }
        position = scanned.end
        if position < count {
            // Catches `01`, `1.2.3`, `1e5e` here rather than as a confusing error one token later.
            switch bytes[position] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
                UInt8(ascii: "+"), UInt8(ascii: "-"):
                throw JSONError(code: .syntax, offset: position, detail: "invalid number")
            default: break
            }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        return JSONNumber(validatedText: text)
    }

    /// Parses a string starting at its opening quote, and refuses one with more than 30 combining
    /// characters in a row (stream-safe text, UAX #15), reported at its opening quote.
    private mutating func parseString() throws(JSONError) -> String {
        let open = position
        let string = try parseStringContent()
        var run = 0
        for scalar in string.unicodeScalars {
            run = scalar.properties.canonicalCombiningClass == .notReordered ? 0 : run + 1
            if run > 30 {
                throw JSONError(
                    code: .notStreamSafe,
                    offset: open,
                    detail: "more than 30 combining characters in a row (not stream-safe text, UAX #15)"
                )
            }
        }
        return string
    }

    private mutating func parseStringContent() throws(JSONError) -> String {
        let open = position
        let start = position + 1
        // Locals keep the scan in registers; `self` is inout and would be reloaded every byte.
        let bytes = self.bytes
        let count = self.count
        var index = start
        var sawMultibyte = false
        scan: while true {
            index = Self.skipPlainBytes(bytes, from: index)
            while index < count {
                let byte = bytes[index]
                if byte >= 0x80 {
                    sawMultibyte = true
                    position = index
                    try skipMultibyteSequence()
                    index = position
                    continue scan
                }
                if byte == UInt8(ascii: "\"") {
                    position = index + 1
                    lastStringWasRawASCII = !sawMultibyte
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                }
                if byte == UInt8(ascii: "\\") {
                    position = index
                    lastStringWasRawASCII = false
                    return try parseEscapedString(contentStart: start, open: open)
                }
                if byte < 0x20 {
                    position = index
                    throw controlCharacter(byte)
                }
                index += 1
            }
            break
        }
        throw JSONError(code: .syntax, offset: open, detail: "unterminated string")
    }

    /// Skips 8 bytes at a time while none of them is a quote, a backslash, a control character
    /// or non-ASCII; returns where the byte-wise scan must resume.
    @inline(__always)
    private static func skipPlainBytes(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var index = start
        while bytes.count - index >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            // Per byte, the high bit ends up set for a zero byte (quote/backslash matched), a byte
            // below 0x20, or a byte at or above 0x80. Only whether any is set matters.
            let flagged =
                ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
                | word
            if flagged & highBits != 0 { break }
            index += 8
        }
        return index
    }

    /// Up to 7 ASCII bytes packed with their length, so equal keys mean equal names; 0 otherwise.
    private static func packedName(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt64 {
        let length = end - start
        guard length <= 7 else { return 0 }
        var key = UInt64(length + 1) << 56
        for index in start..<end { key |= UInt64(bytes[index]) << (8 * UInt64(index - start)) }
        return key
    }

    /// The slow path once a string turns out to contain an escape: unescape into `scratch`.
    private mutating func parseEscapedString(contentStart: Int, open: Int) throws(JSONError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[contentStart..<position]))
        while position < count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                try parseEscape()
            } else if byte < 0x20 {
                throw controlCharacter(byte)
            } else if byte < 0x80 {
                scratch.append(byte)
                position += 1
            } else {
                let sequenceStart = position
                try skipMultibyteSequence()
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[sequenceStart..<position]))
            }
        }
        throw JSONError(code: .syntax, offset: open, detail: "unterminated string")
    }

    /// Decodes one escape sequence at `position` (a backslash) and appends its UTF-8 to `scratch`.
    private mutating func parseEscape() throws(JSONError) {
        let escapeOffset = position
        guard position + 1 < count else {
            throw JSONError(code: .syntax, offset: escapeOffset, detail: "unterminated escape")
        }
        let kind = bytes[position + 1]
        position += 2
        switch kind {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(kind)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try readHex4()
            let scalar: UInt32
            switch unit {
            case 0xD800...0xDBFF:
                guard position + 1 < count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else {
                    throw JSONError(code: .invalidUTF8, offset: escapeOffset, detail: "unpaired high surrogate escape")
                }
                position += 2
                let low = try readHex4()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw JSONError(code: .invalidUTF8, offset: escapeOffset, detail: "unpaired high surrogate escape")
                }
                scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            case 0xDC00...0xDFFF:
                throw JSONError(code: .invalidUTF8, offset: escapeOffset, detail: "unpaired low surrogate escape")
            default:
                scalar = unit
            }
            appendUTF8(scalar)
        default:
            throw JSONError(code: .syntax, offset: escapeOffset, detail: "invalid escape \(Self.describe(kind))")
        }
    }

    private mutating func readHex4() throws(JSONError) -> UInt32 {
        guard count - position >= 4 else {
            throw JSONError(code: .syntax, offset: position, detail: "truncated \\u escape")
        }
        var value: UInt32 = 0
        for index in position..<(position + 4) {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                throw JSONError(code: .syntax, offset: index, detail: "invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        position += 4
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Validates one multi-byte UTF-8 sequence at `position` and steps over it.
    ///
    /// Unlike the rest of this file, this is not the old parser's code: it was the same table as
    /// `JSONTapeBuilder`'s, so a mistake in it could never show up as a difference. Here the
    /// standard library's UTF-8 decoder decides what is valid; only the error wording (which the
    /// differential tests compare) is chosen locally from the lead byte.
    private mutating func skipMultibyteSequence() throws(JSONError) {
        let lead = bytes[position]
        var iterator = UnsafeBufferPointer(rebasing: bytes[position...]).makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        if case .valid(let scalar) = parser.parseScalar(from: &iterator) {
            position += scalar.count
            return
        }
        let sequenceLength: Int
        switch lead {
        case 0xC2...0xDF: sequenceLength = 2
        case 0xE0...0xEF: sequenceLength = 3
        case 0xF0...0xF4: sequenceLength = 4
        default:
            throw JSONError(code: .invalidUTF8, offset: position, detail: "invalid UTF-8 byte \(Self.hex(lead))")
        }
        guard count - position >= sequenceLength else {
            throw JSONError(code: .invalidUTF8, offset: position, detail: "truncated UTF-8 sequence")
        }
        throw JSONError(code: .invalidUTF8, offset: position, detail: "invalid UTF-8 sequence")
    }

    // MARK: - Errors

    private func endOfInput() -> JSONError {
        JSONError(code: .syntax, offset: position, detail: "unexpected end of input")
    }

    private func controlCharacter(_ byte: UInt8) -> JSONError {
        JSONError(code: .syntax, offset: position, detail: "unescaped control character \(Self.hex(byte)) in string")
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return byte < 0x10 ? "0x0" + digits : "0x" + digits
    }

    /// A byte for an error message: printable ASCII quoted, anything else in hex.
    private static func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(hex(byte))"
    }

    /// A member name for an error message: the parser's own quoting (a message format, not parsing).
    private static func quote(_ name: String) -> String { JSONTapeBuilder.quote(name) }
}

/// Parses with the reference parser (same depth clamping as ``JSONParser``).
func referenceParse(_ bytes: [UInt8], maxDepth: Int = 32) -> Result<JSONValue, JSONError> {
    let depthLimit = max(0, min(maxDepth, JSONParser.Options.maximumDepthLimit))
    return bytes.withUnsafeBufferPointer { buffer in
        var state = ReferenceParserState(bytes: buffer, depthLimit: depthLimit)
        return Result { () throws(JSONError) in try state.parseDocument() }
    }
}
