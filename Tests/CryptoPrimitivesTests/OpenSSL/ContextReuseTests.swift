import CryptoPrimitives
import Dispatch
import Synchronization
import Testing
import VerifyKitTestSupport

/// Verification reuses an `EVP_PKEY_CTX` after `EVP_PKEY_verify` returned 0 or 1, and HMAC restarts
/// a finished `EVP_MAC_CTX`. Nothing of one verification may reach the next: a rejected signature
/// must leave the context verifying exactly as a fresh key's would, and keys made and dropped on
/// many threads at once must free each context once (run under `--sanitize=thread` and
/// `--sanitize=address` too).
@Suite("OpenSSL context reuse across verifications")
struct ContextReuseTests {
    static let rsa: RSA.PrivateKey = try! RSA.PrivateKey(keySize: 2048)
    static let ecdsa: [ECDSA.PrivateKey] = ECCurve.allCases.map { try! ECDSA.PrivateKey(curve: $0) }

    /// Signatures a verifier must refuse, built from a valid one: every way of failing that reaches
    /// `EVP_PKEY_verify` (a length other than the modulus is refused before it).
    static func forgeries(of signature: [UInt8]) -> [[UInt8]] {
        var flippedFirst = signature
        flippedFirst[0] ^= 0x01
        var flippedLast = signature
        flippedLast[signature.count - 1] ^= 0x80
        return [
            flippedFirst, flippedLast,
            // Zero, and a value at least the modulus (RSA_public_decrypt fails inside OpenSSL).
            [UInt8](repeating: 0, count: signature.count), [UInt8](repeating: 0xFF, count: signature.count),
            Array(signature.reversed()),
        ]
    }

    @Test(
        "RSA: a context that rejected a forgery accepts the next valid signature and rejects the next forgery",
        arguments: Digest.allCases.flatMap { digest in [(digest, RSA.Padding.pkcs1v15), (digest, .pss)] }
    )
    func rsaAlternation(digest: Digest, padding: RSA.Padding) throws {
        let publicKey = Self.rsa.publicKey
        let messages = (0..<4).map { Array("message \($0)".utf8) }
        let signatures = try messages.map { try Self.rsa.signature(for: $0, digest: digest, padding: padding) }
        var verdicts: [Bool] = []
        // Interleaved so that each verification runs on the context the previous one finished with
        // (a single thread takes its spare back every time).
        for round in 0..<3 {
            for (message, signature) in zip(messages, signatures) {
                verdicts.append(publicKey.isValidSignature(signature, for: message, digest: digest, padding: padding))
                for forgery in Self.forgeries(of: signature) {
                    verdicts.append(
                        !publicKey.isValidSignature(forgery, for: message, digest: digest, padding: padding)
                    )
                }
                // The right signature for another message, then this message's again.
                let other = signatures[(round + 1) % signatures.count]
                if other != signature {
                    verdicts.append(!publicKey.isValidSignature(other, for: message, digest: digest, padding: padding))
                }
                verdicts.append(publicKey.isValidSignature(signature, for: message, digest: digest, padding: padding))
            }
        }
        #expect(verdicts.allSatisfy { $0 }, "\(verdicts.indices.filter { !verdicts[$0] })")
    }

    @Test("ECDSA: a context that rejected a forgery accepts the next valid signature", arguments: ECCurve.allCases)
    func ecdsaAlternation(curve: ECCurve) throws {
        let key = try #require(Self.ecdsa.first { $0.curve == curve })
        let publicKey = key.publicKey
        let messages = (0..<4).map { Array("message \($0)".utf8) }
        let signatures = try messages.map { try key.signature(for: $0) }
        var verdicts: [Bool] = []
        for _ in 0..<3 {
            for (index, (message, signature)) in zip(messages, signatures).enumerated() {
                verdicts.append(publicKey.isValidSignature(signature, for: message))
                for forgery in Self.forgeries(of: signature) {
                    verdicts.append(!publicKey.isValidSignature(forgery, for: message))
                }
                verdicts.append(!publicKey.isValidSignature(signatures[(index + 1) % signatures.count], for: message))
                verdicts.append(publicKey.isValidSignature(signature, for: message))
            }
        }
        #expect(verdicts.allSatisfy { $0 }, "\(verdicts.indices.filter { !verdicts[$0] })")
    }

    /// Keys of every kind made, shared, verified with and dropped on many threads at once: each
    /// pool is freed by the last thread that drops its key, while others make new ones.
    @Test("keys made and dropped on 8 threads while others verify with them")
    func keysComeAndGo() throws {
        let rsaDER = Self.rsa.publicKey.derRepresentation
        let message = Array("a message every key signs".utf8)
        let rsaSignature = try Self.rsa.signature(for: message, digest: .sha256, padding: .pss)
        let ecKey = Self.ecdsa[0]
        let ecDER = ecKey.publicKey.derRepresentation
        let ecSignature = try ecKey.signature(for: message)
        let secret = Array("thirty-two bytes of HMAC secret!".utf8)
        let tag = HMACKey(secret).authenticationCode(for: message, digest: .sha256)

        struct Keys: Sendable {
            let rsa: RSA.PublicKey
            let ecdsa: ECDSA.PublicKey
            let hmac: HMACKey
        }
        @Sendable func makeKeys() -> Keys {
            Keys(
                rsa: try! RSA.PublicKey(derRepresentation: rsaDER),
                ecdsa: try! ECDSA.PublicKey(derRepresentation: ecDER),
                hmac: HMACKey(secret)
            )
        }
        let shared = LockedValue(makeKeys())
        let wrong = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for round in 0..<150 {
                // Every few rounds a thread replaces the shared keys; the old ones go when the last
                // thread still using them lets go.
                let keys: Keys
                if (round &+ thread) % 5 == 0 {
                    keys = makeKeys()
                    shared.withLock { $0 = keys }
                } else {
                    keys = shared.withLock { $0 }
                }
                let valid = round % 3 != 0
                var badTag = tag
                var badRSA = rsaSignature
                var badEC = ecSignature
                if !valid {
                    badTag[round % badTag.count] ^= 1
                    badRSA[round % badRSA.count] ^= 1
                    badEC[badEC.count - 1] ^= 1
                }
                let verdicts = [
                    keys.rsa.isValidSignature(badRSA, for: message, digest: .sha256, padding: .pss),
                    keys.ecdsa.isValidSignature(badEC, for: message),
                    keys.hmac.isValidAuthenticationCode(badTag, for: message, digest: .sha256),
                    keys.hmac.authenticationCode(for: message, digest: .sha256) == tag,
                ]
                if verdicts != [valid, valid, valid, true] { wrong.add(1, ordering: .relaxed) }
            }
        }
        #expect(wrong.load(ordering: .relaxed) == 0)
    }
}
