import CryptoPrimitives
import Testing
import VerifyKitTestSupport

@Suite("Ed25519 keys, signing and verification")
struct Ed25519Tests {
    /// RFC 8032 §7.1 TEST 2, reused as a fixed key.
    static let seed = SodiumTestSupport.bytes("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")
    static let publicKeyBytes = SodiumTestSupport.bytes(
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"
    )

    @Test("seeded random round trips through both verify overloads and non-contiguous input")
    func randomRoundTrips() throws {
        let seed = UInt64.random(in: .min ... .max)
        var generator = SeededGenerator(seed: seed)
        for round in 0..<64 {
            let key = try Ed25519.PrivateKey(seed: generator.bytes(count: 32))
            let message = generator.bytes(count: Int.random(in: 0...300, using: &generator))
            let signature = key.signature(for: message)
            let context = Comment(rawValue: "seed \(seed), round \(round)")
            #expect(signature.count == 64, context)
            #expect(key.publicKey.isValidSignature(signature, for: message), context)
            // Lazy maps are not contiguous, so this exercises the copying path.
            #expect(key.publicKey.isValidSignature(signature.lazy.map { $0 }, for: message.lazy.map { $0 }), context)
            let fast = signature.withUnsafeBytes { sig in
                message.withUnsafeBytes { key.publicKey.isValidSignature(sig, for: $0) }
            }
            #expect(fast, context)
            // Signing is deterministic and does not depend on the input's collection type.
            #expect(key.signature(for: message.lazy.map { $0 }) == signature, context)
        }
    }

    @Test("every single-bit flip of the signature is rejected")
    func signatureBitFlips() throws {
        let key = try Ed25519.PrivateKey(seed: Self.seed)
        let message = Array("tamper me".utf8)
        let signature = key.signature(for: message)
        var accepted = 0
        for bit in 0..<(signature.count * 8) {
            var tampered = signature
            tampered[bit / 8] ^= 1 << UInt8(bit % 8)
            if key.publicKey.isValidSignature(tampered, for: message) { accepted += 1 }
        }
        #expect(accepted == 0)
    }

    @Test("a changed, truncated or extended message is rejected")
    func messageTampering() throws {
        let key = try Ed25519.PrivateKey(seed: Self.seed)
        let message = Array("alice@mail.com".utf8)
        let signature = key.signature(for: message)
        for index in message.indices {
            var tampered = message
            tampered[index] ^= 0x20
            #expect(!key.publicKey.isValidSignature(signature, for: tampered), "byte \(index)")
        }
        #expect(!key.publicKey.isValidSignature(signature, for: message.dropLast()))
        #expect(!key.publicKey.isValidSignature(signature, for: message + [0]))
        #expect(!key.publicKey.isValidSignature(signature, for: []))
    }

    @Test("a signature from another key is rejected")
    func wrongKey() throws {
        let message = Array("hello".utf8)
        let signature = Ed25519.PrivateKey().signature(for: message)
        #expect(!Ed25519.PrivateKey().publicKey.isValidSignature(signature, for: message))
    }

    @Test("wrong signature lengths return false on both paths", arguments: [0, 1, 32, 63, 65, 128])
    func wrongSignatureLength(_ length: Int) throws {
        let key = try Ed25519.PrivateKey(seed: Self.seed)
        let message = Array("m".utf8)
        let valid = key.signature(for: message)
        let signature = Array((valid + valid).prefix(length))
        #expect(!key.publicKey.isValidSignature(signature, for: message))
        let fast = signature.withUnsafeBytes { sig in
            message.withUnsafeBytes { key.publicKey.isValidSignature(sig, for: $0) }
        }
        #expect(!fast)
    }

    @Test("the raw-pointer path accepts an empty message and a null signature buffer")
    func emptyBuffers() throws {
        let key = try Ed25519.PrivateKey(seed: Self.seed)
        let signature = key.signature(for: [UInt8]())
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        #expect(signature.withUnsafeBytes { key.publicKey.isValidSignature($0, for: empty) })
        #expect(!key.publicKey.isValidSignature(empty, for: empty))
    }

    @Test("signing and verifying slices with a non-zero start index")
    func slices() throws {
        let framedSeed = [0xFF] + Self.seed + [0xFF]
        let key = try Ed25519.PrivateKey(seed: framedSeed[1...32])
        #expect(key.seed == Self.seed)
        let buffer = Array("xxpayloadxx".utf8)
        let message = buffer[2..<9]
        let signature = key.signature(for: message)
        #expect(signature == key.signature(for: Array("payload".utf8)))
        let framed = [0xAA] + signature + [0xBB]
        #expect(key.publicKey.isValidSignature(framed[1...64], for: message))
    }

    @Test("public keys: exactly 32 bytes", arguments: [0, 31, 33, 64])
    func publicKeyLength(_ length: Int) {
        #expect(throws: CryptoError.invalidKey) {
            try Ed25519.PublicKey(rawRepresentation: [UInt8](repeating: 9, count: length))
        }
    }

    @Test("private keys: the seed must be exactly 32 bytes", arguments: [0, 31, 33, 64])
    func seedLength(_ length: Int) {
        #expect(throws: CryptoError.invalidKey) {
            try Ed25519.PrivateKey(seed: [UInt8](repeating: 9, count: length))
        }
    }

    @Test("private keys: seed ‖ public must be exactly 64 bytes", arguments: [0, 32, 63, 65])
    func rawLength(_ length: Int) {
        #expect(throws: CryptoError.invalidKey) {
            try Ed25519.PrivateKey(rawRepresentation: [UInt8](repeating: 9, count: length))
        }
    }

    @Test("seed ‖ public round-trips and a mismatched public half is refused")
    func seedAndPublic() throws {
        let key = try Ed25519.PrivateKey(rawRepresentation: Self.seed + Self.publicKeyBytes)
        #expect(key.seed == Self.seed)
        #expect(key.publicKey.rawRepresentation == Self.publicKeyBytes)
        #expect(key.rawRepresentation == Self.seed + Self.publicKeyBytes)

        for index in [0, 17, 31] {
            var wrongPublic = Self.publicKeyBytes
            wrongPublic[index] ^= 1
            #expect(throws: CryptoError.invalidKey) {
                try Ed25519.PrivateKey(rawRepresentation: Self.seed + wrongPublic)
            }
        }
        let otherPublic = Ed25519.PrivateKey().publicKey.rawRepresentation
        #expect(throws: CryptoError.invalidKey) {
            try Ed25519.PrivateKey(rawRepresentation: Self.seed + otherPublic)
        }
    }

    @Test("fresh keys differ and work")
    func randomKeys() {
        let first = Ed25519.PrivateKey()
        let second = Ed25519.PrivateKey()
        #expect(first.seed != second.seed)
        #expect(first.publicKey != second.publicKey)
        #expect(!first.publicKey.isWeak)
        let message = Array("fresh".utf8)
        #expect(first.publicKey.isValidSignature(first.signature(for: message), for: message))
    }

    @Test("descriptions never show the seed")
    func redaction() throws {
        let key = try Ed25519.PrivateKey(seed: Self.seed)
        let seedHex = SodiumTestSupport.hex(Self.seed)
        for text in [key.description, key.debugDescription, String(describing: key), String(reflecting: key)] {
            #expect(!text.lowercased().contains(seedHex))
            #expect(!text.contains("\(Self.seed)"))
        }
        #expect(key.description == "Ed25519.PrivateKey(<redacted>)")
    }

    @Test("keys are usable from many threads at once")
    func concurrency() async throws {
        let key = try Ed25519.PrivateKey(seed: Self.seed)
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<32 {
                group.addTask {
                    let message = Array("message \(index)".utf8)
                    return key.publicKey.isValidSignature(key.signature(for: message), for: message)
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 32)
        #expect(results.allSatisfy { $0 })
    }
}
