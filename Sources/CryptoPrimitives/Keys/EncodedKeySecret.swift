internal import Base64URL
internal import StrictJSON

/// Tells whether an HMAC "secret" is really an encoded key. Used as an HMAC secret, a public key
/// lets anyone who holds it compute every tag: the algorithm-confusion mistake (RFC 8725 §2.1,
/// §3.1). Key policy refuses such secrets as `weak_key`, private keys' encodings too where they are
/// recognised below (no secret a person meant to be random looks like one). PKCS#1 `RSAPrivateKey`
/// and SEC1 `ECPrivateKey` DER (and their base64) are not: only their PEM armour is. A private key
/// is itself secret, so nothing is forgeable with it, and their shapes alone are too loose to tell
/// them from random bytes without importing (and checking) the key.
///
/// Recognised, after a UTF-8 byte order mark (the key importer ignores one before any format):
/// PEM armour (at the start, or after other lines, as the key importer allows); one DER
/// SubjectPublicKeyInfo, PKCS#8 `PrivateKeyInfo` (version 2 too), X.509 certificate or PKCS#1
/// `RSAPublicKey`; the same DER as base64 text (a PEM body without its armour, as keys are pasted
/// into environment variables), either alphabet, padded or not, in lines or not; and the JSON of an
/// asymmetric JWK or of a key set holding one. Armour at the start and base64 text count inside one pair of quotes
/// too, which `docker run --env-file` keeps. The DER, base64 and JSON cases must read as a key, so
/// a random secret is never taken for one.
///
/// Reads the secret where ``HMACKey`` keeps it (memory it wipes): a random secret is copied
/// nowhere but into scratch memory that is wiped; only text holding a PEM marker (parsed as PEM),
/// JSON text (parsed into a tree) and exactly one DER element (read as a key) go further.
enum EncodedKeySecret {
    static func isEncodedKey(_ secret: UnsafeBufferPointer<UInt8>) -> Bool {
        // The key importer drops a leading byte order mark before every format, DER included: a key
        // file saved with one is still a key, and with the mark in front no check below saw it.
        let unmarked = UnsafeBufferPointer(rebasing: secret.dropFirst(ByteOrderMark.leadingCount(in: secret)))
        let text = unquoted(UnsafeBufferPointer(rebasing: unmarked.drop(while: isBlank)))
        if text.starts(with: "-----BEGIN ".utf8) { return true }
        // Armour after other text (a byte order mark, `openssl x509 -text` output, PKCS#12
        // "Bag Attributes"): the key importer reads such a file as a key, so it is no secret
        // either, once its blocks parse.
        if PEMDocument.looksLikePEM(secret),
            let blocks = try? PEMDocument.parseAll(secret), !blocks.isEmpty
        {
            return true
        }
        switch text.first {
        case UInt8(ascii: "{"): return isKeyJSON(text)
        // Untrimmed, as the importer reads DER: a blank before it makes it no DER for either.
        case 0x30: return isDERKey(unmarked)
        // The base64 of a DER SEQUENCE (tag 0x30) starts with "M".
        case UInt8(ascii: "M"): return isBase64DERKey(text)
        default: return false
        }
    }

    /// `text` without one pair of enclosing quotes, `"…"` or `'…'` (trailing blanks after the
    /// closing one allowed), as `docker run --env-file` leaves a quoted value; else `text`.
    private static func unquoted(_ text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let quote = text.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
            let last = text.lastIndex(where: { !isBlank($0) }), last > text.startIndex, text[last] == quote
        else { return text }
        return UnsafeBufferPointer(rebasing: text[(text.startIndex + 1)..<last])
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// An asymmetric JWK, or a JWK Set with one (an `oct` JWK's text is itself secret).
    private static func isKeyJSON(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let parser = JSONParser(options: .init(maxDepth: KeyImporter.maximumJSONDepth))
        guard case .object(let object)? = try? parser.parse(text) else {
            return false
        }
        if case .array(let keys)? = object["keys"] {
            return keys.contains { if case .object(let key) = $0 { isAsymmetricJWK(key) } else { false } }
        }
        return isAsymmetricJWK(object)
    }

    /// Judged by the public half: a private JWK's private members are never imported (that would
    /// check the key, for RSA with a signing round trip costing over a second at 16384 bits, once
    /// per key of a set), and its public members are a public key whatever the private ones hold.
    private static func isAsymmetricJWK(_ object: JSONObject) -> Bool {
        guard case .string(let kty)? = object["kty"], kty != KeyType.oct.rawValue else { return false }
        var publicHalf = object
        for name in privateMembers + certificateMembers { publicHalf.removeMember(name) }
        return (try? JWK(jsonObject: publicHalf)) != nil
    }

    /// The private members of RSA, EC and OKP JWKs (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2).
    private static let privateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth"]
    /// The X.509 members (RFC 7517 §4.6–4.9): a broken certificate leaves the key a key.
    private static let certificateMembers = ["x5u", "x5c", "x5t", "x5t#S256"]

    /// Exactly one DER element that reads as a key.
    private static func isDERKey(_ der: UnsafeBufferPointer<UInt8>) -> Bool {
        guard der.first == 0x30 else { return false }
        var scanner = DERScanner(UnsafeRawBufferPointer(der))
        guard scanner.read() != nil, scanner.isAtEnd else { return false }
        // PKCS#8 of version 2 (RFC 5958, public key inside) too: a private key's encoding whether or
        // not its public key matches.
        if identifyPublicKeyInfo(der) != nil || identifyPrivateKeyInfo(der) != nil { return true }
        let bytes = Array(der)
        switch DERKeyShape(bytes) {
        case .certificate: return (try? CryptoPrimitives.publicKeyInfoDER(fromCertificateDER: bytes)) != nil
        case .rsaPublicKey: return (try? RSA.PublicKey(derRepresentation: bytes)) != nil
        default: return false
        }
    }

    /// Base64 text (standard or URL alphabet, padding and line breaks allowed) of one DER key.
    private static func isBase64DERKey(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        withWipedScratch(count: text.count) { scratch in
            // The characters without blanks and padding, in the URL alphabet.
            var count = 0
            var padded = false
            for byte in text {
                if isBlank(byte) { continue }
                if byte == UInt8(ascii: "=") {
                    padded = true
                    continue
                }
                let isBase64 =
                    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                // Not base64, or a character after padding.
                guard isBase64, !padded else { return false }
                scratch[count] =
                    byte == UInt8(ascii: "+") ? UInt8(ascii: "-") : byte == UInt8(ascii: "/") ? UInt8(ascii: "_") : byte
                count += 1
            }
            guard let length = try? Base64URL.decodedLength(forEncodedLength: count), length > 0 else {
                return false
            }
            let characters = UnsafeBufferPointer(rebasing: scratch[..<count])
            return withWipedScratch(count: length) { der in
                guard (try? Base64URL.decode(characters, into: der)) == length else { return false }
                return isDERKey(UnsafeBufferPointer(der))
            }
        }
    }
}
