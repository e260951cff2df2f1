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

    public init(minimumRSABits: Int = 2048, maximumRSABits: Int = 16384, rejectROCAModuli: Bool = true) {
        self.minimumRSABits = minimumRSABits
        self.maximumRSABits = maximumRSABits
        self.rejectROCAModuli = rejectROCAModuli
    }

    /// The default policy.
    public static let `default` = KeyPolicy()
}
