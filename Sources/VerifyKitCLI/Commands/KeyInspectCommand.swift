import ArgumentParser
import VerifyKit

/// `verifykit key inspect [--json] KEYFILE`.
struct KeyInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a key's type, size, thumbprint (RFC 7638) and public JWK.",
        discussion: """
            An HMAC secret (kty oct) has neither: its thumbprint is an unsalted SHA-256 of the \
            secret, which would let a guessable secret be found offline from the output, so the text \
            says it is not shown and --json gives "thumbprint":null (as "jwk":null).
            """
    )

    @Flag(
        help:
            "Print one JSON object: the key's fields, or {\"format\",\"keys\",\"skipped\"} for a JWKS or a file of several keys."
    )
    var json = false

    @Flag(name: .customLong("hex-seed"), help: "Read a 64-digit hex file as an Ed25519 private seed, not a public key.")
    var hexSeed = false

    @Argument(help: "Key file: PEM, DER, JWK, JWKS or hex. Use - for standard input.")
    var keyFile: String

    func run() throws {
        let bytes = try KeyFile.read(keyFile)
        let result = try KeyFile.importKeys(bytes, from: keyFile, hexIsPrivateSeed: hexSeed)
        let descriptions = result.keys.map(KeyDescription.init)
        // Only 64 bare digits are ambiguous: a public key or a seed, and `sign --key` takes them as
        // a seed. A multihash (`ed0120…`, 70 digits) says it is a public key.
        if result.format == .hex, !hexSeed, bytes.count(where: Self.isHexDigit) == 64 {
            printError("note: 64 hex digits read as an Ed25519 public key; pass --hex-seed if they are a private seed")
        }
        if json {
            // Always one object: a file with several keys (a JWKS, or PEM blocks one after
            // another) gets the list shape, so `--json` output is one JSON document.
            if result.format == .jwks || descriptions.count != 1 {
                var object = JSONObject()
                object.set("format", .string(result.format.rawValue))
                object.set("keys", .array(descriptions.map { .object($0.json) }))
                object.set(
                    "skipped",
                    .array(
                        result.skipped.map { skipped in
                            var entry = JSONObject()
                            entry.set("index", .number(JSONNumber(Int64(skipped.index))))
                            if let kid = skipped.keyID { entry.set("kid", .string(kid)) }
                            entry.set("reason", .string(skipped.error.reason))
                            return .object(entry)
                        }
                    )
                )
                StandardOutput.print(JSONValue.object(object).serializedString())
            } else if let description = descriptions.first {
                var object = description.json
                object.set("format", .string(result.format.rawValue))
                StandardOutput.print(JSONValue.object(object).serializedString())
            }
            return
        }
        // An empty answer would read as a tool that did nothing; `--json` says `"keys":[]`.
        if descriptions.isEmpty { StandardOutput.print("no usable keys (\(result.format.rawValue))") }
        for (index, description) in descriptions.enumerated() {
            if index > 0 { StandardOutput.print("") }
            StandardOutput.print(description.text(format: result.format))
        }
        for skipped in result.skipped {
            printError(
                "skipped JWKS member \(skipped.index)\(skipped.keyID.map { " (kid \(PrintableText.quoted($0)))" } ?? ""): \(skipped.error.reason)"
            )
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"):
            true
        default: false
        }
    }
}

/// What `key inspect` reports about one key.
struct KeyDescription {
    let jwk: JWK

    /// The RFC 7638 thumbprint, or nil for an HMAC secret: its thumbprint is an unsalted SHA-256
    /// of the secret, so a pasted inspect output would let a password-like secret be found offline.
    var thumbprint: String? { jwk.key.isSymmetric ? nil : Base64URL.encode(jwk.thumbprint) }

    var sizeField: (name: String, value: JSONValue) {
        if let curve = jwk.key.curve { return ("curve", .string(curve.rawValue)) }
        if jwk.key.keyType == .okp { return ("curve", .string("Ed25519")) }
        return ("bits", .number(JSONNumber(Int64(jwk.key.bitLength))))
    }

    var publicJWK: JSONObject? { jwk.key.isSymmetric ? nil : jwk.publicJSON }

    var json: JSONObject {
        var object = JSONObject()
        object.set("kty", .string(jwk.key.keyType.rawValue))
        if let alg = jwk.algorithm { object.set("alg", .string(alg.rawValue)) }
        if let kid = jwk.keyID { object.set("kid", .string(kid)) }
        object.set(sizeField.name, sizeField.value)
        object.set("private", .bool(jwk.key.isPrivate))
        object.set("thumbprint", thumbprint.map(JSONValue.string) ?? .null)
        object.set("jwk", publicJWK.map(JSONValue.object) ?? .null)
        return object
    }

    func text(format: KeyFormat) -> String {
        var lines = ["format:     \(format.rawValue)", "kty:        \(jwk.key.keyType.rawValue)"]
        if let alg = jwk.algorithm { lines.append("alg:        \(PrintableText.quoted(alg.rawValue)) (pinned)") }
        if let kid = jwk.keyID { lines.append("kid:        \(PrintableText.quoted(kid))") }
        let size = sizeField
        lines.append(
            "\(size.name):\(String(repeating: " ", count: 11 - size.name.count))\(size.value.serializedString())"
        )
        let kind = jwk.key.isSymmetric ? "secret" : (jwk.key.isPrivate ? "private" : "public")
        lines.append("private:    \(jwk.key.isPrivate ? "yes" : "no") (\(kind) key)")
        lines.append("thumbprint: \(thumbprint ?? "(not shown for a secret key: its hash lets it be guessed offline)")")
        if let publicJWK {
            lines.append("jwk:        \(JSONValue.object(publicJWK).serializedString())")
        } else {
            lines.append("jwk:        (an HMAC secret has no public form)")
        }
        return lines.joined(separator: "\n")
    }
}
