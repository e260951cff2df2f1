import BenchmarkFixtures
import Foundation
import VerifyKit

extension VerifyKitCompare {
    /// `--x5c`: one ES256 token carrying its chain (``X5CFixture``) through three verifiers, in
    /// triples like the main table's (fixed-count slices of about `slice` seconds, order rotating,
    /// ratios taken inside each triple and their medians reported):
    ///
    /// - VerifyKit's `X5CVerifier` end to end: header, chain validated by OpenSSL against the
    ///   root, signature with the leaf's key, claims decoded into ``BenchClaims``;
    /// - jwt-kit's `X5CVerifier.verifyJWS` end to end into the same claims shape (``PeerX5CVerifier``);
    /// - VerifyKit's `JWTKeyCollection` holding the leaf's key, on the same token: no chain work,
    ///   so the gap to the first is what the chain costs.
    ///
    /// Report keys: `verifykit_x5c_per_s`, `jwtkit_x5c_per_s`, `verifykit_plain_key_per_s` (medians);
    /// `verifykit_vs_jwtkit` (VerifyKit's x5c ops/s over jwt-kit's, with min and max over the
    /// triples); `x5c_vs_plain_key` (VerifyKit's x5c ops/s over the plain key's); `chain_cost_us`
    /// (microseconds the chain adds to one VerifyKit verify, 1/x5c − 1/plain per triple).
    static func x5cComparison(rounds: Int, triples: Int, slice: Double) async throws -> [String: Any] {
        let fixture = try X5CFixture.make()
        let peer = try PeerX5CVerifier(rootPEM: fixture.rootPEM)
        // A chain younger than this machine's clock, or a token one side refuses, would otherwise
        // trip a precondition mid-run with no reason given.
        if let reason = fixture.verifyKitFailure() {
            throw CompareError(message: "x5c: VerifyKit's X5CVerifier rejects the fixture token: \(reason)")
        }
        if let reason = await peer.failure(fixture.token) {
            throw CompareError(message: "x5c: jwt-kit's X5CVerifier rejects the fixture token: \(reason)")
        }
        guard fixture.plainKeyVerify() else {
            throw CompareError(message: "x5c: the leaf's key alone rejects the fixture token")
        }
        // Calibrate as the main table does: operations per slice for each side, which also warms
        // caches and lazy state (jwt-kit's decoders, OpenSSL's method tables).
        let calibration = max(0.02, slice * 4)
        let verifyKitRate = rate(slice: calibration, batch: 1) { precondition(fixture.verifyKitVerify()) }
        let jwtKitRate = await rateAsync(slice: calibration, batch: 1) {
            let ok = await peer.verify(fixture.token)
            precondition(ok)
        }
        let plainRate = rate(slice: calibration, batch: 1) { precondition(fixture.plainKeyVerify()) }
        let counts = [verifyKitRate, jwtKitRate, plainRate].map { max(1, Int($0 * slice)) }

        var verifyKit: [Double] = []
        var jwtKit: [Double] = []
        var plain: [Double] = []
        var vkOverKit: [Double] = []
        var x5cOverPlain: [Double] = []
        var chainCost: [Double] = []
        for round in 0..<rounds {
            for triple in 0..<triples {
                // Rotate the order so no verifier always runs first or last.
                var rates = [0.0, 0.0, 0.0]
                for step in 0..<3 {
                    switch (step + triple + round) % 3 {
                    case 0:
                        rates[0] = timedRate(operations: counts[0]) { precondition(fixture.verifyKitVerify()) }
                    case 1:
                        rates[1] = await timedRateAsync(operations: counts[1]) {
                            let ok = await peer.verify(fixture.token)
                            precondition(ok)
                        }
                    default:
                        rates[2] = timedRate(operations: counts[2]) { precondition(fixture.plainKeyVerify()) }
                    }
                }
                verifyKit.append(rates[0])
                jwtKit.append(rates[1])
                plain.append(rates[2])
                vkOverKit.append(rates[0] / rates[1])
                x5cOverPlain.append(rates[0] / rates[2])
                chainCost.append((1 / rates[0] - 1 / rates[2]) * 1e6)
            }
            FileHandle.standardError.write(Data("x5c round \(round + 1)/\(rounds) done\n".utf8))
        }
        return [
            "alg": "ES256",
            "chain": "leaf-ec, intermediate (x5c); root trusted",
            "verifykit_x5c_per_s": median(verifyKit),
            "jwtkit_x5c_per_s": median(jwtKit),
            "verifykit_plain_key_per_s": median(plain),
            "verifykit_vs_jwtkit": median(vkOverKit),
            "verifykit_vs_jwtkit_min": vkOverKit.min() ?? 0,
            "verifykit_vs_jwtkit_max": vkOverKit.max() ?? 0,
            "x5c_vs_plain_key": median(x5cOverPlain),
            "chain_cost_us": median(chainCost),
        ]
    }

    /// The whole report of a `--x5c` run: the comparison and the conditions it ran under, in the
    /// main report's terms. A separate report, so `Results/compare.json` and the scripts reading
    /// it stay as they are.
    static func runX5C(_ options: Options) async throws -> [String: Any] {
        let loadAtStart = CPUTime.loadAverage()
        let x5c = try await x5cComparison(rounds: options.rounds, triples: options.triples, slice: options.slice)
        func number(_ key: String) -> Double { x5c[key] as? Double ?? 0 }
        // A line for the reader on standard error; standard output stays JSON only.
        FileHandle.standardError.write(
            Data(
                String(
                    format: "x5c ES256: VerifyKit %.0f/s, jwt-kit %.0f/s, plain key %.0f/s; "
                        + "VerifyKit / jwt-kit %.3f, x5c / plain key %.3f (chain %.1f µs)\n",
                    number("verifykit_x5c_per_s"),
                    number("jwtkit_x5c_per_s"),
                    number("verifykit_plain_key_per_s"),
                    number("verifykit_vs_jwtkit"),
                    number("x5c_vs_plain_key"),
                    number("chain_cost_us")
                ).utf8
            )
        )
        return [
            "rounds": options.rounds,
            "triples_per_round": options.triples,
            "slice_seconds": options.slice,
            "processors": ProcessInfo.processInfo.activeProcessorCount,
            "load_average_at_start": loadAtStart,
            "load_average_at_end": CPUTime.loadAverage(),
            "x5c": x5c,
        ]
    }
}
