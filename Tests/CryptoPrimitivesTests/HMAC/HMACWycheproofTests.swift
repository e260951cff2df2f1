import CryptoPrimitives
import HexCoding
import Testing

/// A Wycheproof MAC group: key and tag sizes in bits.
struct MACGroup: Decodable, Sendable {
    let keySize: Int
    let tagSize: Int
    let tests: [WycheproofTest]
}

@Suite("HMAC Wycheproof")
struct HMACWycheproofTests {
    static let files: [(String, Digest)] = [
        ("hmac_sha256_test.json", .sha256),
        ("hmac_sha384_test.json", .sha384),
        ("hmac_sha512_test.json", .sha512),
    ]

    @Test(
        "MAC vectors",
        .enabled(if: Wycheproof.isAvailable, Comment(rawValue: Wycheproof.missingReason)),
        arguments: files
    )
    func mac(file: String, digest: Digest) throws {
        try Wycheproof.run(file, groups: MACGroup.self, tests: \.tests) { group, test in
            let key = HMACKey(try Hex.decode(test.key ?? ""))
            let message = try Hex.decode(test.msg)
            let tag = try Hex.decode(test.tag ?? "")
            let tagBytes = group.tagSize / 8
            guard tag.count == tagBytes else { return false }
            let full = key.authenticationCode(for: message, digest: digest)
            #expect(full.count == digest.byteCount)
            if tagBytes == digest.byteCount {
                let verdict = key.isValidAuthenticationCode(tag, for: message, digest: digest)
                #expect(verdict == (full == tag), "tcId \(test.tcId): verifier and recomputation disagree")
                return verdict
            }
            // Truncated tags are checked by prefix here, and must never pass the full verifier.
            #expect(!key.isValidAuthenticationCode(tag, for: message, digest: digest), "tcId \(test.tcId)")
            return Array(full.prefix(tagBytes)) == tag
        }
    }
}
