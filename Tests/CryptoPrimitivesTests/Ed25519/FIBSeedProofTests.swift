import CryptoPrimitives
import Testing

/// The e-mail proof from the FIB "Authorizing an account" document: Ed25519 over BLAKE2b-256(UTF-8(email)).
@Suite("FIB seed e-mail proof (Ed25519 over BLAKE2b-256)")
struct FIBSeedProofTests {
    static let email = Array("alice@mail.com".utf8)
    static let publicKey = SodiumTestSupport.bytes(
        "8a53d297bc406c63396967388ecc2ebc8abd701d195a43bbb4751ac5a86eac1b"
    )
    static let signature = SodiumTestSupport.bytes(
        "0b458f758eeca3d7a2a64de0648c9b7dccaee146202257cd8ebaeb4690aa48b4"
            + "64108111d8cf0e7f3b0ace1b51dcda89e76d372233514f324e00d64c6b899c0e"
    )

    @Test("the digest of alice@mail.com ends in an odd byte, so plain and Iroha digests coincide")
    func digestVariantsCoincide() {
        let digest = BLAKE2b.hash256(Self.email)
        #expect(SodiumTestSupport.hex(digest) == "6cb5c76e6c0ca11dcffb9224a3a5d9c01508ad73ba4eef222f768b8009e7ccad")
        #expect(digest[31] & 1 == 1)
        var irohaDigest = digest
        irohaDigest[31] |= 1
        #expect(irohaDigest == digest)
    }

    @Test("verifies over BLAKE2b-256(email) and over nothing else")
    func verifies() throws {
        let key = try Ed25519.PublicKey(rawRepresentation: Self.publicKey)
        #expect(!key.isWeak)
        #expect(key.isValidSignature(Self.signature, for: BLAKE2b.hash256(Self.email)))
        #expect(!key.isValidSignature(Self.signature, for: Self.email))
        #expect(!key.isValidSignature(Self.signature, for: BLAKE2b.hash512(Self.email)))
        #expect(!key.isValidSignature(Self.signature, for: BLAKE2b.hash512(Self.email).prefix(32)))
        #expect(!key.isValidSignature(Self.signature, for: BLAKE2b.hash256(Array("Alice@mail.com".utf8))))
    }
}
