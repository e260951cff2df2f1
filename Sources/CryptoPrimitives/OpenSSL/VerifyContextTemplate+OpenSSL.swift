internal import CLibcrypto

/// An `EVP_PKEY_CTX` initialised for verification and configured (padding, digest, salt) once at
/// key load. A verification uses a spare copy of it, or duplicates it when none is free (far cheaper
/// than `EVP_DigestVerifyInit`: no algorithm fetch, no parameter parsing), and keeps the copy as a
/// spare afterwards: `EVP_PKEY_verify` may be called again on a context with the same parameters
/// (EVP_PKEY_verify(3)), which saves the duplicate's allocations.
///
/// `@unchecked Sendable`: the template is never used for an operation itself; it is only read by
/// `EVP_PKEY_CTX_dup`, which copies it and takes atomic references on the key and the algorithm,
/// and each copy is used by one thread at a time (``SpareContexts``), so concurrent verifications
/// never share mutable OpenSSL state.
final class VerifyContextTemplate: @unchecked Sendable {
    private let context: OpaquePointer
    private let spares = SpareContexts(free: { EVP_PKEY_CTX_free($0) })

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
            let operation = spares.take() ?? EVP_PKEY_CTX_dup(context)
        else {
            clearOpenSSLErrors()
            return false
        }
        let status = EVP_PKEY_verify(
            operation,
            signatureBase.assumingMemoryBound(to: UInt8.self),
            signature.count,
            digestBase.assumingMemoryBound(to: UInt8.self),
            digest.count
        )
        // 1 valid, 0 invalid: the context is as it was and can verify again. Below 0 is an error
        // inside OpenSSL; that context is not used again.
        if status >= 0 {
            spares.put(operation)
        } else {
            EVP_PKEY_CTX_free(operation)
        }
        guard status == 1 else {
            clearOpenSSLErrors()
            return false
        }
        return true
    }
}
