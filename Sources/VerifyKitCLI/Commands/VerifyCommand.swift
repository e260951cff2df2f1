import ArgumentParser
import Foundation
import VerifyKit

/// `verifykit verify`: checks a compact JWT/JWS against trusted keys. Exit 0 valid, 1 rejected,
/// 2 usage error or unreadable input.
///
/// With `--tokens-file F`, checks every token of F (one per line) on all cores and prints one JSON
/// line per token, in input order, each the object `--json` prints for a single token.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a JWT/JWS: signature, algorithm, key, and claims.",
        discussion: """
            Exit status: 0 valid, 1 rejected, 2 usage error, unreadable key/token file, output that \
            cannot be written, or a key file whose keys the key policy refuses (see --min-rsa-bits and --min-hmac-bytes). \
            With --json, stdout is one JSON object: {"valid":true,"alg":…,"kid":…,"header":{…},"claims":{…}} \
            or {"valid":false,"error":{"code":"…","message":"…"}}. Exit 2 writes only a message \
            on stderr, with --json too. A token larger than the size limit is rejected \
            (token_too_large, exit 1) whether it comes as an argument, a file or stdin.

            --x5c-roots F trusts no key of its own: the token's x5c certificate chain must \
            lead to a certificate of F (a PEM bundle or one DER certificate) at the current \
            time (or --now, or --x5c-time-claim's), and the chain's leaf key verifies the \
            token. A root certifies more than token signers, so say which leaves may sign: \
            --x5c-leaf-ext OID (repeatable; App Store: 1.2.840.113635.100.6.11.1), or \
            --x5c-any-leaf for a private CA that issues nothing else; --x5c-intermediate-ext \
            requires an extension of the certificates in between. A chain that does not \
            validate is invalid_certificate_chain (exit 1).

            --x5c-time-claim NAME checks the chain at the time that numeric claim of the \
            token states instead, in seconds since 1970 (milliseconds with --x5c-time-ms; \
            App Store: --x5c-time-claim signedDate --x5c-time-ms), so a token kept since it \
            was signed still verifies after its leaf certificate expired. --x5c-time-max-age \
            SECONDS (required with it) bounds how long before now (or --now) that time may \
            lie: the claim is read before the signature is checked, so a key whose \
            certificate expired can sign tokens dated back into its validity for that long; \
            keep it as short as your tokens' real age allows. A claim that is missing, not a \
            number or later than now (beyond --leeway) is invalid_claim, one older than the \
            bound too_old (exit 1).

            --tokens-file F (- for standard input) verifies one token per line on all \
            cores and prints one such JSON object per token, one per line, in input \
            order (--json is implied). LF, CRLF and CR end lines; spaces and tabs around \
            a token and a leading UTF-8 byte order mark are ignored; blank lines are \
            skipped and get no output line. A line longer than --max-token-bytes + 4096 \
            gets a token_too_large result. The file is read, verified and printed in \
            chunks, so memory stays small whatever its size; a device named as F \
            (/dev/zero) is refused, as it may never end (standard input is read as it \
            comes, whatever it is). Exit 0 if every token is valid (also when there \
            are none), 1 if any is rejected, 2 for a usage error or an unreadable file.
            """
    )

    @Argument(help: "The token, or - to read it from standard input.")
    var token: String?

    @Option(name: .customLong("token-file"), help: "Read the token from a file (one token; blank lines are skipped).")
    var tokenFile: String?

    @Option(
        name: .customLong("tokens-file"),
        help: "Verify every token in a file (one per line, - for stdin); print one JSON result per line."
    )
    var tokensFile: String?

    @Option(
        name: .customLong("key"),
        help: "A trusted key file (PEM, DER, JWK, JWKS or hex; an HMAC secret as a kty oct JWK). Repeatable."
    )
    var keys: [String] = []

    @Option(name: .customLong("jwks"), help: "A trusted JWK Set file.")
    var jwks: String?

    @Option(
        name: .customLong("x5c-roots"),
        help:
            "Trust the token's x5c certificate chain if it leads to a certificate of this file (PEM bundle or DER), instead of --key/--jwks."
    )
    var x5cRoots: String?

    @Option(
        name: .customLong("x5c-leaf-ext"),
        help: "With --x5c-roots: an extension OID the leaf certificate must carry (repeatable)."
    )
    var x5cLeafExtensions: [String] = []

    @Option(
        name: .customLong("x5c-intermediate-ext"),
        help: "With --x5c-roots: an extension OID every intermediate certificate must carry (repeatable)."
    )
    var x5cIntermediateExtensions: [String] = []

    @Flag(
        name: .customLong("x5c-any-leaf"),
        help: "With --x5c-roots and no --x5c-leaf-ext: any end-entity certificate under the roots may sign."
    )
    var x5cAnyLeaf = false

    @Option(
        name: .customLong("x5c-time-claim"),
        help:
            "With --x5c-roots: check the chain at the time this numeric claim states (App Store: signedDate), not now."
    )
    var x5cTimeClaim: String?

    @Flag(
        name: .customLong("x5c-time-ms"),
        help:
            "With --x5c-time-claim: the claim counts milliseconds since 1970 (App Store's signedDate does), not seconds."
    )
    var x5cTimeMilliseconds = false

    @Option(
        name: .customLong("x5c-time-max-age"),
        help: "With --x5c-time-claim (required): the most seconds the claim's time may lie before now (or --now)."
    )
    var x5cTimeMaxAge: Double?

    @Option(name: .customLong("alg"), help: "Allowed algorithm (repeatable). Default: whatever each key allows.")
    var algorithms: [String] = []

    @Option(name: .customLong("iss"), help: "Accepted issuer (repeatable).")
    var issuers: [String] = []

    @Option(name: .customLong("aud"), help: "Required audience (repeat for any-of).")
    var audiences: [String] = []

    @Option(name: .customLong("typ"), help: "Expected typ header (case-insensitive, application/ optional).")
    var type: String?

    @Option(name: .customLong("require"), help: "A claim that must be present (repeatable).")
    var required: [String] = []

    @Option(name: .customLong("leeway"), help: "Tolerated clock skew in seconds (0 to 600).")
    var leeway: Double = 0

    @Option(name: .customLong("now"), help: "Verify as if the time were UNIX_SECONDS.")
    var now: Double?

    @Option(name: .customLong("max-age"), help: "Maximum seconds since iat (iat becomes required).")
    var maxAge: Double?

    @Option(name: .customLong("min-rsa-bits"), help: "Smallest RSA key accepted (default 2048).")
    var minRSABits: Int?

    @Option(
        name: .customLong("min-hmac-bytes"),
        help: "Shortest HMAC secret accepted, 1 to 1024 (default: the hash output size, 32/48/64 for HS256/384/512)."
    )
    var minHMACBytes: Int?

    /// The largest `--max-token-bytes` (16 MiB): it also sizes the line buffer of `--tokens-file`,
    /// whose memory must stay bounded.
    static let maximumTokenBytesOption = 16 << 20

    @Option(name: .customLong("max-token-bytes"), help: "Largest token accepted (default 65536, at most 16777216).")
    var maxTokenBytes: Int?

    @Flag(name: .customLong("raw-payload"), help: "The payload is not a JWT claims set: print it, check no claims.")
    var rawPayload = false

    @Flag(help: "Print exactly one JSON object on stdout.")
    var json = false

    func validate() throws {
        if x5cRoots != nil {
            guard keys.isEmpty && jwks == nil else {
                throw ValidationError("--x5c-roots trusts the token's own chain: give it without --key or --jwks")
            }
            guard tokensFile == nil && !rawPayload else {
                throw ValidationError(
                    "--x5c-roots verifies one token with claims: not with --tokens-file or --raw-payload"
                )
            }
            // A root certifies more than token signers: which leaves may sign is said, not assumed.
            guard x5cLeafExtensions.isEmpty != !x5cAnyLeaf else {
                throw ValidationError(
                    x5cAnyLeaf
                        ? "--x5c-any-leaf and --x5c-leaf-ext contradict each other"
                        : "say which certificates under --x5c-roots may sign: --x5c-leaf-ext OID "
                            + "(App Store: 1.2.840.113635.100.6.11.1), or --x5c-any-leaf"
                )
            }
            // A certificate holds no secret: an HS* name could only make every token fail.
            for name in algorithms where SignatureAlgorithm(rawValue: name).family == .hmac {
                throw ValidationError("--alg \(name) cannot verify an x5c token: a certificate holds no secret")
            }
            for oid in x5cLeafExtensions + x5cIntermediateExtensions where !X509Certificate.isDottedOID(oid) {
                throw ValidationError(
                    "\(PrintableText.quoted(oid)) is not a dotted OID such as 1.2.840.113635.100.6.11.1"
                )
            }
            if x5cTimeClaim != nil {
                // The claim is read before the signature is checked: how far back it may date the
                // chain check is the caller's decision, never unbounded by default.
                guard let x5cTimeMaxAge else {
                    throw ValidationError(
                        "--x5c-time-claim needs --x5c-time-max-age SECONDS: how long before now the claim's time may lie"
                    )
                }
                guard x5cTimeMaxAge >= 0 && x5cTimeMaxAge.isFinite else {
                    throw ValidationError("--x5c-time-max-age must be a finite, non-negative number of seconds")
                }
            } else if x5cTimeMilliseconds || x5cTimeMaxAge != nil {
                throw ValidationError("--x5c-time-ms and --x5c-time-max-age apply to --x5c-time-claim")
            }
        } else {
            guard keys.count > 0 || jwks != nil else {
                throw ValidationError("give at least one --key or --jwks (or --x5c-roots)")
            }
            guard x5cLeafExtensions.isEmpty && x5cIntermediateExtensions.isEmpty && !x5cAnyLeaf else {
                throw ValidationError("--x5c-leaf-ext, --x5c-intermediate-ext and --x5c-any-leaf apply to --x5c-roots")
            }
            guard x5cTimeClaim == nil && !x5cTimeMilliseconds && x5cTimeMaxAge == nil else {
                throw ValidationError("--x5c-time-claim, --x5c-time-ms and --x5c-time-max-age apply to --x5c-roots")
            }
        }
        let sources = (token == nil ? 0 : 1) + (tokenFile == nil ? 0 : 1) + (tokensFile == nil ? 0 : 1)
        guard sources == 1 else {
            throw ValidationError(
                "give the token as an argument, - for standard input, or --token-file (or many with --tokens-file)"
            )
        }
        for name in algorithms where !SignatureAlgorithm(rawValue: name).isSupported {
            throw ValidationError("unsupported algorithm \(name); supported: \(Self.supportedNames)")
        }
        if let minRSABits { try Self.validateMinimumRSABits(minRSABits) }
        if let minHMACBytes { try Self.validateMinimumHMACBytes(minHMACBytes) }
        if let maxTokenBytes, !(1...Self.maximumTokenBytesOption).contains(maxTokenBytes) {
            throw ValidationError("--max-token-bytes must be between 1 and \(Self.maximumTokenBytesOption)")
        }
        guard leeway >= 0, leeway <= JWTValidationOptions.maximumLeeway else {
            throw ValidationError("--leeway must be from 0 to \(Int(JWTValidationOptions.maximumLeeway)) seconds")
        }
        if let maxAge, !(maxAge >= 0 && maxAge.isFinite) {
            throw ValidationError("--max-age must be a non-negative number")
        }
        if let now, !now.isFinite { throw ValidationError("--now must be a number of seconds") }
        if rawPayload,
            !issuers.isEmpty || !audiences.isEmpty || !required.isEmpty || maxAge != nil || now != nil
                || leeway != 0
        {
            throw ValidationError(
                "--raw-payload checks no claims: --iss, --aud, --require, --max-age, --now and --leeway do not apply"
            )
        }
        for (name, values) in [
            ("--iss", issuers), ("--aud", audiences), ("--require", required), ("--typ", type.map { [$0] } ?? []),
            ("--x5c-time-claim", x5cTimeClaim.map { [$0] } ?? []),
        ]
        where values.contains("") {
            throw ValidationError("\(name) must not be empty")
        }
        try requireOneStandardInput([token, tokenFile, tokensFile, jwks, x5cRoots] + keys.map { $0 })
    }

    /// When an `--x5c-roots` chain must be valid: now (or `--now`), or at `--x5c-time-claim`'s time.
    var x5cValidationTime: X5CValidationTime {
        guard let x5cTimeClaim, let x5cTimeMaxAge else { return .clock }
        return .claim(x5cTimeClaim, milliseconds: x5cTimeMilliseconds, maxAge: x5cTimeMaxAge)
    }

    /// The certificates of an `--x5c-roots` file: a PEM bundle, or one DER certificate.
    static func trustStore(_ path: String) throws(CLIFailure) -> X509TrustStore {
        let bytes = try readInput(path, what: "x5c roots file", limit: KeyImporter.maximumInputBytes)
        do {
            if bytes.first == 0x30 {
                return try X509TrustStore(trusting: [try X509Certificate(derRepresentation: bytes)])
            }
            return try X509TrustStore(pemBundle: String(decoding: bytes, as: UTF8.self))
        } catch {
            throw CLIFailure("cannot read x5c roots file \(path): \(error.code): \(error.reason)")
        }
    }

    /// The range every `--min-rsa-bits` option accepts (smaller RSA keys are never safe to trust).
    static func validateMinimumRSABits(_ bits: Int) throws {
        guard (512...16384).contains(bits) else {
            throw ValidationError("--min-rsa-bits must be between 512 and 16384")
        }
    }

    /// The range every `--min-hmac-bytes` option accepts: at least one byte (an empty secret is never
    /// safe), at most 1024 (a floor no real secret needs to exceed, so a larger value is a typo).
    static func validateMinimumHMACBytes(_ bytes: Int) throws {
        guard (1...1024).contains(bytes) else {
            throw ValidationError("--min-hmac-bytes must be between 1 and 1024")
        }
    }

    static var supportedNames: String { SignatureAlgorithm.supported.map(\.rawValue).joined(separator: ", ") }

    /// How far a `--tokens-file` line may run past the token size limit (blanks around a token)
    /// before it is rejected unread.
    static let tokensFileLineSlack = 4096

    func run() throws {
        // Inputs are read before the keys, so an unreadable token file is reported first.
        // Split and limited as a --tokens-file line: the same bytes get the same answer either way.
        let limit = maxTokenBytes ?? JWTValidationOptions().maxTokenBytes
        let readLimit = min(limit, Int.max - Self.tokensFileLineSlack) + Self.tokensFileLineSlack
        let tokenInput =
            tokensFile == nil
            ? try JWTCLIInput.readTokenInput(argument: token, file: tokenFile, limit: readLimit) : .token([])
        let tokensInput = try tokensFile.map { (path) throws(CLIFailure) in try openInput(path, what: "tokens file") }
        var options = JWTValidationOptions(
            leeway: leeway,
            issuers: Set(issuers),
            audiences: Set(audiences),
            type: type,
            requiredClaims: required,
            maxAge: maxAge
        )
        if !algorithms.isEmpty { options.allowedAlgorithms = Set(algorithms.map(SignatureAlgorithm.init(rawValue:))) }
        if let now { options.clock = .fixed(now) }
        if let maxTokenBytes { options.maxTokenBytes = maxTokenBytes }
        var policy = KeyPolicy()
        if let minRSABits { policy.minimumRSABits = minRSABits }
        policy.minimumHMACKeyBytes = minHMACBytes

        let x5cVerifier = try x5cRoots.map { (path) throws(CLIFailure) in
            var verifier = X5CVerifier(
                trustStore: try Self.trustStore(path),
                requiredLeafExtensions: Set(x5cLeafExtensions),
                requiredIntermediateExtensions: Set(x5cIntermediateExtensions),
                keyPolicy: policy,
                options: options
            )
            verifier.validationTime = x5cValidationTime
            return verifier
        }
        var collection = JWTKeyCollection(keyPolicy: policy, options: options)
        for path in keys { try JWTKeyLoading.addKeyFile(path, to: &collection) }
        if let jwks { try JWTKeyLoading.addKeySetFile(jwks, to: &collection) }

        if let tokensInput, let tokensFile {
            try verifyMany(tokensInput, path: tokensFile, keys: collection, options: options)
            return
        }

        var result = JSONObject()
        result.set("valid", .bool(true))
        do throws(JWTError) {
            let tokenBytes: [UInt8]
            switch tokenInput {
            case .token(let bytes): tokenBytes = bytes
            case .tooLarge:
                throw JWTError(
                    .tokenTooLarge,
                    "the token's line is more than \(readLimit) bytes; the limit is \(options.maxTokenBytes)"
                )
            // As when these lines were one token with line breaks in it: malformed.
            case .severalTokens:
                throw JWTError(
                    .malformed,
                    JWTCLIInput.severalTokensReason(file: tokenFile, hint: JWTCLIInput.severalTokensHintForVerify)
                )
            }
            if let x5cVerifier {
                let verified = try x5cVerifier.verify(utf8: tokenBytes, as: JWTClaims.self)
                Self.describe(verified.header, verified.algorithm, verified.keyID, into: &result)
                result.set("claims", .object(verified.payload))
            } else if rawPayload {
                let verified = try collection.verifyRawPayload(utf8: tokenBytes)
                Self.describe(verified.header, verified.algorithm, verified.keyID, into: &result)
                result.set("payload", .string(Base64URL.encode(verified.payload)))
            } else {
                let verified = try collection.verify(utf8: tokenBytes)
                Self.describe(verified.header, verified.algorithm, verified.keyID, into: &result)
                result.set("claims", .object(verified.payload))
            }
        } catch {
            if json {
                var failure = JSONObject()
                failure.set("valid", .bool(false))
                var detail = JSONObject()
                detail.set("code", .string(error.code.rawValue))
                detail.set("message", .string(error.message))
                failure.set("error", .object(detail))
                StandardOutput.print(JSONValue.object(failure).serializedString())
                throw CLIFailure.silent(CLIExit.rejected)
            }
            throw CLIFailure("token rejected: \(error.code): \(error.message)", exitCode: CLIExit.rejected)
        }
        if json {
            StandardOutput.print(JSONValue.object(result).serializedString())
        } else {
            let kid = result["kid"].flatMap { if case .string(let s) = $0 { s } else { nil } }
            StandardOutput.print(
                "valid: alg \(result["alg"].map { $0.serializedString() } ?? "?")\(kid.map { ", kid \(PrintableText.quoted($0))" } ?? "")"
            )
            StandardOutput.print("header: " + JSONOutput.pretty(result["header"] ?? .null))
            if let claims = result["claims"] {
                StandardOutput.print("claims: " + JSONOutput.pretty(claims))
            } else if let payload = result["payload"] {
                StandardOutput.print("payload (base64url): " + payload.serializedString())
            }
        }
    }

    /// `--tokens-file`: JSON lines in input order, written chunk by chunk; exit 1 when any token is
    /// rejected.
    private func verifyMany(
        _ input: FileHandle,
        path: String,
        keys: JWTKeyCollection,
        options: JWTValidationOptions
    ) throws {
        defer { if input !== FileHandle.standardInput { try? input.close() } }
        let rejected = try BatchVerification.verifyStream(
            read: { () throws(CLIFailure) -> [UInt8] in
                do {
                    return [UInt8](try input.read(upToCount: 1 << 20) ?? Data())
                } catch {
                    throw CLIFailure("cannot read tokens file \(path): \(unreadableReason(path))")
                }
            },
            write: { lines in
                var text = lines.joined(separator: "\n")
                text.append("\n")
                StandardOutput.write(Data(StandardOutput.terminalSafe(text).utf8))
            },
            lineLimit: min(options.maxTokenBytes, Int.max - Self.tokensFileLineSlack) + Self.tokensFileLineSlack,
            keys: keys,
            options: options,
            rawPayload: rawPayload
        )
        if rejected > 0 { throw CLIFailure.silent(CLIExit.rejected) }
    }

    private static func describe(
        _ header: JWTHeader,
        _ algorithm: SignatureAlgorithm,
        _ keyID: String?,
        into result: inout JSONObject
    ) {
        result.set("alg", .string(algorithm.rawValue))
        // The kid of the trusted key that verified (null for a key without one); the token's own
        // claim is in "header". Echoing the header's kid would report a name no trusted key has.
        result.set("kid", keyID.map(JSONValue.string) ?? .null)
        result.set("header", .object(header.fields))
    }
}
