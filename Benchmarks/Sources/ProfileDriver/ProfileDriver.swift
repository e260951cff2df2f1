import BenchmarkFixtures
import VerifyKit

/// A plain loop for `valgrind --tool=callgrind`: where does end-to-end verification spend
/// instructions beyond the primitive?
///
/// Usage: `ProfileDriver ALG ITERATIONS MODE` with MODE `raw`, `verify`, `verify-registered`,
/// `parse` or `cache`. Example:
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
        default:
            for _ in 0..<iterations where fixture.verifyKitVerify() { accepted += 1 }
        }
        print("\(name) \(mode): \(accepted)/\(iterations) accepted")
    }
}
