/// BLAKE2b (RFC 7693) via libsodium's `crypto_generichash`, unkeyed.
public enum BLAKE2b {
    /// Hashes with the given output length (1...64 bytes) set in the parameter block — so a
    /// 32-byte output is BLAKE2b-256, not BLAKE2b-512 truncated.
    public static func hash(_ data: some Collection<UInt8>, outputByteCount: Int = 32) -> [UInt8] {
        fatalError("unimplemented")
    }
}
