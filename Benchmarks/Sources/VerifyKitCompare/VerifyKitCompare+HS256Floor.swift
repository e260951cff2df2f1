import BenchmarkFixtures
import VerifyKit

extension VerifyKitCompare {
    /// Where an HS256 verify's time goes, against its raw HMAC, in triples like the main table's
    /// (raw HMAC, VerifyKit into registered claims only, the `Codable` floor; order rotating):
    ///
    /// - `hs256_registered_vs_raw`: `keys.verify(token)` (``JWTClaims``, no `Codable`) ÷ raw;
    /// - `codable_floor_ns` and `codable_floor_vs_raw_hmac`: ``CodableFloor`` per decode, and its
    ///   time over the raw HMAC's;
    /// - `hs256_codable_ceiling`: raw ÷ (raw + floor), the most an HS256 verify into the same claims
    ///   struct could reach if base64url, JSON parsing, claim checks and the result cost nothing.
    static func hs256Floor(slice: Double, triples: Int) -> [String: Any] {
        let fixture = Fixture.named("HS256")
        precondition((try? fixture.keys.verify(fixture.token)) != nil && CodableFloor.decode())
        let calibration = max(0.02, slice * 4)
        let counts = [
            rate(slice: calibration, batch: 1) { precondition(fixture.rawVerify()) },
            rate(slice: calibration, batch: 1) { precondition((try? fixture.keys.verify(fixture.token)) != nil) },
            rate(slice: calibration, batch: 1) { precondition(CodableFloor.decode()) },
        ].map { max(1, Int($0 * slice)) }
        var registeredOverRaw: [Double] = []
        var floorOverRaw: [Double] = []
        var floorSeconds: [Double] = []
        var ceiling: [Double] = []
        for triple in 0..<triples {
            var rates = [0.0, 0.0, 0.0]
            for step in 0..<3 {
                let which = (step + triple) % 3
                switch which {
                case 0:
                    rates[0] = timedRate(operations: counts[0]) { precondition(fixture.rawVerify()) }
                case 1:
                    rates[1] = timedRate(operations: counts[1]) {
                        precondition((try? fixture.keys.verify(fixture.token)) != nil)
                    }
                default:
                    rates[2] = timedRate(operations: counts[2]) { precondition(CodableFloor.decode()) }
                }
            }
            registeredOverRaw.append(rates[1] / rates[0])
            floorOverRaw.append(rates[0] / rates[2])
            floorSeconds.append(1 / rates[2])
            ceiling.append(1 / (1 + rates[0] / rates[2]))
        }
        return [
            "hs256_registered_vs_raw": median(registeredOverRaw),
            "codable_floor_ns": median(floorSeconds) * 1e9,
            "codable_floor_vs_raw_hmac": median(floorOverRaw),
            "hs256_codable_ceiling": median(ceiling),
        ]
    }
}
