internal import CLibcrypto

/// SHA-2 implementations (and SHA-1, for certificate thumbprints only) fetched from the OpenSSL
/// provider once per process.
///
/// Passing a legacy `EVP_sha256()` to `EVP_Digest` makes OpenSSL 3 fetch the provider
/// implementation again on every call (a name lookup under a lock); an explicitly fetched
/// `EVP_MD` skips that. The table is immutable after `shared` is built.
///
/// `@unchecked Sendable`: fetched `EVP_MD` objects are immutable and reference counted
/// atomically, so any number of threads may digest with them at once.
final class MessageDigests: @unchecked Sendable {
    static let shared = MessageDigests()

    /// Indexed by `Digest.tableIndex`. Falls back to the built-in legacy method when a fetch
    /// fails, which OpenSSL still resolves (slowly) per call.
    private let methods: [OpaquePointer]
    private let fetched: [Bool]
    /// SHA-1, kept apart from `Digest` so that no signature can name it (see `SHA1`).
    private let sha1Method: OpaquePointer
    private let sha1Fetched: Bool

    private init() {
        var methods: [OpaquePointer] = []
        var fetched: [Bool] = []
        for digest in Digest.allCases {
            if let method = EVP_MD_fetch(nil, vk_digest_name(Int32(digest.tableIndex)), nil) {
                methods.append(method)
                fetched.append(true)
            } else {
                clearOpenSSLErrors()
                switch digest {
                case .sha256: methods.append(EVP_sha256())
                case .sha384: methods.append(EVP_sha384())
                case .sha512: methods.append(EVP_sha512())
                }
                fetched.append(false)
            }
        }
        self.methods = methods
        self.fetched = fetched
        if let method = EVP_MD_fetch(nil, vk_digest_name_sha1(), nil) {
            (sha1Method, sha1Fetched) = (method, true)
        } else {
            clearOpenSSLErrors()
            (sha1Method, sha1Fetched) = (EVP_sha1(), false)
        }
    }

    deinit {
        for (method, owned) in zip(methods, fetched) where owned {
            EVP_MD_free(method)
        }
        if sha1Fetched { EVP_MD_free(sha1Method) }
    }

    /// The `EVP_MD` for `digest`, valid for the life of the process.
    subscript(digest: Digest) -> OpaquePointer {
        methods[digest.tableIndex]
    }

    /// Hashes `message` into the first `digest.byteCount` bytes of `output` (which must be that
    /// large). Returns false only if OpenSSL fails (allocation).
    func hash(_ message: UnsafeRawBufferPointer, digest: Digest, into output: UnsafeMutableRawBufferPointer) -> Bool {
        hash(message, method: self[digest], byteCount: digest.byteCount, into: output)
    }

    /// Hashes `message` with SHA-1 into the first `SHA1.byteCount` bytes of `output`, for a
    /// certificate thumbprint. Returns false if OpenSSL fails (allocation, or no SHA-1 in its providers).
    func sha1(_ message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Bool {
        hash(message, method: sha1Method, byteCount: SHA1.byteCount, into: output)
    }

    private func hash(
        _ message: UnsafeRawBufferPointer,
        method: OpaquePointer,
        byteCount: Int,
        into output: UnsafeMutableRawBufferPointer
    ) -> Bool {
        precondition(output.count >= byteCount)
        var length: UInt32 = 0
        let status = EVP_Digest(
            message.baseAddress,
            message.count,
            output.baseAddress?.assumingMemoryBound(to: UInt8.self),
            &length,
            method,
            nil
        )
        guard status == 1, Int(length) == byteCount else {
            clearOpenSSLErrors()
            return false
        }
        return true
    }
}
