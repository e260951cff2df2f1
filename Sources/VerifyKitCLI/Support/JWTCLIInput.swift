import Foundation

/// Token input shared by `verify` and `decode`.
enum JWTCLIInput {
    /// The token from the argument (`-` = stdin) or a file, without a leading UTF-8 byte order
    /// mark and without surrounding spaces, tabs and line breaks, as `--tokens-file` reads a
    /// line. Other Unicode white space (no-break space, U+2028, …) is not trimmed there either:
    /// it stays and makes the token malformed, the same answer whichever way it is given.
    ///
    /// A file or standard input longer than `limit` bytes is refused unread (`verify` sets it to
    /// its token size limit plus the blanks `--tokens-file` allows on a line).
    static func readToken(argument: String?, file: String?, limit: Int = 1 << 20) throws(CLIFailure) -> String {
        switch try readTokenInput(argument: argument, file: file, limit: limit) {
        case .token(let token): return token
        case .tooLarge: throw CLIFailure("the token is larger than \(limit) bytes")
        }
    }

    /// A token as read, or the fact that its file or standard input held more than the limit.
    enum TokenInput {
        case token(String)
        case tooLarge
    }

    /// ``readToken(argument:file:limit:)`` for `verify`, which reports an oversized token like any
    /// other token over its size limit (`token_too_large`, exit 1) rather than as unreadable input.
    static func readTokenInput(argument: String?, file: String?, limit: Int) throws(CLIFailure) -> TokenInput {
        let raw: String
        if file != nil || argument == "-" {
            let (bytes, isComplete) =
                if let file {
                    try readInputPrefix(file, what: "token file", limit: limit)
                } else {
                    try readInputPrefix("-", what: "token", limit: limit)
                }
            guard isComplete else { return .tooLarge }
            raw = String(decoding: bytes, as: UTF8.self)
        } else if let argument {
            raw = argument
        } else {
            throw CLIFailure("no token given")
        }
        var bytes = Substring(raw).utf8
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        bytes = bytes.trimmingBlanks()
        guard !bytes.isEmpty else { throw CLIFailure("the token is empty") }
        return .token(String(decoding: bytes, as: UTF8.self))
    }
}
