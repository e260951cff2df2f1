import BenchmarkFixtures
import Foundation

/// Differential check: a seeded corpus of mutated tokens per algorithm, each verified by VerifyKit
/// and by jwt-kit with the same key, claims shape, issuer, audience and clock; prints how often
/// they agree and every class of token only one of them accepts.
///
/// `swift run -c release DifferentialCheck [--count N] [--seed S] [--algorithms EdDSA,HS256]
/// [--filter TEXT] [--max-combined K] [--examples] [--both-accept] [--trace] [--list]`
@main
struct DifferentialCheck {
    struct Settings {
        var count = 20_000
        var seed: UInt64 = 1
        var algorithms = ["EdDSA", "RS256-2048", "RS512-2048", "ES256", "HS256"]
        var filter: String?
        var maxCombined = 3
        var examples = false
        var bothAccept = false
        var trace = false
        var list = false
        /// Cases slower than this (either side) are listed.
        var slowMilliseconds = 50.0
    }

    static func main() async throws {
        let settings = try parse(Array(CommandLine.arguments.dropFirst()))
        print(
            "DifferentialCheck: seed \(settings.seed), \(settings.count) cases per algorithm, at most"
                + " \(settings.maxCombined) mutations per case"
        )
        var disagreements = 0
        for name in settings.algorithms {
            let context = AlgorithmContext(name)
            var catalogue = Catalogue.all(context)
            if let filter = settings.filter { catalogue = catalogue.filter { $0.label.contains(filter) } }
            if settings.list {
                for mutation in catalogue { print("\(name)\t\(mutation.label)") }
                continue
            }
            guard !catalogue.isEmpty else {
                print("\(name): no mutation matches the filter")
                continue
            }
            let run = try await Run(context: context, catalogue: catalogue, settings: settings)
            let tally = try await run.execute()
            tally.print(name: name, settings: settings, catalogueSize: catalogue.count)
            disagreements += tally.totals[.verifyKitOnly] + tally.totals[.jwtKitOnly]
        }
        print("done: \(disagreements) disagreements in all")
    }

    static func parse(_ arguments: [String]) throws -> Settings {
        var settings = Settings()
        var iterator = arguments.makeIterator()
        func value(_ flag: String) throws -> String {
            guard let value = iterator.next() else { throw UsageError("\(flag) needs a value") }
            return value
        }
        while let argument = iterator.next() {
            switch argument {
            case "--count":
                guard let count = Int(try value(argument)), count >= 0 else {
                    throw UsageError("--count takes an integer")
                }
                settings.count = count
            case "--seed":
                guard let seed = UInt64(try value(argument)) else { throw UsageError("--seed takes an integer") }
                settings.seed = seed
            case "--algorithms":
                settings.algorithms = try value(argument).split(separator: ",").map(String.init)
                for name in settings.algorithms where !Fixture.names.contains(name) {
                    throw UsageError("unknown algorithm \(name); known: \(Fixture.names.joined(separator: ", "))")
                }
            case "--filter": settings.filter = try value(argument)
            case "--max-combined":
                guard let k = Int(try value(argument)), k >= 1 else {
                    throw UsageError("--max-combined takes 1 or more")
                }
                settings.maxCombined = k
            case "--slow-ms":
                guard let ms = Double(try value(argument)) else { throw UsageError("--slow-ms takes a number") }
                settings.slowMilliseconds = ms
            case "--examples": settings.examples = true
            case "--both-accept": settings.bothAccept = true
            case "--trace": settings.trace = true
            case "--list": settings.list = true
            case "--help", "-h":
                print(
                    """
                    usage: DifferentialCheck [--count N] [--seed S] [--algorithms A,B] [--filter TEXT]
                                             [--max-combined K] [--slow-ms MS] [--examples] [--both-accept]
                                             [--trace] [--list]
                    """
                )
                exit(0)
            default: throw UsageError("unknown argument \(argument)")
            }
        }
        return settings
    }
}

struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One algorithm's corpus run (on the main actor, as `main` is: the catalogue's closures are not
/// `Sendable`).
@MainActor
struct Run {
    let context: AlgorithmContext
    let catalogue: [Mutation]
    let combinable: [Mutation]
    let settings: DifferentialCheck.Settings
    let verifyKit: VerifyKitSide
    let jwtKit: JWTKitSide

    init(context: AlgorithmContext, catalogue: [Mutation], settings: DifferentialCheck.Settings) async throws {
        self.context = context
        self.catalogue = catalogue
        self.combinable = catalogue.filter { !$0.standalone }
        self.settings = settings
        verifyKit = try VerifyKitSide(context)
        jwtKit = try await JWTKitSide(context)
    }

    func execute() async throws -> Tally {
        // The unmutated token must pass both, or the comparison means nothing.
        let base = context.baseRecipe.build(context)
        if let refusal = verifyKit.verify(base) { throw UsageError("VerifyKit refuses the base token: \(refusal)") }
        if let refusal = await jwtKit.verify(base) { throw UsageError("jwt-kit refuses the base token: \(refusal)") }

        // One generator per algorithm, derived from the seed, so a subset of algorithms replays
        // the same cases.
        var rng = SplitMix64(
            seed: settings.seed
                ^ UInt64(truncatingIfNeeded: context.fixture.name.utf8.reduce(0) { $0 &* 31 &+ Int($1) })
        )
        var tally = Tally()
        let clock = ContinuousClock()
        for index in 0..<settings.count {
            var recipe = context.baseRecipe
            var labels: [String] = []
            let roll = rng.int(0...99)
            let combined =
                roll < 65 || combinable.isEmpty ? 1 : roll < 90 ? min(2, settings.maxCombined) : settings.maxCombined
            if combined == 1 {
                let mutation = rng.pick(catalogue)
                mutation.apply(&recipe, &rng, context)
                labels.append(mutation.label)
            } else {
                for _ in 0..<combined {
                    let mutation = rng.pick(combinable)
                    mutation.apply(&recipe, &rng, context)
                    labels.append(mutation.label)
                }
            }
            let label = labels.joined(separator: " + ")
            let token = recipe.build(context)
            if settings.trace {
                FileHandle.standardError.write(
                    Data("case \(index): \(label)\n\(Tally.printable(token, limit: 400))\n".utf8)
                )
            }
            var verifyKitAnswer: String?
            let verifyKitTime = clock.measure { verifyKitAnswer = verifyKit.verify(token) }
            let start = clock.now
            let jwtKitAnswer = await jwtKit.verify(token)
            let jwtKitTime = clock.now - start
            tally.record(
                labels: labels,
                token: token,
                verifyKit: verifyKitAnswer,
                jwtKit: jwtKitAnswer,
                times: (verifyKitTime, jwtKitTime),
                slowAbove: settings.slowMilliseconds
            )
        }
        return tally
    }
}
