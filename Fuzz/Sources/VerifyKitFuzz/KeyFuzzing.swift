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
        // a file the importer reads as an asymmetric key is never a usable secret. Not hex (64
        // digits are as likely a random secret as an Ed25519 key), nor the private DER forms that
        // key policy leaves to the importer by design (PKCS#1 RSAPrivateKey, SEC1 ECPrivateKey).
        if !bytes.isEmpty, let imported, imported.format != .hex,
            let key = imported.keys.first(where: {
                $0.key.keyType != .oct && (imported.format != .der || !$0.key.isPrivate)
            })
        {
            let secret = CryptoKey(HMACKey(bytes))
            if (try? secret.checkPolicy(KeyPolicy(minimumHMACKeyBytes: 1), for: .hs256)) != nil {
                violated("a \(imported.format) file with a \(key.key.keyType) key passed key policy as an HMAC secret")
            }
        } else if !bytes.isEmpty {
            _ = try? CryptoKey(HMACKey(bytes)).checkPolicy(KeyPolicy(minimumHMACKeyBytes: 1), for: .hs256)
        }
        _ = try? KeyImporter.importKeys(from: bytes, hexIsPrivateSeed: true)
        typedReaders(der: bytes)
        if let text = String(validating: bytes, as: UTF8.self) { typedReaders(pem: text) }
        _ = try? PEMDocument.parseAll(bytes)
        _ = try? JWK(json: bytes)
        var keys = JWTKeyCollection()
        _ = try? keys.add(jwks: bytes)
        DiscoveryFuzzing.run(bytes)
    }

    /// The typed readers (`RSA.PublicKey(derRepresentation:)`, …) agree with ``CryptoKey``: at most
    /// one of them takes any input, and what it takes the general reader takes too, as the same key
    /// with the same visibility.
    static func typedReaders(der bytes: [UInt8]) {
        let typed = readers.map { ($0.name, $0.der(bytes)) }
        agree(typed, general: try? CryptoKey(derRepresentation: bytes), form: "DER")
    }

    static func typedReaders(pem text: String) {
        let typed = readers.map { ($0.name, $0.pem(text)) }
        agree(typed, general: try? CryptoKey(pemRepresentation: text), form: "PEM")
    }

    /// Each typed reader, DER and PEM, as the type-erased key it reads (nil when it refuses).
    private static let readers:
        [(name: String, der: @Sendable ([UInt8]) -> CryptoKey?, pem: @Sendable (String) -> CryptoKey?)] = [
            (
                "RSA public", { (try? RSA.PublicKey(derRepresentation: $0)).map { CryptoKey($0) } },
                { (try? RSA.PublicKey(pemRepresentation: $0)).map { CryptoKey($0) } }
            ),
            (
                "RSA private", { (try? RSA.PrivateKey(derRepresentation: $0)).map { CryptoKey($0) } },
                { (try? RSA.PrivateKey(pemRepresentation: $0)).map { CryptoKey($0) } }
            ),
            (
                "EC public", { (try? ECDSA.PublicKey(derRepresentation: $0)).map { CryptoKey($0) } },
                { (try? ECDSA.PublicKey(pemRepresentation: $0)).map { CryptoKey($0) } }
            ),
            (
                "EC private", { (try? ECDSA.PrivateKey(derRepresentation: $0)).map { CryptoKey($0) } },
                { (try? ECDSA.PrivateKey(pemRepresentation: $0)).map { CryptoKey($0) } }
            ),
            (
                "Ed25519 public", { (try? Ed25519.PublicKey(derRepresentation: $0)).map { CryptoKey($0) } },
                { (try? Ed25519.PublicKey(pemRepresentation: $0)).map { CryptoKey($0) } }
            ),
            (
                "Ed25519 private", { (try? Ed25519.PrivateKey(derRepresentation: $0)).map { CryptoKey($0) } },
                { (try? Ed25519.PrivateKey(pemRepresentation: $0)).map { CryptoKey($0) } }
            ),
        ]

    private static func agree(_ typed: [(String, CryptoKey?)], general: CryptoKey?, form: String) {
        let accepted = typed.compactMap { name, key in key.map { (name, $0) } }
        if accepted.count > 1 {
            violated("\(form) read by more than one typed reader: \(accepted.map(\.0))")
        }
        guard let (name, key) = accepted.first else { return }
        guard let general else { violated("the \(name) \(form) reader took input that CryptoKey refuses") }
        if key.isPrivate != general.isPrivate || JWK.thumbprint(of: key) != JWK.thumbprint(of: general) {
            violated("the \(name) \(form) reader read another key than CryptoKey")
        }
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
