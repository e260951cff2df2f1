import Foundation
import StrictJSON
import Testing
import VerifyKitTestSupport

/// The tape parser behind ``JSONParser`` against the tree parser it replaced
/// (`ReferenceParser.swift`): every input must get the same value, or the same error code,
/// offset and detail.
@Suite("Tape parser vs reference parser")
struct TapeDifferentialTests {
    static func check(_ bytes: [UInt8], maxDepth: Int = 32, context: @autoclosure () -> String) {
        let expected = referenceParse(bytes, maxDepth: maxDepth)
        let actual = Result { () throws(JSONError) in try JSONParser(options: .init(maxDepth: maxDepth)).parse(bytes) }
        switch (expected, actual) {
        case (.success(let old), .success(let new)):
            #expect(old == new, "\(context())")
            // Order-insensitive equality could hide a reordering: compare the serialized text too.
            #expect(old.serialized() == new.serialized(), "\(context())")
        case (.failure(let old), .failure(let new)):
            #expect(old.code == new.code, "\(context()): \(old) vs \(new)")
            #expect(old.offset == new.offset, "\(context()): \(old) vs \(new)")
            #expect(old.detail == new.detail, "\(context()): \(old) vs \(new)")
        default:
            Issue.record("\(context()): reference \(expected), tape \(actual)")
        }
    }

    static let corpus: [String] = [
        #"{"alg":"EdDSA","typ":"JWT","kid":"key-1"}"#,
        #"{"iss":"https://issuer.example","sub":"1234567890","aud":["a","b"],"exp":1700000000,"nbf":1699990000.5,"iat":1699990000,"jti":"x\"y\\z","scope":"read write","admin":false,"extra":null}"#,
        #"[0,-0,1.5e-3,-2E+10,123456789012345678901234567890,true,false,null,"",[],{}]"#,
        #"{"s":"\u00e9\ud83d\ude00\/\b\f\n\r\t","u":"é€😀","n":{"a":{"b":{"c":[[[1]]]}}}}"#,
        #"{"a":1,"\u0061":2}"#,
        #"{"é":1,"e\u0301":2}"#,
        #"{"K":1,"\u212a":2}"#,
        #"{"Kelvin\u212a":1,"KelvinK":2}"#,
        #"{"a":{"a":{"a":1},"b":[{"a":1,"a":2}]}}"#,
        #"{"0":0,"1":1,"2":2,"3":3,"4":4,"5":5,"6":6,"7":7,"8":8,"9":9,"10":10,"11":11,"12":12,"13":13,"14":14,"15":15,"16":16,"17":17,"3":18}"#,
        #"{"0":0,"1":1,"2":2,"3":3,"4":4,"5":5,"6":6,"7":7,"8":8,"9":9,"10":10,"11":11,"12":12,"13":13,"14":14,"15":15,"16":16,"17":{"x":1,"x":2}}"#,
        #"  {"keys":[{"kid":"1","use":"sig"},{"kid":"2","key_ops":["verify"]}]}  "#,
        #""just a string""#,
        "[[[[[[[[[[1]]]]]]]]]]",
    ]

    private static let interesting: [UInt8] =
        Array(#"{}[],:"\/-+.0123456789eEtfnuK "#.utf8) + [
            0x00, 0x0A, 0x7F, 0x80, 0xBF, 0xC0, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF,
        ]

    @Test func corpusDocuments() {
        for (index, text) in Self.corpus.enumerated() {
            for depth in [0, 1, 3, 32] {
                Self.check(Array(text.utf8), maxDepth: depth, context: "corpus \(index) depth \(depth)")
            }
        }
    }

    @Test(arguments: [11, 0xD1FF, UInt64.random(in: 0...UInt64.max)])
    func mutatedDocuments(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        for iteration in 0..<4000 {
            var bytes = Array(Self.corpus.randomElement(using: &generator)!.utf8)
            for _ in 0...Int.random(in: 0...3, using: &generator) {
                let index = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
                let byte =
                    Bool.random(using: &generator)
                    ? Self.interesting.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
                switch Int.random(in: 0..<5, using: &generator) {
                case 0 where !bytes.isEmpty: bytes[index] = byte
                case 1: bytes.insert(byte, at: index)
                case 2 where !bytes.isEmpty: bytes.remove(at: index)
                case 3 where !bytes.isEmpty:
                    let end = min(bytes.count, index + Int.random(in: 1...12, using: &generator))
                    bytes.insert(contentsOf: bytes[index..<end], at: Int.random(in: 0...bytes.count, using: &generator))
                default:
                    let other = Self.corpus.randomElement(using: &generator)!.utf8
                    bytes.insert(
                        contentsOf: other.prefix(Int.random(in: 0...other.count, using: &generator)),
                        at: index
                    )
                }
            }
            let depth = Int.random(in: 0...6, using: &generator)
            Self.check(
                bytes,
                maxDepth: depth,
                context: "seed \(seed) iteration \(iteration) depth \(depth) bytes \(bytes)"
            )
        }
    }

    @Test(arguments: [5, UInt64.random(in: 0...UInt64.max)])
    func randomTrees(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        for iteration in 0..<500 {
            let bytes = RandomJSON.value(depth: 0, using: &generator).serialized()
            Self.check(bytes, context: "seed \(seed) iteration \(iteration)")
        }
    }

    @Test func largeDocumentGrowsTheTape() {
        // More entries than the initial temporary tape holds: the heap growth path.
        let elements = (0..<5000).map { "{\"k\($0 % 7)\":[\($0),\"v\"]}" }.joined(separator: ",")
        Self.check(Array("[\(elements)]".utf8), context: "large array")
        let members = (0..<3000).map { "\"m\($0)\":\($0)" }.joined(separator: ",")
        Self.check(Array("{\(members)}".utf8), context: "large object")
        Self.check(Array("{\(members),\"m2999\":1}".utf8), context: "large object, duplicate at the end")
    }
}

extension TapeDifferentialTests {
    /// Real documents of every size: the repository's vector files.
    @Test func vectorFiles() throws {
        let directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TestVectors")
        let files = try FileManager.default.subpathsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }
        #expect(files.count >= 5)
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(file)))
            Self.check(bytes, context: file)
        }
    }
}

extension TapeDifferentialTests {
    /// Byte sequences at and around every boundary of Unicode Table 3-7, inside a string, as a
    /// member name and cut off at the end of input. The reference decides validity with the
    /// standard library's decoder, so this compares the tape's own table against an independent one.
    @Test func multibyteSequencesAgainstTheStandardLibrary() {
        // Every byte that starts or ends a range of the table, and one on each side.
        let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF]
        var sequences: [[UInt8]] = (0x80...0xFF).map { [UInt8($0)] }
        for lead in 0xC0...0xFF {
            for second in 0...0xFF { sequences.append([UInt8(lead), UInt8(second)]) }
            guard lead >= 0xE0 else { continue }
            for second in edges {
                for third in edges {
                    sequences.append([UInt8(lead), second, third])
                    guard lead >= 0xF0 else { continue }
                    for fourth in edges { sequences.append([UInt8(lead), second, third, fourth]) }
                }
            }
        }
        #expect(sequences.count == 128 + 64 * 256 + 32 * 11 * 11 + 16 * 11 * 11 * 11)
        let quote = UInt8(ascii: "\"")
        for sequence in sequences {
            Self.check([quote] + sequence + [quote], context: "string \(sequence)")
            Self.check([quote] + sequence, context: "unterminated string \(sequence)")
            Self.check(Array(#"{""#.utf8) + sequence + Array(#"":1}"#.utf8), context: "member name \(sequence)")
        }
    }
}
