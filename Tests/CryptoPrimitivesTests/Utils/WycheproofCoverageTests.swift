import Foundation
import Testing

/// The Wycheproof suites name their files one by one: a file added to `../shared/wycheproof` would
/// otherwise never run, and an absent folder skips every suite without failing the run.
@Suite("Wycheproof coverage")
struct WycheproofCoverageTests {
    /// Every file some suite runs.
    static var filesRun: Set<String> {
        Set(
            RSAWycheproofTests.pkcs1Files.map(\.0) + RSAWycheproofTests.pssFiles.map(\.0)
                + ECDSAWycheproofTests.files.map(\.0) + HMACWycheproofTests.files.map(\.0) + ["ed25519_test.json"]
        )
    }

    @Test(
        "every vector file in the folder is run by a suite",
        .enabled(if: Wycheproof.isAvailable, Comment(rawValue: Wycheproof.missingReason))
    )
    func everyFileIsRun() throws {
        let present = Set(
            try FileManager.default.contentsOfDirectory(atPath: Wycheproof.directory.path).filter {
                $0.hasSuffix(".json")
            }
        )
        // Files of the families this library verifies must be run; others (say, secp256k1 or
        // X25519 vectors in a larger copy of the folder) are not this library's to run.
        let supported = present.filter(Self.isSupportedFamily)
        #expect(supported.subtracting(Self.filesRun).sorted() == [], "vector files of supported families no suite runs")
        #expect(Self.filesRun.subtracting(present).sorted() == [], "files a suite runs that are missing")
    }

    /// Wycheproof's names for the signature families VerifyKit verifies (ECDSA in P1363 form on
    /// P-256/384/521, RSA PKCS#1 v1.5 and PSS, HMAC-SHA-2, Ed25519).
    static func isSupportedFamily(_ name: String) -> Bool {
        let ecdsa = ["secp256r1", "secp384r1", "secp521r1"].contains { name.hasPrefix("ecdsa_\($0)_") }
        return (ecdsa && name.contains("_p1363_")) || name.hasPrefix("rsa_signature_") || name.hasPrefix("rsa_pss_")
            || name.hasPrefix("hmac_sha256") || name.hasPrefix("hmac_sha384") || name.hasPrefix("hmac_sha512")
            || name.hasPrefix("ed25519")
    }

    @Test("VERIFYKIT_REQUIRE_WYCHEPROOF=1 turns missing vectors into a failure")
    func requiredWhenAsked() {
        guard ProcessInfo.processInfo.environment["VERIFYKIT_REQUIRE_WYCHEPROOF"] == "1" else { return }
        #expect(Wycheproof.isAvailable, "\(Wycheproof.missingReason), but VERIFYKIT_REQUIRE_WYCHEPROOF=1")
    }
}
