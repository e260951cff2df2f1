internal import CryptoPrimitives

// PEM reading goes through CryptoPrimitives' key layer; this file is the only place that knows how.
extension BankFrick {
    static func rsaPrivateKey(pemRepresentation: String) throws(RequestSigningError) -> RSA.PrivateKey {
        let key: CryptoKey
        do {
            key = try CryptoKey(pemRepresentation: pemRepresentation)
        } catch {
            throw RequestSigningError(importCode(error), "cannot read the private key PEM: \(error.reason)")
        }
        guard let rsa = key.rsaPrivateKey else {
            throw RequestSigningError(.invalidKey, "the PEM does not hold an RSA private key")
        }
        return rsa
    }

    static func rsaPublicKey(pemRepresentation: String) throws(RequestSigningError) -> RSA.PublicKey {
        let key: CryptoKey
        do {
            key = try CryptoKey(pemRepresentation: pemRepresentation)
        } catch {
            throw RequestSigningError(importCode(error), "cannot read the public key PEM: \(error.reason)")
        }
        guard let rsa = key.rsaPublicKey else {
            throw RequestSigningError(.invalidKey, "the PEM does not hold an RSA key")
        }
        return rsa
    }

    /// A key of a kind that is not supported stays `unsupported_key`; every other failure to read
    /// a key is `invalid_key`.
    private static func importCode(_ error: CryptoError) -> RequestSigningError.Code {
        error.code == .unsupportedKey ? .unsupportedKey : .invalidKey
    }
}
