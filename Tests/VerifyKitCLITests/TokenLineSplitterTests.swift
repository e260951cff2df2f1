import Foundation
import Testing
import VerifyKit

@testable import VerifyKitCLI

@Suite("Tokens-file line splitting and chunked verification")
struct TokenLineSplitterTests {
    static func split(_ bytes: [UInt8], limit: Int = 64, chunk: Int) -> [TokenLine] {
        var splitter = TokenLineSplitter(lineLimit: limit)
        var lines: [TokenLine] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            splitter.feed(bytes[start..<end]) { lines.append($0) }
            start = end
        }
        splitter.finish { lines.append($0) }
        return lines
    }

    /// Every way of cutting the input into chunks gives the same lines (a line break, a CRLF pair
    /// or the byte order mark split across two reads included).
    static func expectSameForEveryChunkSize(_ text: [UInt8], _ expected: [TokenLine], limit: Int = 64) {
        for chunk in 1...max(1, text.count) {
            #expect(split(text, limit: limit, chunk: chunk) == expected, "chunk size \(chunk)")
        }
    }

    @Test("LF, CRLF and a lone CR end lines; blanks around tokens and blank lines are dropped")
    func lineEnds() {
        Self.expectSameForEveryChunkSize(
            Array("a.b.c\rd.e.f\r\n\r\n \tg.h.i\t \nj.k.l".utf8),
            [.text("a.b.c"), .text("d.e.f"), .text("g.h.i"), .text("j.k.l")]
        )
        Self.expectSameForEveryChunkSize(Array("\n\r\n \t \r".utf8), [])
        Self.expectSameForEveryChunkSize([], [])
    }

    @Test("a byte order mark is dropped only at the very start of the input")
    func byteOrderMark() {
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        Self.expectSameForEveryChunkSize(mark + Array("a.b.c\n".utf8), [.text("a.b.c")])
        Self.expectSameForEveryChunkSize(mark, [])
        // Later, or incomplete, it is content (and the token is then rejected as malformed).
        let later = Array("a.b.c\n".utf8) + mark + Array("d.e.f".utf8)
        Self.expectSameForEveryChunkSize(later, [.text("a.b.c"), .token(mark + Array("d.e.f".utf8))])
        let partial: [UInt8] = [0xEF, 0xBB] + Array("x".utf8)
        Self.expectSameForEveryChunkSize(partial, [.token(partial)])
        Self.expectSameForEveryChunkSize([0xEF], [.token([0xEF])])
    }

    @Test("lines over the limit keep only their length; the limit counts from the first non-blank byte")
    func longLines() {
        let long = String(repeating: "x", count: 65)
        let exact = String(repeating: "y", count: 64)
        Self.expectSameForEveryChunkSize(
            Array("\(long)\n   \(exact)\n\(exact)  \nz".utf8),
            [.tooLong(byteCount: 65), .text(exact), .tooLong(byteCount: 66), .text("z")],
            limit: 64
        )
    }

    @Test("chunked verification: results in input order across chunks, rejections counted, long lines refused")
    func streaming() throws {
        let valid = BatchVerificationTests.token("streamed")
        let count = BatchVerification.chunkTokenCount * 2 + 7
        var text: [UInt8] = [0xEF, 0xBB, 0xBF]
        for index in 0..<count {
            text += Array((index % 5 == 4 ? "bad-\(index)" : valid).utf8)
            text += Array((index % 2 == 0 ? "\r\n" : "\r").utf8)
        }
        text += Array(String(repeating: "z", count: 70_000).utf8)
        var input = text[...]
        var output: [String] = []
        var writes = 0
        var writeSizes: [Int] = []
        let rejected = BatchVerification.verifyStream(
            read: {
                let piece = Array(input.prefix(100_003))
                input = input.dropFirst(piece.count)
                return piece
            },
            write: {
                output += $0
                writes += 1
                writeSizes.append($0.count)
            },
            lineLimit: 65_536,
            keys: BatchVerificationTests.keys(),
            options: JWTValidationOptions(clock: .fixed(BatchVerificationTests.now)),
            workerCount: 2
        )
        #expect(output.count == count + 1)
        #expect(writes >= 3)
        // Full chunks of exactly chunkTokenCount lines, then the rest (7 tokens and the long line).
        let chunk = BatchVerification.chunkTokenCount
        #expect(writeSizes == [chunk, chunk, 8])
        #expect(rejected == count / 5 + 1)
        for (index, line) in output.prefix(count).enumerated() {
            #expect(line.hasPrefix(index % 5 == 4 ? #"{"valid":false"# : #"{"valid":true"#), "line \(index)")
        }
        #expect(output.last?.hasPrefix(#"{"valid":false,"error":{"code":"token_too_large""#) == true)
    }
}

extension TokenLine {
    /// A token line holding `text`'s UTF-8 bytes.
    static func text(_ text: String) -> TokenLine { .token(Array(text.utf8)) }
}
