internal import CryptoPrimitives
import Foundation

/// Token input shared by `verify` and `decode`.
enum JWTCLIInput {
    /// The token from the argument (`-` = stdin) or a file, without a leading UTF-8 byte order
    /// mark and without surrounding spaces, tabs and line breaks, as `--tokens-file` reads a
    /// line. Other Unicode white space (no-break space, U+2028, …) is not trimmed there either:
    /// it stays and makes the token malformed, the same answer whichever way it is given.
    ///
    /// A file or standard input is split into lines as `--tokens-file` splits it (see
    /// ``readTokenLines(_:what:limit:)``): a line of more than `limit` bytes is refused unread
    /// (`verify` sets it to its token size limit plus the blanks `--tokens-file` allows on a line),
    /// and so is input holding more than one token.
    static func readToken(argument: String?, file: String?, limit: Int = 1 << 20) throws(CLIFailure) -> [UInt8] {
        switch try readTokenInput(argument: argument, file: file, limit: limit) {
        case .token(let token): return token
        case .tooLarge: throw CLIFailure("the token is larger than \(limit) bytes")
        case .severalTokens: throw CLIFailure(severalTokensReason(file: file, hint: "decode takes one"))
        }
    }

    /// A token as read, or why its file or standard input holds none to use.
    enum TokenInput {
        /// The token's bytes as given (see ``TokenLine/token(_:)``).
        case token([UInt8])
        /// A line longer than the limit.
        case tooLarge
        /// A second line with a token on it.
        case severalTokens
    }

    /// Why a token file (or standard input, when `file` is nil or `-`) with a second token is
    /// refused, and, in `hint`, what to do instead.
    static func severalTokensReason(file: String?, hint: String) -> String {
        "\(file == nil || file == "-" ? "standard input" : "the token file") holds more than one token; \(hint)"
    }

    /// `verify`'s hint: the option that reads one token per line.
    static let severalTokensHintForVerify = "to verify one token per line, use --tokens-file"

    /// ``readToken(argument:file:limit:)`` for `verify`, which reports an oversized token like any
    /// other token over its size limit (`token_too_large`, exit 1) rather than as unreadable input.
    static func readTokenInput(argument: String?, file: String?, limit: Int) throws(CLIFailure) -> TokenInput {
        if let file {
            return try readTokenLines(file, what: "token file", limit: limit)
        }
        if argument == "-" {
            return try readTokenLines("-", what: "token", limit: limit)
        }
        guard let argument else { throw CLIFailure("no token given") }
        var bytes = Substring(argument).utf8
        bytes = bytes.dropFirst(ByteOrderMark.leadingCount(in: bytes))
        bytes = bytes.trimmingBlanks()
        guard !bytes.isEmpty else { throw CLIFailure("the token is empty") }
        return .token(Array(bytes))
    }

    /// The one token of a file or standard input, split by the splitter `--tokens-file` uses: the
    /// same byte order mark, blank-line and blank rules and the same line limit, so any bytes get
    /// the same answer either way (a prefix read of `limit` bytes counted the blanks and blank
    /// lines before a token, which `--tokens-file` drops). Reading stops at a line over the limit
    /// (an endless device included) or at a second token; memory stays within two lines.
    private static func readTokenLines(_ path: String, what: String, limit: Int) throws(CLIFailure) -> TokenInput {
        // An endless device is fine: reading stops at the first line over the limit.
        let handle = try openInput(path, what: what, refusingDevices: false)
        defer { if handle !== FileHandle.standardInput { try? handle.close() } }
        var splitter = TokenLineSplitter(lineLimit: limit)
        var lines: [TokenLine] = []
        while lines.count < 2 {
            if case .tooLong? = lines.first { return .tooLarge }
            if lines.isEmpty && splitter.currentLineIsTooLong { return .tooLarge }
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 64 << 10) ?? Data()
            } catch {
                throw CLIFailure("cannot read \(what) \(path): \(unreadableReason(path))")
            }
            if chunk.isEmpty {
                splitter.finish { if lines.count < 2 { lines.append($0) } }
                break
            }
            splitter.feed(chunk) { if lines.count < 2 { lines.append($0) } }
        }
        switch lines.first {
        case nil: throw CLIFailure("the token is empty")
        case .tooLong: return .tooLarge
        case .token(let token): return lines.count > 1 ? .severalTokens : .token(token)
        }
    }
}
