/// RSA signatures (RSASSA-PKCS1-v1_5 and RSASSA-PSS), backed by OpenSSL 3.
public enum RSA {
    /// The signature scheme. PSS uses MGF1 with the same hash and a salt as long as the hash (RFC 7518 §3.5).
    public enum Padding: Hashable, Sendable {
        /// RSASSA-PKCS1-v1_5, used by RS256/384/512.
        case pkcs1v15
        /// RSASSA-PSS, used by PS256/384/512.
        case pss
    }
}
