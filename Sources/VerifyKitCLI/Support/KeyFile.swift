import Foundation
import VerifyKit

/// Reading key files for any subcommand: auto-detected format, failures as exit-2 one-liners.
enum KeyFile {
    /// Reads and imports `path` (`-` for standard input).
    static func load(_ path: String, hexIsPrivateSeed: Bool = false) throws(CLIFailure) -> KeyImporter.Result {
        let bytes = try readInput(path, what: "key file", limit: KeyImporter.maximumInputBytes)
        do {
            return try KeyImporter.importKeys(from: bytes, hexIsPrivateSeed: hexIsPrivateSeed)
        } catch {
            throw CLIFailure("cannot read key file \(path) (\(error.code)): \(error.reason)")
        }
    }

    /// Reads exactly one key from `path`.
    static func loadOne(_ path: String, hexIsPrivateSeed: Bool = false) throws(CLIFailure) -> JWK {
        let result = try load(path, hexIsPrivateSeed: hexIsPrivateSeed)
        guard result.keys.count == 1, let key = result.keys.first else {
            throw CLIFailure("key file \(path) holds \(result.keys.count) usable keys; expected one")
        }
        return key
    }
}
