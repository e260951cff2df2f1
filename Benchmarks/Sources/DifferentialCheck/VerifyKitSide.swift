import BenchmarkFixtures
import CryptoPrimitives
import JSONWebToken

/// The claims both sides decode into: registered claims with their library's claim types, plus
/// the fixture's `name` and `admin`.
struct VerifyKitClaims: Decodable {
    var iss: IssuerClaim
    var sub: SubjectClaim
    var aud: AudienceClaim
    var name: String
    var admin: Bool
    var iat: IssuedAtClaim?
    var nbf: NotBeforeClaim?
    var exp: ExpirationClaim
}

/// VerifyKit's side: the fixture's key under `kid` "k1", the expected issuer and audience, a
/// fixed clock and no leeway; everything else at its default.
struct VerifyKitSide {
    let keys: JWTKeyCollection

    init(_ context: AlgorithmContext) throws {
        var keys = JWTKeyCollection(
            options: JWTValidationOptions(
                clock: .fixed(Double(AlgorithmContext.now)),
                issuers: [AlgorithmContext.issuer],
                audiences: [AlgorithmContext.audience]
            )
        )
        try keys.add(context.fixture.signingKey, keyID: AlgorithmContext.keyID)
        self.keys = keys
    }

    /// `nil` when accepted, else the error code and message.
    func verify(_ token: [UInt8]) -> String? {
        do {
            _ = try keys.verify(utf8: token, as: VerifyKitClaims.self)
            return nil
        } catch {
            return "\(error.code.rawValue): \(error.message)"
        }
    }
}
