import VerifyKit

/// The core of `verifykit verify --tokens-file F`: one token per line in, one JSON result per line
/// out, in input order, verified on all cores.
///
/// Each output line is the same object `verify --json` prints for a single token:
/// `{"valid":true,"alg":…,"kid":…,"header":{…},"claims":{…}}` (with `rawPayload`:
/// `"payload":"<base64url>"` instead of `"claims"`), or `{"valid":false,"error":{"code":…,"message":…}}`.
enum BatchVerification {
    /// The outcome of a batch.
    struct Outcome: Sendable {
        /// One compact JSON object per input token, in input order.
        let lines: [String]
        /// How many tokens were rejected (the command exits 1 when this is not zero).
        let rejectedCount: Int
    }

    /// Splits a tokens file into tokens: one per line; surrounding spaces, tabs and a trailing CR
    /// are ignored, and blank lines are skipped (they produce no output line).
    static func tokens(fromFileContents text: String) -> [Substring] {
        // "\r\n" is one Character in Swift, so both line ends are listed.
        text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).compactMap {
            line in
            let trimmed = line.trimmingSpaces()
            return trimmed.isEmpty ? nil : trimmed
        }
    }

    /// Verifies `tokens` with `keys` and `options` on `workerCount` threads (default: all cores).
    static func verify(
        _ tokens: [Substring],
        keys: JWTKeyCollection,
        options: JWTValidationOptions,
        rawPayload: Bool = false,
        workerCount: Int? = nil
    ) -> Outcome {
        let batch = JWTBatchVerifier(workerCount: workerCount)
        let results = batch.runBlocking(tokens.count) { index -> (line: String, valid: Bool) in
            resultLine(for: tokens[index], keys: keys, options: options, rawPayload: rawPayload)
        }
        return Outcome(lines: results.map(\.line), rejectedCount: results.count { !$0.valid })
    }

    /// The JSON line for one token (also usable for the single-token `--json` output).
    static func resultLine(
        for token: Substring,
        keys: JWTKeyCollection,
        options: JWTValidationOptions,
        rawPayload: Bool
    ) -> (line: String, valid: Bool) {
        do {
            if rawPayload {
                let verified = try keys.verifyRawPayload(token, options: options)
                return (
                    success(
                        verified.header,
                        verified.algorithm,
                        verified.keyID,
                        [("payload", .string(Base64URL.encode(verified.payload)))]
                    ), true
                )
            }
            let verified = try keys.verify(token, as: JWTClaims.self, options: options)
            return (
                success(verified.header, verified.algorithm, verified.keyID, [("claims", .object(verified.payload))]),
                true
            )
        } catch {
            return (failureLine(error), false)
        }
    }

    static func failureLine(_ error: JWTError) -> String {
        let object = JSONObject(members: [
            ("valid", .bool(false)),
            (
                "error",
                .object(
                    JSONObject(members: [("code", .string(error.code.rawValue)), ("message", .string(error.message))])!
                )
            ),
        ])!
        return JSONValue.object(object).serializedString()
    }

    private static func success(
        _ header: JWTHeader,
        _ algorithm: SignatureAlgorithm,
        _ keyID: String?,
        _ body: [(name: String, value: JSONValue)]
    ) -> String {
        var members: [(name: String, value: JSONValue)] = [
            ("valid", .bool(true)),
            ("alg", .string(algorithm.rawValue)),
            // As `verify --json`: the kid of the trusted key that verified, or null.
            ("kid", keyID.map(JSONValue.string) ?? .null),
            ("header", .object(header.fields)),
        ]
        members.append(contentsOf: body)
        return JSONValue.object(JSONObject(members: members)!).serializedString()
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" || first == "\r" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice.removeLast() }
        return slice
    }
}
