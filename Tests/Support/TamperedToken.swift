/// Tokens made to fail only their signature check.
public enum TamperedToken {
    /// `token` with one character of its signature changed, a full-six-bit character (the
    /// second-to-last), so the segment stays canonical base64url and only the signature is wrong.
    public static func signatureChanged(_ token: String) -> String {
        var bytes = Array(token.utf8)
        let index = bytes.count - 2
        bytes[index] = bytes[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        return String(decoding: bytes, as: UTF8.self)
    }
}
