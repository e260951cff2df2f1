import ArgumentParser

struct FIBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fib", abstract: "Not yet implemented.")
}
