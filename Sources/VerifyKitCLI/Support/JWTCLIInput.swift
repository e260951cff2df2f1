import Foundation

/// Token input shared by `verify` and `decode`.
enum JWTCLIInput {
    /// The token from the argument (`-` = stdin) or a file, without a leading UTF-8 byte order
    /// mark and without surrounding spaces, tabs and line breaks, as `--tokens-file` reads a
    /// line. Other Unicode white space (no-break space, U+2028, …) is not trimmed there either:
    /// it stays and makes the token malformed, the same answer whichever way it is given.
    ///
    /// A file or standard input longer than `limit` bytes is refused unread (`verify` sets it to
    /// its token size limit plus the blanks `--tokens-file` allows, and at least 1 MiB).
    static func readToken(argument: String?, file: String?, limit: Int = 1 << 20) throws(CLIFailure) -> String {
        let raw: String
        if let file {
            raw = String(decoding: try readInput(file, what: "token file", limit: limit), as: UTF8.self)
        } else if let argument, argument == "-" {
            raw = String(decoding: try readInput("-", what: "token", limit: limit), as: UTF8.self)
        } else if let argument {
            raw = argument
        } else {
            throw CLIFailure("no token given")
        }
        var bytes = Substring(raw).utf8
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let blank: (UInt8) -> Bool = { [0x20, 0x09, 0x0D, 0x0A].contains($0) }
        while let first = bytes.first, blank(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, blank(last) { bytes = bytes.dropLast() }
        guard !bytes.isEmpty else { throw CLIFailure("the token is empty") }
        return String(decoding: bytes, as: UTF8.self)
    }
}
