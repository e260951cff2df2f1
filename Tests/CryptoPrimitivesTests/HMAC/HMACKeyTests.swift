import CryptoPrimitives
import HexCoding
import Testing
import VerifyKitTestSupport

@Suite("HMAC keys")
struct HMACKeyTests {
    /// RFC 4231 test cases 1, 2 and 6 (131-byte key, longer than the block), plus the empty key
    /// and message (value from the HMAC definition; no RFC lists it).
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let key: [UInt8]
        let message: [UInt8]
        let tags: [Digest: String]
        var testDescription: String { name }
    }

    static let vectors: [Vector] = [
        Vector(
            name: "RFC 4231 case 1",
            key: [UInt8](repeating: 0x0B, count: 20),
            message: Array("Hi There".utf8),
            tags: [
                .sha256: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                .sha384:
                    "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6",
                .sha512:
                    "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4"
                    + "be9d914eeb61f1702e696c203a126854",
            ]
        ),
        Vector(
            name: "RFC 4231 case 2",
            key: Array("Jefe".utf8),
            message: Array("what do ya want for nothing?".utf8),
            tags: [
                .sha256: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                .sha384:
                    "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
                .sha512:
                    "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fd"
                    + "caeab1a34d4a6b4b636e070a38bce737",
            ]
        ),
        Vector(
            name: "RFC 4231 case 6",
            key: [UInt8](repeating: 0xAA, count: 131),
            message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
            tags: [
                .sha256: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                .sha384:
                    "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952",
                .sha512:
                    "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e52"
                    + "95e64f73f63f0aec8b915a985d786598",
            ]
        ),
        Vector(
            name: "empty key and message",
            key: [],
            message: [],
            tags: [
                .sha256: "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad",
                .sha384:
                    "6c1f2ee938fad2e24bd91298474382ca218c75db3d83e114b3d4367776d14d3551289e75e8209cd4b792302840234adc",
                .sha512:
                    "b936cee86c9f87aa5d3c6f2e84cb5a4239a5fe50480a6ec66b70ab5b1f4ac6730c6c515421b327ec1d69402e53dfb4"
                    + "9ad7381eb067b338fd7b0cb22247225d47",
            ]
        ),
    ]

    @Test("known answers; verification accepts exactly the full tag", arguments: vectors)
    func knownAnswers(vector: Vector) throws {
        let key = HMACKey(vector.key)
        #expect(key.byteCount == vector.key.count)
        #expect(key.rawRepresentation == vector.key)
        for digest in Digest.allCases {
            let expected = try Hex.decode(try #require(vector.tags[digest]))
            #expect(key.authenticationCode(for: vector.message, digest: digest) == expected)
            #expect(key.authenticationCode(for: vector.message.lazy.map { $0 }, digest: digest) == expected)
            #expect(key.isValidAuthenticationCode(expected, for: vector.message, digest: digest))
            let viaBuffers = expected.withUnsafeBytes { tag in
                vector.message.withUnsafeBytes { key.isValidAuthenticationCode(tag, for: $0, digest: digest) }
            }
            #expect(viaBuffers)
            // Truncated, extended, flipped, and other-digest tags all fail.
            #expect(!key.isValidAuthenticationCode(expected.prefix(16), for: vector.message, digest: digest))
            #expect(!key.isValidAuthenticationCode(expected.dropLast(), for: vector.message, digest: digest))
            #expect(!key.isValidAuthenticationCode(expected + [0], for: vector.message, digest: digest))
            #expect(!key.isValidAuthenticationCode([], for: vector.message, digest: digest))
            for index in [0, expected.count - 1] {
                var flipped = expected
                flipped[index] ^= 0x80
                #expect(!key.isValidAuthenticationCode(flipped, for: vector.message, digest: digest))
            }
            #expect(!key.isValidAuthenticationCode(expected, for: vector.message + [0], digest: digest))
            for other in Digest.allCases where other != digest {
                #expect(!key.isValidAuthenticationCode(expected, for: vector.message, digest: other))
            }
        }
    }

    @Test("random keys have the requested length and differ")
    func randomKeys() {
        let first = HMACKey(randomByteCount: 64)
        let second = HMACKey(randomByteCount: 64)
        #expect(first.byteCount == 64 && second.byteCount == 64)
        #expect(first.rawRepresentation != second.rawRepresentation)
        #expect(HMACKey(randomByteCount: 0).byteCount == 0)
        #expect(HMACKey(randomByteCount: -5).byteCount == 0)
    }

    @Test("tags are the same from many threads at once")
    func concurrent() async {
        let key = HMACKey(randomByteCount: 32)
        let message = Array("concurrent".utf8)
        let expected = key.authenticationCode(for: message, digest: .sha256)
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<64 {
                group.addTask {
                    key.authenticationCode(for: message, digest: .sha256) == expected
                        && key.isValidAuthenticationCode(expected, for: message, digest: .sha256)
                }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 64 && results.allSatisfy { $0 })
    }

    /// Each key keeps finished contexts and restarts them for the next tag; a restart that kept any
    /// state of the previous message (or a library whose restart is a no-op) would change the tags.
    @Test("a key's reused contexts give the tags a fresh key gives, across lengths and digests")
    func reusedContextsMatchFreshKeys() {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        let secret = generator.bytes(count: 48)
        let reused = HMACKey(secret)
        var checked = 0
        for round in 0..<300 {
            let length = [0, 1, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 1000][round % 13] + round / 13
            let message = generator.bytes(count: length)
            let digest = Digest.allCases[round % Digest.allCases.count]
            // A new key's first tag comes from its template, never from a restarted context.
            let expected = HMACKey(secret).authenticationCode(for: message, digest: digest)
            #expect(reused.authenticationCode(for: message, digest: digest) == expected, "round \(round), seed \(seed)")
            #expect(
                reused.isValidAuthenticationCode(expected, for: message, digest: digest),
                "round \(round), seed \(seed)"
            )
            // A failed check leaves the context as usable as a passed one.
            #expect(!reused.isValidAuthenticationCode(expected, for: message + [1], digest: digest))
            checked += 1
        }
        #expect(checked == 300)
    }

    @Test("many threads sharing one key's spare contexts get every tag right")
    func concurrentReuse() async {
        let key = HMACKey(randomByteCount: 32)
        let messages = (0..<64).map { index in
            Array("message \(index) ".utf8) + [UInt8](repeating: 0x61, count: index * 3)
        }
        let expected = messages.map { message in
            Digest.allCases.map { HMACKey(key.rawRepresentation).authenticationCode(for: message, digest: $0) }
        }
        let wrong = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var wrong = 0
                    for round in 0..<1500 {
                        let index = (round &* 7 &+ task) % messages.count
                        let digestIndex = (round + task) % Digest.allCases.count
                        let digest = Digest.allCases[digestIndex]
                        let tag = expected[index][digestIndex]
                        if key.authenticationCode(for: messages[index], digest: digest) != tag { wrong += 1 }
                        if !key.isValidAuthenticationCode(tag, for: messages[index], digest: digest) { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
    }
}
