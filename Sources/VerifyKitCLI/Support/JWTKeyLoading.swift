import VerifyKit

/// Builds a ``JWTKeyCollection`` from `--key` and `--jwks` files for `verify` and the vector suites.
enum JWTKeyLoading {
    /// Whether a key file that did not import is in none of the key formats (PEM, JSON, DER), so
    /// it may be a secret written as raw bytes or hex.
    static func mayBeRawSecret(_ bytes: [UInt8]) -> Bool {
        let text = bytes.drop { $0 == 0x20 || (0x09...0x0D).contains($0) || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        guard let first = text.first, first != UInt8(ascii: "{") else { return false }
        return !isOneDERSequence(bytes) && !String(decoding: text, as: UTF8.self).contains("-----BEGIN ")
    }

    /// A SEQUENCE whose length covers the file exactly (a text secret may start with "0", 0x30).
    private static func isOneDERSequence(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 2, bytes[0] == 0x30 else { return false }
        let first = Int(bytes[1])
        if first < 0x80 { return bytes.count == 2 + first }
        let lengthBytes = first & 0x7F
        guard (1...3).contains(lengthBytes), bytes.count > 2 + lengthBytes else { return false }
        let length = bytes[2..<(2 + lengthBytes)].reduce(0) { $0 << 8 | Int($1) }
        return bytes.count == 2 + lengthBytes + length
    }

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
            // Raw secret bytes read as "not PEM, DER, JWK or hex"; say where a secret goes. Not for
            // a PEM, JSON or DER file, whose reason (another key type, a wrong label) is the point.
            let hint =
                Self.mayBeRawSecret(bytes)
                ? "; an HMAC secret must be a JWK, {\"kty\":\"oct\",\"k\":\"<base64url of the secret>\"}" : ""
            throw CLIFailure("cannot read key file \(path) (\(error.code)): \(error.reason)\(hint)")
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
