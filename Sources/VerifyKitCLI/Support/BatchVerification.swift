import VerifyKit

/// The core of `verifykit verify --tokens-file F`: one token per line in, one JSON result per line
/// out, in input order, verified on all cores, chunk by chunk as the file is read.
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

    /// Verifies `lines` with `keys` and `options` on `workerCount` threads (default: all cores).
    static func verify(
        _ lines: [TokenLine],
        keys: JWTKeyCollection,
        options: JWTValidationOptions,
        rawPayload: Bool = false,
        workerCount: Int? = nil
    ) -> Outcome {
        let batch = JWTBatchVerifier(workerCount: workerCount)
        let results = batch.runBlocking(lines.count) { index -> (line: String, valid: Bool) in
            switch lines[index] {
            case .token(let token):
                return resultLine(for: token, keys: keys, options: options, rawPayload: rawPayload)
            case .tooLong(let byteCount):
                let error = JWTError(.tokenTooLarge, "the line has \(byteCount) bytes, more than a token can have")
                return (failureLine(error), false)
            }
        }
        return Outcome(lines: results.map(\.line), rejectedCount: results.count { !$0.valid })
    }

    /// Tokens verified together: enough to keep every core busy, few enough that memory stays small.
    static let chunkTokenCount = 4096
    /// Token bytes verified together at most (a chunk of the largest tokens).
    static let chunkByteCount = 8 << 20

    /// Reads chunks from `read` (empty at the end), verifies their lines chunk by chunk and hands
    /// each chunk's JSON lines, in input order, to `write`. Returns how many tokens were rejected.
    ///
    /// Memory is bounded by ``chunkTokenCount`` and ``chunkByteCount`` whatever the input's size.
    static func verifyStream(
        read: () throws -> [UInt8],
        write: ([String]) -> Void,
        lineLimit: Int,
        keys: JWTKeyCollection,
        options: JWTValidationOptions,
        rawPayload: Bool = false,
        workerCount: Int? = nil
    ) rethrows -> Int {
        var splitter = TokenLineSplitter(lineLimit: lineLimit)
        var pending: [TokenLine] = []
        var pendingBytes = 0
        var rejected = 0
        func flush() {
            guard !pending.isEmpty else { return }
            let outcome = verify(
                pending,
                keys: keys,
                options: options,
                rawPayload: rawPayload,
                workerCount: workerCount
            )
            write(outcome.lines)
            rejected += outcome.rejectedCount
            pending.removeAll(keepingCapacity: true)
            pendingBytes = 0
        }
        func collect(_ line: TokenLine) {
            pending.append(line)
            if case .token(let token) = line { pendingBytes += token.count }
            if pending.count >= chunkTokenCount || pendingBytes >= chunkByteCount { flush() }
        }
        while true {
            let bytes = try read()
            if bytes.isEmpty { break }
            splitter.feed(bytes, emit: collect)
        }
        splitter.finish(emit: collect)
        flush()
        return rejected
    }

    /// The JSON line for one token (also usable for the single-token `--json` output).
    static func resultLine(
        for token: [UInt8],
        keys: JWTKeyCollection,
        options: JWTValidationOptions,
        rawPayload: Bool
    ) -> (line: String, valid: Bool) {
        do {
            if rawPayload {
                let verified = try keys.verifyRawPayload(utf8: token, options: options)
                return (
                    success(
                        verified.header,
                        verified.algorithm,
                        verified.keyID,
                        [("payload", .string(Base64URL.encode(verified.payload)))]
                    ), true
                )
            }
            let verified = try keys.verify(utf8: token, as: JWTClaims.self, options: options)
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
