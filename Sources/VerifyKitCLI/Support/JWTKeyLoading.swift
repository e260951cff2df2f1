import VerifyKit

/// Builds a ``JWTKeyCollection`` from `--key` and `--jwks` files for `verify` and the vector suites.
enum JWTKeyLoading {
    /// Adds every key of `path` (format auto-detected). A JWKS file goes through the key-set rules
    /// (skip unknown members, refuse duplicates and secret/public mixtures).
    static func addKeyFile(_ path: String, to keys: inout JWTKeyCollection) throws(CLIFailure) {
        let bytes = try readInput(path, what: "key file")
        // A key set goes straight to the key-set rules, which refuse private members before any
        // member is parsed (importing first would check every private key in full).
        if KeyImporter.isKeySet(bytes) {
            try addKeySet(bytes, path: path, to: &keys)
            return
        }
        let result: KeyImporter.Result
        do {
            result = try KeyImporter.importKeys(from: bytes)
        } catch {
            throw CLIFailure("cannot read key file \(path) (\(error.code)): \(error.reason)")
        }
        for jwk in result.keys {
            do {
                try keys.add(jwk)
            } catch {
                throw CLIFailure("key file \(path) (\(error.code)): \(error.message)")
            }
        }
    }

    /// Adds a JWK Set file; skipped members are reported on stderr, a refused set is exit 2.
    static func addKeySetFile(_ path: String, to keys: inout JWTKeyCollection) throws(CLIFailure) {
        let bytes = try readInput(path, what: "key set")
        try addKeySet(bytes, path: path, to: &keys)
    }

    private static func addKeySet(_ bytes: [UInt8], path: String, to keys: inout JWTKeyCollection) throws(CLIFailure) {
        do {
            for skipped in try keys.add(jwks: bytes) {
                printError("verifykit: \(path): skipped \(skipped)")
            }
        } catch {
            throw CLIFailure("key set \(path) refused (\(error.code)): \(error.message)")
        }
    }
}
