import ArgumentParser
import VerifyKit

/// `verifykit key generate --type TYPE [--format jwk|pem|hex]`: a fresh private key.
struct KeyGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a private key (or HMAC secret)."
    )

    enum KeyKind: String, ExpressibleByArgument, CaseIterable {
        case ed25519, rsa2048, rsa3072, rsa4096, p256, p384, p521, hs256, hs384, hs512
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jwk, pem, hex
    }

    @Option(help: "Key type: \(KeyKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var type: KeyKind

    @Option(
        help: "Output: jwk (default), pem (PKCS#8; not for HMAC), hex (Ed25519 seed ‖ public key, or the HMAC secret)."
    )
    var format: Format = .jwk

    @Option(help: "A key ID to put in the JWK.")
    var kid: String?

    func run() throws {
        let key: CryptoKey
        var algorithm: SignatureAlgorithm?
        switch type {
        case .ed25519: key = CryptoKey(Ed25519.PrivateKey())
        case .rsa2048: key = CryptoKey(try RSA.PrivateKey(keySize: 2048))
        case .rsa3072: key = CryptoKey(try RSA.PrivateKey(keySize: 3072))
        case .rsa4096: key = CryptoKey(try RSA.PrivateKey(keySize: 4096))
        case .p256: key = CryptoKey(try ECDSA.PrivateKey(curve: .p256))
        case .p384: key = CryptoKey(try ECDSA.PrivateKey(curve: .p384))
        case .p521: key = CryptoKey(try ECDSA.PrivateKey(curve: .p521))
        case .hs256: (key, algorithm) = (CryptoKey(HMACKey(randomByteCount: 32)), .hs256)
        case .hs384: (key, algorithm) = (CryptoKey(HMACKey(randomByteCount: 48)), .hs384)
        case .hs512: (key, algorithm) = (CryptoKey(HMACKey(randomByteCount: 64)), .hs512)
        }
        switch format {
        case .jwk:
            let jwk = JWK(key: key, keyID: kid, algorithm: algorithm)
            print(JSONValue.object(jwk.privateJSON).serializedString())
        case .pem:
            guard let pem = key.privateKeyPEM else {
                throw CLIFailure("an HMAC secret has no PEM form; use --format jwk or hex")
            }
            print(pem, terminator: "")
        case .hex:
            if let ed25519 = key.ed25519PrivateKey {
                print(Hex.encode(ed25519.rawRepresentation))
            } else if let secret = key.hmacKey {
                print(Hex.encode(secret.rawRepresentation))
            } else {
                throw CLIFailure("hex output is only for ed25519 and HMAC keys; use --format jwk or pem")
            }
        }
    }
}
