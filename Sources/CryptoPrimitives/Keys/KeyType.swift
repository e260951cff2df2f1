/// A JWK key type (`kty`, RFC 7517 §4.1).
public struct KeyType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// Octet key pair (RFC 8037): Ed25519 here.
    public static let okp = KeyType(rawValue: "OKP")
    /// RSA (RFC 7518 §6.3), for the RS* and PS* algorithms.
    public static let rsa = KeyType(rawValue: "RSA")
    /// Elliptic curve (RFC 7518 §6.2): P-256, P-384 or P-521 here, for ES*.
    public static let ec = KeyType(rawValue: "EC")
    /// A symmetric secret (HMAC).
    public static let oct = KeyType(rawValue: "oct")
}
