// swift-tools-version:6.1
import PackageDescription

// Coverage-guided fuzzing (libFuzzer + AddressSanitizer) of everything that reads untrusted bytes.
// Its own package so the fuzzer build flags never touch the library's normal builds. From the
// repository root: `make fuzz` (every target for FUZZ_SECONDS each) or
// `make fuzz FUZZ_TARGETS=token FUZZ_SECONDS=600`.
let package = Package(
    name: "VerifyKitFuzz",
    platforms: [.macOS("15")],
    dependencies: [
        .package(name: "VerifyKit", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "VerifyKitFuzz",
            dependencies: [.product(name: "VerifyKit", package: "VerifyKit")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
