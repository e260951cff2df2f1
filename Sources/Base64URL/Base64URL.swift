/// Base64url without padding (RFC 4648 §5), the encoding JOSE uses, with a strict decoder:
/// each byte string has exactly one accepted encoding.
public enum Base64URL {
    /// Encodes bytes as unpadded base64url text.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        fatalError("unimplemented")
    }

    /// Encodes bytes as unpadded base64url, returning ASCII bytes.
    public static func encodeToBytes(_ bytes: some Collection<UInt8>) -> [UInt8] {
        fatalError("unimplemented")
    }

    /// Decodes unpadded base64url text. Rejects padding, whitespace, characters outside the
    /// alphabet, impossible lengths (n % 4 == 1) and non-zero unused trailing bits.
    public static func decode(_ string: some StringProtocol) throws(Base64DecodingError) -> [UInt8] {
        fatalError("unimplemented")
    }

    /// Decodes base64url given as ASCII bytes (e.g. a slice of a token's UTF-8 view), without copying it.
    public static func decode(utf8 bytes: some Collection<UInt8>) throws(Base64DecodingError) -> [UInt8] {
        fatalError("unimplemented")
    }

    /// Decodes into caller-provided memory; returns the number of bytes written.
    /// `output.count` must be at least `decodedLength(forEncodedLength: input.count)`.
    public static func decode(
        _ input: UnsafeBufferPointer<UInt8>,
        into output: UnsafeMutableBufferPointer<UInt8>
    ) throws(Base64DecodingError) -> Int {
        fatalError("unimplemented")
    }

    /// The exact decoded length for an encoded length, or an error for impossible lengths (n % 4 == 1).
    public static func decodedLength(forEncodedLength count: Int) throws(Base64DecodingError) -> Int {
        fatalError("unimplemented")
    }
}
