import VerifyKit

enum KeyFuzzing {
    static func run(_ bytes: [UInt8]) {
        let imported = try? KeyImporter.importKeys(from: bytes)
        if let imported {
            for jwk in imported.keys {
                roundTrip(jwk)
            }
        }
        // The same bytes as an HMAC secret: key policy's encoded-key check runs on any input, and
        // PEM text that imports as a key is never a usable secret.
        if !bytes.isEmpty {
            let secret = CryptoKey(HMACKey(bytes))
            let usable = (try? secret.checkPolicy(KeyPolicy(minimumHMACKeyBytes: 1), for: .hs256)) != nil
            if usable, imported?.keys.isEmpty == false, (try? PEMDocument.parseAll(bytes))?.isEmpty == false {
                violated("PEM text that imports as a key passed key policy as an HMAC secret")
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
