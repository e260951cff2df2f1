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
        help: "Output: jwk (default; the only form for HMAC secrets), pem (PKCS#8), hex (Ed25519 seed ‖ public key)."
    )
    var format: Format = .jwk

    @Option(help: "A key ID to put in the JWK (--format jwk only).")
    var kid: String?

    func validate() throws {
        if kid == "" { throw ValidationError("--kid must not be empty") }
        if kid != nil && format != .jwk {
            throw ValidationError("--kid goes into a JWK; it needs --format jwk")
        }
        if format == .hex && [.hs256, .hs384, .hs512].contains(type) {
            // Hex key files are read back as Ed25519 keys (the FIB format), so an HMAC secret in
            // hex would later be taken for an Ed25519 key.
            throw ValidationError(
                "an HMAC secret is written as a JWK (kty oct); hex key files are read as Ed25519 keys"
            )
        }
    }

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
            StandardOutput.print(JSONValue.object(jwk.privateJSON).serializedString())
        case .pem:
            guard let pem = key.privateKeyPEM else {
                throw CLIFailure("an HMAC secret has no PEM form; use --format jwk")
            }
            StandardOutput.print(pem, terminator: "")
        case .hex:
            guard let ed25519 = key.ed25519PrivateKey else {
                throw CLIFailure("hex output is only for ed25519 keys; use --format jwk or pem")
            }
            StandardOutput.print(Hex.encode(ed25519.rawRepresentation))
        }
    }
}
