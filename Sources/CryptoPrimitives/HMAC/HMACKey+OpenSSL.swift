internal import CLibcrypto

/// A secret key for HMAC-SHA-256/384/512.
///
/// The key is absorbed into one OpenSSL HMAC context per digest at init; a tag computation restarts
/// a context kept from an earlier one, or duplicates that template, so the key schedule is never
/// redone per message.
public struct HMACKey: Sendable {
    let storage: Storage

    /// Any length is stored; key policy refuses empty keys and keys shorter than its floor (by default
    /// the hash output) when the key is used.
    public init(_ bytes: some Collection<UInt8>) {
        storage = withContiguousBytes(bytes) { Storage(copying: $0) }
    }

    /// Generates a random key of `byteCount` bytes (a negative count gives an empty key) from the
    /// system's cryptographically secure generator.
    public init(randomByteCount byteCount: Int) {
        storage = Storage(randomByteCount: max(0, byteCount))
    }

    /// Length of the secret in bytes, which key policy compares with its minimum.
    public var byteCount: Int { storage.secret.count }

    /// The secret bytes (for export only; handle with care).
    public var rawRepresentation: [UInt8] { Array(storage.secret) }

    /// The full-length tag of `message`.
    ///
    /// Traps only if OpenSSL itself fails (allocation failure or a provider without HMAC), which no
    /// input can cause.
    public func authenticationCode(for message: some Collection<UInt8>, digest: Digest) -> [UInt8] {
        withContiguousBytes(message) { message in
            [UInt8](unsafeUninitializedCapacity: digest.byteCount) { buffer, initialized in
                guard
                    let length = storage.authenticate(
                        message,
                        digest: digest,
                        into: UnsafeMutableRawBufferPointer(buffer)
                    ),
                    length == digest.byteCount
                else {
                    fatalError("OpenSSL failed to compute an HMAC (out of memory or no HMAC provider)")
                }
                initialized = length
            }
        }
    }

    /// Recomputes the tag and compares in constant time. Only a full-length tag can match.
    public func isValidAuthenticationCode(
        _ mac: some Collection<UInt8>,
        for message: some Collection<UInt8>,
        digest: Digest
    ) -> Bool {
        withContiguousBytes(mac) { mac in
            withContiguousBytes(message) { message in
                storage.isValid(mac, for: message, digest: digest)
            }
        }
    }

    /// The same check on contiguous memory, without copying: the path the JWT verifier takes.
    public func isValidAuthenticationCode(
        _ mac: UnsafeRawBufferPointer,
        for message: UnsafeRawBufferPointer,
        digest: Digest
    ) -> Bool {
        storage.isValid(mac, for: message, digest: digest)
    }
}

extension HMACKey {
    /// The key bytes and a keyed context per digest.
    ///
    /// `@unchecked Sendable`: `secret` is only written in `init` and in `deinit` (to wipe it), when
    /// no other reference exists; everything else is immutable.
    ///
    /// The secret lives in memory only this object owns, so the wipe in `deinit` reaches the one
    /// copy we hold (an `Array` could share its buffer with a caller, and a wipe would copy first).
    final class Storage: @unchecked Sendable {
        let secret: UnsafeMutableBufferPointer<UInt8>
        /// Indexed by `Digest.tableIndex`; `nil` if OpenSSL could not build one, in which case a
        /// context is keyed per call instead.
        private let templates: [MACContextTemplate?]

        convenience init(copying bytes: UnsafeRawBufferPointer) {
            let secret = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
            _ = secret.initialize(from: bytes)
            self.init(owning: secret)
        }

        convenience init(randomByteCount count: Int) {
            let secret = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: count)
            var generator = SystemRandomNumberGenerator()
            for index in secret.indices {
                secret.initializeElement(at: index, to: UInt8.random(in: .min ... .max, using: &generator))
            }
            self.init(owning: secret)
        }

        private init(owning secret: UnsafeMutableBufferPointer<UInt8>) {
            self.secret = secret
            self.templates = Digest.allCases.map { digest in
                MACAlgorithm.hmac.makeContext(key: UnsafeRawBufferPointer(secret), digest: digest)
                    .map { MACContextTemplate(taking: $0) }
            }
        }

        deinit {
            OPENSSL_cleanse(secret.baseAddress, secret.count)
            secret.deallocate()
        }

        func authenticate(
            _ message: UnsafeRawBufferPointer,
            digest: Digest,
            into output: UnsafeMutableRawBufferPointer
        ) -> Int? {
            if let template = templates[digest.tableIndex] {
                return template.authenticate(message, into: output)
            }
            guard let context = MACAlgorithm.hmac.makeContext(key: UnsafeRawBufferPointer(secret), digest: digest)
            else {
                return nil
            }
            defer { EVP_MAC_CTX_free(context) }
            return MACContextTemplate.finish(context, message: message, into: output)
        }

        func isValid(_ mac: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer, digest: Digest) -> Bool {
            guard mac.count == digest.byteCount, let macBase = mac.baseAddress else { return false }
            return withUnsafeTemporaryAllocation(byteCount: 64, alignment: 1) { expected in
                guard let length = authenticate(message, digest: digest, into: expected), length == digest.byteCount
                else { return false }
                return CRYPTO_memcmp(expected.baseAddress, macBase, length) == 0
            }
        }
    }
}
