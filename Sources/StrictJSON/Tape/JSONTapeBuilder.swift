internal import Base64URL

/// The single validating pass behind ``JSONTape``: the strictness rules of ``JSONParser``, with
/// values recorded as tape entries instead of being built.
///
/// Open containers live on an explicit stack (`frames`, caller-provided memory of depth-limit
/// size), so nesting costs no native stack. Duplicate names are found by walking the open
/// object's earlier names on the tape (comparing bytes when both names are plain ASCII, else as
/// Swift `String`s), and by hashing once an object outgrows linear scanning.
struct JSONTapeBuilder {
    typealias Frame = JSONTape.BuilderFrame

    private let bytes: UnsafeBufferPointer<UInt8>
    private let count: Int
    private let depthLimit: Int
    private var position = 0

    private var entries: UnsafeMutablePointer<JSONTape.Entry>
    private var capacity: Int
    private var entryCount = 0
    /// Whether `entries` was allocated here (after outgrowing the caller's buffer).
    private var ownsEntries = false

    private let frames: UnsafeMutablePointer<Frame>
    private var frameCount = 0

    /// Name sets of the open objects too large to scan linearly.
    private var seenSets: [Set<String>] = []

    init(
        bytes: UnsafeBufferPointer<UInt8>,
        depthLimit: Int,
        entries: UnsafeMutableBufferPointer<JSONTape.Entry>,
        frames: UnsafeMutableBufferPointer<Frame>
    ) {
        self.bytes = bytes
        self.count = bytes.count
        self.depthLimit = depthLimit
        // Temporary allocations are never empty here (capacities are at least 1).
        self.entries = entries.baseAddress!
        self.capacity = entries.count
        self.frames = frames.baseAddress!
    }

    /// Hands the entries over (and with them the heap storage, if any).
    func finish() -> JSONTape.BuiltTape {
        JSONTape.BuiltTape(entries: UnsafeBufferPointer(start: entries, count: entryCount), ownsStorage: ownsEntries)
    }

    mutating func releaseHeapStorage() {
        if ownsEntries {
            entries.deallocate()
            ownsEntries = false
        }
    }

    mutating func parseDocument() throws(JSONError) {
        if count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            throw JSONError(code: .syntax, offset: 0, detail: "a byte order mark is not allowed")
        }
        skipWhitespace()
        guard position < count else {
            throw JSONError(code: .syntax, offset: position, detail: count == 0 ? "empty input" : "no value")
        }
        try parseValues()
        skipWhitespace()
        guard position == count else {
            throw JSONError(
                code: .trailingData,
                offset: position,
                detail: "unexpected \(Self.describe(bytes[position])) after the top-level value"
            )
        }
    }

    // MARK: - Tape storage

    @inline(__always)
    private mutating func append(_ entry: JSONTape.Entry) -> Int {
        if entryCount == capacity { grow() }
        let index = entryCount
        (entries + index).initialize(to: entry)
        entryCount += 1
        return index
    }

    private mutating func grow() {
        let newCapacity = Swift.max(capacity * 2, 16)
        let bigger = UnsafeMutablePointer<JSONTape.Entry>.allocate(capacity: newCapacity)
        bigger.moveInitialize(from: entries, count: entryCount)
        if ownsEntries { entries.deallocate() }
        entries = bigger
        capacity = newCapacity
        ownsEntries = true
    }

    // MARK: - Structure

    private mutating func parseValues() throws(JSONError) {
        nextValue: while true {
            skipWhitespace()
            guard position < count else { throw endOfInput() }
            switch bytes[position] {
            case UInt8(ascii: "{"):
                try checkDepth()
                let open = position
                position += 1
                skipWhitespace()
                let index = append(JSONTape.Entry(kind: .object, a: UInt32(truncatingIfNeeded: open)))
                if position < count && bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    entries[index].a = 0
                    entries[index].b = UInt32(truncatingIfNeeded: entryCount)
                } else {
                    pushFrame(isObject: true, entryIndex: index)
                    try parseMemberName()
                    continue nextValue
                }
            case UInt8(ascii: "["):
                try checkDepth()
                position += 1
                skipWhitespace()
                let index = append(JSONTape.Entry(kind: .array))
                if position < count && bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    entries[index].b = UInt32(truncatingIfNeeded: entryCount)
                } else {
                    pushFrame(isObject: false, entryIndex: index)
                    continue nextValue
                }
            case UInt8(ascii: "\""):
                try parseString()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try parseNumber()
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                _ = append(JSONTape.Entry(kind: .trueLiteral))
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                _ = append(JSONTape.Entry(kind: .falseLiteral))
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                _ = append(JSONTape.Entry(kind: .null))
            case let byte:
                throw JSONError(
                    code: .syntax,
                    offset: position,
                    detail: "expected a value, found \(Self.describe(byte))"
                )
            }

            // A value is complete: count it in the enclosing containers, closing as many as end here.
            while frameCount > 0 {
                let top = frameCount - 1
                frames[top].childCount += 1
                skipWhitespace()
                guard position < count else { throw endOfInput() }
                let byte = bytes[position]
                position += 1
                if frames[top].isObject {
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
                } else {
                    if byte == UInt8(ascii: ",") { continue nextValue }
                    guard byte == UInt8(ascii: "]") else {
                        throw JSONError(
                            code: .syntax,
                            offset: position - 1,
                            detail: "expected ',' or ']', found \(Self.describe(byte))"
                        )
                    }
                }
                closeContainer()
            }
            return
        }
    }

    private func checkDepth() throws(JSONError) {
        guard frameCount < depthLimit else {
            throw JSONError(code: .tooDeep, offset: position, detail: "nesting deeper than \(depthLimit)")
        }
    }

    @inline(__always)
    private mutating func pushFrame(isObject: Bool, entryIndex: Int) {
        // `checkDepth` keeps frameCount below depthLimit, and `frames` holds depthLimit + 1.
        (frames + frameCount).initialize(
            to: Frame(
                entryIndex: UInt32(truncatingIfNeeded: entryIndex),
                childCount: 0,
                seenIndex: -1,
                isObject: isObject,
                hasComplexNames: false,
                nameBits: 0
            )
        )
        frameCount += 1
    }

    private mutating func closeContainer() {
        frameCount -= 1
        let frame = frames[frameCount]
        if frame.seenIndex >= 0 { seenSets.removeLast() }
        if frame.hasComplexNames { entries[Int(frame.entryIndex)].flags = JSONTape.complexNames }
        entries[Int(frame.entryIndex)].a = frame.childCount
        entries[Int(frame.entryIndex)].b = UInt32(truncatingIfNeeded: entryCount)
    }

    /// Parses `"name" :` inside the innermost (object) frame and rejects a repeated name.
    @inline(__always)
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
        try parseString()
        let nameIndex = entryCount - 1
        let top = frameCount - 1
        let memberCount = Int(frames[top].childCount)
        let isDuplicate: Bool
        let seenIndex = Int(frames[top].seenIndex)
        let name = entries[nameIndex]
        if name.flags != 0 { frames[top].hasComplexNames = true }
        if seenIndex >= 0 {
            isDuplicate = !seenSets[seenIndex].insert(string(at: nameIndex)).inserted
        } else if memberCount < JSONObject.linearScanLimit && !frames[top].hasComplexNames {
            // Plain-ASCII names among plain-ASCII names are equal only byte for byte, so a name
            // whose bit is new cannot be a repeat; a name whose bit was seen is compared with the
            // earlier names byte by byte. The first escaped or non-ASCII name moves the object to a
            // set (below): comparing such names pairwise would unescape and normalise both every time.
            let bit = Self.nameBit(bytes, name)
            let mustScan = frames[top].nameBits & bit != 0
            frames[top].nameBits |= bit
            var found = false
            if mustScan {
                var index = Int(frames[top].entryIndex) + 1
                while index < nameIndex {
                    if namesEqual(index, nameIndex) {
                        found = true
                        break
                    }
                    index = nextEntry(after: index + 1)
                }
            }
            isDuplicate = found
        } else {
            var seen = Set<String>(minimumCapacity: 2 * memberCount)
            var index = Int(frames[top].entryIndex) + 1
            while index < nameIndex {
                seen.insert(string(at: index))
                index = nextEntry(after: index + 1)
            }
            isDuplicate = !seen.insert(string(at: nameIndex)).inserted
            frames[top].seenIndex = Int32(truncatingIfNeeded: seenSets.count)
            seenSets.append(seen)
        }
        if isDuplicate {
            throw JSONError(
                code: .duplicateKey,
                offset: nameOffset,
                detail: "duplicate member name \(Self.quote(string(at: nameIndex)))"
            )
        }
        skipWhitespace()
        guard position < count, bytes[position] == UInt8(ascii: ":") else {
            throw JSONError(code: .syntax, offset: position, detail: "expected ':' after a member name")
        }
        position += 1
    }

    /// A bit chosen by a plain name's length, first and last byte (equal names get equal bits).
    @inline(__always)
    private static func nameBit(_ bytes: UnsafeBufferPointer<UInt8>, _ entry: JSONTape.Entry) -> UInt64 {
        let start = Int(entry.a)
        let end = Int(entry.b)
        var hash = UInt64(truncatingIfNeeded: end &- start) &* 0x9E37
        if end > start {
            hash &+= UInt64(bytes[start]) &* 0x85 &+ UInt64(bytes[end &- 1]) &* 0x3B
        }
        return 1 &<< (hash % 64)
    }

    @inline(__always)
    private func nextEntry(after index: Int) -> Int {
        let entry = entries[index]
        return entry.kind.rawValue >= JSONTape.Kind.array.rawValue ? Int(entry.b) : index + 1
    }

    private func string(at index: Int) -> String {
        JSONTape.decodeString(bytes, entries[index])
    }

    /// Name equality as Swift `String` equality: bytes when both names are plain ASCII
    /// (where canonical equivalence is identity), `String`s otherwise.
    private func namesEqual(_ first: Int, _ second: Int) -> Bool {
        let lhs = entries[first]
        let rhs = entries[second]
        if lhs.flags == 0 && rhs.flags == 0 {
            return JSONTape.bytesEqual(bytes, lhs, rhs)
        }
        return string(at: first) == string(at: second)
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

    private mutating func parseNumber() throws(JSONError) {
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
        _ = append(
            JSONTape.Entry(
                kind: .number,
                a: UInt32(truncatingIfNeeded: start),
                b: UInt32(truncatingIfNeeded: position)
            )
        )
    }

    /// Validates a string starting at its opening quote and records it.
    @inline(__always)
    private mutating func parseString() throws(JSONError) {
        let open = position
        let start = position + 1
        // Locals keep the scan in registers; `self` is inout and would be reloaded every byte.
        let bytes = self.bytes
        let count = self.count
        var index = start
        var flags: UInt8 = 0
        // Runs of combining characters (see `maximumNonStarterRun`), tracked only where a scalar that
        // may combine is read: one ends wherever the next combining character does not start.
        var combining = CombiningRun()
        scan: while true {
            index = Self.skipPlainBytes(bytes, from: index)
            while index < count {
                let byte = bytes[index]
                if byte >= 0x80 {
                    flags |= JSONTape.nonASCII
                    position = index
                    let scalar = try skipMultibyteSequence()
                    if CombiningRun.mayCombine(scalar) { combining.note(scalar, from: index, to: position) }
                    index = position
                    continue scan
                }
                if byte == UInt8(ascii: "\"") {
                    guard combining.longest <= Self.maximumNonStarterRun else {
                        throw JSONError(
                            code: .notStreamSafe,
                            offset: open,
                            detail: "more than \(Self.maximumNonStarterRun) combining characters in a row "
                                + "(not stream-safe text, UAX #15)"
                        )
                    }
                    position = index + 1
                    _ = append(
                        JSONTape.Entry(
                            kind: .string,
                            flags: flags,
                            a: UInt32(truncatingIfNeeded: start),
                            b: UInt32(truncatingIfNeeded: index)
                        )
                    )
                    return
                }
                if byte == UInt8(ascii: "\\") {
                    flags |= JSONTape.escaped
                    position = index
                    let scalar = try validateEscape()
                    if scalar >= 0x80 { flags |= JSONTape.nonASCII }
                    if CombiningRun.mayCombine(scalar) { combining.note(scalar, from: index, to: position) }
                    index = position
                    continue scan
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
    /// or non-ASCII; returns where the byte-wise scan must resume (the first such byte when one was
    /// found in a full word).
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
            let hits = flagged & highBits
            if hits != 0 {
                // Borrows only run towards higher bytes, so the lowest flagged byte is a real hit
                // (later ones may be false): resume exactly there, usually at the closing quote.
                return index + hits.trailingZeroBitCount &>> 3
            }
            index += 8
        }
        return index
    }

    /// Checks one escape sequence at `position` (a backslash) and steps over it. Returns the
    /// scalar it stands for.
    private mutating func validateEscape() throws(JSONError) -> UInt32 {
        let escapeOffset = position
        guard position + 1 < count else {
            throw JSONError(code: .syntax, offset: escapeOffset, detail: "unterminated escape")
        }
        let kind = bytes[position + 1]
        position += 2
        switch kind {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return UInt32(kind)  // stands for an ASCII character; which one does not matter here
        case UInt8(ascii: "u"):
            let unit = try readHex4()
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
                return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            case 0xDC00...0xDFFF:
                throw JSONError(code: .invalidUTF8, offset: escapeOffset, detail: "unpaired low surrogate escape")
            default:
                return unit
            }
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
            guard let digit = JSONTape.hexDigit(bytes[index]) else {
                throw JSONError(code: .syntax, offset: index, detail: "invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        position += 4
        return value
    }

    /// Validates one multi-byte UTF-8 sequence at `position` (Unicode Table 3-7: no overlongs, no
    /// encoded surrogates, nothing above U+10FFFF), steps over it and returns its scalar.
    private mutating func skipMultibyteSequence() throws(JSONError) -> UInt32 {
        let lead = bytes[position]
        let continuationCount: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: continuationCount = 1
        case 0xE0:
            continuationCount = 2
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: continuationCount = 2
        case 0xED:
            continuationCount = 2
            high = 0x9F
        case 0xF0:
            continuationCount = 3
            low = 0x90
        case 0xF1...0xF3: continuationCount = 3
        case 0xF4:
            continuationCount = 3
            high = 0x8F
        default:
            throw JSONError(code: .invalidUTF8, offset: position, detail: "invalid UTF-8 byte \(ByteLiteral.hex(lead))")
        }
        guard count - position > continuationCount else {
            throw JSONError(code: .invalidUTF8, offset: position, detail: "truncated UTF-8 sequence")
        }
        let second = bytes[position + 1]
        guard second >= low && second <= high else {
            throw JSONError(code: .invalidUTF8, offset: position, detail: "invalid UTF-8 sequence")
        }
        // The lead byte's payload bits: 5, 4 or 3 of them for 1, 2 or 3 continuation bytes.
        var scalar = UInt32(lead) & (0x7F >> (continuationCount + 1))
        scalar = scalar << 6 | UInt32(second & 0x3F)
        var index = position + 2
        while index <= position + continuationCount {
            guard bytes[index] & 0xC0 == 0x80 else {
                throw JSONError(code: .invalidUTF8, offset: position, detail: "invalid UTF-8 sequence")
            }
            scalar = scalar << 6 | UInt32(bytes[index] & 0x3F)
            index += 1
        }
        position += continuationCount + 1
        return scalar
    }

    /// Longest run of combining characters (non-zero canonical combining class) a string may hold:
    /// the limit of Unicode's stream-safe text format (UAX #15 §13). Comparing or hashing strings as
    /// Swift `String`s (duplicate member names, keyed decoding, a header's `alg` or `crit`)
    /// normalises them, and the standard library's normalisation takes time quadratic in the length
    /// of such a run: one 64 KiB JWT took seconds, before its signature was checked. No text in any
    /// script needs more; longer runs are "Zalgo" text. The error is reported at the string's
    /// opening quote, after every other error inside the string.
    static let maximumNonStarterRun = 30

    // MARK: - Errors

    private func endOfInput() -> JSONError {
        JSONError(code: .syntax, offset: position, detail: "unexpected end of input")
    }

    private func controlCharacter(_ byte: UInt8) -> JSONError {
        JSONError(
            code: .syntax,
            offset: position,
            detail: "unescaped control character \(ByteLiteral.hex(byte)) in string"
        )
    }

    /// A byte for an error message: printable ASCII quoted, anything else in hex.
    private static func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(ByteLiteral.hex(byte))"
    }

    /// A member name for an error message: escaped, and cut short so hostile input cannot bloat logs.
    /// (Also for the decoders' refusals of member names.)
    static func quote(_ name: String) -> String {
        // By scalars, not Characters: one Character can hold any number of scalars. Only printable
        // ASCII goes out as is; anything else (controls, bidi overrides, combining marks) as \u{…}.
        let limit = 64
        var quoted = "\""
        for (index, scalar) in name.unicodeScalars.enumerated() {
            guard index < limit else { return quoted + "\"…" }
            switch scalar.value {
            case 0x22, 0x5C: quoted += "\\" + String(scalar)
            case 0x20..<0x7F: quoted.unicodeScalars.append(scalar)
            default: quoted += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return quoted + "\""
    }
}
