/// Runs `body` over the bytes of `bytes`, without a copy when the collection has contiguous storage
/// (arrays, slices, `UnsafeBufferPointer`) and through one temporary array otherwise.
///
/// `withContiguousStorageIfAvailable` only rethrows untyped errors, so the typed error travels
/// through a `Result` instead.
@inline(__always)
func withContiguousBytes<Bytes: Collection<UInt8>, R, E: Error>(
    _ bytes: Bytes,
    _ body: (UnsafeRawBufferPointer) throws(E) -> R
) throws(E) -> R {
    if let outcome = bytes.withContiguousStorageIfAvailable({ buffer in
        Result { () throws(E) -> R in try body(UnsafeRawBufferPointer(buffer)) }
    }) {
        return try outcome.get()
    }
    let copy = Array(bytes)
    return try copy.withUnsafeBytes { raw in Result { () throws(E) -> R in try body(raw) } }.get()
}

/// `bytes` without its leading zero bytes (the minimal big-endian form of an unsigned integer).
func strippingLeadingZeros(_ bytes: some Collection<UInt8>) -> [UInt8] {
    Array(bytes.drop(while: { $0 == 0 }))
}

extension Digest {
    /// Position in the per-digest tables (`vk_digest_name` uses the same order).
    var tableIndex: Int {
        switch self {
        case .sha256: 0
        case .sha384: 1
        case .sha512: 2
        }
    }
}

extension ECCurve {
    /// Position in the per-curve tables (`vk_curve_group_name` uses the same order).
    var tableIndex: Int {
        switch self {
        case .p256: 0
        case .p384: 1
        case .p521: 2
        }
    }

    /// The hash JWS binds to this curve (RFC 7518 §3.4).
    var digest: Digest {
        switch self {
        case .p256: .sha256
        case .p384: .sha384
        case .p521: .sha512
        }
    }
}
