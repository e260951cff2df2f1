import ArgumentParser

struct VectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "vectors", abstract: "Not yet implemented.")
}
