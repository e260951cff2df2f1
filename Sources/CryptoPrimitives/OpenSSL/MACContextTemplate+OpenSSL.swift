internal import CLibcrypto

/// The HMAC implementation, fetched from the OpenSSL provider once per process.
///
/// `@unchecked Sendable`: a fetched `EVP_MAC` is immutable and reference counted atomically.
final class MACAlgorithm: @unchecked Sendable {
    static let hmac = MACAlgorithm()

    /// `nil` only if the provider has no HMAC (a broken OpenSSL installation).
    private let pointer: OpaquePointer?

    private init() {
        pointer = EVP_MAC_fetch(nil, vk_mac_name_hmac(), nil)
        if pointer == nil { clearOpenSSLErrors() }
    }

    deinit {
        EVP_MAC_free(pointer)
    }

    /// A fresh HMAC context keyed with `key` for `digest`, or `nil` if OpenSSL fails.
    func makeContext(key: UnsafeRawBufferPointer, digest: Digest) -> OpaquePointer? {
        guard let pointer else { return nil }
        let context = vk_hmac_ctx_new(
            pointer,
            key.baseAddress?.assumingMemoryBound(to: UInt8.self),
            key.count,
            vk_digest_name(Int32(digest.tableIndex))
        )
        if context == nil { clearOpenSSLErrors() }
        return context
    }
}

/// An `EVP_MAC_CTX` keyed once; each computation works on a duplicate, which copies the hash
/// states with the inner and outer key blocks already absorbed (no re-keying per message).
///
/// `@unchecked Sendable`: the template itself is never updated, only read by `EVP_MAC_CTX_dup`,
/// so concurrent computations never share mutable state.
final class MACContextTemplate: @unchecked Sendable {
    private let context: OpaquePointer

    /// Takes ownership of `context`.
    init(taking context: OpaquePointer) {
        self.context = context
    }

    deinit {
        EVP_MAC_CTX_free(context)
    }

    /// Computes the tag of `message` into `output`; returns the tag length, or `nil` on failure.
    func authenticate(_ message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int? {
        guard let operation = EVP_MAC_CTX_dup(context) else {
            clearOpenSSLErrors()
            return nil
        }
        defer { EVP_MAC_CTX_free(operation) }
        return MACContextTemplate.finish(operation, message: message, into: output)
    }

    /// Feeds `message` to a keyed `context` and writes the tag to `output`.
    static func finish(
        _ context: OpaquePointer,
        message: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer
    ) -> Int? {
        var length = 0
        guard EVP_MAC_update(context, message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count) == 1,
            EVP_MAC_final(context, output.baseAddress?.assumingMemoryBound(to: UInt8.self), &length, output.count) == 1
        else {
            clearOpenSSLErrors()
            return nil
        }
        return length
    }
}
