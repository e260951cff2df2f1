/// SHA-1 via OpenSSL, for X.509 certificate thumbprints only: a JWK's `x5t` is the SHA-1 digest
/// of the DER certificate `x5c[0]` (RFC 7517 §4.8), and comparing the two needs it.
///
/// Internal on purpose. SHA-1 is no signature hash here: `Digest` names SHA-2 only, no JWS or
/// request-signing algorithm reaches this type, and it is not part of the public API.
enum SHA1 {
    /// Output length in bytes.
    static let byteCount = 20

    /// The SHA-1 digest of `data`, or `nil` if OpenSSL cannot compute it: out of memory, or a
    /// provider configuration without SHA-1. Unlike SHA-2, which every verification needs, SHA-1
    /// serves one optional JWK member, so its absence refuses that member, not the process.
    static func certificateThumbprint(_ data: some Collection<UInt8>) -> [UInt8]? {
        withContiguousBytes(data) { data in
            var computed = false
            let digest = [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, initialized in
                computed = MessageDigests.shared.sha1(data, into: UnsafeMutableRawBufferPointer(buffer))
                initialized = computed ? byteCount : 0
            }
            return computed ? digest : nil
        }
    }
}
