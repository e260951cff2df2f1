import BenchmarkFixtures
import Dispatch
import VerifyKit

/// A plain loop for `valgrind --tool=callgrind`: where does end-to-end verification spend
/// instructions beyond the primitive?
///
/// Usage: `ProfileDriver ALG ITERATIONS MODE` with MODE `raw`, `verify`, `verify-registered`,
/// `parse`, `cache`, `raw-threads` (the bare primitive on 1 thread, then on one per core: how much
/// two busy cores slow each other with nothing shared), `instructions` (``InstructionLoops``) or
/// `batch` (ITERATIONS tokens through `JWTBatchVerifier.verifyBlocking` with 1 and then N workers,
/// alternating for 5 rounds; prints wall-clock and per-CPU-second rates), `x5c` (VerifyKit's
/// `X5CVerifier` on ``X5CFixture``'s token; ALG is ignored) or `x5c-plain` (the same token with the
/// leaf's key alone, no chain work). Example:
/// `valgrind --tool=callgrind --callgrind-out-file=cg.out .build/release/ProfileDriver EdDSA 2000 verify`
@main
enum ProfileDriver {
    static func main() {
        let arguments = CommandLine.arguments
        let name = arguments.count > 1 ? arguments[1] : "EdDSA"
        let iterations = arguments.count > 2 ? Int(arguments[2]) ?? 1000 : 1000
        let mode = arguments.count > 3 ? arguments[3] : "verify"
        let fixture = Fixture.named(name)
        var accepted = 0
        switch mode {
        case "raw":
            for _ in 0..<iterations where fixture.rawVerify() { accepted += 1 }
        case "verify-registered":
            for _ in 0..<iterations where (try? fixture.keys.verify(fixture.token)) != nil { accepted += 1 }
        case "parse":
            for _ in 0..<iterations where (try? JWTKeyCollection.unverifiedDecode(fixture.token)) != nil {
                accepted += 1
            }
        case "cache":
            let verifier = CachingJWTVerifier<BenchClaims>(keys: fixture.keys)
            for _ in 0..<iterations where (try? verifier.verify(fixture.token)) != nil { accepted += 1 }
        case "batch":
            batchScaling(fixture, tokens: iterations)
            return
        case "raw-threads":
            rawThreadScaling(fixture, operations: iterations)
            return
        case "x5c", "x5c-plain":
            let x5c = try! X5CFixture.make()
            let plain = mode == "x5c-plain"
            for _ in 0..<iterations where plain ? x5c.plainKeyVerify() : x5c.verifyKitVerify() { accepted += 1 }
        case "instructions":
            InstructionLoops.run(fixture, iterations: iterations)
            return
        default:
            for _ in 0..<iterations where fixture.verifyKitVerify() { accepted += 1 }
        }
        print("\(name) \(mode): \(accepted)/\(iterations) accepted")
    }

    /// The bare primitive, `operations` times on each of 1 and then N threads, in 5 alternating
    /// rounds: the machine's own scaling (clock boost, shared caches, neighbours), the ceiling for
    /// ``batchScaling(_:tokens:)``.
    static func rawThreadScaling(_ fixture: Fixture, operations count: Int) {
        let cores = CPUTime.processors
        for round in 1...5 {
            var line = "round \(round):"
            for threads in [1, cores] {
                let cpuStart = CPUTime.now()
                let wallStart = ContinuousClock.now
                DispatchQueue.concurrentPerform(iterations: threads) { _ in
                    for _ in 0..<count { precondition(fixture.rawVerify()) }
                }
                let wall = (ContinuousClock.now - wallStart).seconds
                let cpu = CPUTime.now() - cpuStart
                let total = Double(count * threads)
                line += "  \(threads) thread(s): \(Int(total / wall)) /s wall, \(Int(total / cpu)) /s per CPU-second"
            }
            print(line)
        }
        print("load average (1 min): \(CPUTime.loadAverage())")
    }

    /// Batch throughput with 1 worker and with one per core, alternating so load changes hit both.
    /// CPU time (all threads) shows whether the workers interfere: with no shared state on the hot
    /// path, tokens per CPU-second stay the same however many workers run.
    static func batchScaling(_ fixture: Fixture, tokens count: Int) {
        let tokens = Array(repeating: fixture.token, count: count)
        let cores = CPUTime.processors
        for round in 1...5 {
            var line = "round \(round):"
            for workers in [1, cores] {
                let batch = JWTBatchVerifier(workerCount: workers)
                let cpuStart = CPUTime.now()
                let wallStart = ContinuousClock.now
                let results = batch.verifyBlocking(tokens, with: fixture.keys, as: BenchClaims.self)
                let wall = (ContinuousClock.now - wallStart).seconds
                let cpu = CPUTime.now() - cpuStart
                precondition(results.allSatisfy { (try? $0.get()) != nil })
                line += "  \(workers) worker(s): \(Int(Double(count) / wall)) /s wall, "
                line += "\(Int(Double(count) / cpu)) /s per CPU-second"
            }
            print(line)
        }
        print("load average (1 min): \(CPUTime.loadAverage())")
    }
}

/// The loops `scripts/check_instructions.py` reads from a callgrind profile: the raw primitive and
/// VerifyKit's end-to-end verify, each `iterations` times on the same token, in one process and
/// after a warm-up (lazy initialisation, header memo, first-use metadata), so that the difference
/// of their inclusive instruction counts is exactly what VerifyKit adds per token.
///
/// Instruction counts repeat exactly for the same binary and inputs, whatever else the machine is
/// doing, and do not depend on where the linker happened to place code: on one CPU here the same
/// libsodium instructions ran 14 % slower when called from the verify path of one build of
/// `verifykit` than from the raw loop beside it (the extra time was in a few store/load pairs), and
/// not in another build of the same code. Timing ratios cannot tell that from VerifyKit's cost.
enum InstructionLoops {
    static func run(_ fixture: Fixture, iterations: Int) {
        for _ in 0..<10 { precondition(fixture.rawVerify() && fixture.verifyKitVerify()) }
        let raw = primitiveLoop(fixture, iterations)
        let verified = verifyKitLoop(fixture, iterations)
        precondition(raw == iterations && verified == iterations, "\(fixture.name): a verification failed")
        print("\(fixture.name) instructions: \(iterations) raw and \(iterations) verify iterations")
    }

    // Unoptimized, so that the optimizer neither inlines the two loops nor merges them into one
    // function taking the body as a parameter (it did): the script finds each by name, and each
    // one's inclusive count holds what it called. The shared loop's few instructions per
    // iteration are the same on both sides and cancel in the difference.
    @inline(never) @_optimize(none)
    static func primitiveLoop(_ fixture: Fixture, _ iterations: Int) -> Int {
        countAccepted(iterations) { fixture.rawVerify() }
    }

    @inline(never) @_optimize(none)
    static func verifyKitLoop(_ fixture: Fixture, _ iterations: Int) -> Int {
        countAccepted(iterations) { fixture.verifyKitVerify() }
    }

    /// `while`, not `for … in 0..<n`: unoptimized, a range loop instantiated its iterator's generic
    /// metadata on the first call, a one-time cost inside the measured function.
    @_optimize(none)
    static func countAccepted(_ iterations: Int, _ body: () -> Bool) -> Int {
        var accepted = 0
        var remaining = iterations
        while remaining > 0 {
            if body() { accepted += 1 }
            remaining -= 1
        }
        return accepted
    }
}
