/// Standard Base64 with padding (RFC 4648 §4), strict: canonical padding is required and no
/// line breaks or whitespace are accepted.
public enum Base64 {
    /// Encodes bytes as padded standard Base64 on one line.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        fatalError("unimplemented")
    }

    /// Decodes padded standard Base64 text.
    public static func decode(_ string: some StringProtocol) throws(Base64DecodingError) -> [UInt8] {
        fatalError("unimplemented")
    }

    /// Decodes padded standard Base64 given as ASCII bytes.
    public static func decode(utf8 bytes: some Collection<UInt8>) throws(Base64DecodingError) -> [UInt8] {
        fatalError("unimplemented")
    }
}
