import ArgumentParser

struct FrickCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "frick", abstract: "Not yet implemented.")
}
