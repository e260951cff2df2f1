import Base64URL
import CryptoPrimitives
import Foundation
public import JSONWebToken
import StrictJSON

/// An ES256 token that carries its signer's certificate chain in `x5c`, and VerifyKit's two ways
/// to verify it: through the chain (``X5CVerifier``, trusting the root) and with the leaf's key
/// given directly (a ``JWTKeyCollection``, no certificate work at all), so the difference between
/// them is what the chain costs.
///
/// The chain is the main package's `TestVectors/x5c` (`scripts/make-x5c-fixtures.sh`): a P-256
/// root, an intermediate and the `leaf-ec` end entity. The header is `{"alg":"ES256","x5c":[leaf,
/// intermediate]}` (standard Base64 DER, the root left out as RFC 7515 §4.1.6 allows), the claims
/// those of every other fixture token (``Fixture/claims``).
public struct X5CFixture: Sendable {
    /// The compact JWS.
    public let token: String
    /// The root certificate as PEM, for the jwt-kit side (``PeerX5CVerifier``).
    public let rootPEM: String
    /// VerifyKit's chain verifier trusting the fixture root, with default options: the chain is
    /// validated at the system clock, as jwt-kit's `.currentTime` does.
    public let verifier: X5CVerifier
    /// The leaf's public key alone, for ES256: the same token verified without the chain.
    public let leafKeys: JWTKeyCollection

    /// The main package's `TestVectors/x5c`, found from this file's path so that any clone of the
    /// repository works (`#filePath` is `<root>/Benchmarks/Sources/BenchmarkFixtures/X5CFixture.swift`).
    public static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("TestVectors/x5c")

    /// Reads the fixture files and signs the token. Throws when a file is missing or unreadable.
    public static func make() throws -> X5CFixture {
        func pem(_ name: String) throws -> String {
            try String(contentsOf: folder.appendingPathComponent("\(name).pem"), encoding: .utf8)
        }
        let rootPEM = try pem("root")
        let leaf = try X509Certificate(pemRepresentation: try pem("leaf-ec"))
        let intermediate = try X509Certificate(pemRepresentation: try pem("intermediate"))
        // No `typ`: the header the brief and the tests' tokens use, alg and x5c only.
        var header = JWTHeader(type: nil)
        header["x5c"] = .array([leaf, intermediate].map { .string(Base64.encode($0.derRepresentation)) })
        let token = try JWTSigner.sign(
            Fixture.claims,
            header: header,
            key: try CryptoKey(pemRepresentation: try pem("leaf-ec.key")),
            algorithm: .es256
        )
        var leafKeys = JWTKeyCollection()
        try leafKeys.add(try leaf.publicKey(), algorithms: [.es256])
        return X5CFixture(
            token: token,
            rootPEM: rootPEM,
            verifier: X5CVerifier.appStoreServer(trustStore: try X509TrustStore(pemBundle: rootPEM)),
            leafKeys: leafKeys
        )
    }

    /// One verification through the chain into typed, validated claims.
    @inline(__always)
    public func verifyKitVerify() -> Bool {
        (try? verifier.verify(token, as: BenchClaims.self))?.claims.admin ?? false
    }

    /// The reason ``verifyKitVerify()`` fails, or nil when it succeeds (for the start-up check:
    /// a chain not yet valid by this machine's clock should say so, not just "rejected").
    public func verifyKitFailure() -> String? {
        do {
            _ = try verifier.verify(token, as: BenchClaims.self)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// One verification of the same token with the leaf's key given directly (no chain work).
    @inline(__always)
    public func plainKeyVerify() -> Bool {
        (try? leafKeys.verify(token, as: BenchClaims.self))?.claims.admin ?? false
    }
}
