// swift-tools-version:6.1
import PackageDescription

/// Settings shared by every Swift target: Swift 6 language mode is the tools default; these
/// upcoming features keep imports explicit and stop C types leaking into public API.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "VerifyKit",
    // Synchronization's Atomic and Mutex (the header memos on the verify path, the cache, batches).
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "VerifyKit", targets: ["VerifyKit"]),
        .library(name: "HexCoding", targets: ["HexCoding"]),
        .library(name: "Base64URL", targets: ["Base64URL"]),
        .library(name: "StrictJSON", targets: ["StrictJSON"]),
        .library(name: "CryptoPrimitives", targets: ["CryptoPrimitives"]),
        .library(name: "JSONWebToken", targets: ["JSONWebToken"]),
        .library(name: "RequestSigning", targets: ["RequestSigning"]),
        .executable(name: "verifykit", targets: ["VerifyKitCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .systemLibrary(
            name: "CLibsodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"]), .brew(["libsodium"])]
        ),
        .systemLibrary(
            name: "CLibcrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        .target(name: "HexCoding", swiftSettings: swiftSettings),
        .target(name: "Base64URL", swiftSettings: swiftSettings),
        .target(name: "StrictJSON", dependencies: ["Base64URL"], swiftSettings: swiftSettings),
        .target(
            name: "CryptoPrimitives",
            dependencies: ["CLibsodium", "CLibcrypto", "HexCoding", "Base64URL", "StrictJSON"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "JSONWebToken",
            dependencies: ["Base64URL", "StrictJSON", "CryptoPrimitives"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RequestSigning",
            dependencies: ["HexCoding", "Base64URL", "StrictJSON", "CryptoPrimitives", "JSONWebToken"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "VerifyKit",
            dependencies: [
                "HexCoding", "Base64URL", "StrictJSON", "CryptoPrimitives", "JSONWebToken", "RequestSigning",
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "VerifyKitCLI",
            dependencies: [
                "VerifyKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Helpers shared by the test targets only (seeded randomness, running tools); not a product.
        .target(name: "VerifyKitTestSupport", path: "Tests/Support", swiftSettings: swiftSettings),
        .testTarget(
            name: "HexCodingTests",
            dependencies: ["VerifyKitTestSupport", "HexCoding"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "Base64URLTests",
            dependencies: ["VerifyKitTestSupport", "Base64URL"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StrictJSONTests",
            dependencies: ["VerifyKitTestSupport", "StrictJSON"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CryptoPrimitivesTests",
            dependencies: ["VerifyKitTestSupport", "CryptoPrimitives", "HexCoding", "Base64URL", "StrictJSON"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "JSONWebTokenTests",
            dependencies: [
                "VerifyKitTestSupport", "JSONWebToken", "CryptoPrimitives", "Base64URL", "HexCoding", "StrictJSON",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RequestSigningTests",
            dependencies: [
                "VerifyKitTestSupport", "RequestSigning", "JSONWebToken", "CryptoPrimitives", "HexCoding", "Base64URL",
                "StrictJSON",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReadmeExamplesTests",
            dependencies: ["VerifyKitTestSupport", "VerifyKit"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VerifyKitCLITests",
            dependencies: ["VerifyKitTestSupport", "VerifyKitCLI", "VerifyKit"],
            swiftSettings: swiftSettings
        ),
    ]
)
