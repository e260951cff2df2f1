import Base64URL
import CryptoPrimitives
import Dispatch
import JSONWebToken
import Testing
import VerifyKitTestSupport

/// One key collection shared by many threads, every algorithm family at once: the OpenSSL
/// contexts each key prepares once and copies per verification, the libsodium key and the header
/// memos must give every thread the answer a single thread gets. `make test-tsan` runs it under
/// ThreadSanitizer too.
@Suite("JWT: concurrent verification across algorithms")
struct ConcurrentVerificationTests {
    struct Claims: Codable, Sendable, Equatable {
        var sub: String
        var n: Int
    }

    static let algorithms: [SignatureAlgorithm] = [.eddsa, .rs256, .ps384, .es256, .es384, .es512, .hs256, .hs512]

    /// A collection holding one key per algorithm, each under its own `kid`.
    static func collection() throws -> JWTKeyCollection {
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
        for algorithm in algorithms {
            try keys.add(TestKeys.signingKey(for: algorithm), keyID: algorithm.rawValue, algorithms: [algorithm])
        }
        return keys
    }

    /// A valid token per algorithm and claim number, and the same token with one signature bit flipped.
    struct Case: Sendable {
        let token: String
        let claims: Claims
        let valid: Bool
    }

    static func cases() throws -> [Case] {
        var cases: [Case] = []
        for (index, algorithm) in algorithms.enumerated() {
            for n in 0..<3 {
                let claims = Claims(sub: "user-\(index)", n: n)
                let token = try JWTSigner.sign(
                    claims,
                    header: JWTHeader(keyID: algorithm.rawValue),
                    key: TestKeys.signingKey(for: algorithm),
                    algorithm: algorithm
                )
                cases.append(Case(token: token, claims: claims, valid: true))
                let dot = token.utf8.lastIndex(of: UInt8(ascii: "."))!
                var signature = try Base64URL.decode(utf8: token.utf8[token.utf8.index(after: dot)...])
                signature[signature.count / 2] ^= 0x10
                let tampered = String(token[..<dot]) + "." + Base64URL.encode(signature)
                cases.append(Case(token: tampered, claims: claims, valid: false))
            }
        }
        return cases
    }

    @Test("8 threads over 48 tokens of 8 algorithms get the single-thread answer every time")
    func everyThreadGetsTheSameAnswer() throws {
        let keys = try Self.collection()
        let cases = try Self.cases()
        // The single-thread answers first: valid tokens verify, tampered ones fail on the signature.
        for item in cases {
            if item.valid {
                #expect(try keys.verify(item.token, as: Claims.self).claims == item.claims)
            } else {
                let error = #expect(throws: JWTError.self) { try keys.verify(item.token, as: Claims.self) }
                #expect(error?.code == .badSignature)
            }
        }
        let wrong = LockedValue<[String]>([])
        let rounds = 40
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for round in 0..<rounds {
                // Workers walk the cases from different offsets, so the same key is hit by
                // several threads at once and different keys interleave.
                let item = cases[(worker * 7 + round * 5) % cases.count]
                let outcome: String?
                do {
                    let verified = try keys.verify(item.token, as: Claims.self)
                    outcome = item.valid && verified.claims == item.claims ? nil : "accepted"
                } catch {
                    let code = (error as? JWTError)?.code
                    outcome = !item.valid && code == .badSignature ? nil : "\(code.map(\.rawValue) ?? "\(error)")"
                }
                if let outcome {
                    wrong.withLock { $0.append("worker \(worker) round \(round): \(outcome) for \(item.token)") }
                }
            }
        }
        let failures = wrong.withLock { $0 }
        #expect(failures.isEmpty, "\(failures.count) wrong answers, first: \(failures.first ?? "")")
    }
}
