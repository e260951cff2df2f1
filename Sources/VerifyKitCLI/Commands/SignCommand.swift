import ArgumentParser
import Foundation
import VerifyKit

/// `verifykit sign`: makes a compact JWT with a private key or HMAC secret.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign claims as a compact JWT.",
        discussion: """
            The header is {"alg":ALG,"typ":"JWT","kid":K} plus the members of --header (which may replace typ \
            or drop it with "typ":null). Claims are strict JSON and are signed exactly as given (escapes, \
            number spellings and white space inside kept; white space around the object dropped). Registered \
            claims must have the JSON types verify requires (exp, nbf, iat numbers; iss, sub, jti strings; aud a \
            string or an array of strings).
            """
    )

    @Option(
        name: .customLong("key"),
        help: """
            Private key or HMAC secret file (PEM, DER, JWK, hex seed); it may also hold the key's own \
            public key or certificate.
            """
    )
    var key: String

    @Option(name: .customLong("alg"), help: "Signature algorithm, e.g. EdDSA, RS256, ES256, HS256.")
    var algorithm: String

    @Option(name: .customLong("kid"), help: "Key ID to put in the header.")
    var keyID: String?

    @Option(name: .customLong("header"), help: "Extra header members as a JSON object.")
    var header: String?

    @Option(name: .customLong("claims-file"), help: "Read the claims JSON from a file (- for stdin).")
    var claimsFile: String?

    @Argument(help: "The claims as a JSON object.")
    var claims: String?

    func validate() throws {
        guard SignatureAlgorithm(rawValue: algorithm).isSupported else {
            throw ValidationError("unsupported algorithm \(algorithm); supported: \(VerifyCommand.supportedNames)")
        }
        // An empty value is an unset shell variable far more often than a key ID anyone meant.
        if keyID == "" { throw ValidationError("--kid must not be empty") }
        guard (claims == nil) != (claimsFile == nil) else {
            throw ValidationError("give the claims as an argument or with --claims-file (exactly one)")
        }
        try VerifyCommand.validateMinimumRSABits(minRSABits)
        if let minHMACBytes { try VerifyCommand.validateMinimumHMACBytes(minHMACBytes) }
        guard (1...VerifyCommand.maximumTokenBytesOption).contains(maxTokenBytes) else {
            throw ValidationError("--max-token-bytes must be between 1 and \(VerifyCommand.maximumTokenBytesOption)")
        }
        try requireOneStandardInput([key, claimsFile])
    }

    @Option(name: .customLong("min-rsa-bits"), help: "Smallest RSA key allowed to sign.")
    var minRSABits: Int = KeyPolicy.default.minimumRSABits

    @Option(
        name: .customLong("min-hmac-bytes"),
        help: "Shortest HMAC secret allowed to sign, 1 to 1024 (default: the hash output size, 32/48/64 bytes)."
    )
    var minHMACBytes: Int?

    // The same bound `verify` applies: a token longer than the verifier reads would only fail there.
    @Option(
        name: .customLong("max-token-bytes"),
        help: "Refuse to print a token longer than this (as verify; at most 16777216)."
    )
    var maxTokenBytes: Int = JWTValidationOptions().maxTokenBytes

    func run() throws {
        let jwk = try KeyFile.loadSigningKey(key, hexIsPrivateSeed: true)
        guard jwk.key.isPrivate else {
            throw CLIFailure("key file \(key) holds a public key; signing needs a private key or secret")
        }
        // Never mint a token the key file's own alg, use or key_ops rule out (the signer below applies
        // the key policy: no short HMAC secret or small RSA key, as our verifier refuses them).
        let chosen = SignatureAlgorithm(rawValue: algorithm)
        if let pinned = jwk.algorithm, jwk.pinnedAlgorithms?.contains(chosen) == false {
            throw CLIFailure(
                "cannot sign with this key (algorithm_not_allowed): the JWK is pinned to alg \(PrintableText.quoted(pinned.rawValue))"
            )
        }
        do {
            try jwk.checkPermitsSigning()
        } catch {
            throw CLIFailure("cannot sign with this key (\(error.code)): \(error.reason)")
        }
        let claimsBytes: [UInt8]
        if let claimsFile {
            claimsBytes = try readInput(claimsFile, what: "claims file")
        } else {
            claimsBytes = Array((claims ?? "").utf8)
        }
        guard case .object = try Self.parse(claimsBytes, what: "claims") else {
            throw CLIFailure("the claims must be a JSON object")
        }
        // The bytes as given (escapes, number spellings and member order kept), minus the white
        // space around the object, such as a claims file's final line break.
        let payload = claimsBytes.trimmingBlanks()
        // Registered claims of a JSON type `verify` refuses (`"exp":"tomorrow"`, `"aud":[1]`) would
        // make a token that no verifier accepts.
        do {
            try JWTSigner.checkRegisteredClaims(Array(payload))
        } catch {
            throw CLIFailure("cannot sign (\(error.code)): \(error.message)")
        }
        var jwtHeader = JWTHeader(keyID: keyID ?? jwk.keyID)
        if let header {
            guard case .object(let extra) = try Self.parse(Array(header.utf8), what: "--header") else {
                throw CLIFailure("--header must be a JSON object")
            }
            if extra["b64"] == .bool(false) {
                // RFC 7797's unencoded payload is left out of the printed token (it travels
                // detached), so the claims would be silently dropped and `verify` could not check it.
                throw CLIFailure("--header b64:false would print a token without its claims; sign with b64 left out")
            }
            if let keyID, extra["kid"] != nil, extra["kid"] != .string(keyID) {
                throw CLIFailure("--kid and the kid of --header disagree; give the key ID once")
            }
            try Self.apply(extra, to: &jwtHeader)
        }
        // A token naming another kid than its key's would find no key on the verifying side.
        if let own = jwk.keyID, let named = jwtHeader.keyID, named != own {
            throw CLIFailure(
                "the key file's kid is \(PrintableText.quoted(own)); the header would name \(PrintableText.quoted(named))"
            )
        }
        var limits = JWTValidationOptions()
        limits.maxTokenBytes = maxTokenBytes
        do {
            let token = try JWTSigner.sign(
                payload: payload,
                header: jwtHeader,
                key: jwk.key,
                algorithm: SignatureAlgorithm(rawValue: algorithm),
                policy: KeyPolicy(minimumRSABits: minRSABits, minimumHMACKeyBytes: minHMACBytes),
                limits: limits
            )
            StandardOutput.print(token)
        } catch {
            throw CLIFailure("cannot sign (\(error.code)): \(error.message)")
        }
    }

    static func parse(_ bytes: [UInt8], what: String) throws(CLIFailure) -> JSONValue {
        do {
            return try JSONParser().parse(bytes)
        } catch {
            throw CLIFailure("\(what) is not strict JSON: \(error)")
        }
    }

    /// Header members from --header: typed ones update the header, `null` removes `typ`/`kid`/`cty`.
    static func apply(_ extra: JSONObject, to header: inout JWTHeader) throws(CLIFailure) {
        var rest = JSONObject()
        for member in extra {
            switch (member.name, member.value) {
            case ("alg", _):
                throw CLIFailure("--header must not set alg; use --alg")
            case ("typ", .string(let value)): header.type = value
            case ("typ", .null): header.type = nil
            case ("kid", .string(let value)): header.keyID = value
            case ("kid", .null): header.keyID = nil
            case ("cty", .string(let value)): header.contentType = value
            case ("cty", .null): header.contentType = nil
            case ("b64", .bool(let value)): header.base64URLEncodesPayload = value
            case ("crit", .array):
                // Every entry a name, at least one (RFC 7515 §4.1.11): dropping the others would
                // mint a token that no verifier accepts.
                guard let names = member.value.stringArrayValue, !names.isEmpty else {
                    throw CLIFailure("--header member crit must be a non-empty array of header names")
                }
                header.critical = names
            case ("typ", _), ("kid", _), ("cty", _), ("b64", _), ("crit", _):
                throw CLIFailure("--header member \(member.name) has the wrong JSON type")
            default:
                rest.set(member.name, member.value)
            }
        }
        header.fields = rest
    }
}
