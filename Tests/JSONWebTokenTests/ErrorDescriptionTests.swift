import CryptoPrimitives
import Foundation
import JSONWebToken
import Testing

@Suite("Errors for people: localizedDescription and jwt-kit spellings")
struct ErrorDescriptionTests {
    @Test("localizedDescription carries the code and the message, not a bare type name")
    func localizedDescriptions() {
        let jwt: any Error = JWTError(.expired, "exp: the token expired at 1700000000")
        #expect(jwt.localizedDescription == "JWTError.expired: exp: the token expired at 1700000000")
        let crypto: any Error = CryptoError(.weakKey, "RSA modulus of 1024 bits is below the policy minimum of 2048")
        #expect(crypto.localizedDescription.hasPrefix("CryptoError.weak_key: RSA modulus of 1024 bits"))
    }

    @Test("NumericDate claims take a Date as value:, as jwt-kit's do")
    func dateValue() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000.5)
        #expect(ExpirationClaim(value: date).value == 1_700_000_000.5)
        #expect(IssuedAtClaim(value: date) == IssuedAtClaim(date: date))
        #expect(NotBeforeClaim(value: 12).value == 12)
    }
}
