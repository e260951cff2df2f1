// swift-tools-version:6.1
import PackageDescription

// Benchmarks live in their own package so the slow jwt-kit / package-benchmark build stays out of
// `make test`. From the repository root: `make bench` (everything, then the table and chart) and
// `make bench-check` (fails on a regression against the checked-in thresholds).
let package = Package(
    name: "VerifyKitBenchmarks",
    platforms: [.macOS("15")],
    dependencies: [
        .package(name: "VerifyKit", path: ".."),
        .package(
            url: "https://github.com/ordo-one/benchmark",
            from: "1.38.1",
            traits: ["MallocInterposer"]
        ),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
    ],
    targets: [
        // Tokens, keys and both verifiers, shared by the two executables.
        .target(
            name: "BenchmarkFixtures",
            dependencies: [
                .product(name: "VerifyKit", package: "VerifyKit"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ]
        ),
        // package-benchmark suite: throughput, mallocs, peak memory, thresholds.
        .executableTarget(
            name: "VerifyKitBenchmarks",
            dependencies: [
                "BenchmarkFixtures",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "VerifyKit", package: "VerifyKit"),
            ],
            path: "Benchmarks/VerifyKitBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        // Interleaved rounds of raw primitive / VerifyKit / jwt-kit: the ratios in Results/.
        .executableTarget(
            name: "VerifyKitCompare",
            dependencies: [
                "BenchmarkFixtures",
                .product(name: "VerifyKit", package: "VerifyKit"),
            ]
        ),
        // Seeded corpus of mutated tokens verified by VerifyKit and jwt-kit; prints where they
        // disagree (README: "Differential check"). Not part of any check run.
        .executableTarget(
            name: "DifferentialCheck",
            dependencies: [
                "BenchmarkFixtures",
                .product(name: "VerifyKit", package: "VerifyKit"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ]
        ),
        // A plain loop to run under valgrind --tool=callgrind (no jwt-kit, no timing).
        .executableTarget(
            name: "ProfileDriver",
            dependencies: [
                "BenchmarkFixtures",
                .product(name: "VerifyKit", package: "VerifyKit"),
            ]
        ),
    ]
)
