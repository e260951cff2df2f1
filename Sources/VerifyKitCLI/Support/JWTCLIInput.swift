import Foundation

/// Token input shared by `verify` and `decode`.
enum JWTCLIInput {
    /// The token from the argument (`-` = stdin) or a file, without surrounding whitespace or a
    /// leading UTF-8 byte order mark (as `--tokens-file` reads it).
    static func readToken(argument: String?, file: String?) throws(CLIFailure) -> String {
        let raw: String
        if let file {
            raw = String(decoding: try readInput(file, what: "token file", limit: 1 << 20), as: UTF8.self)
        } else if let argument, argument == "-" {
            raw = String(decoding: try readInput("-", what: "token", limit: 1 << 20), as: UTF8.self)
        } else if let argument {
            raw = argument
        } else {
            throw CLIFailure("no token given")
        }
        let trimmed = (raw.hasPrefix("\u{FEFF}") ? String(raw.dropFirst()) : raw)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw CLIFailure("the token is empty") }
        return trimmed
    }
}
