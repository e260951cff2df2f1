/// Base64url without padding (RFC 4648 §5), the encoding JOSE uses, with a strict decoder:
/// each byte string has exactly one accepted encoding.
///
/// The decoder checks the length first (a length of 4n+1 is impossible), then every character from
/// left to right, then that the unused low bits of the last character are zero. Padding (`=`),
/// whitespace and the standard-alphabet characters `+` and `/` are rejected.
public enum Base64URL {
    /// Encodes bytes as unpadded base64url text.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        Base64Alphabet.url.encodeToString(bytes, pad: false)
    }

    /// Encodes bytes as unpadded base64url, returning ASCII bytes.
    public static func encodeToBytes(_ bytes: some Collection<UInt8>) -> [UInt8] {
        Base64Alphabet.url.encodeToBytes(bytes, pad: false)
    }

    /// The exact unpadded encoded length for `byteCount` bytes, or `nil` if `byteCount` is negative or
    /// the length would not fit in an `Int`.
    public static func encodedLength(forByteCount byteCount: Int) -> Int? {
        Base64Alphabet.unpaddedLength(forByteCount: byteCount)
    }

    /// Decodes unpadded base64url text. Rejects padding, whitespace, characters outside the
    /// alphabet, impossible lengths (n % 4 == 1) and non-zero unused trailing bits.
    public static func decode(_ string: some StringProtocol) throws(Base64DecodingError) -> [UInt8] {
        try decode(utf8: string.utf8)
    }

    /// Decodes base64url given as ASCII bytes (e.g. a slice of a token's UTF-8 view), without copying it.
    ///
    /// Contiguous inputs are read in place; any other collection is walked once by index.
    public static func decode(utf8 bytes: some Collection<UInt8>) throws(Base64DecodingError) -> [UInt8] {
        let contiguous = bytes.withContiguousStorageIfAvailable { input in
            Result { () throws(Base64DecodingError) in try decodeToArray(input, count: input.count) }
        }
        if let contiguous {
            return try contiguous.get()
        }
        return try decodeToArray(bytes, count: bytes.count)
    }

    /// Decodes into caller-provided memory; returns the number of bytes written.
    /// `output.count` must be at least `decodedLength(forEncodedLength: input.count)`.
    ///
    /// This is the allocation-free hot path. A smaller `output` throws
    /// ``Base64DecodingError/Code/outputTooSmall`` instead of writing out of bounds. On error the
    /// contents of `output` are unspecified.
    public static func decode(
        _ input: UnsafeBufferPointer<UInt8>,
        into output: UnsafeMutableBufferPointer<UInt8>
    ) throws(Base64DecodingError) -> Int {
        let count = input.count
        guard count % 4 != 1 else {
            throw Base64DecodingError(code: .invalidLength, offset: count, encoding: "base64url")
        }
        return try Base64Alphabet.url.decodeUnpadded(input, into: output)
    }

    /// The exact decoded length for an encoded length, or an error for impossible lengths (n % 4 == 1).
    ///
    /// A negative `count` is an ``Base64DecodingError/Code/invalidLength`` error at offset 0.
    @inlinable
    public static func decodedLength(forEncodedLength count: Int) throws(Base64DecodingError) -> Int {
        guard count >= 0, count % 4 != 1 else {
            throw Base64DecodingError(code: .invalidLength, offset: max(count, 0), encoding: "base64url")
        }
        // Three bytes per four characters, plus 1 or 2 for a final group of 2 or 3.
        let remainder = count % 4
        return count / 4 * 3 + (remainder == 0 ? 0 : remainder - 1)
    }

    private static func decodeToArray(
        _ input: some Collection<UInt8>,
        count: Int
    ) throws(Base64DecodingError) -> [UInt8] {
        let length = try decodedLength(forEncodedLength: count)
        // Not through `unsafeUninitializedCapacity: 0`, which writes the count into the shared
        // empty-array storage (a data race ThreadSanitizer reports when threads do it at once).
        guard length > 0 else { return [] }
        return try [UInt8](unsafeUninitializedCapacity: length) { (output, written) throws(Base64DecodingError) in
            written = try Base64Alphabet.url.decodeUnpadded(input, count: count, into: output)
        }
    }
}
