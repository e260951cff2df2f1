/// Hexadecimal (base 16) encoding and strict decoding.
///
/// Decoding accepts only `0-9`, `a-f` and `A-F`, two digits per byte: no whitespace, no `0x` prefix,
/// no separators. The length is checked before the characters, so an odd-length input always fails
/// with ``HexDecodingError/Code/oddLength`` even if it also holds a bad character.
public enum Hex {
    /// Encodes bytes as hex, lowercase unless `uppercase` is set.
    ///
    /// Contiguous inputs (`[UInt8]`, `ArraySlice`, buffers) are encoded in place; other sequences are
    /// collected into an array first.
    public static func encode(_ bytes: some Sequence<UInt8>, uppercase: Bool = false) -> String {
        if let string = bytes.withContiguousStorageIfAvailable({ encode($0, uppercase: uppercase) }) {
            return string
        }
        return Array(bytes).withUnsafeBufferPointer { encode($0, uppercase: uppercase) }
    }

    /// The number of hex digits that encode `byteCount` bytes.
    ///
    /// - Returns: `nil` if `byteCount` is negative or the result would not fit in an `Int`.
    public static func encodedLength(forByteCount byteCount: Int) -> Int? {
        guard byteCount >= 0 else { return nil }
        let (length, overflow) = byteCount.multipliedReportingOverflow(by: 2)
        return overflow ? nil : length
    }

    /// Decodes a hex string. Either case is accepted; anything else, including whitespace or an
    /// odd number of digits, is an error that says where.
    public static func decode(_ string: some StringProtocol) throws(HexDecodingError) -> [UInt8] {
        try decode(utf8: string.utf8)
    }

    /// Decodes hex given as its UTF-8/ASCII bytes.
    ///
    /// Contiguous inputs (`[UInt8]`, `ArraySlice`, a `String`'s or `Substring`'s UTF-8 view) are read
    /// in place; any other collection is walked once by index, never copied.
    public static func decode(utf8 bytes: some Collection<UInt8>) throws(HexDecodingError) -> [UInt8] {
        let contiguous = bytes.withContiguousStorageIfAvailable { input in
            Result { () throws(HexDecodingError) in try decodeToArray(input, count: input.count) }
        }
        if let contiguous {
            return try contiguous.get()
        }
        return try decodeToArray(bytes, count: bytes.count)
    }

    /// Decodes hex from `input` into caller-provided memory without allocating.
    ///
    /// - Returns: The number of bytes written, always `input.count / 2`.
    /// - Throws: ``HexDecodingError/Code/oddLength``, ``HexDecodingError/Code/invalidCharacter``, or
    ///   ``HexDecodingError/Code/outputTooSmall`` if `output` holds fewer than `input.count / 2` bytes.
    ///   On error the contents of `output` are unspecified.
    public static func decode(
        _ input: UnsafeBufferPointer<UInt8>,
        into output: UnsafeMutableBufferPointer<UInt8>
    ) throws(HexDecodingError) -> Int {
        try decode(input, count: input.count, into: output)
    }

    private static func encode(_ input: UnsafeBufferPointer<UInt8>, uppercase: Bool) -> String {
        // Inputs whose encoding exceeds Int.max cannot be held in memory; the allocation below is
        // the limit, as for any String.
        let length = input.count &* 2
        let digits = uppercase ? upperDigits : lowerDigits
        return String(unsafeUninitializedCapacity: length) { output in
            digits.withUnsafeBufferPointer { digits in
                var out = 0
                for byte in input {
                    output[out] = digits[Int(byte &>> 4)]
                    output[out &+ 1] = digits[Int(byte & 0x0F)]
                    out &+= 2
                }
            }
            return length
        }
    }

    private static func decodeToArray(
        _ input: some Collection<UInt8>,
        count: Int
    ) throws(HexDecodingError) -> [UInt8] {
        guard count & 1 == 0 else {
            throw HexDecodingError(code: .oddLength, offset: count)
        }
        // Not through `unsafeUninitializedCapacity: 0`, which writes the count into the shared
        // empty-array storage (a data race ThreadSanitizer reports when threads do it at once).
        guard count > 0 else { return [] }
        return try [UInt8](unsafeUninitializedCapacity: count / 2) { (output, initialized) throws(HexDecodingError) in
            initialized = try decode(input, count: count, into: output)
        }
    }

    /// The one decoding loop; specialised for `UnsafeBufferPointer` on the fast path.
    private static func decode(
        _ input: some Collection<UInt8>,
        count: Int,
        into output: UnsafeMutableBufferPointer<UInt8>
    ) throws(HexDecodingError) -> Int {
        guard count & 1 == 0 else {
            throw HexDecodingError(code: .oddLength, offset: count)
        }
        let byteCount = count / 2
        guard output.count >= byteCount else {
            throw HexDecodingError(code: .outputTooSmall, offset: 0)
        }
        let result: Result<Void, HexDecodingError> = nibbleTable.withUnsafeBufferPointer { table in
            var index = input.startIndex
            for out in 0..<byteCount {
                let highByte = input[index]
                input.formIndex(after: &index)
                let lowByte = input[index]
                input.formIndex(after: &index)
                let high = table[Int(highByte)]
                let low = table[Int(lowByte)]
                // Invalid entries are 0xFF, so one test covers both digits on the common path.
                guard (high | low) & 0xF0 == 0 else {
                    let bad = high & 0xF0 != 0
                    return .failure(
                        HexDecodingError(
                            code: .invalidCharacter,
                            offset: out &* 2 &+ (bad ? 0 : 1),
                            byte: bad ? highByte : lowByte
                        )
                    )
                }
                output[out] = high &<< 4 | low
            }
            return .success(())
        }
        try result.get()
        return byteCount
    }

    private static let lowerDigits: [UInt8] = Array("0123456789abcdef".utf8)
    private static let upperDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Digit value for each byte, 0xFF for bytes that are not hex digits.
    private static let nibbleTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, digit) in lowerDigits.enumerated() {
            table[Int(digit)] = UInt8(value)
        }
        for (value, digit) in upperDigits.enumerated() {
            table[Int(digit)] = UInt8(value)
        }
        return table
    }()
}
