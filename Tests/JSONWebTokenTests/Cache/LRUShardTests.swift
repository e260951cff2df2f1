import CryptoPrimitives
import Testing
import VerifyKitTestSupport

@testable import JSONWebToken

/// The shard's index-linked LRU and its open-addressing table, checked against a plain model.
@Suite("Verified-token cache: LRU shard")
struct LRUShardTests {
    /// A key whose home bucket is `key % 3`: most keys collide, so probing, wrap-around and
    /// backward-shift deletion are all exercised.
    static func digest(_ key: Int) -> TokenDigest {
        TokenDigest(w0: UInt64(key % 3) &+ 0xFFFF_FFF0, w1: 0, w2: UInt64(key), w3: ~UInt64(key))
    }

    /// One placeholder entry per key, so identity tells which key a lookup returned.
    static let rules = CacheTimeRules(JWTValidationOptions())
    static let entries: [CachedTokenBase] = (0..<64).map { _ in
        CachedTokenBase(
            registeredClaims: JWTClaims(),
            claimsRules: nil,
            parts: JWTKeyCollection.VerifiedParts(algorithm: .hs256, keyID: nil, headerCount: 0, payloadCount: 0),
            timeRules: rules
        )
    }

    @Test("random inserts, lookups and removals match a model LRU", arguments: [1, 2, 7, 16, 100])
    func matchesModel(capacity: Int) {
        let seed = UInt64.random(in: 0...UInt64.max)
        var generator = SeededGenerator(seed: seed)
        var shard = LRUShard(capacity: capacity)
        // Most recently used first.
        var model: [Int] = []
        var expectedEvictions = 0
        var mismatches = 0
        for step in 0..<20_000 {
            let key = Int.random(in: 0..<40, using: &generator)
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<4:
                shard.insert(Self.entries[key], for: Self.digest(key), generation: 0)
                if let position = model.firstIndex(of: key) {
                    model.remove(at: position)
                } else if model.count == capacity {
                    model.removeLast()
                    expectedEvictions += 1
                }
                model.insert(key, at: 0)
            case 4:
                shard.removeValue(for: Self.digest(key))
                model.removeAll { $0 == key }
            default:
                let found = shard.value(for: Self.digest(key))
                if let position = model.firstIndex(of: key) {
                    if found !== Self.entries[key] { mismatches += 1 }
                    model.remove(at: position)
                    model.insert(key, at: 0)
                } else if found != nil {
                    mismatches += 1
                }
            }
            if shard.count != model.count { mismatches += 1 }
            if mismatches > 0 {
                Issue.record("capacity \(capacity), seed \(seed): shard and model differ at step \(step)")
                return
            }
        }
        #expect(shard.evictions == expectedEvictions, "seed \(seed)")
        // Every key the model holds is still found, and nothing else is.
        for key in 0..<40 {
            let found = shard.value(for: Self.digest(key))
            #expect((found != nil) == model.contains(key), "capacity \(capacity), seed \(seed), key \(key)")
        }
    }

    @Test("the table grows with use and survives many evictions and clears")
    func growthAndClear() {
        var shard = LRUShard(capacity: 5000)
        for key in 0..<5000 {
            shard.insert(
                Self.entries[key % 64],
                for: TokenDigest(w0: UInt64(key) &* 0x9E37_79B9, w1: 0, w2: 0, w3: 0),
                generation: 0
            )
        }
        #expect(shard.count == 5000)
        #expect(shard.evictions == 0)
        var found = 0
        for key in 0..<5000
        where shard.value(for: TokenDigest(w0: UInt64(key) &* 0x9E37_79B9, w1: 0, w2: 0, w3: 0)) != nil {
            found += 1
        }
        #expect(found == 5000)
        shard.removeAll(newGeneration: 1)
        #expect(shard.count == 0)
        #expect(shard.value(for: TokenDigest(w0: 0, w1: 0, w2: 0, w3: 0)) == nil)
        // Inserts prepared under the old generation are refused.
        shard.insert(Self.entries[0], for: Self.digest(1), generation: 0)
        #expect(shard.count == 0)
        shard.insert(Self.entries[0], for: Self.digest(1), generation: 1)
        #expect(shard.value(for: Self.digest(1)) === Self.entries[0])

        // Two key replacements reaching the shard out of order: the later generation stays.
        shard.removeAll(newGeneration: 3)
        shard.removeAll(newGeneration: 2)
        #expect(shard.count == 0)
        shard.insert(Self.entries[1], for: Self.digest(2), generation: 2)
        #expect(shard.count == 0)
        shard.insert(Self.entries[1], for: Self.digest(2), generation: 3)
        #expect(shard.value(for: Self.digest(2)) === Self.entries[1])
    }

    /// Two verifications of one token can race to store it; the later one is kept, and the
    /// earlier one is handed back for the caller to release after unlocking.
    @Test("inserting under a key already held replaces its value, returns the old one and evicts nothing")
    func insertReplaces() {
        var shard = LRUShard(capacity: 2)
        #expect(shard.insert(Self.entries[0], for: Self.digest(1), generation: 0) == nil)
        #expect(shard.insert(Self.entries[1], for: Self.digest(2), generation: 0) == nil)
        let replaced = shard.insert(Self.entries[3], for: Self.digest(1), generation: 0)
        #expect(replaced === Self.entries[0])
        #expect(shard.count == 2)
        #expect(shard.evictions == 0)
        #expect(shard.value(for: Self.digest(1)) === Self.entries[3])
        #expect(shard.value(for: Self.digest(2)) === Self.entries[1])
    }

    @Test("BLAKE2b.digest256 equals hash256 for every length around the block size")
    func digestMatchesHash() {
        var generator = SeededGenerator(seed: 7)
        for length in [0, 1, 31, 32, 63, 64, 127, 128, 129, 255, 256, 257, 1000, 4096] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let expected = BLAKE2b.hash256(bytes)
            let inline = bytes.withUnsafeBytes { BLAKE2b.digest256($0) }
            #expect(inline.bytes == expected, "length \(length)")
            #expect(BLAKE2b.digest256(bytes) == inline, "length \(length)")
            // Non-contiguous input takes the copying path and agrees.
            #expect(BLAKE2b.digest256(bytes.lazy.map { $0 }) == inline, "length \(length)")
        }
        let a = BLAKE2b.digest256([UInt8]("a".utf8))
        let b = BLAKE2b.digest256([UInt8]("b".utf8))
        #expect(a != b)
        #expect(Set([a, b, a]).count == 2)
    }
}
