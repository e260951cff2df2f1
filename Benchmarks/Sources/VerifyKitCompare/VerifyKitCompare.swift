import BenchmarkFixtures
import Dispatch
import Foundation
import VerifyKit

/// Measures raw primitive, VerifyKit and jwt-kit interleaved in one process, so machine drift
/// (other tenants, frequency changes) hits all three alike. Each round runs, per algorithm, a
/// number of triples of short fixed-count slices (about `--slice` seconds each, order rotating);
/// ratios are taken inside each triple, milliseconds apart, and the medians over all triples
/// reported. Slices of a quarter second gave per-round ratios spread over 0.71–1.12 on this shared
/// host; triples of 5 ms slices repeat to about ±0.01. Writes JSON (see `scripts/report.py`).
///
/// With `--x5c`, measures instead one ES256 token carrying its certificate chain through VerifyKit's
/// and jwt-kit's `X5CVerifier` and through VerifyKit with the leaf's key alone, and writes that
/// report (see ``x5cComparison(rounds:triples:slice:)``); the main table and its JSON are untouched.
///
/// With `--remote`, measures what a `RemoteJWKSet` adds to a verification against a key collection
/// (see ``runRemote(_:)``).
///
/// Usage: `VerifyKitCompare [--rounds N] [--triples N] [--slice SECONDS] [--alg NAME]... [--x5c | --remote] [--output PATH]`
@main
struct VerifyKitCompare {
    struct Options: Sendable {
        var rounds = 15
        /// Triples (raw, VerifyKit, jwt-kit) per algorithm and round.
        var triples = 24
        var slice = 0.005
        /// Slice length of the extras (cache, parse, codecs, batch), which still run whole slices.
        var extrasSlice = 0.25
        var algorithms: [String] = []
        /// Run the `x5c` comparison only (its own report, so `Results/compare.json` keeps its shape).
        var x5c = false
        /// Run the `RemoteJWKSet` overhead comparison only (its own report).
        var remote = false
        var output: String?
    }

    static func main() async throws {
        var options = Options()
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            switch argument {
            case "--rounds": options.rounds = max(1, Int(arguments.popFirst() ?? "") ?? options.rounds)
            case "--triples": options.triples = max(1, Int(arguments.popFirst() ?? "") ?? options.triples)
            case "--slice": options.slice = Double(arguments.popFirst() ?? "") ?? options.slice
            case "--extras-slice": options.extrasSlice = Double(arguments.popFirst() ?? "") ?? options.extrasSlice
            case "--alg": options.algorithms.append(arguments.popFirst() ?? "")
            case "--x5c": options.x5c = true
            case "--remote": options.remote = true
            case "--output": options.output = arguments.popFirst()
            default:
                FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
                exit(2)
            }
        }
        // Timing loops off the main actor: every await there would hop threads.
        let settings = options
        let data = try await Task.detached {
            let report =
                try await settings.remote ? runRemote(settings) : settings.x5c ? runX5C(settings) : run(settings)
            return try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
        }.value
        if let path = options.output {
            try data.write(to: URL(fileURLWithPath: path))
        } else {
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Operations per second of `body` (which performs `batch` operations per call) over `slice` seconds.
    static func rate(slice: Double, batch: Int, _ body: () -> Void) -> Double {
        let (operations, seconds) = measure(slice: slice, batch: batch, body)
        return Double(operations) / seconds
    }

    /// Operations done and seconds taken by calling `body` (which performs `batch` operations per call)
    /// until `slice` seconds have passed.
    static func measure(slice: Double, batch: Int, _ body: () -> Void) -> (operations: Int, seconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start.advanced(by: .milliseconds(Int(slice * 1000)))
        var operations = 0
        var now = start
        repeat {
            body()
            operations += batch
            now = clock.now
        } while now < deadline
        return (operations, seconds(now - start))
    }

    static func rateAsync(slice: Double, batch: Int, _ body: () async -> Void) async -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start.advanced(by: .milliseconds(Int(slice * 1000)))
        var operations = 0
        var now = start
        repeat {
            await body()
            operations += batch
            now = clock.now
        } while now < deadline
        return Double(operations) / seconds(now - start)
    }

    /// Seconds one call of `body` takes.
    static func timed(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        body()
        return seconds(clock.now - start)
    }

    /// Operations per second of exactly `operations` calls of `body`.
    static func timedRate(operations: Int, _ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<operations { body() }
        return Double(operations) / seconds(clock.now - start)
    }

    static func timedRateAsync(operations: Int, _ body: () async -> Void) async -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<operations { await body() }
        return Double(operations) / seconds(clock.now - start)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func run(_ options: Options) async throws -> [String: Any] {
        let loadAtStart = CPUTime.loadAverage()
        let fixtures = Fixture.names.filter { options.algorithms.isEmpty || options.algorithms.contains($0) }.map(
            Fixture.make
        )
        var peers: [PeerVerifier] = []
        for fixture in fixtures {
            let peer = try await PeerVerifier.make(fixture.peerKey)
            guard await peer.verify(fixture.token), fixture.verifyKitVerify(), fixture.rawVerify() else {
                throw CompareError(message: "\(fixture.name): a verifier rejects the fixture token")
            }
            peers.append(peer)
        }
        // Calibrate: operations per slice for each implementation (at least one), so that every
        // slice lasts about `options.slice` seconds; this also warms caches and lazy state.
        var counts: [[Int]] = []
        for (index, fixture) in fixtures.enumerated() {
            let peer = peers[index]
            let calibration = max(0.02, options.slice * 4)
            let rawRate = rate(slice: calibration, batch: 1) { precondition(fixture.rawVerify()) }
            let verifyKitRate = rate(slice: calibration, batch: 1) { precondition(fixture.verifyKitVerify()) }
            let jwtKitRate = await rateAsync(slice: calibration, batch: 1) {
                let ok = await peer.verify(fixture.token)
                precondition(ok)
            }
            counts.append([rawRate, verifyKitRate, jwtKitRate].map { max(1, Int($0 * options.slice)) })
        }
        var raw = Array(repeating: [Double](), count: fixtures.count)
        var verifyKit = raw
        var jwtKit = raw
        var vkOverRaw = raw
        var vkOverKit = raw
        for round in 0..<options.rounds {
            for (index, fixture) in fixtures.enumerated() {
                let peer = peers[index]
                let count = counts[index]
                for triple in 0..<options.triples {
                    // Rotate the order so no implementation always runs first or last.
                    var rates = [0.0, 0.0, 0.0]
                    for step in 0..<3 {
                        let which = (step + triple + round) % 3
                        switch which {
                        case 0:
                            rates[0] = timedRate(operations: count[0]) { precondition(fixture.rawVerify()) }
                        case 1:
                            rates[1] = timedRate(operations: count[1]) { precondition(fixture.verifyKitVerify()) }
                        default:
                            rates[2] = await timedRateAsync(operations: count[2]) {
                                let ok = await peer.verify(fixture.token)
                                precondition(ok)
                            }
                        }
                    }
                    raw[index].append(rates[0])
                    verifyKit[index].append(rates[1])
                    jwtKit[index].append(rates[2])
                    vkOverRaw[index].append(rates[1] / rates[0])
                    vkOverKit[index].append(rates[1] / rates[2])
                }
            }
            FileHandle.standardError.write(Data("round \(round + 1)/\(options.rounds) done\n".utf8))
        }
        var results: [[String: Any]] = []
        for (index, fixture) in fixtures.enumerated() {
            results.append([
                "alg": fixture.name,
                "raw_per_s": median(raw[index]),
                "verifykit_per_s": median(verifyKit[index]),
                "jwtkit_per_s": median(jwtKit[index]),
                "verifykit_vs_raw": median(vkOverRaw[index]),
                "verifykit_vs_jwtkit": median(vkOverKit[index]),
                "verifykit_vs_raw_min": vkOverRaw[index].min() ?? 0,
                "verifykit_vs_raw_max": vkOverRaw[index].max() ?? 0,
            ])
        }
        var report: [String: Any] = [
            "rounds": options.rounds,
            "triples_per_round": options.triples,
            "slice_seconds": options.slice,
            "extras_slice_seconds": options.extrasSlice,
            "processors": ProcessInfo.processInfo.activeProcessorCount,
            "load_average_at_start": loadAtStart,
            "load_average_at_end": CPUTime.loadAverage(),
            "results": results,
            "extras": extras(slice: options.extrasSlice, rounds: max(3, options.rounds / 2)),
        ]
        if fixtures.contains(where: { $0.name == "HS256" }) {
            report["hs256_floor"] = hs256Floor(slice: options.slice, triples: options.rounds * options.triples)
        }
        return report
    }

    /// Cache hits, parse-only, base64url decoding and batch scaling (also interleaved in rounds).
    static func extras(slice: Double, rounds: Int, batchPairs: Int = 8) -> [String: Any] {
        let eddsa = Fixture.named("EdDSA")
        let verifier = CachingJWTVerifier<BenchClaims>(keys: eddsa.keys)
        _ = try! verifier.verify(eddsa.token)
        // 4096 distinct tokens cycling through a cache that holds them all: realistic hashing and lookup.
        let hot = (0..<4096).map { index -> String in
            var claims = Fixture.claims
            claims.sub = "user-\(index)"
            return try! JWTSigner.sign(
                claims,
                key: CryptoKey(Ed25519.PrivateKey(seed: [UInt8](repeating: 0x5A, count: 32))),
                algorithm: .eddsa
            )
        }
        for token in hot { _ = try! verifier.verify(token) }
        let block = (0..<(36 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        let encoded = Base64URL.encode(block)
        let batchTokens = Array(repeating: eddsa.token, count: 512)
        let single = JWTBatchVerifier(workerCount: 1)
        let dual = JWTBatchVerifier(workerCount: ProcessInfo.processInfo.activeProcessorCount)

        var cacheHit: [Double] = []
        var cacheHitHot: [Double] = []
        var parseOnly: [Double] = []
        var base64: [Double] = []
        var foundation: [Double] = []
        var batchOne: [Double] = []
        var batchAll: [Double] = []
        var batchScaling: [Double] = []
        var batchCPUEfficiency: [Double] = []
        var rawScaling: [Double] = []
        var batchVsRawScaling: [Double] = []
        for _ in 0..<rounds {
            cacheHit.append(
                rate(slice: slice, batch: 64) {
                    for _ in 0..<64 { precondition((try? verifier.verify(eddsa.token)) != nil) }
                }
            )
            var cursor = 0
            cacheHitHot.append(
                rate(slice: slice, batch: 64) {
                    for _ in 0..<64 {
                        precondition((try? verifier.verify(hot[cursor])) != nil)
                        cursor = (cursor + 1) & 4095
                    }
                }
            )
            parseOnly.append(
                rate(slice: slice, batch: 64) {
                    for _ in 0..<64 { precondition((try? JWTKeyCollection.unverifiedDecode(eddsa.token)) != nil) }
                }
            )
            base64.append(
                rate(slice: slice, batch: 1) { precondition((try? Base64URL.decode(encoded))?.count == block.count) }
                    * Double(block.count) / 1e6
            )
            foundation.append(
                rate(slice: slice, batch: 1) { precondition(foundationDecode(encoded)?.count == block.count) }
                    * Double(block.count) / 1e6
            )
            // Batch scaling from back-to-back pairs (one 512-token batch on 1 worker, then on N, order
            // alternating), like the per-algorithm triples: each ratio sees the machine's speed of the
            // same few tens of milliseconds. Tokens per CPU-second as well: when other processes share
            // the cores the wall-clock scaling drops, but the per-CPU-second rate only drops if the
            // workers slow each other down (shared state, false sharing, lock contention).
            let threads = dual.workerCount
            let perThread = batchTokens.count / threads
            var oneSeconds = 0.0
            var oneCPU = 0.0
            var allSeconds = 0.0
            var allCPU = 0.0
            for pair in 0..<batchPairs {
                for step in 0..<2 {
                    let onAll = (step + pair) % 2 == 1
                    let cpu = CPUTime.now()
                    var results: [Result<VerifiedJWT<BenchClaims>, JWTError>] = []
                    let seconds = timed {
                        results = (onAll ? dual : single).verifyBlocking(
                            batchTokens,
                            with: eddsa.keys,
                            as: BenchClaims.self
                        )
                    }
                    // A failing batch would finish early and pass for a fast one.
                    precondition(results.count == batchTokens.count && results.allSatisfy { (try? $0.get()) != nil })
                    if onAll {
                        allSeconds = seconds
                        allCPU += CPUTime.now() - cpu
                    } else {
                        oneSeconds = seconds
                        oneCPU += CPUTime.now() - cpu
                    }
                }
                let count = Double(batchTokens.count)
                batchOne.append(count / oneSeconds)
                batchAll.append(count / allSeconds)
                batchScaling.append(oneSeconds / (allSeconds * Double(threads)))
                // The bare primitive on 1 and on N threads, sharing nothing: how far this machine
                // itself scales (clock boost with one busy core, neighbours on the host) is the
                // batch's ceiling.
                var rawOne = 0.0
                var rawAll = 0.0
                for step in 0..<2 {
                    if (step + pair) % 2 == 0 {
                        rawOne = timed {
                            for _ in 0..<(perThread * threads) { precondition(eddsa.rawVerify()) }
                        }
                    } else {
                        rawAll = timed {
                            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                                for _ in 0..<perThread { precondition(eddsa.rawVerify()) }
                            }
                        }
                    }
                }
                let rawRatio = rawOne / (rawAll * Double(threads))
                rawScaling.append(rawRatio)
                batchVsRawScaling.append(batchScaling[batchScaling.count - 1] / rawRatio)
            }
            // Same token count on both sides, so the per-CPU-second ratio is the CPU-time ratio.
            batchCPUEfficiency.append(oneCPU / allCPU)
        }
        return [
            "cache_hit_same_token_per_s": median(cacheHit),
            "cache_hit_4096_tokens_per_s": median(cacheHitHot),
            "parse_only_per_s": median(parseOnly),
            "base64url_decode_mb_per_s": median(base64),
            "foundation_base64_decode_mb_per_s": median(foundation),
            "batch_workers": dual.workerCount,
            "batch_1_worker_per_s": median(batchOne),
            "batch_n_workers_per_s": median(batchAll),
            "batch_scaling_vs_n_times_single": median(batchScaling),
            "batch_scaling_best_pair": batchScaling.max() ?? 0,
            "batch_per_cpu_second_n_vs_1": median(batchCPUEfficiency),
            "raw_thread_scaling_vs_n_times_single": median(rawScaling),
            "batch_scaling_vs_raw_thread_scaling": median(batchVsRawScaling),
        ]
    }

    static func foundationDecode(_ text: String) -> Data? {
        var translated = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let remainder = translated.utf8.count % 4
        if remainder > 0 { translated += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: translated)
    }
}

struct CompareError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
