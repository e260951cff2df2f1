import CryptoPrimitives
import HexCoding
import Testing
import VerifyKitTestSupport

@Suite("BLAKE2b")
struct BLAKE2bTests {
    struct KnownAnswer: Sendable, CustomTestStringConvertible {
        let input: String
        let outputByteCount: Int
        let digest: String
        var testDescription: String { "BLAKE2b-\(outputByteCount * 8)(\"\(input)\")" }
    }

    static let knownAnswers = [
        // RFC 7693 Appendix A.
        KnownAnswer(
            input: "abc",
            outputByteCount: 64,
            digest: "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"
        ),
        KnownAnswer(
            input: "",
            outputByteCount: 64,
            digest: "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
                + "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce"
        ),
        KnownAnswer(
            input: "",
            outputByteCount: 32,
            digest: "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"
        ),
        KnownAnswer(
            input: "abc",
            outputByteCount: 32,
            digest: "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"
        ),
    ]

    @Test("known answers", arguments: knownAnswers)
    func knownAnswer(_ vector: KnownAnswer) throws {
        let input = Array(vector.input.utf8)
        let expected = SodiumTestSupport.bytes(vector.digest)
        #expect(try BLAKE2b.hash(input, outputByteCount: vector.outputByteCount) == expected)
        #expect(try BLAKE2b.hash(input.lazy.map { $0 }, outputByteCount: vector.outputByteCount) == expected)
        switch vector.outputByteCount {
        case 32:
            #expect(BLAKE2b.hash256(input) == expected)
            #expect(try BLAKE2b.hash(input) == expected)
        case 64: #expect(BLAKE2b.hash512(input) == expected)
        default: Issue.record("no fixed-size function for \(vector.outputByteCount) bytes")
        }
    }

    @Test("BLAKE2b-256 is not BLAKE2b-512 cut to 32 bytes")
    func lengthIsInTheParameterBlock() {
        for input in ["", "abc", "alice@mail.com"] {
            let bytes = Array(input.utf8)
            #expect(BLAKE2b.hash256(bytes) != Array(BLAKE2b.hash512(bytes).prefix(32)), "\(input)")
        }
    }

    @Test("every output length 1...64 gives that many bytes, each a different prefix-free digest")
    func allLengths() throws {
        let input = Array("length".utf8)
        var seen: Set<[UInt8]> = []
        for count in 1...64 {
            let digest = try BLAKE2b.hash(input, outputByteCount: count)
            #expect(digest.count == count)
            seen.insert(digest)
        }
        #expect(seen.count == 64)
    }

    @Test("output lengths outside 1...64 throw invalid_parameter", arguments: [Int.min, -1, 0, 65, 128, Int.max])
    func outOfRange(_ count: Int) {
        #expect(throws: CryptoError.invalidParameter) {
            try BLAKE2b.hash([1, 2, 3], outputByteCount: count)
        }
    }

    @Test("slices hash like their contents, across block boundaries")
    func slices() {
        var generator = SeededGenerator(seed: 42)
        let buffer = generator.bytes(count: 600)
        for (start, end) in [(0, 0), (1, 128), (3, 129), (5, 300), (0, 600)] {
            let slice = buffer[start..<end]
            #expect(BLAKE2b.hash256(slice) == BLAKE2b.hash256(Array(slice)), "\(start)..<\(end)")
        }
    }
}

@Suite("BLAKE2b.Digest256")
struct BLAKE2bDigest256Tests {
    @Test func matchesTheArrayDigestForEveryLength() {
        var generator = SeededGenerator(seed: SeededGenerator.freshSeed())
        for length in 0..<200 {
            let data = generator.bytes(count: length)
            let inline = BLAKE2b.digest256(data)
            #expect(inline.bytes == BLAKE2b.hash256(data), "length \(length)")
            #expect(data.withUnsafeBytes { BLAKE2b.digest256($0) } == inline)
        }
    }

    @Test func equalityAndHashingFollowTheBytes() {
        let a = BLAKE2b.digest256(Array("a".utf8))
        let b = BLAKE2b.digest256(Array("b".utf8))
        #expect(a == BLAKE2b.digest256(Array("a".utf8)))
        #expect(a != b)
        #expect(Set([a, b, a]).count == 2)
        // RFC 7693-style known answer: BLAKE2b-256("abc").
        #expect(
            Hex.encode(BLAKE2b.digest256(Array("abc".utf8)).bytes)
                == "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"
        )
    }
}
