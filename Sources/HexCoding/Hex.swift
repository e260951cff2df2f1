/// Hexadecimal (base 16) encoding and strict decoding.
public enum Hex {
    /// Encodes bytes as hex, lowercase unless `uppercase` is set.
    public static func encode(_ bytes: some Sequence<UInt8>, uppercase: Bool = false) -> String {
        fatalError("unimplemented")
    }

    /// Decodes a hex string. Either case is accepted; anything else, including whitespace or an
    /// odd number of digits, is an error that says where.
    public static func decode(_ string: some StringProtocol) throws(HexDecodingError) -> [UInt8] {
        fatalError("unimplemented")
    }

    /// Decodes hex given as its UTF-8/ASCII bytes.
    public static func decode(utf8 bytes: some Collection<UInt8>) throws(HexDecodingError) -> [UInt8] {
        fatalError("unimplemented")
    }
}
