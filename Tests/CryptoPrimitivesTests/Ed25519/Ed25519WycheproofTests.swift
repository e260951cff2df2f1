import CryptoPrimitives
import Testing

@Suite("Ed25519 Wycheproof")
struct Ed25519WycheproofTests {
    struct Group: Decodable, Sendable {
        struct Key: Decodable, Sendable {
            let pk: String
        }
        let publicKey: Key
        let tests: [WycheproofTest]
    }

    @Test(
        "ed25519_test.json: every verdict matches",
        .enabled(if: Wycheproof.isAvailable, Comment(rawValue: Wycheproof.missingReason))
    )
    func wycheproof() throws {
        try Wycheproof.run("ed25519_test.json", groups: Group.self, tests: \.tests) { group, test in
            let key = try Ed25519.PublicKey(rawRepresentation: SodiumTestSupport.bytes(group.publicKey.pk))
            let message = SodiumTestSupport.bytes(test.msg)
            let signature = SodiumTestSupport.bytes(test.sig ?? "")
            let viaCollections = key.isValidSignature(signature, for: message)
            let viaPointers = signature.withUnsafeBytes { sig in
                message.withUnsafeBytes { key.isValidSignature(sig, for: $0) }
            }
            #expect(viaCollections == viaPointers, "tcId \(test.tcId): the two verify paths disagree")
            return viaCollections && viaPointers
        }
    }
}
