import VerifyKit

/// Builds a ``JWTKeyCollection`` from `--key` and `--jwks` files for `verify` and the vector suites.
enum JWTKeyLoading {
    /// Adds every key of `path` (format auto-detected). A JWKS file goes through the key-set rules
    /// (skip unknown members, refuse duplicates and secret/public mixtures).
    static func addKeyFile(_ path: String, to keys: inout JWTKeyCollection) throws(CLIFailure) {
        let bytes = try readInput(path, what: "key file", limit: KeyImporter.maximumInputBytes)
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
            // Raw secret bytes read as "not PEM, DER, JWK or hex"; say where a secret goes.
            throw CLIFailure(
                "cannot read key file \(path) (\(error.code)): \(error.reason)"
                    + "; an HMAC secret must be a JWK, {\"kty\":\"oct\",\"k\":\"<base64url of the secret>\"}"
            )
        }
        // A file of several keys (a PEM bundle) loses only the keys the policy refuses, as a key
        // set skips its unusable members; a file left with no usable key is refused.
        var added = 0
        var refused: JWTError?
        for (index, jwk) in result.keys.enumerated() {
            do {
                try keys.add(jwk)
                added += 1
            } catch  where error.code == .weakKey && result.keys.count > 1 {
                printError("verifykit: \(path): skipped key \(index + 1) (\(error.code)): \(error.message)")
                refused = refused ?? error
            } catch {
                throw CLIFailure("key file \(path) (\(error.code)): \(error.message)")
            }
        }
        if added == 0, let refused {
            throw CLIFailure("key file \(path) has no usable key (\(refused.code)): \(refused.message)")
        }
    }

    /// Adds a JWK Set file; skipped members are reported on stderr, a refused set is exit 2.
    static func addKeySetFile(_ path: String, to keys: inout JWTKeyCollection) throws(CLIFailure) {
        let bytes = try readInput(path, what: "key set", limit: KeyImporter.maximumInputBytes)
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
