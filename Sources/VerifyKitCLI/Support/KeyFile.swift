import Foundation
import VerifyKit

/// Reading key files for any subcommand: auto-detected format, failures as exit-2 one-liners.
enum KeyFile {
    /// Reads and imports `path` (`-` for standard input).
    static func load(_ path: String, hexIsPrivateSeed: Bool = false) throws(CLIFailure) -> KeyImporter.Result {
        try importKeys(try read(path), from: path, hexIsPrivateSeed: hexIsPrivateSeed)
    }

    /// The bytes of key file `path` (`-` for standard input), up to the importer's size limit.
    static func read(_ path: String) throws(CLIFailure) -> [UInt8] {
        try readInput(path, what: "key file", limit: KeyImporter.maximumInputBytes)
    }

    /// Imports the bytes read from `path`, naming `path` in the failure.
    static func importKeys(
        _ bytes: [UInt8],
        from path: String,
        hexIsPrivateSeed: Bool = false
    ) throws(CLIFailure) -> KeyImporter.Result {
        do {
            return try KeyImporter.importKeys(from: bytes, hexIsPrivateSeed: hexIsPrivateSeed)
        } catch {
            throw CLIFailure("cannot read key file \(path) (\(error.code)): \(error.reason)")
        }
    }

    /// Reads the one private key (or secret) of `path` for signing. A file may also hold that
    /// key's own public key or certificate, as PEM bundles often do; any other key beside it makes
    /// the choice ambiguous and is refused.
    static func loadSigningKey(_ path: String, hexIsPrivateSeed: Bool = false) throws(CLIFailure) -> JWK {
        let keys = try load(path, hexIsPrivateSeed: hexIsPrivateSeed).keys
        let privateKeys = keys.filter(\.key.isPrivate)
        if keys.count == 1, let only = keys.first { return only }
        guard privateKeys.count == 1, let signing = privateKeys.first else {
            throw CLIFailure(
                "key file \(path) holds \(keys.count) usable keys, \(privateKeys.count) of them private; "
                    + "expected one private key (with its own public key or certificate at most)"
            )
        }
        // Same RFC 7638 thumbprint: the public members are the same key.
        let thumbprint = signing.thumbprint
        guard keys.allSatisfy({ $0.key.isPrivate || $0.thumbprint == thumbprint }) else {
            throw CLIFailure(
                "key file \(path) holds a private key and a public key or certificate of another key; "
                    + "expected one private key (with its own public key or certificate at most)"
            )
        }
        return signing
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
