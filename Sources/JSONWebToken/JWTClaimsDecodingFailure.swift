internal import CryptoPrimitives

/// The message for claims that do not decode into the caller's type.
///
/// A `DecodingError`'s own description carries the coding path and the decoder's text verbatim,
/// and both come from the token: member names of a dictionary field and values quoted in the
/// description (a URL, a number's digits) can be megabytes long or hold terminal escapes. This
/// keeps the useful parts (what was expected, where) with every piece of token text clipped and
/// made printable, so the message can go to a log as it is.
@usableFromInline
package enum JWTClaimsDecodingFailure {
    /// Path components shown before the path is cut with "…".
    static let maximumPathComponents = 8
    /// Scalars of the decoder's own description kept.
    static let maximumDescriptionScalars = 200

    /// `invalid_claim` for claims that failed to decode as `type` with `error`.
    @usableFromInline
    package static func error(decoding type: Any.Type, _ error: any Error, prefix: String) -> JWTError {
        JWTError(.invalidClaim, "\(prefix) \(type): \(describe(error))")
    }

    package static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else {
            return PrintableText.clipped(String(describing: error), limit: maximumDescriptionScalars)
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "expected \(type) at \(path(context.codingPath))\(detail(context, expecting: type))"
        case .valueNotFound(let type, let context):
            return "no \(type) value at \(path(context.codingPath))\(detail(context, expecting: type))"
        case .keyNotFound(let key, let context):
            return "no member \(PrintableText.quoted(key.stringValue)) at \(path(context.codingPath))"
        case .dataCorrupted(let context):
            return "invalid value at \(path(context.codingPath)): \(text(context))"
        @unknown default:
            return PrintableText.clipped(String(describing: error), limit: maximumDescriptionScalars)
        }
    }

    /// The decoder's description after a colon, or only what was found when the description is
    /// the strict decoders' own "Expected T but found K instead." (which would repeat the type).
    private static func detail(_ context: DecodingError.Context, expecting type: Any.Type) -> String {
        let description = text(context)
        let repeated = "Expected \(type) but found "
        if description.hasPrefix(repeated), description.hasSuffix(" instead.") {
            return ", found " + description.dropFirst(repeated.count).dropLast(" instead.".count)
        }
        return ": " + description
    }

    private static func text(_ context: DecodingError.Context) -> String {
        PrintableText.clipped(context.debugDescription, limit: maximumDescriptionScalars)
    }

    /// `the root` or `"m"."name"[2]`, each name quoted and clipped.
    static func path(_ keys: [any CodingKey]) -> String {
        guard !keys.isEmpty else { return "the root" }
        var text = ""
        for (index, key) in keys.enumerated() {
            guard index < maximumPathComponents else { return text + "…" }
            if let position = key.intValue, key.stringValue == "Index \(position)" {
                text += "[\(position)]"
            } else {
                text += (index == 0 ? "" : ".") + PrintableText.quoted(key.stringValue)
            }
        }
        return text
    }
}
