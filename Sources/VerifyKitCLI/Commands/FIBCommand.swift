import ArgumentParser
import Foundation
import VerifyKit

/// `verifykit fib …`: the FIB login's e-mail proof (Ed25519 over BLAKE2b-256 of the e-mail).
struct FIBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fib",
        abstract: "Sign and verify FIB e-mail proofs (Ed25519 over BLAKE2b-256 of the e-mail, hex).",
        subcommands: [SignEmail.self, VerifyEmail.self, SessionRequest.self]
    )

    /// `--digest plain|iroha` for signing.
    enum SigningDigest: String, ExpressibleByArgument, CaseIterable {
        case plain, iroha
        var digest: FIB.EmailDigest { self == .plain ? .plain : .iroha }
    }

    /// `--digest plain|iroha|either` for verifying.
    enum VerifyingDigest: String, ExpressibleByArgument, CaseIterable {
        case plain, iroha, either
        var accepted: FIB.AcceptedEmailDigests {
            switch self {
            case .plain: .only(.plain)
            case .iroha: .only(.iroha)
            case .either: .either
            }
        }
    }

    /// The options `sign-email` and `session-request` share: what to sign, with which key and digest.
    struct SigningOptions: ParsableArguments {
        @Option(help: "The e-mail address, exactly as it will be sent (no case folding or trimming).")
        var email: String

        @Option(
            name: .customLong("private-key"),
            help: """
                64 hex digits (seed) or 128 (seed ‖ public key, as the web app shows), optionally after \
                Iroha's multihash prefix 802620/802640. - reads standard input.
                """
        )
        var privateKey: String

        @Option(help: "The digest to sign: plain (documented) or iroha (last byte | 1, Iroha 2 SDKs).")
        var digest: SigningDigest = .plain

        func validate() throws {
            // An empty value is an unset shell variable, and a proof for "" logs nobody in.
            if email.isEmpty { throw ValidationError("--email must not be empty") }
        }

        func loadKey() throws(CLIFailure) -> FIB.AuthorizationPrivateKey { try FIBCommand.loadPrivateKey(privateKey) }
    }

    struct SignEmail: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign-email",
            abstract: "Print hex(Ed25519(key, BLAKE2b-256(email))): the session request's `signature`."
        )

        @OptionGroup var options: SigningOptions

        func run() throws {
            StandardOutput.print(try options.loadKey().signEmail(options.email, digest: options.digest.digest).hex)
        }
    }

    struct VerifyEmail: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-email",
            abstract: "Verify an e-mail proof. Exit 0 valid, 1 invalid, 2 bad input."
        )

        @Option(help: "The e-mail address, exactly as sent.")
        var email: String

        @Option(
            name: .customLong("public-key"),
            help: "authPublicKeyHex: 64 hex digits, optionally prefixed by the multihash ed0120."
        )
        var publicKey: String

        @Option(help: "The signature: 128 hex digits.")
        var signature: String

        @Option(help: "Accepted digest: plain, iroha or either.")
        var digest: VerifyingDigest = .either

        func run() throws {
            let key: FIB.AuthorizationPublicKey
            let proof: FIB.EmailSignature
            do {
                key = try FIB.AuthorizationPublicKey(hex: publicKey)
            } catch {
                throw CLIFailure(
                    "\(error.code): \(error.reason)\(FIBCommand.fileHint(publicKey, option: "--public-key", reads: false))"
                )
            }
            do {
                proof = try FIB.EmailSignature(hex: signature)
            } catch {
                throw CLIFailure(
                    "\(error.code): \(error.reason)\(FIBCommand.fileHint(signature, option: "--signature", reads: false))"
                )
            }
            guard let matched = key.matchingDigest(of: proof, forEmail: email, accepting: digest.accepted) else {
                StandardOutput.print("invalid")
                throw CLIFailure.silent(CLIExit.rejected)
            }
            StandardOutput.print("valid (\(matched) digest)")
        }
    }

    struct SessionRequest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "session-request",
            abstract: "Print the JSON body of POST \(FIB.sessionPath)."
        )

        @OptionGroup var options: SigningOptions

        func run() throws {
            let body = try options.loadKey().sessionRequest(email: options.email, digest: options.digest.digest)
                .jsonBody()
            // A body a server reading with `FIB.SessionRequest(jsonBody:)` refuses is no answer: too
            // large, or an e-mail that is not stream-safe text (more than 30 combining marks in a row).
            guard body.count <= FIB.SessionRequest.maximumBodyBytes else {
                throw CLIFailure(
                    "the e-mail makes a body of \(body.count) bytes; servers read at most "
                        + "\(FIB.SessionRequest.maximumBodyBytes) (FIB.SessionRequest.maximumBodyBytes)"
                )
            }
            do {
                _ = try FIB.SessionRequest(jsonBody: body)
            } catch {
                throw CLIFailure("the e-mail makes a body servers refuse (\(error.code)): \(error.reason)")
            }
            StandardOutput.print(String(decoding: body, as: UTF8.self))
        }
    }

    /// Reads a private key given as hex, or from standard input for `-` (keeps it out of the process list).
    /// Standard input is a file's text: a leading UTF-8 byte order mark (as Windows editors save
    /// files) and surrounding white space are dropped, as for a token read from a file.
    static func loadPrivateKey(_ argument: String) throws(CLIFailure) -> FIB.AuthorizationPrivateKey {
        var text = argument
        if argument == "-" {
            let input = try readInput("-", what: "private key", limit: 4096)
            let bytes = input.dropFirst(ByteOrderMark.leadingCount(in: input))
            text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        do {
            return try FIB.AuthorizationPrivateKey(hex: text)
        } catch {
            throw CLIFailure(
                "\(error.code): \(error.reason)\(fileHint(argument, option: "--private-key", reads: true))"
            )
        }
    }

    /// `frick` and `sign` take key files, these options take the digits themselves: when a value
    /// that is not a key names an existing file, say so instead of only "invalid hex length 11".
    static func fileHint(_ argument: String, option: String, reads: Bool) -> String {
        guard argument != "-", FileManager.default.fileExists(atPath: argument) else { return "" }
        let reading = reads ? "; to read the key from a file, pass - and redirect it: \(option) - < FILE" : ""
        return " (\(option) takes the hex digits, not a file name\(reading))"
    }
}

// MARK: - Vector suites for `verifykit vectors`

extension FIBCommand {
    /// Runner for vector files of kind `fib-email-proof` (`TestVectors/fib/*email_proof*.json`): each
    /// vector must verify exactly as its `results` say under `plain`, `iroha` and `either`, and where a
    /// `privateKey` is given, signing must reproduce `signature` byte for byte.
    static func runEmailProofVectors(_ file: JSONObject, _ path: String) -> [VectorOutcome] {
        runVectors(file, as: ProofVector.self) { vector, _ in vector.problem() }
    }

    /// Runner for vector files of kind `fib-token` (`TestVectors/fib/tokens.json`): the token's
    /// header and claims are exactly the vector's `header` and `claims`, the claims decode as
    /// `kind` (`access` or `refresh`) says; tokens with a `serverPublicKey` verify at `verifyAt`,
    /// or, with a `verifyError`, are refused with exactly that `JWTError` code.
    static func runTokenVectors(_ file: JSONObject, _ path: String) -> [VectorOutcome] {
        runVectors(file, as: TokenVector.self) { vector, raw in
            tokenPartsProblem(vector.token, raw) ?? vector.problem()
        }
    }

    private struct ProofVector: Decodable, IdentifiedVector {
        let id: String
        let comment: String
        let email: String
        let privateKey: String?
        let publicKey: String
        let blake2b256: String
        let digest: String
        let signature: String
        let results: [String: Bool]

        /// `digest` values of negative vectors (TestVectors/fib/README.md).
        static let negativeDigests: Set<String> = ["raw", "blake2b512-truncated", "other-email"]

        static let members: Set<String> = [
            "id", "comment", "email", "privateKey", "publicKey", "blake2b256", "digest", "signature", "results",
        ]

        func problem() -> String? {
            guard !results.isEmpty else { return "results is empty: the vector would check nothing" }
            guard Set(results.keys) == ["plain", "iroha", "either"] else {
                return "results must give plain, iroha and either, not \(results.keys.sorted())"
            }
            guard Hex.encode(FIB.EmailDigest.plain.digest(ofEmail: email)) == blake2b256 else {
                return "BLAKE2b-256 differs"
            }
            do {
                let key = try FIB.AuthorizationPublicKey(hex: publicKey)
                let proof = try FIB.EmailSignature(hex: signature)
                for (setting, expected) in results.sorted(by: { $0.key < $1.key }) {
                    guard let accepted = FIB.AcceptedEmailDigests(rawValue: setting) else {
                        return "unknown setting \(setting)"
                    }
                    if key.isValidSignature(proof, forEmail: email, accepting: accepted) != expected {
                        return "verification with --digest \(setting) is not \(expected)"
                    }
                }
                // Negative vectors name what their signature covers instead; nothing is re-signed.
                let variant = FIB.EmailDigest(rawValue: digest)
                guard variant != nil || Self.negativeDigests.contains(digest) else { return "unknown digest \(digest)" }
                if let privateKey {
                    let signer = try FIB.AuthorizationPrivateKey(hex: privateKey)
                    guard signer.publicKey == key else { return "privateKey does not belong to publicKey" }
                    if let variant, signer.signEmail(email, digest: variant).hex != signature {
                        return "signing does not reproduce"
                    }
                }
            } catch {
                return error.reason
            }
            return nil
        }
    }

    private struct TokenVector: Decodable, IdentifiedVector {
        struct Claims: Decodable {
            let sub: String
            let exp: Double
        }
        let id: String
        let kind: String
        let token: String
        let claims: Claims
        let serverPublicKey: String?
        let verifyAt: Double?
        let verifyError: String?

        static let members: Set<String> = [
            "id", "comment", "kind", "header", "token", "claims", "serverPublicKey", "verifyAt", "verifyError",
        ]

        func problem() -> String? {
            guard kind == "access" || kind == "refresh" else {
                return "kind must be access or refresh, not \(PrintableText.quoted(kind))"
            }
            do throws(JWTError) {
                let subject: String
                let expiration: Double
                if kind == "access" {
                    let claims = try FIB.unverifiedAccessTokenClaims(token)
                    (subject, expiration) = (claims.subject, claims.expiration.value)
                } else {
                    let claims = try FIB.unverifiedRefreshTokenClaims(token)
                    (subject, expiration) = (claims.subject, claims.expiration.value)
                }
                guard claims.sub == subject, claims.exp == expiration else { return "decoded claims differ" }
                guard let serverPublicKey, let verifyAt else {
                    return verifyError.map { "verifyError \($0) without serverPublicKey and verifyAt checks nothing" }
                }
                guard let bytes = try? Hex.decode(serverPublicKey),
                    let key = try? Ed25519.PublicKey(rawRepresentation: bytes)
                else { return "unreadable serverPublicKey" }
                let verifier = try FIB.TokenVerifier(
                    serverPublicKey: key,
                    options: JWTValidationOptions(clock: .fixed(verifyAt))
                )
                let verified = Result { () throws(JWTError) in
                    kind == "access"
                        ? try verifier.accessTokenClaims(token).subject
                        : try verifier.refreshTokenClaims(token).subject
                }
                if let verifyError { return refusalProblem(expected: verifyError, verified) }
                return try verified.get() == subject ? nil : "verified claims differ"
            } catch {
                return "\(error)"
            }
        }
    }
}

// MARK: - Shared by the FIB and Bank Frick vector runners

/// A vector with the `id` every vector file gives it.
protocol IdentifiedVector {
    var id: String { get }
    /// Every member a vector of this kind may have: vector files are written by hand, and a
    /// misspelt member would silently check less.
    static var members: Set<String> { get }
}

/// `{"vectors": [Vector]}` read from a parsed vector file.
private struct VectorList<Vector: Decodable>: Decodable {
    let vectors: [Vector]
}

/// Where a token vector's `header` and `claims` (and `signatureBytes`, when given) differ from
/// what the token holds, or `nil`: these members are what the vector documents.
func tokenPartsProblem(_ token: String, _ raw: JSONObject) -> String? {
    let decoded: UnverifiedJWT
    do {
        decoded = try JWTKeyCollection.unverifiedDecode(token)
    } catch {
        return "\(error)"
    }
    guard case .object(let header)? = raw["header"], header == decoded.header.fields else {
        return "header is not \(JSONValue.object(decoded.header.fields).serializedString())"
    }
    guard case .object(let claims)? = raw["claims"], claims == decoded.claims else {
        return "claims are not the token's"
    }
    if let expected = raw["signatureBytes"] {
        guard case .number(let number) = expected, number.doubleValue == Double(decoded.signature.count) else {
            return "signature is \(decoded.signature.count) bytes"
        }
    }
    return nil
}

/// Why a token vector with `verifyError` fails, or `nil` when verification was refused with exactly
/// that code: a forged token that verifies, or is refused for another reason, shows the check it
/// names is not being made.
func refusalProblem<Success>(expected code: String, _ outcome: Result<Success, JWTError>) -> String? {
    switch outcome {
    case .success: "expected \(code), verification succeeded"
    case .failure(let error) where error.code.rawValue == code: nil
    case .failure(let error): "expected \(code), got \(error.code) (\(error.message))"
    }
}

/// Decodes the file's `vectors` and turns each one's problem (or none) into an outcome; `check`
/// gets the decoded vector and its JSON object.
func runVectors<Vector: Decodable & IdentifiedVector>(
    _ file: JSONObject,
    as: Vector.Type,
    check: (Vector, JSONObject) -> String?
) -> [VectorOutcome] {
    let vectors: [Vector]
    do {
        vectors = try JSONValueDecoder().decode(VectorList<Vector>.self, from: .object(file)).vectors
    } catch {
        return [
            .fail("(file)", "vectors do not have the documented shape: \(JWTClaimsDecodingFailure.describe(error))")
        ]
    }
    var unknownMembers: [Int: String] = [:]
    var objects: [JSONObject] = []
    if case .array(let raw)? = file["vectors"] {
        for (index, element) in raw.enumerated() {
            guard case .object(let object) = element else { continue }
            objects.append(object)
            if let member = object.members.first(where: { !Vector.members.contains($0.name) }) {
                unknownMembers[index] = "unknown member \(PrintableText.quoted(member.name))"
            }
        }
    }
    var idCounts: [String: Int] = [:]
    for vector in vectors { idCounts[vector.id, default: 0] += 1 }
    return vectors.enumerated().map { index, vector in
        let problem =
            unknownMembers[index] ?? (idCounts[vector.id, default: 0] > 1 ? "duplicate id" : nil)
            ?? check(vector, objects[index])
        return problem.map { .fail(vector.id, $0) } ?? .pass(vector.id)
    }
}
