/// SHA-2 digests via OpenSSL.
public enum SHA2 {
    /// The digest of `data`.
    ///
    /// Traps only if OpenSSL itself fails (allocation failure), which no input can cause.
    public static func hash(_ data: some Collection<UInt8>, digest: Digest) -> [UInt8] {
        withContiguousBytes(data) { data in
            [UInt8](unsafeUninitializedCapacity: digest.byteCount) { buffer, initialized in
                guard MessageDigests.shared.hash(data, digest: digest, into: UnsafeMutableRawBufferPointer(buffer))
                else {
                    fatalError("OpenSSL failed to compute a digest (out of memory)")
                }
                initialized = digest.byteCount
            }
        }
    }
}
