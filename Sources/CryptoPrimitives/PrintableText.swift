/// Text that someone else chose (a `kid`, a `kty`, a curve name, a PEM label, a `key_ops` entry)
/// as it may appear in an error message: quoted, at most 64 characters, and anything outside printable
/// ASCII escaped as Swift writes it (`\u{301}`, a backslash as `\\`, in quotes a quote as `\"`), so
/// hostile input can neither bloat logs nor drive a terminal nor close its quotes early (a `kid` of
/// `a", kid "b` read as two), and look-alike text (`cafe\u{301}` for `café`) stays visible.
package enum PrintableText {
    /// Characters written (escapes included) before the text is cut with "…".
    package static let maximumScalars = 64
    /// Items of a list kept before it is cut.
    package static let maximumItems = 8

    /// `text` quoted, clipped and with non-printable scalars replaced.
    package static func quoted(_ text: some StringProtocol) -> String {
        quoted(text, limit: maximumScalars)
    }

    /// `text` quoted, clipped to `limit` characters and with non-printable scalars replaced: for
    /// texts that are long by nature, such as a certificate's distinguished name.
    package static func quoted(_ text: some StringProtocol, limit: Int) -> String {
        "\"\(escaped(text, limit: limit, escapingQuotes: true))\""
    }

    /// `text` clipped to `limit` characters (then "…") with anything outside printable ASCII escaped,
    /// unquoted: for longer texts that quote someone else's input themselves, such as a decoder's
    /// error description.
    package static func clipped(_ text: some StringProtocol, limit: Int = maximumScalars) -> String {
        escaped(text, limit: limit, escapingQuotes: false)
    }

    private static func escaped(_ text: some StringProtocol, limit: Int, escapingQuotes: Bool) -> String {
        // The limit counts what is written, escapes included, so a text of escapes is no longer
        // in a log than a text of letters.
        var clipped = ""
        var written = 0
        for scalar in text.unicodeScalars {
            let shown: String
            if scalar == "\\" {
                shown = "\\\\"
            } else if scalar == "\"" && escapingQuotes {
                shown = "\\\""
            } else if scalar.value >= 0x20 && scalar.value < 0x7F {
                shown = String(scalar)
            } else {
                shown = "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
            guard written + shown.utf8.count <= limit else {
                clipped += "…"
                break
            }
            clipped += shown
            written += shown.utf8.count
        }
        return clipped
    }

    /// A list as `["a", "b", …]`, each item through ``quoted(_:)``, at most ``maximumItems`` items.
    package static func quoted(list items: [String]) -> String {
        let shown = items.prefix(maximumItems).map { quoted($0) }
        return "[" + shown.joined(separator: ", ") + (items.count > maximumItems ? ", …]" : "]")
    }
}
