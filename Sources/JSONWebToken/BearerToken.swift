/// Reading the token out of an HTTP `Authorization` header (RFC 6750 §2.1), without depending on
/// any HTTP library.
public enum BearerToken {
    /// The token of an `Authorization` field value such as `Bearer eyJhbGciOi…`, or `nil` when the
    /// value is not a bearer credential.
    ///
    /// The scheme is matched without regard to case (RFC 9110 §11.1), one or more spaces follow
    /// it, and the token must be a `b64token`: letters, digits, `-._~+/`, then any `=` padding.
    /// Blanks around the whole value are ignored, as HTTP parsers drop them; anything else (another
    /// scheme, no token, a second word, a comma) is `nil`. RFC 6750 §3.1 has the server answer a
    /// request without a bearer credential (none, or another scheme) with 401 and
    /// `WWW-Authenticate: Bearer` and no error code, a malformed `Bearer` credential with 400 and
    /// `error="invalid_request"`, and a token that fails verification with 401 and
    /// `error="invalid_token"`. `nil` is either of the first two: to answer them apart, look at
    /// whether the value names the `Bearer` scheme.
    ///
    /// ```swift
    /// guard let token = BearerToken.token(fromAuthorization: request.headers[.authorization] ?? "") else {
    ///     return unauthorized()  // WWW-Authenticate: Bearer
    /// }
    /// let verified = try keys.verify(token, as: Claims.self)
    /// ```
    public static func token<Value: StringProtocol>(fromAuthorization value: Value) -> Value.SubSequence? {
        let utf8 = value.utf8
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard var start = utf8.firstIndex(where: { !isBlank($0) }) else { return nil }
        // The view is only a Collection here: one forward pass finds the end of the last word.
        var end = start
        var index = start
        while index < utf8.endIndex {
            let byte = utf8[index]
            utf8.formIndex(after: &index)
            if !isBlank(byte) { end = index }
        }
        // "Bearer", case-insensitively, then at least one space.
        for expected in "bearer".utf8 {
            guard start < end, utf8[start] | 0x20 == expected else { return nil }
            utf8.formIndex(after: &start)
        }
        guard start < end, utf8[start] == UInt8(ascii: " ") else { return nil }
        while start < end, utf8[start] == UInt8(ascii: " ") { utf8.formIndex(after: &start) }
        // b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
        index = start
        var sawPadding = false
        while index < end {
            let byte = utf8[index]
            if byte == UInt8(ascii: "=") {
                sawPadding = true
            } else if sawPadding || !Self.isTokenCharacter(byte) {
                return nil
            }
            utf8.formIndex(after: &index)
        }
        guard start < end, utf8[start] != UInt8(ascii: "=") else { return nil }
        return value[start..<end]
    }

    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"),
            UInt8(ascii: "/"):
            true
        default:
            false
        }
    }
}
