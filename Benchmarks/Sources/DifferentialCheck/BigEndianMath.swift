/// Fixed-width unsigned arithmetic on big-endian byte strings, enough to build out-of-range
/// signature values (n − s, s + L, DER integers). Not constant time; test data only.
enum BigEndianMath {
    /// `a - b` for equal-width big-endian values (wraps modulo 2^(8·width) when b > a).
    static func subtract(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        precondition(a.count == b.count)
        var result = [UInt8](repeating: 0, count: a.count)
        var borrow = 0
        for index in stride(from: a.count - 1, through: 0, by: -1) {
            var digit = Int(a[index]) - Int(b[index]) - borrow
            borrow = digit < 0 ? 1 : 0
            if digit < 0 { digit += 256 }
            result[index] = UInt8(digit)
        }
        return result
    }

    /// `a + b` for equal-width big-endian values, one byte wider (the carry).
    static func add(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        precondition(a.count == b.count)
        var result = [UInt8](repeating: 0, count: a.count + 1)
        var carry = 0
        for index in stride(from: a.count - 1, through: 0, by: -1) {
            let digit = Int(a[index]) + Int(b[index]) + carry
            carry = digit >> 8
            result[index + 1] = UInt8(digit & 0xFF)
        }
        result[0] = UInt8(carry)
        return result
    }

    /// `value` as a big-endian number of exactly `width` bytes (left-padded with zeros).
    static func padded(_ value: [UInt8], to width: Int) -> [UInt8] {
        [UInt8](repeating: 0, count: max(0, width - value.count)) + value
    }

    /// A DER INTEGER for the unsigned big-endian `value` (minimal, with a 0x00 before a high bit).
    static func derInteger(_ value: [UInt8]) -> [UInt8] {
        var body = Array(value.drop { $0 == 0 })
        if body.isEmpty || body[0] & 0x80 != 0 { body.insert(0, at: 0) }
        return [0x02] + derLength(body.count) + body
    }

    /// A DER SEQUENCE around `body`.
    static func derSequence(_ body: [UInt8]) -> [UInt8] { [0x30] + derLength(body.count) + body }

    private static func derLength(_ count: Int) -> [UInt8] {
        count < 0x80 ? [UInt8(count)] : [0x81, UInt8(count)]
    }
}
