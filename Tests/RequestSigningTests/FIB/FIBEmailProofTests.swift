import CryptoPrimitives
import HexCoding
import RequestSigning
import Testing
import VerifyKitTestSupport

@Suite("FIB e-mail proofs")
struct FIBEmailProofTests {
    static let seedEmail = "alice@mail.com"
    static let seedPublicKey = "8a53d297bc406c63396967388ecc2ebc8abd701d195a43bbb4751ac5a86eac1b"
    static let seedSignature =
        "0b458f758eeca3d7a2a64de0648c9b7dccaee146202257cd8ebaeb4690aa48b464108111d8cf0e7f3b0ace1b51dcda89e76d372233514f324e00d64c6b899c0e"

    @Test("the document's example verifies in every digest mode, and not over the raw e-mail")
    func seedExample() throws {
        let key = try FIB.AuthorizationPublicKey(hex: Self.seedPublicKey)
        let signature = try FIB.EmailSignature(hex: Self.seedSignature)
        #expect(key.isValidSignature(signature, forEmail: Self.seedEmail))
        #expect(key.isValidSignature(signature, forEmail: Self.seedEmail, accepting: .only(.plain)))
        #expect(key.isValidSignature(signature, forEmail: Self.seedEmail, accepting: .only(.iroha)))
        #expect(key.matchingDigest(of: signature, forEmail: Self.seedEmail) == .plain)
        // The raw e-mail bytes as the signed message: must not verify.
        #expect(!key.ed25519.isValidSignature(signature.rawRepresentation, for: Array(Self.seedEmail.utf8)))
        // No case folding or trimming.
        for other in ["Alice@mail.com", "alice@mail.com ", " alice@mail.com", "alice@mail.co"] {
            #expect(!key.isValidSignature(signature, forEmail: other), "\(other)")
        }
        let request = FIB.SessionRequest(
            email: Self.seedEmail,
            signature: Self.seedSignature,
            authPublicKeyHex: Self.seedPublicKey
        )
        #expect(try request.selfConsistentDigest() == .plain)
        #expect(try request.isSelfConsistent(accepting: .only(.iroha)))
    }

    static let computed: [FIBProofVector] = {
        (try? TestVectorFiles.load("fib/email_proofs.json", as: FIBProofVector.self).vectors) ?? []
    }()
    static let seed: [FIBProofVector] = {
        (try? TestVectorFiles.load("fib/seed_email_proof.json", as: FIBProofVector.self).vectors) ?? []
    }()

    @Test("vector files load with the expected counts")
    func vectorCounts() throws {
        #expect(try TestVectorFiles.load("fib/email_proofs.json", as: FIBProofVector.self).vectors.count == 16)
        #expect(try TestVectorFiles.load("fib/seed_email_proof.json", as: FIBProofVector.self).vectors.count == 1)
        #expect(Self.computed.filter { $0.results.plain != $0.results.iroha }.count >= 8)
    }

    @Test("vectors: digest, verification in each mode, and byte-exact signing", arguments: computed + seed)
    func vector(_ vector: FIBProofVector) throws {
        #expect(Hex.encode(FIB.EmailDigest.plain.digest(ofEmail: vector.email)) == vector.blake2b256)
        let key = try FIB.AuthorizationPublicKey(hex: vector.publicKey)
        let signature = try FIB.EmailSignature(hex: vector.signature)
        #expect(
            key.isValidSignature(signature, forEmail: vector.email, accepting: .only(.plain)) == vector.results.plain
        )
        #expect(
            key.isValidSignature(signature, forEmail: vector.email, accepting: .only(.iroha)) == vector.results.iroha
        )
        #expect(key.isValidSignature(signature, forEmail: vector.email, accepting: .either) == vector.results.either)
        #expect(
            key.isValidSignature(signature, forEmailBytes: Array(vector.email.utf8), accepting: .either)
                == vector.results.either
        )

        guard let privateKeyHex = vector.privateKey else { return }
        let privateKey = try FIB.AuthorizationPrivateKey(hex: privateKeyHex)
        #expect(privateKey.publicKey == key)
        if let digest = FIB.EmailDigest(rawValue: vector.digest) {
            #expect(privateKey.signEmail(vector.email, digest: digest).hex == vector.signature)
            let request = privateKey.sessionRequest(email: vector.email, digest: digest)
            #expect(request.signature == vector.signature)
            #expect(request.authPublicKeyHex == vector.publicKey)
            #expect(
                try request.selfConsistentDigest(accepting: .either)
                    == key.matchingDigest(of: signature, forEmail: vector.email)
            )
        }
    }

    @Test("plain and Iroha digests differ exactly when the plain digest ends in an even byte")
    func digestVariants() {
        var differing = 0
        for index in 0..<200 {
            let email = "user\(index)@example.com"
            let plain = FIB.EmailDigest.plain.digest(ofEmail: email)
            let iroha = FIB.EmailDigest.iroha.digest(ofEmail: email)
            #expect(iroha[..<31] == plain[..<31])
            #expect(iroha[31] == plain[31] | 1)
            #expect((plain != iroha) == (plain[31] & 1 == 0))
            if plain != iroha { differing += 1 }
        }
        // About half of all e-mails: a wide band so this cannot flake, but it fails if the variants coincide.
        #expect((60...140).contains(differing))
    }

    @Test("seeded random round trips: sign with a variant, verify with matching and mismatching settings")
    func randomRoundTrips() throws {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        for round in 0..<40 {
            let key = try FIB.AuthorizationPrivateKey(hex: Hex.encode((0..<32).map { _ in generator.next() as UInt8 }))
            let email = "u\(generator.next() % 100_000)@example.org"
            let context = Comment(rawValue: "seed \(seed), round \(round), \(email)")
            for digest in FIB.EmailDigest.allCases {
                let signature = key.signEmail(email, digest: digest)
                let variantsCoincide = FIB.EmailDigest.plain.digest(ofEmail: email).last! & 1 == 1
                #expect(key.publicKey.isValidSignature(signature, forEmail: email), context)
                #expect(key.publicKey.isValidSignature(signature, forEmail: email, accepting: .only(digest)), context)
                let other: FIB.EmailDigest = digest == .plain ? .iroha : .plain
                #expect(
                    key.publicKey.isValidSignature(signature, forEmail: email, accepting: .only(other))
                        == variantsCoincide,
                    context
                )
                #expect(!key.publicKey.isValidSignature(signature, forEmail: email + "x"), context)
            }
        }
    }

    @Test("accepted-digest settings parse from the CLI's words")
    func acceptedDigestsParsing() {
        #expect(FIB.AcceptedEmailDigests(rawValue: "either") == .either)
        #expect(FIB.AcceptedEmailDigests(rawValue: "plain") == .only(.plain))
        #expect(FIB.AcceptedEmailDigests(rawValue: "iroha") == .only(.iroha))
        #expect(FIB.AcceptedEmailDigests(rawValue: "Plain") == nil)
        #expect(FIB.AcceptedEmailDigests(rawValue: "") == nil)
        #expect(FIB.AcceptedEmailDigests.either.digests == [.plain, .iroha])
    }

    @Test("signatures: exactly 128 hex digits or 64 bytes")
    func signatureParsing() throws {
        #expect(try FIB.EmailSignature(hex: Self.seedSignature.uppercased()).hex == Self.seedSignature)
        for bad in [
            "", "0b", String(Self.seedSignature.dropLast()), Self.seedSignature + "00",
            "zz" + Self.seedSignature.dropFirst(2),
        ] {
            #expect(throws: RequestSigningError.malformedSignature) { try FIB.EmailSignature(hex: bad) }
        }
        for count in [0, 63, 65, 128] {
            #expect(throws: RequestSigningError.malformedSignature, "\(count) bytes") {
                try FIB.EmailSignature(rawRepresentation: [UInt8](repeating: 0, count: count))
            }
        }
        #expect(
            try FIB.EmailSignature(rawRepresentation: [UInt8](repeating: 0, count: 64)).hex
                == String(repeating: "0", count: 128)
        )
    }
}
