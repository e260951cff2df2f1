import ArgumentParser
import VerifyKit

/// `verifykit key …`: inspect, convert and generate keys.
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Inspect, convert and generate keys (PEM, DER, JWK, JWKS, hex).",
        subcommands: [KeyInspectCommand.self, KeyConvertCommand.self, KeyGenerateCommand.self]
    )
}
