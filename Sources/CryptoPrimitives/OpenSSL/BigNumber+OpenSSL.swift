internal import CLibcrypto

/// An owned OpenSSL `BIGNUM`, freed (and cleared, since it may hold a private value) in `deinit`.
///
/// `@unchecked Sendable`: the number is written only while it is being constructed; afterwards
/// OpenSSL only reads it, and it is never handed out beyond the `withPointer` closure.
final class BigNumber: @unchecked Sendable {
    private let pointer: OpaquePointer

    /// Takes ownership of `pointer`.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// A new zero, to be filled in by OpenSSL.
    convenience init() throws(CryptoError) {
        guard let made = BN_new() else {
            throw CryptoError.openSSL(.libraryFailure, "cannot allocate a big number")
        }
        self.init(taking: made)
    }

    /// The unsigned big-endian integer in `bytes` (leading zeros allowed).
    convenience init(bytes: some Collection<UInt8>) throws(CryptoError) {
        let made = withContiguousBytes(bytes) { raw in
            BN_bin2bn(raw.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(clamping: raw.count), nil)
        }
        guard let made else {
            throw CryptoError.openSSL(.libraryFailure, "cannot allocate a big number")
        }
        self.init(taking: made)
    }

    deinit {
        BN_clear_free(pointer)
    }

    func withPointer<R, E: Error>(_ body: (OpaquePointer) throws(E) -> R) throws(E) -> R {
        try body(pointer)
    }

    var bitCount: Int { Int(BN_num_bits(pointer)) }

    var isZero: Bool { BN_is_zero(pointer) == 1 }

    /// Minimal big-endian bytes (empty for zero).
    var bytes: [UInt8] {
        let count = (bitCount + 7) / 8
        // Not through `unsafeUninitializedCapacity: 0`, which writes the count into the shared
        // empty-array storage (a data race ThreadSanitizer reports when threads do it at once).
        guard count > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = Int(BN_bn2bin(pointer, buffer.baseAddress))
        }
    }

    /// Big-endian bytes left-padded to exactly `count`, or `nil` if the number needs more.
    func bytes(paddedTo count: Int) -> [UInt8]? {
        var result = [UInt8](repeating: 0, count: count)
        let written = result.withUnsafeMutableBufferPointer { buffer in
            BN_bn2binpad(pointer, buffer.baseAddress, Int32(clamping: count))
        }
        return written == count ? result : nil
    }
}
