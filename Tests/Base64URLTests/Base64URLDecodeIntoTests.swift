import Base64URL
import Testing
import VerifyKitTestSupport

@Suite("base64url decode(_:into:)")
struct Base64URLDecodeIntoTests {
    @Test func exactBuffersForEveryLength() throws {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        for length in 0...300 {
            let bytes = generator.bytes(count: length)
            let text = Base64URL.encodeToBytes(bytes)
            #expect(try Base64URL.decodedLength(forEncodedLength: text.count) == length, "seed \(seed)")
            #expect(try decodeIntoExactBuffer(text) == bytes, "seed \(seed), length \(length)")
        }
    }

    @Test func smallerBufferIsAnErrorNotAnOverrun() throws {
        for length in 1...20 {
            let text = Base64URL.encodeToBytes([UInt8](repeating: 0xA5, count: length))
            // One spare byte past the end of the visible buffer must stay untouched.
            var storage = [UInt8](repeating: 0x5A, count: length)
            text.withUnsafeBufferPointer { input in
                storage.withUnsafeMutableBufferPointer { storage in
                    let output = UnsafeMutableBufferPointer(rebasing: storage[..<(length - 1)])
                    #expect(throws: Base64DecodingError(code: .outputTooSmall, offset: 0)) {
                        try Base64URL.decode(input, into: output)
                    }
                }
            }
            #expect(storage.last == 0x5A)
        }
    }

    @Test func largerBufferWritesOnlyTheDecodedBytes() throws {
        let text = Array("Zm9vYmE".utf8)
        var output = [UInt8](repeating: 0xEE, count: 8)
        let written = try text.withUnsafeBufferPointer { input in
            try output.withUnsafeMutableBufferPointer { try Base64URL.decode(input, into: $0) }
        }
        #expect(written == 5)
        #expect(output == Array("fooba".utf8) + [0xEE, 0xEE, 0xEE])
    }

    @Test func emptyInputNeedsNoMemory() throws {
        let written = try Base64URL.decode(
            UnsafeBufferPointer(start: nil, count: 0),
            into: UnsafeMutableBufferPointer(start: nil, count: 0)
        )
        #expect(written == 0)
    }

    @Test func impossibleLengthIsCheckedBeforeTheBuffer() {
        let text = Array("Zm9vY".utf8)
        #expect(throws: Base64DecodingError(code: .invalidLength, offset: 5)) {
            try text.withUnsafeBufferPointer { input in
                try Base64URL.decode(input, into: UnsafeMutableBufferPointer(start: nil, count: 0))
            }
        }
    }
}
