import Testing
import VerifyKitTestSupport

@testable import CryptoPrimitives

/// The pool's ownership rules with stand-in pointers (never dereferenced) and a counting `free`.
@Suite("Spare contexts")
struct SpareContextsTests {
    /// Behind `LockedValue`, not `Mutex`: ThreadSanitizer does not see `Mutex`'s futex calls on
    /// Linux and reported the accesses it orders as races (`make test-tsan` failed).
    final class Freed: Sendable {
        let pointers = LockedValue<[UInt]>([])
        func record(_ pointer: OpaquePointer) {
            pointers.withLock { $0.append(UInt(bitPattern: Int(bitPattern: pointer))) }
        }
        var all: [UInt] { pointers.withLock { $0 } }
    }

    static func pointer(_ value: UInt) -> OpaquePointer { OpaquePointer(bitPattern: value)! }

    @Test("keeps up to its capacity, frees the rest at once, and frees what it kept when released")
    func ownership() {
        let freed = Freed()
        do {
            let spares = SpareContexts(free: { freed.record($0) })
            #expect(spares.take() == nil)
            let count = SpareContexts.capacity + 3
            for index in 1...count { spares.put(Self.pointer(UInt(index) << 4)) }
            // Every put beyond the capacity was freed immediately, and nothing else.
            #expect(freed.all.count == 3)
            var taken: [OpaquePointer] = []
            while let pointer = spares.take() { taken.append(pointer) }
            #expect(taken.count == SpareContexts.capacity)
            // Taken and freed are disjoint and together are everything that went in.
            let takenValues = Set(taken.map { UInt(bitPattern: Int(bitPattern: $0)) })
            #expect(takenValues.isDisjoint(with: freed.all))
            #expect(takenValues.union(freed.all) == Set((1...count).map { UInt($0) << 4 }))
            // Two go back; they are freed with the pool, once each.
            spares.put(taken[0])
            spares.put(taken[1])
        }
        #expect(freed.all.count == 5)
        #expect(Set(freed.all).count == 5)
    }

    @Test("a context is never handed to two takers at once")
    func exclusiveUnderConcurrency() async {
        let freed = Freed()
        let spares = SpareContexts(free: { freed.record($0) })
        for index in 1...4 { spares.put(Self.pointer(UInt(index) << 4)) }
        let inUse = Freed()  // its list as the set of pointers some taker holds
        let collisions = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var collisions = 0
                    for _ in 0..<5000 {
                        guard let pointer = spares.take() else { continue }
                        let value = UInt(bitPattern: Int(bitPattern: pointer))
                        let held = inUse.pointers.withLock { held in
                            defer { held.append(value) }
                            return held.contains(value)
                        }
                        if held { collisions += 1 }
                        inUse.pointers.withLock { held in held.removeAll { $0 == value } }
                        spares.put(pointer)
                    }
                    return collisions
                }
            }
            return await group.reduce(0, +)
        }
        #expect(collisions == 0)
        // Nothing was lost or freed: all four are still there.
        #expect(freed.all.isEmpty)
        var remaining = 0
        while spares.take() != nil { remaining += 1 }
        #expect(remaining == 4)
    }
}

/// Both ways an HMAC context is obtained: restarting a spare, and duplicating the template for every
/// tag (what a libcrypto that cannot restart contexts gets).
@Suite("HMAC context reuse")
struct MACContextReuseTests {
    @Test("this libcrypto restarts HMAC contexts (OpenSSL 3.0.3 and later), so keys keep spares")
    func restartCheckPasses() {
        #expect(MACAlgorithm.hmac.restartsContexts)
    }

    @Test("with and without spares, every tag is the key's tag", arguments: [true, false])
    func bothPaths(reusesContexts: Bool) throws {
        let secret = Array("a secret of thirty-two bytes....".utf8)
        let key = HMACKey(secret)
        for digest in Digest.allCases {
            let context = try #require(
                secret.withUnsafeBytes { MACAlgorithm.hmac.makeContext(key: $0, digest: digest) }
            )
            let template = MACContextTemplate(taking: context, reusesContexts: reusesContexts)
            for length in [0, 1, 64, 200, 1000, 3] {
                let message = [UInt8](repeating: UInt8(length & 0xFF), count: length)
                var tag = [UInt8](repeating: 0, count: 64)
                let written = message.withUnsafeBytes { message in
                    tag.withUnsafeMutableBytes { template.authenticate(message, into: $0) }
                }
                #expect(written == digest.byteCount)
                #expect(Array(tag.prefix(digest.byteCount)) == key.authenticationCode(for: message, digest: digest))
            }
        }
    }
}
