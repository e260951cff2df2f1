/// Any key this library can verify or sign with, behind one type.
///
/// Built once (from PEM, DER, JWK, hex or a typed key) and reused: the underlying C objects are
/// parsed at construction and the facts key policy needs (RSA size, exponent, ROCA, small order)
/// are computed then too, so a verification does no key parsing and no big-number work.
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

    /// What policy checks need, computed once per key.
    struct PolicyFacts: Sendable {
        var rsaBits = 0
        var rsaExponentAcceptable = true
        var rsaHasROCAFingerprint = false
        var ed25519IsWeak = false
        var hmacSecretIsEncodedKey = false
    }

    let storage: Storage
    let facts: PolicyFacts

    private init(storage: Storage) {
        self.storage = storage
        var facts = PolicyFacts()
        switch storage {
        case .rsaPublic(let key):
            facts = Self.rsaFacts(key)
        case .rsaPrivate(let key):
            facts = Self.rsaFacts(key.publicKey)
        case .ed25519Public(let key):
            facts.ed25519IsWeak = key.isWeak
        case .ed25519Private(let key):
            facts.ed25519IsWeak = key.publicKey.isWeak
        case .hmac(let key):
            facts.hmacSecretIsEncodedKey = EncodedKeySecret.isEncodedKey(UnsafeBufferPointer(key.storage.secret))
        case .ecPublic, .ecPrivate:
            break
        }
        self.facts = facts
    }

    private static func rsaFacts(_ key: RSA.PublicKey) -> PolicyFacts {
        var facts = PolicyFacts()
        facts.rsaBits = key.keySizeInBits
        let exponent = key.publicExponent
        // An RSA exponent must be odd and at least 3; e = 1 makes the "signature" the message itself.
        // At most 33 bits, as BoringSSL: real keys use 3 or 65537, and an exponent close to n
        // makes every verification as costly as a private-key operation.
        let isOdd = (exponent.last ?? 0) & 1 == 1
        let atLeastThree = exponent.count > 1 || (exponent.first ?? 0) >= 3
        let bits = exponent.isEmpty ? 0 : (exponent.count - 1) * 8 + (8 - exponent[0].leadingZeroBitCount)
        facts.rsaExponentAcceptable = isOdd && atLeastThree && bits <= RSA.maximumPolicyExponentBits
        facts.rsaHasROCAFingerprint = key.hasROCAFingerprint
        return facts
    }

    /// An `OKP` key that verifies EdDSA/Ed25519; a weak point is accepted here and refused by ``checkPolicy(_:for:)``.
    public init(_ key: Ed25519.PublicKey) { self.init(storage: .ed25519Public(key)) }
    /// An `OKP` key that signs with EdDSA/Ed25519 and verifies with its public half.
    public init(_ key: Ed25519.PrivateKey) { self.init(storage: .ed25519Private(key)) }
    /// An `RSA` key that verifies RS*/PS*; what policy checks (size, exponent, ROCA) is computed here, once.
    public init(_ key: RSA.PublicKey) { self.init(storage: .rsaPublic(key)) }
    /// An `RSA` key that signs with RS*/PS* and verifies with its public half; policy judges that public half.
    public init(_ key: RSA.PrivateKey) { self.init(storage: .rsaPrivate(key)) }
    /// An `EC` key that verifies only the ES* algorithm of its curve.
    public init(_ key: ECDSA.PublicKey) { self.init(storage: .ecPublic(key)) }
    /// An `EC` key that signs and verifies with only the ES* algorithm of its curve.
    public init(_ key: ECDSA.PrivateKey) { self.init(storage: .ecPrivate(key)) }
    /// An `oct` secret for HS256/384/512; its length is checked against policy when used, not here.
    public init(_ key: HMACKey) { self.init(storage: .hmac(key)) }

    /// The JWK key type.
    public var keyType: KeyType {
        switch storage {
        case .ed25519Public, .ed25519Private: .okp
        case .rsaPublic, .rsaPrivate: .rsa
        case .ecPublic, .ecPrivate: .ec
        case .hmac: .oct
        }
    }

    /// True for private keys and HMAC secrets.
    public var isPrivate: Bool {
        switch storage {
        case .ed25519Private, .rsaPrivate, .ecPrivate, .hmac: true
        case .ed25519Public, .rsaPublic, .ecPublic: false
        }
    }

    /// True for HMAC secrets.
    public var isSymmetric: Bool {
        if case .hmac = storage { return true }
        return false
    }

    /// The EC curve, for EC keys.
    public var curve: ECCurve? {
        switch storage {
        case .ecPublic(let key): key.curve
        case .ecPrivate(let key): key.curve
        default: nil
        }
    }

    /// RSA modulus size or HMAC key size in bits; the fixed size for EC/Ed25519.
    public var bitLength: Int {
        switch storage {
        case .ed25519Public, .ed25519Private: 256
        case .rsaPublic, .rsaPrivate: facts.rsaBits
        case .ecPublic(let key): key.curve.bitLength
        case .ecPrivate(let key): key.curve.bitLength
        case .hmac(let key): key.byteCount * 8
        }
    }

    /// The public half (itself for public keys); `nil` for HMAC secrets.
    public var publicKey: CryptoKey? {
        switch storage {
        case .ed25519Public, .rsaPublic, .ecPublic: self
        case .ed25519Private(let key): CryptoKey(key.publicKey)
        case .rsaPrivate(let key): CryptoKey(key.publicKey)
        case .ecPrivate(let key): CryptoKey(key.publicKey)
        case .hmac: nil
        }
    }

    /// Algorithms this key can be used with by its type alone: RSA → RS*/PS*, EC → the ES* of its
    /// curve, Ed25519 → EdDSA and Ed25519, oct → HS*.
    public var compatibleAlgorithms: [SignatureAlgorithm] {
        switch storage {
        case .ed25519Public, .ed25519Private: [.eddsa, .ed25519]
        case .rsaPublic, .rsaPrivate: [.rs256, .rs384, .rs512, .ps256, .ps384, .ps512]
        case .ecPublic(let key): [key.curve.algorithm]
        case .ecPrivate(let key): [key.curve.algorithm]
        case .hmac: [.hs256, .hs384, .hs512]
        }
    }

    /// Whether `algorithm` fits this key's type (and curve).
    public func isCompatible(with algorithm: SignatureAlgorithm) -> Bool {
        switch (storage, algorithm.family) {
        case (.ed25519Public, .eddsa), (.ed25519Private, .eddsa): true
        case (.rsaPublic, .rsaPKCS1v15), (.rsaPublic, .rsaPSS): true
        case (.rsaPrivate, .rsaPKCS1v15), (.rsaPrivate, .rsaPSS): true
        case (.ecPublic(let key), .ecdsa): algorithm.curve == key.curve
        case (.ecPrivate(let key), .ecdsa): algorithm.curve == key.curve
        case (.hmac, .hmac): true
        default: false
        }
    }

    /// Throws `algorithm_mismatch` if `algorithm` is not compatible with the key, and `weak_key`
    /// if the key breaks `policy` for it (RSA size/exponent/ROCA, Ed25519 small order, an HMAC
    /// secret that is empty, an encoded key (PEM, DER or its base64, asymmetric JWK or key set) or
    /// shorter than ``KeyPolicy/minimumHMACKeyBytes``, by default the algorithm's hash output).
    public func checkPolicy(_ policy: KeyPolicy, for algorithm: SignatureAlgorithm) throws(CryptoError) {
        guard isCompatible(with: algorithm) else {
            throw CryptoError(.algorithmMismatch, "algorithm \(algorithm) cannot be used with this \(keyDescription)")
        }
        switch storage {
        case .rsaPublic, .rsaPrivate:
            if facts.rsaBits < policy.minimumRSABits {
                throw CryptoError(
                    .weakKey,
                    "RSA modulus of \(facts.rsaBits) bits is below the policy minimum of \(policy.minimumRSABits)"
                )
            }
            if facts.rsaBits > policy.maximumRSABits {
                throw CryptoError(
                    .weakKey,
                    "RSA modulus of \(facts.rsaBits) bits is above the policy maximum of \(policy.maximumRSABits)"
                )
            }
            if !facts.rsaExponentAcceptable {
                throw CryptoError(
                    .weakKey,
                    "RSA public exponent must be odd, at least 3 and at most \(RSA.maximumPolicyExponentBits) bits"
                )
            }
            if policy.rejectROCAModuli && facts.rsaHasROCAFingerprint {
                throw CryptoError(.weakKey, "RSA modulus has the ROCA fingerprint (CVE-2017-15361)")
            }
        case .ed25519Public, .ed25519Private:
            if facts.ed25519IsWeak {
                throw CryptoError(.weakKey, "Ed25519 public key is of small order or not a valid point")
            }
        case .hmac(let key):
            // An empty secret lets anyone compute every tag, so no policy value can allow it.
            guard key.byteCount > 0 else {
                throw CryptoError(.weakKey, "HMAC key is empty; an empty secret is never accepted")
            }
            // Whatever the policy: with a public key as the secret, anyone can forge tags.
            guard !facts.hmacSecretIsEncodedKey else {
                throw CryptoError(
                    .weakKey,
                    "the HMAC secret is an encoded key (PEM, DER or its base64, JWK or key set), not a random"
                        + " secret: were it a public key, whoever holds it could compute every tag (algorithm"
                        + " confusion, RFC 8725 §2.1)"
                )
            }
            let needed = policy.minimumHMACKeyBytes ?? algorithm.digest?.byteCount ?? 0
            if key.byteCount < needed {
                let source =
                    policy.minimumHMACKeyBytes == nil
                    ? "the size of its hash output, RFC 7518 §3.2" : "the key policy's minimumHMACKeyBytes"
                throw CryptoError(
                    .weakKey,
                    "HMAC key of \(key.byteCount) bytes is shorter than the \(needed) bytes \(algorithm) needs"
                        + " (\(source))"
                )
            }
        case .ecPublic, .ecPrivate:
            // Points are checked to be on the curve when the key is built.
            break
        }
    }

    /// Verifies `signature` over `message` (no policy check: call ``checkPolicy(_:for:)`` first).
    /// Throws `algorithm_mismatch` for an incompatible algorithm; returns false for a bad signature.
    public func isValidSignature(
        _ signature: UnsafeRawBufferPointer,
        for message: UnsafeRawBufferPointer,
        algorithm: SignatureAlgorithm
    ) throws(CryptoError) -> Bool {
        switch storage {
        case .ed25519Public(let key) where algorithm.family == .eddsa:
            return key.isValidSignature(signature, for: message)
        case .ed25519Private(let key) where algorithm.family == .eddsa:
            return key.publicKey.isValidSignature(signature, for: message)
        case .rsaPublic(let key):
            if let (digest, padding) = Self.rsaParameters(algorithm) {
                return key.isValidSignature(signature, for: message, digest: digest, padding: padding)
            }
        case .rsaPrivate(let key):
            if let (digest, padding) = Self.rsaParameters(algorithm) {
                return key.publicKey.isValidSignature(signature, for: message, digest: digest, padding: padding)
            }
        case .ecPublic(let key) where algorithm.curve == key.curve:
            return key.isValidSignature(signature, for: message)
        case .ecPrivate(let key) where algorithm.curve == key.curve:
            return key.publicKey.isValidSignature(signature, for: message)
        case .hmac(let key):
            if algorithm.family == .hmac, let digest = algorithm.digest {
                return key.isValidAuthenticationCode(signature, for: message, digest: digest)
            }
        default:
            break
        }
        throw CryptoError(.algorithmMismatch, "algorithm \(algorithm) cannot be used with this \(keyDescription)")
    }

    /// Collection convenience for ``isValidSignature(_:for:algorithm:)``.
    public func isValidSignature(
        _ signature: some Collection<UInt8>,
        for message: some Collection<UInt8>,
        algorithm: SignatureAlgorithm
    ) throws(CryptoError) -> Bool {
        let signatureBytes = Array(signature)
        let messageBytes = Array(message)
        let result = signatureBytes.withUnsafeBytes { sig in
            messageBytes.withUnsafeBytes { msg in
                Result { () throws(CryptoError) -> Bool in try isValidSignature(sig, for: msg, algorithm: algorithm) }
            }
        }
        return try result.get()
    }

    /// Signs `message`. Throws `algorithm_mismatch` for public keys or incompatible algorithms.
    public func signature(
        for message: some Collection<UInt8>,
        algorithm: SignatureAlgorithm
    ) throws(CryptoError) -> [UInt8] {
        switch storage {
        case .ed25519Private(let key) where algorithm.family == .eddsa:
            return key.signature(for: message)
        case .rsaPrivate(let key):
            if let (digest, padding) = Self.rsaParameters(algorithm) {
                return try key.signature(for: message, digest: digest, padding: padding)
            }
        case .ecPrivate(let key) where algorithm.curve == key.curve:
            return try key.signature(for: message)
        case .hmac(let key):
            if algorithm.family == .hmac, let digest = algorithm.digest {
                return key.authenticationCode(for: message, digest: digest)
            }
        case .ed25519Public, .rsaPublic, .ecPublic:
            throw CryptoError(.algorithmMismatch, "a public key cannot sign")
        default:
            break
        }
        throw CryptoError(.algorithmMismatch, "algorithm \(algorithm) cannot be used with this \(keyDescription)")
    }

    private static func rsaParameters(_ algorithm: SignatureAlgorithm) -> (Digest, RSA.Padding)? {
        guard let digest = algorithm.digest else { return nil }
        switch algorithm.family {
        case .rsaPKCS1v15: return (digest, .pkcs1v15)
        case .rsaPSS: return (digest, .pss)
        default: return nil
        }
    }

    /// A short description without key material, for error messages.
    var keyDescription: String {
        switch storage {
        case .ed25519Public: "Ed25519 public key"
        case .ed25519Private: "Ed25519 private key"
        case .rsaPublic: "RSA public key"
        case .rsaPrivate: "RSA private key"
        case .ecPublic(let key): "\(key.curve.rawValue) public key"
        case .ecPrivate(let key): "\(key.curve.rawValue) private key"
        case .hmac: "HMAC secret"
        }
    }
}

extension CryptoKey {
    /// The typed key, when this is an Ed25519 public key (or the public half of a private one).
    public var ed25519PublicKey: Ed25519.PublicKey? {
        switch storage {
        case .ed25519Public(let key): key
        case .ed25519Private(let key): key.publicKey
        default: nil
        }
    }

    /// The typed key, when this is an Ed25519 private key.
    public var ed25519PrivateKey: Ed25519.PrivateKey? {
        if case .ed25519Private(let key) = storage { return key }
        return nil
    }

    /// The typed key, when this is an RSA public key (or the public half of a private one).
    public var rsaPublicKey: RSA.PublicKey? {
        switch storage {
        case .rsaPublic(let key): key
        case .rsaPrivate(let key): key.publicKey
        default: nil
        }
    }

    /// The typed key, when this is an RSA private key.
    public var rsaPrivateKey: RSA.PrivateKey? {
        if case .rsaPrivate(let key) = storage { return key }
        return nil
    }

    /// The typed key, when this is an EC public key (or the public half of a private one).
    public var ecdsaPublicKey: ECDSA.PublicKey? {
        switch storage {
        case .ecPublic(let key): key
        case .ecPrivate(let key): key.publicKey
        default: nil
        }
    }

    /// The typed key, when this is an EC private key.
    public var ecdsaPrivateKey: ECDSA.PrivateKey? {
        if case .ecPrivate(let key) = storage { return key }
        return nil
    }

    /// The HMAC secret, when this is one.
    public var hmacKey: HMACKey? {
        if case .hmac(let key) = storage { return key }
        return nil
    }
}
