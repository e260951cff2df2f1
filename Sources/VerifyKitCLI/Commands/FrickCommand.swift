import ArgumentParser
import Foundation
import VerifyKit

/// `verifykit frick …`: Bank Frick `Signature` / `algorithm` headers over exact body bytes.
struct FrickCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frick",
        abstract: "Sign and verify Bank Frick request and response bodies (RSA PKCS#1 v1.5, Base64).",
        subcommands: [Sign.self, Verify.self, AuthorizeRequest.self]
    )

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the `Signature:` and `algorithm:` header lines for a body file."
        )

        @Option(name: .customLong("private-key"), help: "RSA private key PEM file (PKCS#8 or PKCS#1).")
        var privateKey: String

        @Option(name: .customLong("body-file"), help: "The exact body bytes to sign; - for standard input.")
        var bodyFile: String

        @Option(help: "rsa-sha512 (default), rsa-sha384 or rsa-sha256.")
        var algorithm: String = BankFrick.SignatureAlgorithm.default.rawValue

        @Option(name: .customLong("min-rsa-bits"), help: "Smallest RSA key allowed to sign.")
        var minimumRSABits: Int = KeyPolicy.default.minimumRSABits

        func validate() throws {
            try VerifyCommand.validateMinimumRSABits(minimumRSABits)
            try requireOneStandardInput([privateKey, bodyFile])
        }

        func run() throws {
            let signer = try FrickCommand.loadSigner(privateKey, policy: KeyPolicy(minimumRSABits: minimumRSABits))
            let algorithm = try FrickCommand.parseAlgorithm(algorithm)
            let body = try FrickCommand.readBody(bodyFile)
            let headers = try FrickCommand.sign(body, with: signer, algorithm: algorithm)
            StandardOutput.print(headers.description)
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a body's Signature header. Exit 0 valid, 1 invalid, 2 bad input."
        )

        @Option(
            name: .customLong("public-key"),
            help: "The signer's RSA public key PEM file (SPKI, PKCS#1 or certificate)."
        )
        var publicKey: String

        @Option(name: .customLong("body-file"), help: "The exact body bytes received; - for standard input.")
        var bodyFile: String

        @Option(help: "The Signature header value (padded standard Base64).")
        var signature: String

        @Option(help: "The algorithm header value; rsa-sha512 when omitted.")
        var algorithm: String?

        @Option(
            name: .customLong("accept"),
            help: "An algorithm the signer may use (repeatable); rsa-sha512, rsa-sha384 and rsa-sha256 by default."
        )
        var accepted: [String] = []

        @Option(name: .customLong("min-rsa-bits"), help: "Smallest RSA key accepted.")
        var minimumRSABits: Int = KeyPolicy.default.minimumRSABits

        func validate() throws {
            try VerifyCommand.validateMinimumRSABits(minimumRSABits)
            try requireOneStandardInput([publicKey, bodyFile])
            for name in accepted where BankFrick.SignatureAlgorithm(rawValue: name).digest == nil {
                throw ValidationError(
                    "--accept: unsupported algorithm \(PrintableText.quoted(name)); "
                        + "supported: rsa-sha512, rsa-sha384, rsa-sha256"
                )
            }
        }

        func run() throws {
            let pem = try FrickCommand.readPEM(publicKey, what: "public key file")
            let verifier: BankFrick.Verifier
            let headers: BankFrick.SignatureHeaders
            do {
                verifier = try BankFrick.Verifier(
                    pemRepresentation: String(decoding: pem, as: UTF8.self),
                    policy: KeyPolicy(minimumRSABits: minimumRSABits),
                    acceptedAlgorithms: accepted.isEmpty
                        ? BankFrick.SignatureAlgorithm.supported
                        : accepted.map(BankFrick.SignatureAlgorithm.init(rawValue:))
                )
                headers = try BankFrick.SignatureHeaders(signature: signature, algorithm: algorithm)
            } catch {
                throw CLIFailure("\(error.code): \(error.reason)")
            }
            let body = try FrickCommand.readBody(bodyFile)
            guard verifier.isValidSignature(headers, for: body) else {
                StandardOutput.print("invalid")
                throw CLIFailure.silent(CLIExit.rejected)
            }
            StandardOutput.print("valid")
        }
    }

    struct AuthorizeRequest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "authorize-request",
            abstract: "Print the signed POST \(BankFrick.authorizePath) request: headers, a blank line, the exact body."
        )

        @Option(name: .customLong("private-key"), help: "RSA private key PEM file (PKCS#8 or PKCS#1).")
        var privateKey: String

        @Option(name: .customLong("api-key"), help: "The API key from the online banking's Manage API-Keys dialog.")
        var apiKey: String?

        @Option(
            name: .customLong("api-key-file"),
            help: "A file holding the API key (- for standard input), kept out of the process list."
        )
        var apiKeyFile: String?

        @Option(help: "The optional password.")
        var password: String?

        @Option(
            name: .customLong("password-file"),
            help: "A file holding the password (- for standard input), kept out of the process list."
        )
        var passwordFile: String?

        @Option(name: .customLong("valid-until"), help: "Optional last day of the token's validity, YYYY-MM-DD.")
        var validUntil: String?

        @Option(help: "rsa-sha512 (default), rsa-sha384 or rsa-sha256.")
        var algorithm: String = BankFrick.SignatureAlgorithm.default.rawValue

        @Option(name: .customLong("min-rsa-bits"), help: "Smallest RSA key allowed to sign.")
        var minimumRSABits: Int = KeyPolicy.default.minimumRSABits

        func validate() throws {
            try VerifyCommand.validateMinimumRSABits(minimumRSABits)
            guard (apiKey == nil) != (apiKeyFile == nil) else {
                throw ValidationError("give the API key with --api-key or --api-key-file (one of them)")
            }
            guard password == nil || passwordFile == nil else {
                throw ValidationError("give the password with --password or --password-file, not both")
            }
            // An empty value is an unset shell variable: the bank would get a signed request it refuses.
            if apiKey == "" { throw ValidationError("--api-key must not be empty") }
            if password == "" { throw ValidationError("--password must not be empty (leave it out for no password)") }
            try requireOneStandardInput([privateKey, apiKeyFile, passwordFile])
        }

        /// A secret from a file: its text without one trailing line break (as `echo` or an editor
        /// leaves it), nothing else trimmed.
        static func readSecret(_ path: String, what: String) throws(CLIFailure) -> String {
            var bytes = try readInput(path, what: what, limit: 64 << 10)
            if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            guard let text = String(bytes: bytes, encoding: .utf8) else {
                throw CLIFailure("\(what) \(path) is not UTF-8 text")
            }
            guard !text.isEmpty else { throw CLIFailure("\(what) \(path) is empty") }
            return text
        }

        func run() throws {
            let signer = try FrickCommand.loadSigner(privateKey, policy: KeyPolicy(minimumRSABits: minimumRSABits))
            let algorithm = try FrickCommand.parseAlgorithm(algorithm)
            let key = try apiKey ?? Self.readSecret(apiKeyFile ?? "-", what: "API key file")
            let password =
                try password
                ?? passwordFile.map { (path) throws(CLIFailure) in
                    try Self.readSecret(path, what: "password file")
                }
            let request: BankFrick.AuthorizeRequest
            let signed: BankFrick.SignedBody
            do {
                request = BankFrick.AuthorizeRequest(
                    key: key,
                    password: password,
                    validUntil: try validUntil.map { (text) throws(RequestSigningError) in
                        try BankFrick.CalendarDate(text)
                    }
                )
                signed = try signer.sign(json: request, algorithm: algorithm)
            } catch {
                throw CLIFailure("\(error.code): \(error.reason)")
            }
            // The body is written byte for byte with no newline after it: it is exactly what was signed.
            var output = signed.fields.map { "\($0.name): \($0.value)\n" }.joined() + "\n"
            output += String(decoding: signed.body, as: UTF8.self)
            StandardOutput.write(Data(output.utf8))
        }
    }

    /// A Bank Frick key file: PEM text. Binary DER gets its own message (the bytes would otherwise
    /// be read as broken text). DER is one whole SEQUENCE, not merely a first byte of 0x30: PEM may
    /// have text before its block (RFC 7468), and that text may start with the digit 0.
    static func readPEM(_ path: String, what: String) throws(CLIFailure) -> [UInt8] {
        let bytes = try readInput(path, what: what, limit: 1 << 20)
        if PEMDocument.isSingleDERElement(bytes) {
            throw CLIFailure(
                "\(what) \(path) is binary DER; Bank Frick keys are PEM (convert with `openssl pkey -inform DER`)"
            )
        }
        return bytes
    }

    /// Reads a body file (`-` for standard input), at most 16 MiB; an empty body is valid.
    static func readBody(_ path: String, limit: Int = 16 << 20) throws(CLIFailure) -> [UInt8] {
        try readInput(path, what: "body file", limit: limit)
    }

    static func loadSigner(_ path: String, policy: KeyPolicy = .default) throws(CLIFailure) -> BankFrick.Signer {
        let pem = try FrickCommand.readPEM(path, what: "private key file")
        do {
            return try BankFrick.Signer(pemRepresentation: String(decoding: pem, as: UTF8.self), policy: policy)
        } catch {
            throw CLIFailure("cannot use private key file \(path) (\(error.code)): \(error.reason)")
        }
    }

    static func parseAlgorithm(_ value: String) throws(CLIFailure) -> BankFrick.SignatureAlgorithm {
        do {
            return try BankFrick.SignatureAlgorithm(headerValue: value)
        } catch {
            throw CLIFailure("\(error.code): \(error.reason)")
        }
    }

    static func sign(
        _ body: [UInt8],
        with signer: BankFrick.Signer,
        algorithm: BankFrick.SignatureAlgorithm
    ) throws(CLIFailure) -> BankFrick.SignatureHeaders {
        do {
            return try signer.signatureHeaders(for: body, algorithm: algorithm)
        } catch {
            throw CLIFailure("cannot sign (\(error.code)): \(error.reason)")
        }
    }
}

// MARK: - Vector suites for `verifykit vectors`

extension FrickCommand {
    /// Runner for vector files of kind `bankfrick-signature` (`TestVectors/bankfrick/body_signatures.json`):
    /// each vector's headers must be accepted or refused (with the stated error code) and verify as its
    /// `result` says; `reproducible` ones must be reproduced byte for byte by signing. The key files named
    /// by the top-level `privateKey` / `publicKey` are read from the file's folder.
    static func runSignatureVectors(_ file: JSONObject, _ path: String) -> [VectorOutcome] {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        guard case .string(let privateKeyFile)? = file["privateKey"],
            case .string(let publicKeyFile)? = file["publicKey"]
        else { return [.fail("(file)", "missing privateKey / publicKey file names")] }
        let signer: BankFrick.Signer
        let verifier: BankFrick.Verifier
        do {
            let privatePEM = try keyFile(privateKeyFile, in: folder)
            let publicPEM = try keyFile(publicKeyFile, in: folder)
            do {
                signer = try BankFrick.Signer(pemRepresentation: privatePEM)
                verifier = try BankFrick.Verifier(pemRepresentation: publicPEM)
            } catch {
                return [.fail("(file)", error.reason)]
            }
        } catch {
            return [.fail("(file)", error.message)]
        }
        return runVectors(file, as: BodyVector.self) { vector, _ in vector.problem(signer: signer, verifier: verifier) }
    }

    /// Runner for vector files of kind `bankfrick-token` (`TestVectors/bankfrick/tokens.json`): the
    /// token's header, claims and signature length are the vector's; claims decode as documented;
    /// tokens with a `publicKey` verify at `verifyAt` with `minimumRSABits` (or, with a `verifyError`,
    /// are refused with exactly that `JWTError` code), and the key is refused as `weak_key` under the
    /// default policy when that minimum is below it.
    static func runTokenVectors(_ file: JSONObject, _ path: String) -> [VectorOutcome] {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        return runVectors(file, as: TokenVector.self) { vector, raw in
            if let problem = tokenPartsProblem(vector.token, raw) { return problem }
            guard let name = vector.publicKey else { return vector.problem(publicKeyPEM: nil) }
            let pem: String
            do throws(CLIFailure) {
                pem = try keyFile(name, in: folder)
            } catch {
                return error.message
            }
            return vector.problem(publicKeyPEM: pem)
        }
    }

    /// A key file named by a vector file: a relative path inside the vector file's folder (no
    /// absolute path, no `..`, and no symbolic link leading out of it), a regular file (a FIFO
    /// would block the run), read with the key importer's 1 MiB cap.
    private static func keyFile(_ name: String, in folder: URL) throws(CLIFailure) -> String {
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        let outside = CLIFailure(
            "key file \(PrintableText.quoted(name)) must be a relative path inside the vector file's folder"
        )
        guard !name.isEmpty, !name.hasPrefix("/"), !components.contains(".."), !components.contains("") else {
            throw outside
        }
        let root = folder.resolvingSymlinksInPath().path
        let resolved = folder.appendingPathComponent(name).resolvingSymlinksInPath().path
        guard resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else { throw outside }
        guard isRegularFile(resolved) else {
            throw CLIFailure("key file \(PrintableText.quoted(name)) is missing or not a regular file")
        }
        let bytes = try readInput(resolved, what: "key file", limit: KeyImporter.maximumInputBytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private struct BodyVector: Decodable, IdentifiedVector {
        let id: String
        let body: String
        let algorithm: String?
        let signature: String
        let result: String
        let error: String?
        let reproducible: Bool

        static let members: Set<String> = [
            "id", "comment", "body", "algorithm", "signature", "result", "error", "reproducible",
        ]

        func problem(signer: BankFrick.Signer, verifier: BankFrick.Verifier) -> String? {
            guard ["valid", "invalid", "error"].contains(result) else {
                return "result must be valid, invalid or error, not \(result)"
            }
            let body = Array(self.body.utf8)
            do {
                let headers = try BankFrick.SignatureHeaders(signature: signature, algorithm: algorithm)
                guard result != "error" else { return "expected \(error ?? "an error"), headers were accepted" }
                if verifier.isValidSignature(headers, for: body) != (result == "valid") {
                    return "verification is not \(result)"
                }
                if reproducible, try signer.signatureHeaders(for: body, algorithm: headers.algorithm) != headers {
                    return "signing does not reproduce"
                }
            } catch {
                guard result == "error", error.code.rawValue == self.error else { return error.reason }
            }
            return nil
        }
    }

    private struct TokenVector: Decodable, IdentifiedVector {
        struct Claims: Decodable {
            let sub: String
            let exp: Double
            let permissions: [String]
        }
        let id: String
        let token: String
        let claims: Claims
        let publicKey: String?
        let minimumRSABits: Int?
        let verifyAt: Double?
        let verifyError: String?

        static let members: Set<String> = [
            "id", "comment", "header", "token", "claims", "publicKey", "minimumRSABits", "signatureBytes", "verifyAt",
            "verifyError",
        ]

        func problem(publicKeyPEM: String?) -> String? {
            do {
                let decoded = try BankFrick.unverifiedTokenClaims(token)
                guard decoded.subject == claims.sub, decoded.expiration.value == claims.exp,
                    decoded.permissions == claims.permissions
                else { return "decoded claims differ" }
                guard publicKey != nil, let verifyAt else {
                    return verifyError.map { "verifyError \($0) without publicKey and verifyAt checks nothing" }
                }
                guard let publicKeyPEM, let key = try CryptoKey(pemRepresentation: publicKeyPEM).rsaPublicKey else {
                    return "unreadable publicKey"
                }
                let options = JWTValidationOptions(clock: .fixed(verifyAt))
                let minimum = minimumRSABits ?? KeyPolicy.default.minimumRSABits
                let verifier = try BankFrick.TokenVerifier(
                    bankPublicKey: key,
                    keyPolicy: KeyPolicy(minimumRSABits: minimum),
                    options: options
                )
                let verified = Result { () throws(JWTError) in try verifier.claims(token) }
                if let verifyError {
                    if let problem = refusalProblem(expected: verifyError, verified) { return problem }
                } else {
                    guard try verified.get() == decoded else { return "verified claims differ" }
                }
                if minimum < KeyPolicy.default.minimumRSABits {
                    do {
                        _ = try BankFrick.TokenVerifier(bankPublicKey: key, options: options).claims(token)
                        return "the default policy accepted a \(minimum)-bit key"
                    } catch {
                        guard error.code == .weakKey else { return "default policy: \(error)" }
                    }
                }
                return nil
            } catch {
                return "\(error)"
            }
        }
    }
}
