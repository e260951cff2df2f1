/// Any key this library can verify or sign with, behind one type.
///
/// Built once (from PEM, DER, JWK, hex or a typed key) and reused: the underlying C objects are
/// parsed at construction, so verification does no key parsing.
public struct CryptoKey: Sendable {
    enum Storage: Sendable {
        case ed25519Public(Ed25519.PublicKey)
        case ed25519Private(Ed25519.PrivateKey)
        case rsaPublic(RSA.PublicKey)
        case rsaPrivate(RSA.PrivateKey)
        case ecPublic(ECDSA.PublicKey)
        case ecPrivate(ECDSA.PrivateKey)
        case hmac(HMACKey)
    }

    let storage: Storage

    public init(_ key: Ed25519.PublicKey) { storage = .ed25519Public(key) }
    public init(_ key: Ed25519.PrivateKey) { storage = .ed25519Private(key) }
    public init(_ key: RSA.PublicKey) { storage = .rsaPublic(key) }
    public init(_ key: RSA.PrivateKey) { storage = .rsaPrivate(key) }
    public init(_ key: ECDSA.PublicKey) { storage = .ecPublic(key) }
    public init(_ key: ECDSA.PrivateKey) { storage = .ecPrivate(key) }
    public init(_ key: HMACKey) { storage = .hmac(key) }

    /// The JWK key type.
    public var keyType: KeyType { fatalError("unimplemented") }
    /// True for private keys and HMAC secrets.
    public var isPrivate: Bool { fatalError("unimplemented") }
    /// True for HMAC secrets.
    public var isSymmetric: Bool { fatalError("unimplemented") }
    /// The EC curve, for EC keys.
    public var curve: ECCurve? { fatalError("unimplemented") }
    /// RSA modulus size or HMAC key size in bits; the fixed size for EC/Ed25519.
    public var bitLength: Int { fatalError("unimplemented") }
    /// The public half (itself for public keys); `nil` for HMAC secrets.
    public var publicKey: CryptoKey? { fatalError("unimplemented") }
    /// Algorithms this key can be used with by its type alone: RSA → RS*/PS*, EC → the ES* of its
    /// curve, Ed25519 → EdDSA and Ed25519, oct → HS*.
    public var compatibleAlgorithms: [SignatureAlgorithm] { fatalError("unimplemented") }

    /// Throws `algorithm_mismatch` if `algorithm` is not compatible with the key, and `weak_key`
    /// if the key breaks `policy` for it (RSA size/exponent/ROCA, Ed25519 small order, HMAC
    /// shorter than the hash output).
    public func checkPolicy(_ policy: KeyPolicy, for algorithm: SignatureAlgorithm) throws(CryptoError) {
        fatalError("unimplemented")
    }

    /// Verifies `signature` over `message` (no policy check: call ``checkPolicy(_:for:)`` first).
    /// Throws `algorithm_mismatch` for an incompatible algorithm; returns false for a bad signature.
    public func isValidSignature(
        _ signature: UnsafeRawBufferPointer,
        for message: UnsafeRawBufferPointer,
        algorithm: SignatureAlgorithm
    ) throws(CryptoError) -> Bool {
        fatalError("unimplemented")
    }

    /// Collection convenience for ``isValidSignature(_:for:algorithm:)``.
    public func isValidSignature(
        _ signature: some Collection<UInt8>,
        for message: some Collection<UInt8>,
        algorithm: SignatureAlgorithm
    ) throws(CryptoError) -> Bool {
        fatalError("unimplemented")
    }

    /// Signs `message`. Throws `algorithm_mismatch` for public keys or incompatible algorithms.
    public func signature(
        for message: some Collection<UInt8>,
        algorithm: SignatureAlgorithm
    ) throws(CryptoError) -> [UInt8] {
        fatalError("unimplemented")
    }
}
