import VerifyKit

enum CodecFuzzing {
    static func run(_ bytes: [UInt8]) {
        // Encoders: decode(encode(x)) == x for any bytes.
        if (try? Base64URL.decode(Base64URL.encode(bytes))) != bytes { violated("base64url round trip") }
        if (try? Base64.decode(Base64.encode(bytes))) != bytes { violated("base64 round trip") }
        if (try? Hex.decode(Hex.encode(bytes))) != bytes { violated("hex round trip") }
        // Strict decoders: whatever they accept is exactly what the encoder writes for the result
        // (no padding in base64url, no stray bits, no whitespace; hex in either case).
        if let decoded = try? Base64URL.decode(utf8: bytes), Base64URL.encodeToBytes(decoded) != bytes {
            violated("base64url accepted a non-canonical encoding")
        }
        if let decoded = try? Base64.decode(utf8: bytes), Base64.encodeToBytes(decoded) != bytes {
            violated("base64 accepted a non-canonical encoding")
        }
        if let decoded = try? Hex.decode(utf8: bytes), Array(Hex.encode(decoded).utf8) != bytes.map(lowercased) {
            violated("hex accepted something other than hex digits")
        }
        // Both string entry points read the same characters.
        let text = String(decoding: bytes, as: UTF8.self)
        if Array(text.utf8) == bytes, (try? Base64URL.decode(text)) != (try? Base64URL.decode(utf8: bytes)) {
            violated("base64url string and byte entry points disagree")
        }
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte) ? byte + 32 : byte
    }
}
