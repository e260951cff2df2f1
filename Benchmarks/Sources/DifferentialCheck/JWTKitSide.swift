import BenchmarkFixtures
import Foundation
import JWTKit

/// jwt-kit's side of ``VerifyKitClaims``: the same members with jwt-kit's claim types, and the
/// checks VerifyKit makes from its options written in `verify(using:)` as a jwt-kit user would.
struct JWTKitClaims: JWTPayload {
    static let now = Date(timeIntervalSince1970: Double(AlgorithmContext.now))

    var iss: IssuerClaim
    var sub: SubjectClaim
    var aud: AudienceClaim
    var name: String
    var admin: Bool
    var iat: IssuedAtClaim?
    var nbf: NotBeforeClaim?
    var exp: ExpirationClaim

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired(currentDate: Self.now)
        try nbf?.verifyNotBefore(currentDate: Self.now)
        guard iss.value == AlgorithmContext.issuer else {
            throw JWTError.claimVerificationFailure(failedClaim: iss, reason: "unexpected issuer")
        }
        try aud.verifyIntendedAudience(includes: AlgorithmContext.audience)
    }
}

/// jwt-kit's side: the fixture's key under `kid` "k1" (also the default key, as jwt-kit makes the
/// first key added).
struct JWTKitSide {
    let keys: JWTKeyCollection

    init(_ context: AlgorithmContext) async throws {
        let keys = JWTKeyCollection()
        let kid = JWKIdentifier(string: AlgorithmContext.keyID)
        switch context.fixture.peerKey {
        case .eddsa(let x):
            await keys.add(eddsa: try EdDSA.PublicKey(x: x, curve: .ed25519), kid: kid)
        case .rsa(let modulus, let exponent, let alg):
            let algorithm: JWK.Algorithm = alg == "RS256" ? .rs256 : .rs512
            try await keys.add(
                jwk: JWK.rsa(algorithm, identifier: kid, modulus: modulus, exponent: exponent)
            )
        case .es256(let pem):
            await keys.add(ecdsa: try ES256PublicKey(pem: pem), kid: kid)
        case .hs256(let secret):
            await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256, kid: kid)
        }
        self.keys = keys
    }

    /// `nil` when accepted, else the error's description.
    func verify(_ token: [UInt8]) async -> String? {
        do {
            _ = try await keys.verify(token, as: JWTKitClaims.self)
            return nil
        } catch {
            return String(describing: error)
        }
    }
}
