internal import Base64URL
public import StrictJSON

/// A JSON Web Key (RFC 7517) with its key and the JOSE parameters that constrain its use.
///
/// Parsing is strict: member types are checked, base64url is canonical, EC coordinates and
/// Ed25519 keys have their exact lengths, private members are checked against the public ones, and
/// the first `x5c` certificate must hold the key (RFC 7517 §4.7; the chain itself is not validated).
public struct JWK: Sendable {
    /// The key itself.
    public var key: CryptoKey
    /// `kid`.
    public var keyID: String?
    /// `alg`, when the key is pinned to one algorithm (may name an unsupported algorithm).
    public var algorithm: SignatureAlgorithm?
    /// `use` (`sig` or `enc`).
    public var use: String?
    /// `key_ops`.
    public var keyOperations: [String]?

    /// A JWK from a key and its parameters, stored as given: unlike parsing, nothing is checked (not
    /// `alg` against the key, nor `key_ops` for duplicates).
    public init(
        key: CryptoKey,
        keyID: String? = nil,
        algorithm: SignatureAlgorithm? = nil,
        use: String? = nil,
        keyOperations: [String]? = nil
    ) {
        self.key = key
        self.keyID = keyID
        self.algorithm = algorithm
        self.use = use
        self.keyOperations = keyOperations
    }

    /// Largest JWK text accepted, in bytes (a 16384-bit RSA private JWK is about 12 KiB).
    public static let maximumJSONBytes = 64 * 1024

    /// Parses one JWK from JSON text. Unknown `kty`/`crv`, multi-prime RSA (`oth`) and an RSA private
    /// key without its CRT members → `unsupported_key`; an EC point that is not on its curve →
    /// `weak_key`; anything else malformed → `invalid_key`. RSA sizes and exponents and small-order
    /// Ed25519 keys are not judged here, but by ``CryptoKey/checkPolicy(_:for:)`` when the key is used.
    ///
    /// One deliberate leniency: RSA `n` and `e` with leading zero octets are read, although RFC 7518
    /// §6.3.1 asks for the minimal form: some issuers have published such keys, panva/jose reads
    /// them, and the value is the same (the thumbprint uses the minimal form).
    public init(json: some Collection<UInt8>) throws(CryptoError) {
        guard json.count <= Self.maximumJSONBytes else {
            throw CryptoError(.invalidKey, "JWK is larger than \(Self.maximumJSONBytes) bytes")
        }
        let value: JSONValue
        do {
            value = try JSONParser(options: .init(maxDepth: KeyImporter.maximumJSONDepth)).parse(json)
        } catch {
            throw CryptoError(.invalidKey, "JWK is not valid JSON: \(error)")
        }
        guard case .object(let object) = value else { throw CryptoError(.invalidKey, "JWK is not a JSON object") }
        try self.init(jsonObject: object)
    }

    /// Parses one JWK from a JSON object (e.g. a member of a JWKS `keys` array).
    public init(jsonObject object: JSONObject) throws(CryptoError) {
        let members = JWKMembers(object)
        guard let kty = try members.string("kty") else { throw CryptoError(.invalidKey, "JWK has no \"kty\"") }
        let key: CryptoKey
        switch KeyType(rawValue: kty) {
        case .rsa: key = try Self.rsaKey(members)
        case .ec: key = try Self.ecKey(members)
        case .okp: key = try Self.okpKey(members)
        case .oct: key = try Self.octKey(members)
        default: throw CryptoError(.unsupportedKey, "JWK kty \(PrintableText.quoted(kty)) is not supported")
        }
        try Self.checkCertificateMembers(members, key: key)
        let algorithm = try members.string("alg").map(SignatureAlgorithm.init(rawValue:))
        let use = try members.string("use")
        let operations = try members.stringArray("key_ops")
        if let operations, Set(operations).count != operations.count {
            throw CryptoError(.invalidKey, "JWK key_ops has duplicate values")
        }
        self.init(key: key, keyID: try members.string("kid"), algorithm: algorithm, use: use, keyOperations: operations)
    }

    /// RFC 7517 §4.6–4.9: `x5u` is a string, `x5t` and `x5t#S256` are base64url SHA-1 and SHA-256
    /// thumbprints, and `x5c` is a non-empty array of Base64 (not base64url) DER certificates whose
    /// first one holds the JWK's key. With `x5c`, each thumbprint given must be `x5c[0]`'s (§4.8,
    /// §4.9: it names the same certificate); without it there is nothing to compare a thumbprint
    /// with, and only its length is checked. The chain is not validated: no signatures, dates or
    /// trust anchors are looked at.
    private static func checkCertificateMembers(_ members: JWKMembers, key: CryptoKey) throws(CryptoError) {
        _ = try members.string("x5u")
        for (name, count) in [("x5t", 20), ("x5t#S256", 32)] {
            if let thumbprint = try members.bytes(name), thumbprint.count != count {
                throw CryptoError(.invalidKey, "JWK \"\(name)\" must be a \(count)-byte thumbprint")
            }
        }
        guard let chain = try members.stringArray("x5c") else { return }
        guard !chain.isEmpty else { throw CryptoError(.invalidKey, "JWK \"x5c\" is empty") }
        var certificates: [[UInt8]] = []
        for (index, text) in chain.enumerated() {
            do {
                certificates.append(try Base64.decode(text))
            } catch {
                throw CryptoError(.invalidKey, "JWK x5c[\(index)] is not Base64 DER (RFC 7517 §4.7): \(error)")
            }
        }
        let certified: CryptoKey
        do {
            certified = try CryptoKey.fromSubjectPublicKeyInfo(
                try CryptoPrimitives.publicKeyInfoDER(fromCertificateDER: certificates[0])
            )
        } catch {
            throw CryptoError(.invalidKey, "JWK x5c[0] is not a usable certificate: \(error.reason)")
        }
        guard let publicKey = key.publicKeyInfoDER, certified.publicKeyInfoDER == publicKey else {
            throw CryptoError(.invalidKey, "the key in JWK x5c[0] is not the JWK's key (RFC 7517 §4.7)")
        }
        if let thumbprint = try members.bytes("x5t") {
            guard let computed = SHA1.certificateThumbprint(certificates[0]) else {
                throw CryptoError(.invalidKey, "JWK \"x5t\" cannot be checked: OpenSSL computed no SHA-1 digest")
            }
            guard thumbprint == computed else {
                throw CryptoError(.invalidKey, "JWK \"x5t\" is not the thumbprint of x5c[0]")
            }
        }
        if let thumbprint = try members.bytes("x5t#S256"), thumbprint != SHA2.hash(certificates[0], digest: .sha256) {
            throw CryptoError(.invalidKey, "JWK \"x5t#S256\" is not the thumbprint of x5c[0]")
        }
    }

    private static func rsaKey(_ members: JWKMembers) throws(CryptoError) -> CryptoKey {
        let n = try members.requiredBytes("n")
        let e = try members.requiredBytes("e")
        guard let d = try members.bytes("d") else {
            // RFC 7518 §6.3.2: the other private members require "d". Reading such a JWK as a
            // public key would drop the factors of n without a word.
            if let name = ["p", "q", "dp", "dq", "qi", "oth"].first(where: members.has) {
                throw CryptoError(.invalidKey, "RSA JWK has the private member \"\(name)\" but no \"d\"")
            }
            return CryptoKey(try RSA.PublicKey(modulus: n, publicExponent: e))
        }
        if members.has("oth") {
            throw CryptoError(.unsupportedKey, "multi-prime RSA JWKs (\"oth\") are not supported")
        }
        // RFC 7518 §6.3.2: the CRT members come all together or not at all. None is a key this
        // library cannot use; some is a malformed key.
        let crtNames = ["p", "q", "dp", "dq", "qi"]
        guard crtNames.contains(where: members.has) else {
            throw CryptoError(.unsupportedKey, "RSA private JWK without CRT parameters (p, q, dp, dq, qi)")
        }
        if let missing = crtNames.first(where: { !members.has($0) }) {
            throw CryptoError(
                .invalidKey,
                "RSA private JWK lacks \"\(missing)\" (RFC 7518 §6.3.2: all of p, q, dp, dq, qi or none)"
            )
        }
        let p = try members.requiredBytes("p")
        let q = try members.requiredBytes("q")
        let dp = try members.requiredBytes("dp")
        let dq = try members.requiredBytes("dq")
        let qi = try members.requiredBytes("qi")
        let key = try RSA.PrivateKey(
            modulus: n,
            publicExponent: e,
            privateExponent: d,
            prime1: p,
            prime2: q,
            exponent1: dp,
            exponent2: dq,
            coefficient: qi
        )
        return CryptoKey(key)
    }

    private static func ecKey(_ members: JWKMembers) throws(CryptoError) -> CryptoKey {
        guard let crvName = try members.string("crv") else { throw CryptoError(.invalidKey, "EC JWK has no \"crv\"") }
        guard let curve = ECCurve(rawValue: crvName) else {
            throw CryptoError(.unsupportedKey, "EC curve \(PrintableText.quoted(crvName)) is not supported")
        }
        let x = try members.requiredBytes("x")
        let y = try members.requiredBytes("y")
        let size = curve.coordinateByteCount
        guard x.count == size, y.count == size else {
            throw CryptoError(.invalidKey, "\(crvName) coordinates must be \(size) bytes each (RFC 7518 §6.2.1.2)")
        }
        if let d = try members.bytes("d") {
            guard d.count == size else {
                throw CryptoError(.invalidKey, "\(crvName) private scalar must be \(size) bytes (RFC 7518 §6.2.2.1)")
            }
            return CryptoKey(try ECDSA.PrivateKey(curve: curve, d: d, x: x, y: y))
        }
        return CryptoKey(try ECDSA.PublicKey(curve: curve, x: x, y: y))
    }

    private static func okpKey(_ members: JWKMembers) throws(CryptoError) -> CryptoKey {
        guard let crv = try members.string("crv") else { throw CryptoError(.invalidKey, "OKP JWK has no \"crv\"") }
        guard crv == "Ed25519" else {
            // X25519 and X448 are not EdDSA curves: "Ed25519 only" would suggest another EdDSA key.
            let why =
                crv == "X25519" || crv == "X448"
                ? "it is for key agreement (ECDH-ES), not signatures" : "EdDSA here is Ed25519 only"
            throw CryptoError(.unsupportedKey, "OKP curve \(PrintableText.quoted(crv)) is not supported: \(why)")
        }
        let x = try members.requiredBytes("x")
        guard x.count == 32 else { throw CryptoError(.invalidKey, "Ed25519 \"x\" must be 32 bytes") }
        let publicKey = try Ed25519.PublicKey(rawRepresentation: x)
        guard let d = try members.bytes("d") else { return CryptoKey(publicKey) }
        guard d.count == 32 else { throw CryptoError(.invalidKey, "Ed25519 \"d\" must be 32 bytes") }
        let privateKey = try Ed25519.PrivateKey(seed: d)
        guard privateKey.publicKey.rawRepresentation == x else {
            throw CryptoError(.invalidKey, "Ed25519 \"x\" does not match the private key \"d\"")
        }
        return CryptoKey(privateKey)
    }

    private static func octKey(_ members: JWKMembers) throws(CryptoError) -> CryptoKey {
        let k = try members.requiredBytes("k")
        guard !k.isEmpty else { throw CryptoError(.invalidKey, "oct JWK has an empty \"k\"") }
        return CryptoKey(HMACKey(k))
    }

    /// Throws `weak_key` unless `use` is absent or `sig` and `key_ops` is absent or contains `verify`.
    public func checkPermitsVerification() throws(CryptoError) {
        if let use, use != "sig" {
            throw CryptoError(.weakKey, "JWK use \(PrintableText.quoted(use)) does not permit signature verification")
        }
        if let keyOperations, !keyOperations.contains("verify") {
            throw CryptoError(
                .weakKey,
                "JWK key_ops \(PrintableText.quoted(list: keyOperations)) do not include \"verify\""
            )
        }
    }

    /// Throws `weak_key` unless `use` is absent or `sig` and `key_ops` is absent or contains `sign`
    /// (RFC 7517 §4.2–4.3), the signing counterpart of ``checkPermitsVerification()``.
    public func checkPermitsSigning() throws(CryptoError) {
        if let use, use != "sig" {
            throw CryptoError(.weakKey, "JWK use \(PrintableText.quoted(use)) does not permit signing")
        }
        if let keyOperations, !keyOperations.contains("sign") {
            throw CryptoError(
                .weakKey,
                "JWK key_ops \(PrintableText.quoted(list: keyOperations)) do not include \"sign\""
            )
        }
    }

    /// The public JWK (private members dropped; `kid`, `alg`, `use` kept, and `key_ops` with
    /// `sign` turned into `verify`, the public half's operation, or left out if nothing remains).
    /// HMAC keys have no public form and are returned whole: callers must not publish them.
    public var publicJSON: JSONObject {
        var object = Self.requiredMembers(of: key.publicKey ?? key)
        var operations = keyOperations
        if !key.isSymmetric, let privateOperations = keyOperations {
            var mapped: [String] = []
            for operation in privateOperations {
                let publicOperation = operation == "sign" ? "verify" : operation
                if !mapped.contains(publicOperation) { mapped.append(publicOperation) }
            }
            operations = mapped.isEmpty ? nil : mapped
        }
        appendMetadata(to: &object, keyOperations: operations)
        return object
    }

    /// The full JWK including private members.
    public var privateJSON: JSONObject {
        var object = Self.requiredMembers(of: key)
        switch key.storage {
        case .ed25519Private(let privateKey):
            object.set("d", .string(Base64URL.encode(privateKey.seed)))
        case .ecPrivate(let privateKey):
            object.set("d", .string(Base64URL.encode(privateKey.scalar)))
        case .rsaPrivate(let privateKey):
            let parts = privateKey.components
            object.set("d", .string(Base64URL.encode(parts.privateExponent)))
            object.set("p", .string(Base64URL.encode(parts.prime1)))
            object.set("q", .string(Base64URL.encode(parts.prime2)))
            object.set("dp", .string(Base64URL.encode(parts.exponent1)))
            object.set("dq", .string(Base64URL.encode(parts.exponent2)))
            object.set("qi", .string(Base64URL.encode(parts.coefficient)))
        case .ed25519Public, .rsaPublic, .ecPublic, .hmac:
            break
        }
        appendMetadata(to: &object, keyOperations: keyOperations)
        return object
    }

    private func appendMetadata(to object: inout JSONObject, keyOperations: [String]?) {
        if let keyID { object.set("kid", .string(keyID)) }
        if let algorithm { object.set("alg", .string(algorithm.rawValue)) }
        if let use { object.set("use", .string(use)) }
        if let keyOperations { object.set("key_ops", .array(keyOperations.map { .string($0) })) }
    }

    /// The members RFC 7638 §3.2 requires for each key type (for a private key: its public ones).
    static func requiredMembers(of key: CryptoKey) -> JSONObject {
        var object = JSONObject()
        object.set("kty", .string(key.keyType.rawValue))
        switch key.storage {
        case .ed25519Public, .ed25519Private:
            object.set("crv", .string("Ed25519"))
            object.set("x", .string(Base64URL.encode(key.ed25519PublicKey?.rawRepresentation ?? [])))
        case .rsaPublic, .rsaPrivate:
            if let rsa = key.rsaPublicKey {
                object.set("n", .string(Base64URL.encode(rsa.modulus)))
                object.set("e", .string(Base64URL.encode(rsa.publicExponent)))
            }
        case .ecPublic, .ecPrivate:
            if let ec = key.ecdsaPublicKey {
                object.set("crv", .string(ec.curve.rawValue))
                object.set("x", .string(Base64URL.encode(ec.x)))
                object.set("y", .string(Base64URL.encode(ec.y)))
            }
        case .hmac(let secret):
            object.set("k", .string(Base64URL.encode(secret.rawRepresentation)))
        }
        return object
    }

    /// The RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order.
    public var thumbprint: [UInt8] { Self.thumbprint(of: key) }

    /// The RFC 7638 SHA-256 thumbprint of a key (of its public part for private keys).
    public static func thumbprint(of key: CryptoKey) -> [UInt8] {
        SHA2.hash(JSONValue.object(requiredMembers(of: key)).serialized(sortedKeys: true), digest: .sha256)
    }
}

/// Typed, strict access to a JWK's members.
private struct JWKMembers {
    let object: JSONObject
    init(_ object: JSONObject) { self.object = object }

    func has(_ name: String) -> Bool { object[name] != nil }

    func string(_ name: String) throws(CryptoError) -> String? {
        guard let value = object[name] else { return nil }
        guard case .string(let string) = value else {
            throw CryptoError(.invalidKey, "JWK member \"\(name)\" must be a string")
        }
        return string
    }

    func stringArray(_ name: String) throws(CryptoError) -> [String]? {
        guard let value = object[name] else { return nil }
        guard let strings = value.stringArrayValue else {
            throw CryptoError(.invalidKey, "JWK member \"\(name)\" must be an array of strings")
        }
        return strings
    }

    func bytes(_ name: String) throws(CryptoError) -> [UInt8]? {
        guard let text = try string(name) else { return nil }
        do {
            return try Base64URL.decode(text)
        } catch {
            throw CryptoError(.invalidKey, "JWK member \"\(name)\" is not canonical base64url: \(error)")
        }
    }

    func requiredBytes(_ name: String) throws(CryptoError) -> [UInt8] {
        guard let bytes = try bytes(name) else { throw CryptoError(.invalidKey, "JWK has no \"\(name)\"") }
        return bytes
    }
}
