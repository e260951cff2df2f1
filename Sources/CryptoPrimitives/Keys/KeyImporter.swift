internal import HexCoding
internal import StrictJSON

/// The encoding a key file was recognised as.
public enum KeyFormat: String, Hashable, Sendable {
    /// PEM text: one or more armoured blocks (keys or X.509 certificates).
    case pem
    /// One binary DER element: SPKI, PKCS#1, PKCS#8, SEC1 or an X.509 certificate.
    case der
    /// A single JSON Web Key object.
    case jwk
    /// A JWK Set: a JSON object with a `keys` array.
    case jwks
    /// An Ed25519 key in hex, bare or as a multihash (see ``KeyImporter/ed25519Key(hex:isPrivateSeed:)``).
    case hex
}

/// Reads keys from the bytes of a key file, detecting the format where that is unambiguous.
public enum KeyImporter {
    /// A JWKS member that could not be used, and why.
    public struct SkippedKey: Sendable {
        /// Position in the `keys` array.
        public var index: Int
        /// The member's `kid`, when it had a string one.
        public var keyID: String?
        /// Why it was skipped.
        public var error: CryptoError
    }

    /// What an import found.
    public struct Result: Sendable {
        /// The detected format.
        public var format: KeyFormat
        /// Usable keys, in file order.
        public var keys: [JWK]
        /// JWKS members that were skipped (unknown `kty`/`crv`, unparseable), with why.
        public var skipped: [SkippedKey]
    }

    /// Largest key file accepted, in bytes.
    public static let maximumInputBytes = 1 << 20
    /// Most members a JWKS, or blocks a PEM file, may have.
    public static let maximumKeySetMembers = 256
    /// Deepest JSON nesting read in a JWK or a JWK Set (a set's member is 2 deep, its `x5c` 3).
    /// One limit for every reader of key JSON, so that a set is never a key set to one of them and
    /// invalid JSON to another.
    public static let maximumJSONDepth = 16

    /// Detects and imports: PEM (SPKI, PKCS#1, PKCS#8, SEC1, X.509 certificate), DER (same),
    /// JWK, JWKS, or hex (see ``ed25519Key(hex:isPrivateSeed:)``). A bare 64-hex string is read as
    /// a private seed only when `hexIsPrivateSeed` is true.
    ///
    /// A UTF-8 byte order mark before a text format is ignored (editors on Windows add one; it can
    /// never start DER). A PEM file with several certificates yields only the first (the leaf of a
    /// chain).
    public static func importKeys(
        from bytes: some Collection<UInt8>,
        hexIsPrivateSeed: Bool = false
    ) throws(CryptoError) -> Result {
        guard bytes.count <= maximumInputBytes else {
            throw CryptoError(.invalidKey, "key input is larger than \(maximumInputBytes) bytes")
        }
        var input = Array(bytes)
        input.removeFirst(ByteOrderMark.leadingCount(in: input))
        // Binary DER first, untrimmed (a DER file may end in a byte that looks like white space),
        // and never searched for text: a certificate can carry a PEM block inside a field.
        if PEMDocument.isSingleDERElement(input) {
            return Result(format: .der, keys: [JWK(key: try CryptoKey(derRepresentation: input))], skipped: [])
        }
        let text = trimmed(input)
        guard !text.isEmpty else { throw CryptoError(.invalidKey, "key input is empty") }
        if text.first == UInt8(ascii: "{") {
            return try importJSON(text)
        }
        if PEMDocument.looksLikePEM(text) {
            return try importPEM(text)
        }
        if text.allSatisfy(isHexDigit) {
            return Result(
                format: .hex,
                keys: [JWK(key: try ed25519Key(hex: text, isPrivateSeed: hexIsPrivateSeed))],
                skipped: []
            )
        }
        if text.count > 2, text[0] == UInt8(ascii: "0"), text[1] | 0x20 == UInt8(ascii: "x"),
            text.dropFirst(2).allSatisfy(isHexDigit)
        {
            throw CryptoError(.invalidKey, "hex keys are written without a 0x prefix")
        }
        return Result(format: .der, keys: [JWK(key: try CryptoKey(derRepresentation: input))], skipped: [])
    }

    /// Whether `bytes` are a JWK Set (a JSON object with a `keys` member), found without reading
    /// any key: callers with their own key-set rules (such as `JWTKeyCollection.add(jwks:)`, which
    /// refuses private members before parsing any) route such files there first.
    public static func isKeySet(_ bytes: some Collection<UInt8>) -> Bool {
        guard bytes.count <= maximumInputBytes else { return false }
        var input = Array(bytes)
        input.removeFirst(ByteOrderMark.leadingCount(in: input))
        let text = trimmed(input)
        guard text.first == UInt8(ascii: "{"),
            case .object(let object)? = try? JSONParser(options: .init(maxDepth: maximumJSONDepth)).parse(text)
        else { return false }
        return object["keys"] != nil
    }

    /// Reads an Ed25519 key from hex (either case): 64 digits (public key, or seed when
    /// `isPrivateSeed`), 128 digits (seed ‖ public key), or a multihash as FIB and Iroha write
    /// keys: `ed0120` + 64 digits (public key), `802620` + 64 digits (seed) or `802640` + 128
    /// digits (seed ‖ public key).
    public static func ed25519Key(
        hex text: some Collection<UInt8>,
        isPrivateSeed: Bool = false
    ) throws(CryptoError) -> CryptoKey {
        var digits = Array(text)
        // The multihash prefix names the key's kind and length, so it decides over `isPrivateSeed`.
        var multihash: Multihash?
        for candidate in Multihash.allCases
        where digits.count == 6 + 2 * candidate.byteCount
            && digits.prefix(6).map(lowercased).elementsEqual(candidate.prefix.utf8)
        {
            multihash = candidate
            digits.removeFirst(6)
        }
        let raw: [UInt8]
        do {
            raw = try Hex.decode(utf8: digits)
        } catch {
            throw CryptoError(.invalidKey, "Ed25519 hex key is not valid hex: \(error)")
        }
        switch (raw.count, multihash) {
        case (32, .publicKey),
            (32, nil) where !isPrivateSeed:
            return CryptoKey(try Ed25519.PublicKey(rawRepresentation: raw))
        case (32, .seed), (32, nil):
            return CryptoKey(try Ed25519.PrivateKey(seed: raw))
        case (64, .seedAndPublicKey), (64, nil):
            return CryptoKey(try Ed25519.PrivateKey(rawRepresentation: raw))
        default:
            throw CryptoError(
                .invalidKey,
                "hex key must be 64 digits (public key or seed), 128 digits (seed ‖ public key), or ed0120, "
                    + "802620 + 64 digits or 802640 + 128 digits (multihash); got \(text.count)"
            )
        }
    }

    /// The Ed25519 multihash prefixes (multicodec `ed25519-pub` 0xED, `ed25519-priv` 0x1300, then
    /// the length) as hex.
    private enum Multihash: CaseIterable {
        case publicKey, seed, seedAndPublicKey

        var prefix: String {
            switch self {
            case .publicKey: "ed0120"
            case .seed: "802620"
            case .seedAndPublicKey: "802640"
            }
        }

        var byteCount: Int { self == .seedAndPublicKey ? 64 : 32 }
    }

    private static func importJSON(_ text: [UInt8]) throws(CryptoError) -> Result {
        let value: JSONValue
        do {
            value = try JSONParser(options: .init(maxDepth: maximumJSONDepth)).parse(text)
        } catch {
            throw CryptoError(.invalidKey, "key file is not valid JSON: \(error)")
        }
        guard case .object(let object) = value else { throw CryptoError(.invalidKey, "key JSON is not an object") }
        guard let keysValue = object["keys"] else {
            // The same limit as JWK(json:): a key file holding one JWK is that JWK.
            guard text.count <= JWK.maximumJSONBytes else {
                throw CryptoError(.invalidKey, "JWK is larger than \(JWK.maximumJSONBytes) bytes")
            }
            return Result(format: .jwk, keys: [try JWK(jsonObject: object)], skipped: [])
        }
        guard case .array(let members) = keysValue else {
            throw CryptoError(.invalidKey, "JWKS \"keys\" must be an array")
        }
        guard members.count <= maximumKeySetMembers else {
            throw CryptoError(.invalidKey, "JWKS has more than \(maximumKeySetMembers) keys")
        }
        var keys: [JWK] = []
        var skipped: [SkippedKey] = []
        for (index, member) in members.enumerated() {
            guard case .object(let memberObject) = member else {
                skipped.append(
                    SkippedKey(
                        index: index,
                        keyID: nil,
                        error: CryptoError(.invalidKey, "JWKS member is not an object")
                    )
                )
                continue
            }
            do {
                keys.append(try JWK(jsonObject: memberObject))
            } catch {
                var keyID: String?
                if case .string(let kid) = memberObject["kid"] { keyID = kid }
                skipped.append(SkippedKey(index: index, keyID: keyID, error: error))
            }
        }
        return Result(format: .jwks, keys: keys, skipped: skipped)
    }

    private static func importPEM(_ text: [UInt8]) throws(CryptoError) -> Result {
        // `EC PARAMETERS` blocks (from `openssl ecparam -genkey`) are no keys; the key after one
        // names its curve itself.
        let documents = try PEMDocument.parseAll(text).filter { !$0.isECParameters }
        guard !documents.isEmpty else { throw CryptoError(.invalidKey, "no complete PEM key block found") }
        // As for a JWKS: a key file is a handful of keys, and each private key costs a check.
        guard documents.count <= maximumKeySetMembers else {
            throw CryptoError(.invalidKey, "PEM input has more than \(maximumKeySetMembers) blocks")
        }
        var keys: [JWK] = []
        var sawCertificate = false
        for document in documents {
            if document.label == "CERTIFICATE" {
                if sawCertificate { continue }
                sawCertificate = true
            }
            keys.append(JWK(key: try CryptoKey(pemDocument: document)))
        }
        return Result(format: .pem, keys: keys, skipped: [])
    }

    private static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }), let end = bytes.lastIndex(where: { !isSpace($0) })
        else { return [] }
        return Array(bytes[start...end])
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
}
