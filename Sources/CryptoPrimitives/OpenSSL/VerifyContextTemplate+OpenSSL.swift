internal import CLibcrypto

/// An `EVP_PKEY_CTX` initialised for verification and configured (padding, digest, salt) once at
/// key load. Each verification duplicates it, which costs far less than `EVP_DigestVerifyInit`
/// (no algorithm fetch, no parameter parsing), and works on its private copy.
///
/// `@unchecked Sendable`: the template is never used for an operation itself; it is only read by
/// `EVP_PKEY_CTX_dup`, which copies it and takes atomic references on the key and the algorithm,
/// so concurrent verifications on many threads never share mutable OpenSSL state.
final class VerifyContextTemplate: @unchecked Sendable {
    private let context: OpaquePointer

    /// A template for `key`; `configure` sets the operation parameters after `EVP_PKEY_verify_init`.
    init(key: PKey, configure: (OpaquePointer) -> Bool) throws(CryptoError) {
        guard let context = key.withPointer({ EVP_PKEY_CTX_new_from_pkey(nil, $0, nil) }) else {
            throw CryptoError.openSSL(.libraryFailure, "cannot create a verification context")
        }
        guard EVP_PKEY_verify_init(context) == 1, configure(context) else {
            EVP_PKEY_CTX_free(context)
            throw CryptoError.openSSL(.unsupportedKey, "cannot set up verification for this key")
        }
        self.context = context
    }

    deinit {
        EVP_PKEY_CTX_free(context)
    }

    /// Verifies `signature` over an already computed message digest.
    func verify(signature: UnsafeRawBufferPointer, digest: UnsafeRawBufferPointer) -> Bool {
        guard let signatureBase = signature.baseAddress, let digestBase = digest.baseAddress,
            let operation = EVP_PKEY_CTX_dup(context)
        else {
            clearOpenSSLErrors()
            return false
        }
        defer { EVP_PKEY_CTX_free(operation) }
        let status = EVP_PKEY_verify(
            operation,
            signatureBase.assumingMemoryBound(to: UInt8.self),
            signature.count,
            digestBase.assumingMemoryBound(to: UInt8.self),
            digest.count
        )
        guard status == 1 else {
            clearOpenSSLErrors()
            return false
        }
        return true
    }
}
