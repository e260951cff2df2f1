import Foundation
import Testing
import VerifyKitTestSupport

/// One Wycheproof vector file: `testGroups`, each with its own key material and `tests`.
struct WycheproofFile<Group: Decodable & Sendable>: Decodable, Sendable {
    let algorithm: String
    let numberOfTests: Int
    let testGroups: [Group]
}

/// The fields every Wycheproof test shares; group types add their own key fields.
struct WycheproofTest: Decodable, Sendable {
    let tcId: Int
    let comment: String
    let flags: [String]
    let msg: String
    let sig: String?
    let tag: String?
    let key: String?
    let result: Expectation

    enum Expectation: String, Decodable, Sendable {
        case valid
        case invalid
        case acceptable
    }
}

/// Where the shared Wycheproof vectors live: `../shared/wycheproof` beside the package root.
enum Wycheproof {
    static let directory = PackagePaths.shared.appendingPathComponent("wycheproof")

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("README.md").path)
    }

    /// The reason shown when the folder is absent (tests are skipped visibly, not silently passed).
    static let missingReason = "Wycheproof vectors not found at ../shared/wycheproof; skipping"

    static func load<Group: Decodable & Sendable>(_ name: String, as: Group.Type) throws -> WycheproofFile<Group> {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONDecoder().decode(WycheproofFile<Group>.self, from: data)
    }

    /// Runs `check` on every test of every group and enforces the verdicts: `valid` must pass,
    /// `invalid` must fail, `acceptable` may go either way but must give the same answer twice.
    /// Prints `wycheproof FILE: N vectors, P passed, F failed` and records one issue per mismatch.
    static func run<Group: Decodable & Sendable>(
        _ name: String,
        groups: Group.Type,
        tests: (Group) -> [WycheproofTest],
        check: (Group, WycheproofTest) throws -> Bool
    ) throws {
        let file = try load(name, as: Group.self)
        var total = 0
        var passed = 0
        var failed = 0
        for group in file.testGroups {
            for test in tests(group) {
                total += 1
                let verdict = (try? check(group, test)) ?? false
                let ok: Bool
                switch test.result {
                case .valid: ok = verdict
                case .invalid: ok = !verdict
                case .acceptable: ok = verdict == ((try? check(group, test)) ?? false)
                }
                if ok {
                    passed += 1
                } else {
                    failed += 1
                    Issue.record(
                        "\(name) tcId \(test.tcId) (\(test.comment); flags \(test.flags)): expected \(test.result), got \(verdict ? "valid" : "invalid")"
                    )
                }
            }
        }
        print("wycheproof \(name): \(total) vectors, \(passed) passed, \(failed) failed")
        #expect(total == file.numberOfTests, "\(name): ran \(total) of \(file.numberOfTests) vectors")
    }
}
