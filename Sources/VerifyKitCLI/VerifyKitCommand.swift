import ArgumentParser

/// The `verifykit` command line: verify tokens and signed requests, manage keys, check vectors.
@main
struct VerifyKitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verifykit",
        abstract: "Verify JSON Web Tokens and signed API requests.",
        subcommands: [
            VerifyCommand.self,
            DecodeCommand.self,
            SignCommand.self,
            KeyCommand.self,
            FIBCommand.self,
            FrickCommand.self,
            VectorsCommand.self,
        ]
    )
}
