internal import JWTKit

/// jwt-kit's side of the `x5c` comparison: its own `X5CVerifier` (swift-certificates for the
/// chain, swift-crypto for the signatures) trusting the same root, decoding into the same claims
/// shape as ``PeerVerifier`` (``PeerClaims``, which also checks `exp`).
public struct PeerX5CVerifier: Sendable {
    // Qualified: VerifyKit's JSONWebToken has an `X5CVerifier` too.
    let verifier: JWTKit.X5CVerifier

    /// A verifier trusting the certificates of `rootPEM`.
    public init(rootPEM: String) throws {
        verifier = try JWTKit.X5CVerifier(rootCertificates: [rootPEM])
    }

    /// One `verifyJWS` end to end: header, chain validated at the current time, signature with the
    /// leaf's key, claims decoded and checked.
    public func verify(_ token: String) async -> Bool {
        (try? await verifier.verifyJWS(token, as: PeerClaims.self))?.admin ?? false
    }

    /// The error `verifyJWS` throws for `token`, or nil when it accepts it (for the start-up check).
    public func failure(_ token: String) async -> String? {
        do {
            _ = try await verifier.verifyJWS(token, as: PeerClaims.self)
            return nil
        } catch {
            return "\(error)"
        }
    }
}
