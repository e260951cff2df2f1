import Base64URL
@preconcurrency import Benchmark
import BenchmarkFixtures
import Foundation
import JSONWebToken

// Throughput, allocations and peak memory per operation, with tolerances for `make bench-check`.
// Ratios between implementations come from `VerifyKitCompare` (interleaved in one run), not from here:
// these benchmarks run one after another, and the machine's speed drifts between them.

/// Throughput may drift on a shared 2-core machine: a regression must be large to fail the check.
/// Allocation counts are deterministic: a couple more per operation is already a regression.
nonisolated(unsafe) let checkedThresholds: [BenchmarkMetric: BenchmarkThresholds] = [
    .throughput: BenchmarkThresholds(relative: [.p90: 35.0]),
    .mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 3]),
]

nonisolated(unsafe) let verifyConfiguration = Benchmark.Configuration(
    metrics: [.throughput, .wallClock, .mallocCountTotal, .peakMemoryResident],
    warmupIterations: 50,
    maxDuration: .seconds(2),
    maxIterations: 200_000,
    thresholds: checkedThresholds
)

nonisolated(unsafe) let codecConfiguration = Benchmark.Configuration(
    metrics: [.throughput, .wallClock, .mallocCountTotal],
    warmupIterations: 100,
    maxDuration: .seconds(1),
    maxIterations: 1_000_000,
    thresholds: checkedThresholds
)

/// 48 KiB of base64url text (decodes to 36 KiB): long enough that per-call overhead vanishes.
let base64Block: String = {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<(36 * 1024)).map { _ in UInt8.random(in: 0...255, using: &generator) }
    return Base64URL.encode(bytes)
}()

let benchmarks: @Sendable () -> Void = {
    for fixture in Fixture.all {
        Benchmark("\(fixture.name) raw primitive", configuration: verifyConfiguration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(fixture.rawVerify())
            }
        }
        Benchmark("\(fixture.name) VerifyKit", configuration: verifyConfiguration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(fixture.verifyKitVerify())
            }
        }
        Benchmark("\(fixture.name) jwt-kit", configuration: verifyConfiguration) { benchmark async in
            let peer = try! await PeerVerifier.make(fixture.peerKey)
            let accepted = await peer.verify(fixture.token)
            precondition(accepted, "jwt-kit rejects the \(fixture.name) token")
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(await peer.verify(fixture.token))
            }
        }
    }

    Benchmark("EdDSA VerifyKit cache hit", configuration: codecConfiguration) { benchmark in
        let fixture = Fixture.named("EdDSA")
        let verifier = CachingJWTVerifier<BenchClaims>(keys: fixture.keys)
        _ = try! verifier.verify(fixture.token)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try! verifier.verify(fixture.token).claims.admin)
        }
    }

    Benchmark("EdDSA parse only (unverified decode)", configuration: codecConfiguration) { benchmark in
        let token = Fixture.named("EdDSA").token
        for _ in benchmark.scaledIterations {
            blackHole(try! JWTKeyCollection.unverifiedDecode(token).payload.count)
        }
    }

    // Each iteration decodes 36 KiB: MB/s = throughput × 0.0369.
    Benchmark("base64url decode 36 KiB (VerifyKit)", configuration: codecConfiguration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! Base64URL.decode(base64Block).count)
        }
    }

    Benchmark("base64url decode 36 KiB (Foundation, after translating)", configuration: codecConfiguration) {
        benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(foundationBase64URLDecode(base64Block)!.count)
        }
    }
}

/// What a Foundation user writes: swap the alphabet, pad, then `Data(base64Encoded:)`.
func foundationBase64URLDecode(_ text: String) -> Data? {
    var translated = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    let remainder = translated.utf8.count % 4
    if remainder > 0 { translated += String(repeating: "=", count: 4 - remainder) }
    return Data(base64Encoded: translated)
}
