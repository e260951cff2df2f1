import CryptoPrimitives
import Foundation
import JSONWebToken
import Testing
import VerifyKitTestSupport

@Suite("Batch verification")
struct JWTBatchVerifierTests {
    typealias Support = CacheTestSupport

    /// Every third token has a broken signature, every seventh is not a JWS at all.
    static let tokens: [String] = (0..<60).map { index in
        let token = Support.token(subject: "user-\(index)")
        if index % 7 == 0 { return "not.a-token" }
        if index % 3 == 0 { return Support.tampered(token) }
        return token
    }

    static func check(_ results: [Result<VerifiedJWT<JWTClaims>, JWTError>]) {
        #expect(results.count == tokens.count)
        for (index, result) in results.enumerated() {
            switch result {
            case .success(let verified):
                #expect(index % 7 != 0 && index % 3 != 0, "token \(index) should have failed")
                #expect(verified.claims.subject?.value == "user-\(index)", "token \(index) out of order")
            case .failure(let error):
                if index % 7 == 0 {
                    #expect(error.code == .malformed, "token \(index): \(error)")
                } else {
                    #expect(error.code == .badSignature, "token \(index): \(error)")
                }
            }
        }
    }

    @Test("async: results in input order, valid and invalid mixed", arguments: [1, 2, 3, 8])
    func asyncOrder(workers: Int) async {
        let batch = JWTBatchVerifier(workerCount: workers)
        let results = await batch.verify(
            Self.tokens,
            with: Support.keys(),
            as: JWTClaims.self,
            options: ManualClock(Support.now).options()
        )
        Self.check(results)
    }

    @Test("threads: results in input order, valid and invalid mixed", arguments: [1, 2, 5])
    func blockingOrder(workers: Int) {
        let batch = JWTBatchVerifier(workerCount: workers)
        let results = batch.verifyBlocking(
            Self.tokens,
            with: Support.keys(),
            as: JWTClaims.self,
            options: ManualClock(Support.now).options()
        )
        Self.check(results)
    }

    @Test("a cancelled batch verifies nothing more: unstarted tokens are cancelled, order kept", arguments: [1, 2])
    func cancellation(workers: Int) async {
        let batch = JWTBatchVerifier(workerCount: workers)
        let keys = Support.keys()
        let options = ManualClock(Support.now).options()
        let task = Task { () async -> [Result<VerifiedJWT<JWTClaims>, JWTError>] in
            while !Task.isCancelled { await Task.yield() }
            return await batch.verify(Self.tokens, with: keys, as: JWTClaims.self, options: options)
        }
        task.cancel()
        let results = await task.value
        #expect(results.count == Self.tokens.count)
        #expect(results.allSatisfy { if case .failure(let error) = $0 { error.code == .cancelled } else { false } })
        // The same batch, not cancelled, verifies as before.
        Self.check(await batch.verify(Self.tokens, with: keys, as: JWTClaims.self, options: options))
    }

    @Test("a batch on every core still lets other tasks run: a caller's timeout cancels it midway")
    func cancellationWhileRunning() async throws {
        // Default worker count: one per core, as many as the cooperative pool has threads. Workers
        // that never yielded kept every thread until the batch ended, so the sleep below could not
        // return and nothing was ever cancelled.
        let batch = JWTBatchVerifier()
        let tokens = Array(repeating: Support.token(subject: "user-1"), count: 20_000)
        let keys = Support.keys()
        let options = ManualClock(Support.now).options()
        let task = Task { await batch.verify(tokens, with: keys, as: JWTClaims.self, options: options) }
        try await Task.sleep(for: .milliseconds(20))
        task.cancel()
        let results = await task.value
        #expect(results.count == tokens.count)
        let cancelled = results.filter { if case .failure(let error) = $0 { error.code == .cancelled } else { false } }
        let verified = results.filter { if case .success = $0 { true } else { false } }
        #expect(!cancelled.isEmpty, "the batch ran to the end although its task was cancelled")
        #expect(cancelled.count + verified.count == tokens.count)
    }

    @Test("through a caching verifier")
    func cachingOrder() async {
        let verifier = CachingJWTVerifier<JWTClaims>(keys: Support.keys(), options: ManualClock(Support.now).options())
        let batch = JWTBatchVerifier(workerCount: 2)
        Self.check(await batch.verify(Self.tokens, with: verifier))
        Self.check(await batch.verify(Self.tokens, with: verifier))
        #expect(verifier.statistics.hits > 0)
    }

    @Test("a cancelled batch through a caching verifier verifies nothing either", arguments: [1, 2])
    func cachingCancellation(workers: Int) async {
        let batch = JWTBatchVerifier(workerCount: workers)
        let verifier = CachingJWTVerifier<JWTClaims>(keys: Support.keys(), options: ManualClock(Support.now).options())
        let task = Task { () async -> [Result<VerifiedJWT<JWTClaims>, JWTError>] in
            while !Task.isCancelled { await Task.yield() }
            return await batch.verify(Self.tokens, with: verifier)
        }
        task.cancel()
        let results = await task.value
        #expect(results.count == Self.tokens.count)
        #expect(results.allSatisfy { if case .failure(let error) = $0 { error.code == .cancelled } else { false } })
        Self.check(await batch.verify(Self.tokens, with: verifier))
    }

    @Test("empty input and single items")
    func edgeSizes() async {
        let batch = JWTBatchVerifier(workerCount: 4)
        var keys = Support.keys()
        keys.options = ManualClock(Support.now).options()
        let empty: [String] = []
        #expect(await batch.verify(empty, with: keys, as: JWTClaims.self).isEmpty)
        #expect(batch.verifyBlocking(empty, with: keys, as: JWTClaims.self).isEmpty)
        let one = await batch.verify([Support.token(subject: "solo")], with: keys, as: JWTClaims.self)
        #expect(one.count == 1)
        #expect((try? one[0].get())?.claims.subject?.value == "solo")
    }

    @Test("the generic runner keeps index order for any count", arguments: [0, 1, 7, 64, 1000])
    func runnerOrder(count: Int) async {
        let batch = JWTBatchVerifier(workerCount: 3)
        #expect(await batch.run(count) { $0 * 2 } == (0..<count).map { $0 * 2 })
        #expect(batch.runBlocking(count) { "\($0)" } == (0..<count).map { "\($0)" })
    }
}

@Suite("Batch verification: worker counts")
struct JWTBatchWorkerCountTests {
    @Test("worker counts below 1 mean 1; above the maximum, the maximum", arguments: [Int.min, -1, 0, 1, 2, Int.max])
    func clamps(requested: Int) {
        let batch = JWTBatchVerifier(workerCount: requested)
        let expected = min(max(requested, 1), JWTBatchVerifier.maximumWorkerCount)
        #expect(batch.workerCount == expected)
        #expect(batch.runBlocking(10) { $0 } == Array(0..<10))
    }

    @Test("the default is the processor count, within the maximum")
    func defaultCount() {
        let batch = JWTBatchVerifier()
        #expect((1...JWTBatchVerifier.maximumWorkerCount).contains(batch.workerCount))
        #expect(JWTBatchVerifier.maximumWorkerCount >= 64)
    }

    /// A huge worker count started one thread per item (1,242 alive at once for 20,000 small items
    /// on two cores: 215 MB resident, 2.3 times slower than two threads).
    @Test("a huge worker count runs at most maximumWorkerCount items at once")
    func hugeWorkerCountIsBounded() {
        let batch = JWTBatchVerifier(workerCount: .max)
        let running = LockedValue((now: 0, peak: 0))
        let results = batch.runBlocking(20_000) { index -> Int in
            running.withLock {
                $0.now += 1
                $0.peak = max($0.peak, $0.now)
            }
            defer { running.withLock { $0.now -= 1 } }
            // Give the processor away while counted, as a thread preempted mid-token would.
            for _ in 0..<4 { sched_yield() }
            return index
        }
        #expect(results == Array(0..<20_000))
        let peak = running.withLock { $0.peak }
        #expect(peak <= JWTBatchVerifier.maximumWorkerCount, "\(peak) items at once")
    }

    @Test("the async runner with a huge worker count keeps order and bounds its tasks")
    func hugeWorkerCountAsync() async {
        let batch = JWTBatchVerifier(workerCount: .max)
        let running = LockedValue((now: 0, peak: 0))
        let results = await batch.run(5_000) { index -> Int in
            running.withLock {
                $0.now += 1
                $0.peak = max($0.peak, $0.now)
            }
            defer { running.withLock { $0.now -= 1 } }
            return index &* 3
        }
        #expect(results == (0..<5_000).map { $0 &* 3 })
        #expect(running.withLock { $0.peak } <= JWTBatchVerifier.maximumWorkerCount)
    }

    @Test("a body that fails (as a Result) fails only its own slot")
    func failingBody() async {
        struct Odd: Error, Equatable { let index: Int }
        let batch = JWTBatchVerifier(workerCount: 3)
        let results = await batch.run(100) { index -> Result<Int, Odd> in
            index % 2 == 1 ? .failure(Odd(index: index)) : .success(index)
        }
        for (index, result) in results.enumerated() {
            #expect(result == (index % 2 == 1 ? .failure(Odd(index: index)) : .success(index)))
        }
    }

    @Test("cancelled mid-batch: tokens before the cancellation verified, every later one cancelled, order kept")
    func cancelledMidBatch() async throws {
        // One worker, so the batch runs in the calling task; the clock cancels that task while
        // token 100 is verified: deterministic, no timing.
        let tokens = (0..<1_000).map { CacheTestSupport.token(subject: "user-\($0)") }
        let batch = JWTBatchVerifier(workerCount: 1)
        let seen = LockedValue(0)
        let options = JWTValidationOptions(
            clock: JWTClock {
                let reading = seen.withLock { (count) -> Int in
                    count += 1
                    return count
                }
                if reading == 101 { withUnsafeCurrentTask { $0?.cancel() } }
                return CacheTestSupport.now
            }
        )
        let keys = CacheTestSupport.keys()
        let results = await Task { await batch.verify(tokens, with: keys, as: JWTClaims.self, options: options) }.value
        #expect(results.count == tokens.count)
        var firstCancelled: Int?
        for (index, result) in results.enumerated() {
            switch result {
            case .success(let verified):
                #expect(firstCancelled == nil, "token \(index) verified after a cancelled one")
                #expect(verified.claims.subject?.value == "user-\(index)")
            case .failure(let error):
                #expect(error.code == .cancelled, "token \(index): \(error)")
                if firstCancelled == nil { firstCancelled = index }
            }
        }
        // The chunk holding token 100 finishes; nothing after the next chunk boundary starts.
        let cancelledFrom = try #require(firstCancelled)
        #expect(cancelledFrom >= 100 && cancelledFrom < 100 + 64, "cancelled from \(cancelledFrom)")
    }
}
