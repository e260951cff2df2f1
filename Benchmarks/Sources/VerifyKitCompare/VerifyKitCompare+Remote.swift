import BenchmarkFixtures
import Foundation
import VerifyKit

extension VerifyKitCompare {
    /// `--remote`: what a ``RemoteJWKSet`` adds to a verification once its set is fetched — the
    /// lock, the clock reading and the `async` call — against the same token verified by a
    /// `JWTKeyCollection` holding the same key. Pairs of fixed-count slices, order alternating;
    /// ratios taken inside each pair, medians reported, per algorithm (HS256 shows the fixed cost
    /// most, next to a check of about 0.3 µs).
    ///
    /// Report keys per algorithm: `collection_per_s`, `remote_per_s`, `remote_vs_collection`
    /// (with min and max over the pairs), `added_ns` (1/remote − 1/collection per pair).
    static func runRemote(_ options: Options) async throws -> [String: Any] {
        let loadAtStart = CPUTime.loadAverage()
        let names = options.algorithms.isEmpty ? ["EdDSA", "ES256", "HS256"] : options.algorithms
        var results: [[String: Any]] = []
        for name in names {
            let fixture = Fixture.make(name)
            let jwk = JWK(key: fixture.signingKey.publicKey ?? fixture.signingKey, algorithm: fixture.algorithm)
            let member = fixture.signingKey.publicKey == nil ? jwk.privateJSON : jwk.publicJSON
            let body = Array(JSONValue.object(["keys": .array([.object(member)])]).serialized())
            let remote = RemoteJWKSet { body }
            var keys = JWTKeyCollection()
            try keys.add(jwks: body)
            let token = fixture.token
            guard (try? await remote.verify(token, as: BenchClaims.self)) != nil,
                (try? keys.verify(token, as: BenchClaims.self)) != nil
            else { throw CompareError(message: "remote: \(name) token refused") }

            let calibration = max(0.02, options.slice * 4)
            // Both sides run in the same async loop, so the ratio holds only what RemoteJWKSet adds.
            let collectionRate = await rateAsync(slice: calibration, batch: 1) {
                precondition((try? keys.verify(token, as: BenchClaims.self)) != nil)
            }
            let remoteRate = await rateAsync(slice: calibration, batch: 1) {
                let ok = (try? await remote.verify(token, as: BenchClaims.self)) != nil
                precondition(ok)
            }
            let counts = [collectionRate, remoteRate].map { max(1, Int($0 * options.slice)) }
            var collection: [Double] = []
            var remoteRates: [Double] = []
            var ratios: [Double] = []
            var added: [Double] = []
            for round in 0..<options.rounds {
                for pair in 0..<options.triples {
                    var rates = [0.0, 0.0]
                    for step in 0..<2 {
                        if (step + pair + round) % 2 == 0 {
                            rates[0] = await timedRateAsync(operations: counts[0]) {
                                precondition((try? keys.verify(token, as: BenchClaims.self)) != nil)
                            }
                        } else {
                            rates[1] = await timedRateAsync(operations: counts[1]) {
                                let ok = (try? await remote.verify(token, as: BenchClaims.self)) != nil
                                precondition(ok)
                            }
                        }
                    }
                    collection.append(rates[0])
                    remoteRates.append(rates[1])
                    ratios.append(rates[1] / rates[0])
                    added.append((1 / rates[1] - 1 / rates[0]) * 1e9)
                }
            }
            precondition(remote.status.successfulFetches == 1)
            FileHandle.standardError.write(
                Data(
                    String(
                        format: "remote %@: collection %.0f/s, RemoteJWKSet %.0f/s, ratio %.3f (%.0f ns added)\n",
                        name,
                        median(collection),
                        median(remoteRates),
                        median(ratios),
                        median(added)
                    ).utf8
                )
            )
            results.append([
                "alg": name,
                "collection_per_s": median(collection),
                "remote_per_s": median(remoteRates),
                "remote_vs_collection": median(ratios),
                "remote_vs_collection_min": ratios.min() ?? 0,
                "remote_vs_collection_max": ratios.max() ?? 0,
                "added_ns": median(added),
            ])
        }
        return [
            "rounds": options.rounds,
            "pairs_per_round": options.triples,
            "slice_seconds": options.slice,
            "load_average_at_start": loadAtStart,
            "load_average_at_end": CPUTime.loadAverage(),
            "results": results,
        ]
    }
}
