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
    /// What an import found.
    public struct Result: Sendable {
        /// The detected format.
        public var format: KeyFormat
        /// Usable keys, in file order.
        public var keys: [JWK]
        /// JWKS members that were skipped (unknown `kty`/`crv`, unparseable), with why.
        public var skipped: [(index: Int, keyID: String?, error: CryptoError)]
    }

    /// Detects and imports: PEM (SPKI, PKCS#1, PKCS#8, SEC1, X.509 certificate), DER (same),
    /// JWK, JWKS, or hex (64 hex = Ed25519 public key, `ed0120`+64 hex = multihash public key,
    /// 128 hex = Ed25519 seed ‖ public key). A bare 64-hex string is read as a private seed only
    /// when `hexIsPrivateSeed` is true.
    public static func importKeys(
        from bytes: some Collection<UInt8>,
        hexIsPrivateSeed: Bool = false
    ) throws(CryptoError) -> Result {
        fatalError("unimplemented")
    }
}
