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
        #expect(present.subtracting(Self.filesRun).sorted() == [], "vector files no suite runs")
        #expect(Self.filesRun.subtracting(present).sorted() == [], "files a suite runs that are missing")
        #expect(Self.filesRun.count == 15)
    }

    @Test("VERIFYKIT_REQUIRE_WYCHEPROOF=1 turns missing vectors into a failure")
    func requiredWhenAsked() {
        guard ProcessInfo.processInfo.environment["VERIFYKIT_REQUIRE_WYCHEPROOF"] == "1" else { return }
        #expect(Wycheproof.isAvailable, "\(Wycheproof.missingReason), but VERIFYKIT_REQUIRE_WYCHEPROOF=1")
    }
}
