/// Text that someone else chose (a `kid`, a `kty`, a curve name, a PEM label, a `key_ops` entry)
/// as it may appear in an error message: quoted, at most 64 scalars, and anything outside printable
/// ASCII shown as "?", so hostile input can neither bloat logs nor drive a terminal.
package enum PrintableText {
    /// Scalars kept before the text is cut with "…".
    package static let maximumScalars = 64
    /// Items of a list kept before it is cut.
    package static let maximumItems = 8

    /// `text` quoted, clipped and with non-printable scalars replaced.
    package static func quoted(_ text: some StringProtocol) -> String {
        "\"\(clipped(text))\""
    }

    /// `text` clipped to `limit` scalars (then "…") with anything outside printable ASCII shown as
    /// "?", unquoted: for longer texts that quote someone else's input themselves, such as a
    /// decoder's error description.
    package static func clipped(_ text: some StringProtocol, limit: Int = maximumScalars) -> String {
        var clipped = ""
        var count = 0
        for scalar in text.unicodeScalars {
            guard count < limit else {
                clipped += "…"
                break
            }
            clipped.unicodeScalars.append(scalar.value >= 0x20 && scalar.value < 0x7F ? scalar : "?")
            count += 1
        }
        return clipped
    }

    /// A list as `["a", "b", …]`, each item through ``quoted(_:)``, at most ``maximumItems`` items.
    package static func quoted(list items: [String]) -> String {
        let shown = items.prefix(maximumItems).map { quoted($0) }
        return "[" + shown.joined(separator: ", ") + (items.count > maximumItems ? ", …]" : "]")
    }
}
