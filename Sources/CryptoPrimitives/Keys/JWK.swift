public import StrictJSON

/// A JSON Web Key (RFC 7517) with its key and the JOSE parameters that constrain its use.
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

    /// Parses one JWK from JSON text. Unknown `kty`/`crv` → `unsupported_key`; malformed → `invalid_key`.
    public init(json: some Collection<UInt8>) throws(CryptoError) { fatalError("unimplemented") }

    /// Parses one JWK from a JSON object (e.g. a member of a JWKS `keys` array).
    public init(jsonObject: JSONObject) throws(CryptoError) { fatalError("unimplemented") }

    /// Throws `weak_key` unless `use` is absent or `sig` and `key_ops` is absent or contains `verify`.
    public func checkPermitsVerification() throws(CryptoError) { fatalError("unimplemented") }

    /// The public JWK (private members dropped; `kid`, `alg`, `use`, `key_ops` kept). HMAC keys
    /// have no public form and are returned whole: callers must not publish them.
    public var publicJSON: JSONObject { fatalError("unimplemented") }

    /// The full JWK including private members.
    public var privateJSON: JSONObject { fatalError("unimplemented") }

    /// The RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order.
    public var thumbprint: [UInt8] { fatalError("unimplemented") }
}
