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
        // Files of the algorithms this library verifies must be run; others (say, secp256k1 or
        // SHA-512/224 vectors in a larger copy of the folder) are not this library's to run. A copy
        // with another key size of a JOSE algorithm (rsa_signature_3072_sha256) does fail: that
        // file should be added to its suite.
        let supported = present.filter(Self.isSupportedFamily)
        #expect(supported.subtracting(Self.filesRun).sorted() == [], "vector files of supported families no suite runs")
        #expect(Self.filesRun.subtracting(present).sorted() == [], "files a suite runs that are missing")
    }

    /// Whether a Wycheproof file tests an algorithm VerifyKit verifies, exactly as JOSE defines it:
    /// ES256/384/512 (P1363 signatures, each curve with its own hash), RS and PS with SHA-256/384/512
    /// (PSS: MGF1 with the same hash, salt as long as the hash, RFC 7518 §3.5) at any key size,
    /// HMAC-SHA-256/384/512 and Ed25519. Prefixes are not enough: a full copy of the folder also
    /// holds `hmac_sha512_224`, `ecdsa_secp256r1_sha512_p1363`, `rsa_signature_2048_sha224`,
    /// `rsa_pss_2048_sha256_mgf1_0` and the like, which no suite here can run.
    static func isSupportedFamily(_ name: String) -> Bool {
        let ecdsa: Set = [
            "ecdsa_secp256r1_sha256_p1363_test.json", "ecdsa_secp384r1_sha384_p1363_test.json",
            "ecdsa_secp521r1_sha512_p1363_test.json",
        ]
        let exact: Set = [
            "hmac_sha256_test.json", "hmac_sha384_test.json", "hmac_sha512_test.json", "ed25519_test.json",
        ]
        return ecdsa.contains(name) || exact.contains(name)
            || name.wholeMatch(of: /rsa_signature_[0-9]+_sha(256|384|512)_test\.json/) != nil
            || name.wholeMatch(of: /rsa_pss_[0-9]+_(sha256_mgf1_32|sha384_mgf1_48|sha512_mgf1_64)_test\.json/) != nil
    }

    @Test("only files of JOSE algorithms VerifyKit verifies count as supported")
    func supportedFamilies() {
        for name in Self.filesRun { #expect(Self.isSupportedFamily(name), "\(name)") }
        // Present in C2SP/wycheproof testvectors_v1: other hashes, truncated hashes, other salts.
        for name in [
            "hmac_sha512_224_test.json", "hmac_sha512_256_test.json", "hmac_sha3_256_test.json",
            "ecdsa_secp256r1_sha512_p1363_test.json", "ecdsa_secp256r1_sha3_256_p1363_test.json",
            "ecdsa_secp256r1_sha256_test.json", "ecdsa_secp256k1_sha256_p1363_test.json",
            "rsa_signature_2048_sha224_test.json", "rsa_signature_2048_sha512_224_test.json",
            "rsa_signature_2048_sha3_256_test.json", "rsa_pss_2048_sha1_mgf1_20_test.json",
            "rsa_pss_2048_sha256_mgf1_0_test.json", "rsa_pss_misc_test.json", "ed448_test.json",
        ] {
            #expect(!Self.isSupportedFamily(name), "\(name)")
        }
        // Another key size of a JOSE algorithm is supported: such a file must be run.
        #expect(Self.isSupportedFamily("rsa_signature_3072_sha256_test.json"))
        #expect(Self.isSupportedFamily("rsa_pss_3072_sha256_mgf1_32_test.json"))
    }

    @Test("VERIFYKIT_REQUIRE_WYCHEPROOF=1 turns missing vectors into a failure")
    func requiredWhenAsked() {
        guard ProcessInfo.processInfo.environment["VERIFYKIT_REQUIRE_WYCHEPROOF"] == "1" else { return }
        #expect(Wycheproof.isAvailable, "\(Wycheproof.missingReason), but VERIFYKIT_REQUIRE_WYCHEPROOF=1")
    }
}
