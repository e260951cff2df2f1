extension JSONTape {
    @inline(__always)
    static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Whether two string entries have identical raw bytes.
    @inline(__always)
    static func bytesEqual(_ bytes: UnsafeBufferPointer<UInt8>, _ lhs: Entry, _ rhs: Entry) -> Bool {
        let length = Int(lhs.b &- lhs.a)
        guard length == Int(rhs.b &- rhs.a) else { return false }
        guard let base = bytes.baseAddress else { return true }
        return memoryEqual(base + Int(lhs.a), base + Int(rhs.a), length)
    }

    @inline(__always)
    static func memoryEqual(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        var index = 0
        while length - index >= 8 {
            let left = UnsafeRawPointer(lhs + index).loadUnaligned(as: UInt64.self)
            let right = UnsafeRawPointer(rhs + index).loadUnaligned(as: UInt64.self)
            if left != right { return false }
            index += 8
        }
        while index < length {
            if lhs[index] != rhs[index] { return false }
            index += 1
        }
        return true
    }

    /// The content of a validated string entry as a `String` (escapes decoded). The plain-ASCII
    /// case is inlined; the others, with their temporary buffer, are out of line.
    @inline(__always)
    static func decodeString(_ bytes: UnsafeBufferPointer<UInt8>, _ entry: Entry) -> String {
        guard entry.flags == 0 else { return decodeNonASCIIString(bytes, entry) }
        let raw = UnsafeBufferPointer(rebasing: bytes[Int(entry.a)..<Int(entry.b)])
        // Plain ASCII (no escapes, nothing at or above 0x80): the standard library builds a
        // short string in place and skips UTF-8 validation for ASCII contents, about half the
        // instructions of `String(decoding:as:)` for the short values claims usually hold.
        return String(unsafeUninitializedCapacity: raw.count) { output in
            guard let source = raw.baseAddress, let target = output.baseAddress else { return 0 }
            target.initialize(from: source, count: raw.count)
            return raw.count
        }
    }

    /// ``decodeString(_:_:)`` of an escaped or non-ASCII string.
    @inline(never)
    static func decodeNonASCIIString(_ bytes: UnsafeBufferPointer<UInt8>, _ entry: Entry) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[Int(entry.a)..<Int(entry.b)])
        if entry.flags & escaped == 0 { return String(decoding: raw, as: UTF8.self) }
        // Unescaping never lengthens: each escape is at least as long as the UTF-8 it stands for.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(raw.count, 1)) { output in
            let written = unescape(raw, into: output)
            return String(decoding: UnsafeBufferPointer(rebasing: output[0..<written]), as: UTF8.self)
        }
    }

    /// Decodes the escapes of validated string content into `output` (at least `raw.count`
    /// bytes) and returns the number of bytes written.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var written = 0
        var index = 0
        let count = raw.count
        @inline(__always) func put(_ byte: UInt8) {
            output[written] = byte
            written += 1
        }
        @inline(__always) func hex4(_ at: Int) -> UInt32 {
            var value: UInt32 = 0
            for offset in 0..<4 { value = value << 4 | UInt32(hexDigit(raw[at + offset]) ?? 0) }
            return value
        }
        while index < count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < count else {
                put(byte)
                index += 1
                continue
            }
            let kind = raw[index + 1]
            index += 2
            switch kind {
            case UInt8(ascii: "b"): put(0x08)
            case UInt8(ascii: "f"): put(0x0C)
            case UInt8(ascii: "n"): put(0x0A)
            case UInt8(ascii: "r"): put(0x0D)
            case UInt8(ascii: "t"): put(0x09)
            case UInt8(ascii: "u"):
                guard count - index >= 4 else { return written }
                var scalar = hex4(index)
                index += 4
                if (0xD800...0xDBFF).contains(scalar), count - index >= 6 {
                    let low = hex4(index + 2)
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
                    index += 6
                }
                switch scalar {
                case 0..<0x80:
                    put(UInt8(scalar))
                case 0x80..<0x800:
                    put(UInt8(0xC0 | scalar >> 6))
                    put(UInt8(0x80 | scalar & 0x3F))
                case 0x800..<0x10000:
                    put(UInt8(0xE0 | scalar >> 12))
                    put(UInt8(0x80 | scalar >> 6 & 0x3F))
                    put(UInt8(0x80 | scalar & 0x3F))
                default:
                    put(UInt8(0xF0 | scalar >> 18 & 0x07))
                    put(UInt8(0x80 | scalar >> 12 & 0x3F))
                    put(UInt8(0x80 | scalar >> 6 & 0x3F))
                    put(UInt8(0x80 | scalar & 0x3F))
                }
            default: put(kind)  // `"`, `\` and `/` stand for themselves.
            }
        }
        return written
    }

    /// The string at `index` (escapes decoded).
    package func string(at index: Int) -> String { Self.decodeString(bytes, entries[index]) }

    /// Whether the string at `index` equals `name` under Swift `String` equality, without making a
    /// `String` when both are plain ASCII (the common case for member names and keys).
    package func string(at index: Int, equals name: String) -> Bool {
        let entry = entries[index]
        if entry.flags == 0 {
            let raw = rawBytes(index)
            let fast: Bool?? = name.utf8.withContiguousStorageIfAvailable { key -> Bool? in
                guard key.count == raw.count else {
                    // Different lengths can still be canonically equivalent once non-ASCII is involved.
                    return Self.isASCII(key) ? false : nil
                }
                guard let keyBase = key.baseAddress, let rawBase = raw.baseAddress else { return true }
                if Self.memoryEqual(keyBase, rawBase, raw.count) { return true }
                return Self.isASCII(key) ? false : nil
            }
            if let fast, let answer = fast { return answer }
        }
        return string(at: index) == name
    }

    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    /// Index of the value of the member named `name` in the object at `objectIndex`, if any.
    package func member(_ name: String, in objectIndex: Int) -> Int? {
        member(name, in: objectIndex, from: objectIndex + 1)
    }

    /// Like ``member(_:in:)``, but starts looking at the member name at `start` (wrapping around),
    /// so look-ups made in document order cost one comparison each. Inlined into the keyed
    /// decoding container's look-up, which runs once per decoded member (~40 instructions each).
    @inline(__always)
    package func member(_ name: String, in objectIndex: Int, from start: Int) -> Int? {
        let object = entries[objectIndex]
        let first = objectIndex + 1
        let end = Int(object.b)
        guard object.kind == .object, first < end else { return nil }
        var index = start > first && start < end ? start : first
        let wrapped = index
        repeat {
            if string(at: index, equals: name) { return index + 1 }
            index = next(after: index + 1)
            if index >= end { index = first }
        } while index != wrapped
        return nil
    }
}
