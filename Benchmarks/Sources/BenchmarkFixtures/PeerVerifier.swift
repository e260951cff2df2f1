internal import JWTKit

/// jwt-kit's side: the same claims shape, verified with `JWTKeyCollection.verify` (async).
struct PeerClaims: JWTPayload {
    var sub: SubjectClaim
    var name: String
    var admin: Bool
    var iat: IssuedAtClaim
    var exp: ExpirationClaim

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}

/// A jwt-kit key collection holding one key, built from a ``PeerKey``.
public struct PeerVerifier: Sendable {
    let keys: JWTKit.JWTKeyCollection

    public static func make(_ key: PeerKey) async throws -> PeerVerifier {
        let keys = JWTKit.JWTKeyCollection()
        switch key {
        case .eddsa(let x):
            await keys.add(eddsa: try EdDSA.PublicKey(x: x, curve: .ed25519))
        case .rsa(let modulus, let exponent, let alg):
            let algorithm: JWK.Algorithm = alg == "RS256" ? .rs256 : .rs512
            try await keys.add(
                jwk: JWK.rsa(algorithm, identifier: "bench", modulus: modulus, exponent: exponent)
            )
        case .es256(let pem):
            await keys.add(ecdsa: try ES256PublicKey(pem: pem))
        case .hs256(let secret):
            await keys.add(hmac: JWTKit.HMACKey(from: secret), digestAlgorithm: .sha256)
        }
        return PeerVerifier(keys: keys)
    }

    public func verify(_ token: String) async -> Bool {
        (try? await keys.verify(token, as: PeerClaims.self))?.admin ?? false
    }
}
