/// A byte as it appears in error messages across the package: `0x3D`.
///
/// Lives in the lowest module every error-reporting module imports, so that messages from the
/// base64 decoder, the JSON tape, PEM reading and token parsing render a byte the same way, without
/// Foundation's `String(format:)`.
package enum ByteLiteral {
    /// Two upper-case hex digits after `0x`.
    package static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return "0x" + String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
    }
}
