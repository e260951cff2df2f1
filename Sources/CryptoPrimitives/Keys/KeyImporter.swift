internal import HexCoding
internal import StrictJSON

/// The encoding a key file was recognised as.
public enum KeyFormat: String, Hashable, Sendable {
    case pem
    case der
    case jwk
    case jwks
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
    /// Most members a JWKS may have.
    public static let maximumKeySetMembers = 256

    /// Detects and imports: PEM (SPKI, PKCS#1, PKCS#8, SEC1, X.509 certificate), DER (same),
    /// JWK, JWKS, or hex (64 hex = Ed25519 public key, `ed0120`+64 hex = multihash public key,
    /// 128 hex = Ed25519 seed ‖ public key). A bare 64-hex string is read as a private seed only
    /// when `hexIsPrivateSeed` is true.
    ///
    /// A PEM file with several certificates yields only the first (the leaf of a chain).
    public static func importKeys(
        from bytes: some Collection<UInt8>,
        hexIsPrivateSeed: Bool = false
    ) throws(CryptoError) -> Result {
        guard bytes.count <= maximumInputBytes else {
            throw CryptoError(.invalidKey, "key input is larger than \(maximumInputBytes) bytes")
        }
        let input = Array(bytes)
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
        return Result(format: .der, keys: [JWK(key: try CryptoKey(derRepresentation: input))], skipped: [])
    }

    /// Reads an Ed25519 key from hex: 64 digits (public key, or seed when `isPrivateSeed`),
    /// `ed0120` + 64 digits (multihash public key, either case), or 128 digits (seed ‖ public key).
    public static func ed25519Key(
        hex text: some Collection<UInt8>,
        isPrivateSeed: Bool = false
    ) throws(CryptoError) -> CryptoKey {
        var digits = Array(text)
        let multihashPrefix = Array("ed0120".utf8)
        var isMultihash = false
        if digits.count == 70, digits.prefix(6).map(lowercased).elementsEqual(multihashPrefix) {
            digits.removeFirst(6)
            isMultihash = true
        }
        let raw: [UInt8]
        do {
            raw = try Hex.decode(utf8: digits)
        } catch {
            throw CryptoError(.invalidKey, "Ed25519 hex key is not valid hex: \(error)")
        }
        switch raw.count {
        case 32 where isPrivateSeed && !isMultihash:
            return CryptoKey(try Ed25519.PrivateKey(seed: raw))
        case 32:
            return CryptoKey(try Ed25519.PublicKey(rawRepresentation: raw))
        case 64 where !isMultihash:
            return CryptoKey(try Ed25519.PrivateKey(rawRepresentation: raw))
        default:
            throw CryptoError(
                .invalidKey,
                "hex key must be 64 digits (public key or seed), ed0120 + 64 digits, or 128 digits (seed ‖ public key); got \(text.count)"
            )
        }
    }

    private static func importJSON(_ text: [UInt8]) throws(CryptoError) -> Result {
        let value: JSONValue
        do {
            value = try JSONParser(options: .init(maxDepth: 8)).parse(text)
        } catch {
            throw CryptoError(.invalidKey, "key file is not valid JSON: \(error)")
        }
        guard case .object(let object) = value else { throw CryptoError(.invalidKey, "key JSON is not an object") }
        guard let keysValue = object["keys"] else {
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
        let documents = try PEMDocument.parseAll(text)
        guard !documents.isEmpty else { throw CryptoError(.invalidKey, "no complete PEM block found") }
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
