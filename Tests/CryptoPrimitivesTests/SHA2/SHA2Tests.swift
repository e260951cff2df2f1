import CryptoPrimitives
import HexCoding
import Testing

@Suite("SHA-2")
struct SHA2Tests {
    /// FIPS 180-2 appendix examples: "abc", the empty string, and one million "a".
    static let vectors: [(String, [UInt8], Digest, String)] = [
        ("abc", Array("abc".utf8), .sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abc", Array("abc".utf8), .sha384,
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"
        ),
        (
            "abc", Array("abc".utf8), .sha512,
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
                + "454d4423643ce80e2a9ac94fa54ca49f"
        ),
        ("empty", [], .sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (
            "empty", [], .sha384,
            "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b"
        ),
        (
            "empty", [], .sha512,
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f"
                + "63b931bd47417a81a538327af927da3e"
        ),
        (
            "million a", [UInt8](repeating: 0x61, count: 1_000_000), .sha256,
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        ),
        (
            "million a", [UInt8](repeating: 0x61, count: 1_000_000), .sha512,
            "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31b"
                + "eb009c5c2c49aa2e4eadb217ad8cc09b"
        ),
    ]

    @Test("FIPS 180 known answers", arguments: vectors)
    func knownAnswers(name: String, message: [UInt8], digest: Digest, expected: String) throws {
        let hash = SHA2.hash(message, digest: digest)
        #expect(hash.count == digest.byteCount)
        #expect(hash == (try Hex.decode(expected)), "\(name)")
        // A slice and a non-contiguous view of the same bytes hash the same.
        #expect(SHA2.hash(([0] + message)[1...], digest: digest) == hash)
        #expect(SHA2.hash(message.lazy.map { $0 }, digest: digest) == hash)
    }
}
