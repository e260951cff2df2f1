/// The rules a key must meet before it is used to verify a signature.
///
/// Violations surface as ``CryptoError/Code/weakKey``. The defaults follow current guidance
/// (NIST SP 800-131A, RFC 7518 §3.2/§3.3); lower them only for known legacy peers.
public struct KeyPolicy: Hashable, Sendable {
    /// Smallest RSA modulus accepted, in bits. Default 2048.
    public var minimumRSABits: Int
    /// Largest RSA modulus accepted, in bits: bounds the cost an attacker-supplied key can impose. Default 16384.
    public var maximumRSABits: Int
    /// Refuse RSA moduli with the ROCA fingerprint (CVE-2017-15361). Default true.
    public var rejectROCAModuli: Bool
    /// Shortest HMAC secret accepted, in bytes, for every HMAC algorithm; `nil` (the default) for
    /// RFC 7518 §3.2's rule, a secret at least as long as the algorithm's hash output (HS256 32
    /// bytes, HS384 48, HS512 64).
    ///
    /// A number replaces that floor: it may raise it, or lower it to talk to a legacy peer whose
    /// shared secret is shorter. Lowering is dangerous: anyone holding one token can test candidate
    /// secrets offline at the speed of HMAC, so a short or human-chosen secret can be brute-forced,
    /// and whoever finds it can mint tokens. An empty secret, and one that is an encoded key (PEM,
    /// DER or its base64, an asymmetric JWK or a key set holding one: algorithm confusion), are
    /// refused whatever this says; a value below 1 behaves as 1.
    public var minimumHMACKeyBytes: Int?

    /// A policy; each parameter defaults to the current guidance (`KeyPolicy.default`).
    ///
    /// - Parameters:
    ///   - minimumRSABits: see ``minimumRSABits``.
    ///   - maximumRSABits: see ``maximumRSABits``.
    ///   - rejectROCAModuli: see ``rejectROCAModuli``.
    ///   - minimumHMACKeyBytes: `nil` for the algorithm's hash output size (RFC 7518 §3.2), else the
    ///     shortest HMAC secret accepted; see ``minimumHMACKeyBytes`` before lowering it.
    public init(
        minimumRSABits: Int = 2048,
        maximumRSABits: Int = 16384,
        rejectROCAModuli: Bool = true,
        minimumHMACKeyBytes: Int? = nil
    ) {
        self.minimumRSABits = minimumRSABits
        self.maximumRSABits = maximumRSABits
        self.rejectROCAModuli = rejectROCAModuli
        self.minimumHMACKeyBytes = minimumHMACKeyBytes
    }

    /// The default policy.
    public static let `default` = KeyPolicy()
}
