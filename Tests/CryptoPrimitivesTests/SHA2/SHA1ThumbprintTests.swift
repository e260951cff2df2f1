import HexCoding
import Testing

@testable import CryptoPrimitives

/// SHA-1 exists only for a JWK's `x5t` (RFC 7517 §4.8); it is internal and no `Digest`.
@Suite("SHA-1 for certificate thumbprints")
struct SHA1ThumbprintTests {
    @Test("FIPS 180-2 examples: abc, the empty string, and the two-block message")
    func vectors() {
        #expect(
            SHA1.certificateThumbprint(Array("abc".utf8)).map { Hex.encode($0) }
                == "a9993e364706816aba3e25717850c26c9cd0d89d"
        )
        #expect(
            SHA1.certificateThumbprint([UInt8]()).map { Hex.encode($0) } == "da39a3ee5e6b4b0d3255bfef95601890afd80709"
        )
        let twoBlocks = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(
            SHA1.certificateThumbprint(twoBlocks).map { Hex.encode($0) } == "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        )
        #expect(SHA1.certificateThumbprint(Array("abc".utf8))?.count == SHA1.byteCount)
    }

    @Test("no signature hash is SHA-1")
    func notADigest() {
        #expect(Digest.allCases.allSatisfy { $0.byteCount >= 32 })
        #expect(Digest(rawValue: "SHA-1") == nil)
    }
}
