import VerifyKit

enum KeyFuzzing {
    static func run(_ bytes: [UInt8]) {
        if let result = try? KeyImporter.importKeys(from: bytes) {
            for jwk in result.keys {
                roundTrip(jwk)
            }
        }
        _ = try? KeyImporter.importKeys(from: bytes, hexIsPrivateSeed: true)
        _ = try? CryptoKey(derRepresentation: bytes)
        _ = try? PEMDocument.parseAll(bytes)
        _ = try? JWK(json: bytes)
        var keys = JWTKeyCollection()
        _ = try? keys.add(jwks: bytes)
    }

    /// An imported key survives export and import again with the same thumbprint.
    static func roundTrip(_ jwk: JWK) {
        guard let again = try? JWK(jsonObject: jwk.publicJSON) else {
            violated("an imported key's public JWK does not import again")
        }
        if again.thumbprint != jwk.thumbprint { violated("the JWK round trip changed the key") }
        if let der = jwk.key.publicKeyInfoDER {
            guard let fromDER = try? CryptoKey(derRepresentation: der) else {
                violated("an imported key's SubjectPublicKeyInfo does not import again")
            }
            if JWK.thumbprint(of: fromDER) != JWK.thumbprint(of: jwk.key.publicKey ?? jwk.key) {
                violated("the DER round trip changed the key")
            }
        }
    }
}
