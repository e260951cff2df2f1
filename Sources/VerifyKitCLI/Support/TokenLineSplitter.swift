internal import CryptoPrimitives
/// One line of a tokens file: a token to verify, or a line too long to hold one.
enum TokenLine: Sendable, Equatable {
    /// The line's bytes as read, trimmed: not made into a `String`, which would replace bytes that
    /// are not UTF-8 and so make an error name a byte the file does not hold, at a shifted offset.
    case token([UInt8])
    /// Longer than the splitter's limit; only its length is kept, so a huge line costs no memory.
    case tooLong(byteCount: Int)
}

/// Splits a tokens file into lines as its bytes arrive, so `verify --tokens-file` needs memory for
/// one chunk of tokens, not for the whole file.
///
/// LF, CRLF and a lone CR all end a line (a compact JWS never contains either). Spaces and tabs
/// around a token are ignored, blank lines are skipped, and a UTF-8 byte order mark at the very
/// start of the input is dropped (editors on Windows add one). Lines longer than `lineLimit`
/// bytes are reported as ``TokenLine/tooLong(byteCount:)``.
struct TokenLineSplitter {
    let lineLimit: Int
    private var line: [UInt8] = []
    private var lineLength = 0
    /// Bytes of a possible byte order mark seen so far at the start of the input; -1 once past it.
    private var markBytes = 0
    private static let byteOrderMark = ByteOrderMark.utf8

    init(lineLimit: Int) {
        self.lineLimit = max(1, lineLimit)
    }

    /// Whether the line being read is already longer than the limit (it will end as
    /// ``TokenLine/tooLong(byteCount:)``; a reader that wants one token can stop here).
    var currentLineIsTooLong: Bool { lineLength > lineLimit }

    /// Consumes `bytes`, calling `emit` for every line they complete.
    mutating func feed(_ bytes: some Sequence<UInt8>, emit: (TokenLine) throws -> Void) rethrows {
        for byte in bytes {
            if markBytes >= 0 {
                if byte == Self.byteOrderMark[markBytes] {
                    markBytes += 1
                    if markBytes == Self.byteOrderMark.count { markBytes = -1 }
                    continue
                }
                releaseHeldMark()
            }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                try endLine(emit)
            } else {
                append(byte)
            }
        }
    }

    /// Ends the input: emits the last line when it had no line break.
    mutating func finish(emit: (TokenLine) throws -> Void) rethrows {
        if markBytes > 0 { releaseHeldMark() }
        try endLine(emit)
    }

    /// Not a byte order mark after all: the bytes held back are ordinary content.
    private mutating func releaseHeldMark() {
        let held = Self.byteOrderMark.prefix(markBytes)
        markBytes = -1
        for byte in held { append(byte) }
    }

    private mutating func append(_ byte: UInt8) {
        // Leading blanks are dropped at once; trailing ones are trimmed when the line ends.
        if lineLength == 0 && (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) { return }
        lineLength += 1
        if lineLength <= lineLimit { line.append(byte) }
    }

    private mutating func endLine(_ emit: (TokenLine) throws -> Void) rethrows {
        defer {
            line.removeAll(keepingCapacity: line.count <= 1 << 16)
            lineLength = 0
        }
        guard lineLength <= lineLimit else {
            try emit(.tooLong(byteCount: lineLength))
            return
        }
        var end = line.count
        while end > 0 && (line[end - 1] == UInt8(ascii: " ") || line[end - 1] == UInt8(ascii: "\t")) { end -= 1 }
        guard end > 0 else { return }
        try emit(.token(Array(line[..<end])))
    }
}
