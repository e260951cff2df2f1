import ArgumentParser
import VerifyKit

/// `verifykit key convert --to jwk|pem KEYFILE`: the public part in another encoding.
struct KeyConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Print the public part of a key as a JWK or SPKI PEM."
    )

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case jwk
        case pem
    }

    @Option(help: "Output encoding: jwk or pem.")
    var to: Target

    @Flag(name: .customLong("hex-seed"), help: "Read a 64-digit hex file as an Ed25519 private seed, not a public key.")
    var hexSeed = false

    @Argument(help: "Key file: PEM, DER, JWK, JWKS or hex. Use - for standard input.")
    var keyFile: String

    func run() throws {
        let jwk = try KeyFile.loadOne(keyFile, hexIsPrivateSeed: hexSeed)
        guard let publicKey = jwk.key.publicKey else {
            throw CLIFailure("an HMAC secret has no public part to convert")
        }
        switch to {
        case .jwk:
            StandardOutput.print(JSONValue.object(jwk.publicJSON).serializedString())
        case .pem:
            StandardOutput.print(publicKey.publicKeyPEM ?? "", terminator: "")
        }
    }
}
