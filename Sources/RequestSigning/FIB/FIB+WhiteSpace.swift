extension FIB {
    /// Hex pasted or read from a file often ends in a newline, which the hex decoder would report
    /// as an odd length or a bad digit; naming the white space says what to fix. Never trimmed:
    /// the key is taken exactly as given or not at all.
    static func refuseSurroundingWhiteSpace(
        _ text: Substring.UTF8View,
        what: String
    ) throws(RequestSigningError) {
        func isWhiteSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = text.first, let last = text.last, isWhiteSpace(first) || isWhiteSpace(last) else { return }
        throw RequestSigningError(
            .invalidKey,
            "the \(what) hex starts or ends with white space (a trailing newline?); give the digits only"
        )
    }
}
