internal import CLibsodium

/// BLAKE2b (RFC 7693) via libsodium's `crypto_generichash`, unkeyed.
///
/// The output length is part of BLAKE2b's parameter block, so each length is its own function:
/// BLAKE2b-256 is not the first 32 bytes of BLAKE2b-512.
public enum BLAKE2b {
    /// The shortest output length, in bytes.
    public static let minimumOutputByteCount = 1
    /// The longest output length, in bytes (BLAKE2b-512).
    public static let maximumOutputByteCount = 64

    /// Hashes with the given output length (1...64 bytes) set in the parameter block — so a
    /// 32-byte output is BLAKE2b-256, not BLAKE2b-512 truncated.
    ///
    /// - Throws: `CryptoError` with code `invalid_parameter` when `outputByteCount` is outside 1...64.
    public static func hash(
        _ data: some Collection<UInt8>,
        outputByteCount: Int = 32
    ) throws(CryptoError) -> [UInt8] {
        guard (minimumOutputByteCount...maximumOutputByteCount).contains(outputByteCount) else {
            throw CryptoError(
                .invalidParameter,
                "BLAKE2b output length must be in 1...64 bytes, got \(outputByteCount)"
            )
        }
        return digest(data, outputByteCount: outputByteCount)
    }

    /// BLAKE2b-256: 32-byte output (the digest FIB and Iroha sign).
    public static func hash256(_ data: some Collection<UInt8>) -> [UInt8] {
        digest(data, outputByteCount: 32)
    }

    /// BLAKE2b-512: 64-byte output.
    public static func hash512(_ data: some Collection<UInt8>) -> [UInt8] {
        digest(data, outputByteCount: 64)
    }

    /// BLAKE2b-256 of the bytes at `input`, returned inline: no allocation, so it suits hot paths
    /// (cache keys, deduplication). Same digest as ``hash256(_:)``.
    public static func digest256(_ input: UnsafeRawBufferPointer) -> Digest256 {
        Libsodium.ensureInitialized()
        var digest = Digest256()
        Libsodium.withNonNullPointer(input) { pointer, count in
            withUnsafeMutableBytes(of: &digest.words) { output in
                // Cannot fail: 32 is a valid output length and there is no key.
                _ = crypto_generichash(
                    output.baseAddress!.assumingMemoryBound(to: UInt8.self),
                    32,
                    pointer,
                    UInt64(count),
                    nil,
                    0
                )
            }
        }
        return digest
    }

    /// BLAKE2b-256 of `data`, returned inline (contiguous collections are hashed in place).
    public static func digest256(_ data: some Collection<UInt8>) -> Digest256 {
        if let digest = data.withContiguousStorageIfAvailable({ digest256(UnsafeRawBufferPointer($0)) }) {
            return digest
        }
        return Array(data).withUnsafeBytes { digest256($0) }
    }

    /// `outputByteCount` must be in 1...64.
    private static func digest(_ data: some Collection<UInt8>, outputByteCount: Int) -> [UInt8] {
        Libsodium.ensureInitialized()
        return Libsodium.withBytes(data) { input, inputCount in
            [UInt8](unsafeUninitializedCapacity: outputByteCount) { output, initializedCount in
                // Cannot fail: the output length is in range and there is no key.
                _ = crypto_generichash(output.baseAddress!, outputByteCount, input, UInt64(inputCount), nil, 0)
                initializedCount = outputByteCount
            }
        }
    }
}
