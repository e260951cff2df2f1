internal import CLibcrypto

/// A secret key for HMAC-SHA-256/384/512.
///
/// The key is absorbed into one OpenSSL HMAC context per digest at init; every tag computation
/// duplicates the matching context, so the key schedule is never redone per message.
public struct HMACKey: Sendable {
    let storage: Storage

    /// Any length is stored; key policy refuses keys shorter than the hash output at verification.
    public init(_ bytes: some Collection<UInt8>) {
        storage = Storage(key: Array(bytes))
    }

    /// Generates a random key of `byteCount` bytes (a negative count gives an empty key) from the
    /// system's cryptographically secure generator.
    public init(randomByteCount byteCount: Int) {
        var generator = SystemRandomNumberGenerator()
        storage = Storage(key: (0..<max(0, byteCount)).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    public var byteCount: Int { storage.key.count }

    /// The secret bytes (for export only; handle with care).
    public var rawRepresentation: [UInt8] { storage.key }

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
    /// `@unchecked Sendable`: `key` is only written in `deinit` (to wipe it), when no other
    /// reference exists; everything else is immutable.
    final class Storage: @unchecked Sendable {
        private(set) var key: [UInt8]
        /// Indexed by `Digest.tableIndex`; `nil` if OpenSSL could not build one, in which case a
        /// context is keyed per call instead.
        private let templates: [MACContextTemplate?]

        init(key: [UInt8]) {
            self.key = key
            self.templates = Digest.allCases.map { digest in
                key.withUnsafeBytes { MACAlgorithm.hmac.makeContext(key: $0, digest: digest) }
                    .map(MACContextTemplate.init(taking:))
            }
        }

        deinit {
            key.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
        }

        func authenticate(
            _ message: UnsafeRawBufferPointer,
            digest: Digest,
            into output: UnsafeMutableRawBufferPointer
        ) -> Int? {
            if let template = templates[digest.tableIndex] {
                return template.authenticate(message, into: output)
            }
            guard let context = key.withUnsafeBytes({ MACAlgorithm.hmac.makeContext(key: $0, digest: digest) }) else {
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
