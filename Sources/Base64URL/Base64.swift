/// Standard Base64 with padding (RFC 4648 §4), strict: canonical padding is required and no
/// line breaks or whitespace are accepted.
///
/// The decoder checks the structure first (length a multiple of 4, at most two `=` and only at the
/// end), then every character from left to right, then that the unused low bits of the last data
/// character are zero. An `=` anywhere else is ``Base64DecodingError/Code/invalidPadding``.
public enum Base64 {
    /// Encodes bytes as padded standard Base64 on one line.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        Base64Alphabet.standard.encodeToString(bytes, pad: true)
    }

    /// Encodes bytes as padded standard Base64, returning ASCII bytes.
    public static func encodeToBytes(_ bytes: some Collection<UInt8>) -> [UInt8] {
        Base64Alphabet.standard.encodeToBytes(bytes, pad: true)
    }

    /// The exact padded encoded length for `byteCount` bytes, or `nil` if `byteCount` is negative or
    /// the length would not fit in an `Int`.
    public static func encodedLength(forByteCount byteCount: Int) -> Int? {
        Base64Alphabet.paddedLength(forByteCount: byteCount)
    }

    /// Decodes padded standard Base64 text.
    public static func decode(_ string: some StringProtocol) throws(Base64DecodingError) -> [UInt8] {
        try decode(utf8: string.utf8)
    }

    /// Decodes padded standard Base64 given as ASCII bytes.
    ///
    /// Contiguous inputs are read in place; any other collection is walked by index, never copied.
    public static func decode(utf8 bytes: some Collection<UInt8>) throws(Base64DecodingError) -> [UInt8] {
        let contiguous = bytes.withContiguousStorageIfAvailable { input in
            Result { () throws(Base64DecodingError) in try decodeToArray(input, count: input.count) }
        }
        if let contiguous {
            return try contiguous.get()
        }
        return try decodeToArray(bytes, count: bytes.count)
    }

    private static func decodeToArray(
        _ input: some Collection<UInt8>,
        count: Int
    ) throws(Base64DecodingError) -> [UInt8] {
        guard count % 4 == 0 else {
            throw Base64DecodingError(code: .invalidLength, offset: count, encoding: "base64")
        }
        guard count > 0 else { return [] }
        // Count the `=` that end the last group. Three or four leave fewer than the two data
        // characters a group needs; any other `=` is caught as misplaced by the body decoder.
        var padding = 0
        for character in input.dropFirst(count - 4) {
            padding = character == UInt8(ascii: "=") ? padding + 1 : 0
        }
        guard padding <= 2 else {
            throw Base64DecodingError(
                code: .invalidPadding,
                offset: count - padding,
                byte: UInt8(ascii: "="),
                encoding: "base64"
            )
        }
        let body = count - padding
        let length = Base64Alphabet.decodedLength(forUnpaddedLength: body)
        guard length > 0 else { return [] }  // see `Base64URL.decodeToArray`
        return try [UInt8](unsafeUninitializedCapacity: length) { (output, written) throws(Base64DecodingError) in
            written = try Base64Alphabet.standard.decodeUnpadded(input, count: body, into: output)
        }
    }
}
