/// SHA-2 digests via OpenSSL.
public enum SHA2 {
    /// The digest of `data`.
    public static func hash(_ data: some Collection<UInt8>, digest: Digest) -> [UInt8] {
        fatalError("unimplemented")
    }
}
