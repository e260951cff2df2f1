internal import CLibsodium

extension Ed25519 {
    /// Length in bytes of a public key.
    public static let publicKeyByteCount = 32
    /// Length in bytes of a seed, the RFC 8032 private key.
    public static let seedByteCount = 32
    /// Length in bytes of a detached signature.
    public static let signatureByteCount = 64

    /// An Ed25519 public key: 32 bytes, compressed Edwards point.
    public struct PublicKey: Hashable, Sendable {
        private let bytes: [UInt8]
        private let weak: Bool

        /// Accepts exactly 32 bytes. Points of small order or off the curve are accepted here
        /// but flagged by ``isWeak`` and refused by key policy when used to verify.
        public init(rawRepresentation: some Collection<UInt8>) throws(CryptoError) {
            guard rawRepresentation.count == Ed25519.publicKeyByteCount else {
                throw CryptoError(
                    .invalidKey,
                    "Ed25519 public key must be \(Ed25519.publicKeyByteCount) bytes, got \(rawRepresentation.count)"
                )
            }
            self.init(validatedBytes: Array(rawRepresentation))
        }

        /// `bytes` must hold exactly 32 bytes.
        fileprivate init(validatedBytes bytes: [UInt8]) {
            Libsodium.ensureInitialized()
            self.bytes = bytes
            // Decided once here so verification pays nothing for it. In libsodium 1.0.18 this returns 0 for
            // non-canonical encodings, encodings off the curve, points of small order and points with a
            // small-order component (outside the prime-order subgroup).
            self.weak = bytes.withUnsafeBufferPointer { crypto_core_ed25519_is_valid_point($0.baseAddress!) } != 1
        }

        /// The 32 key bytes.
        public var rawRepresentation: [UInt8] { bytes }

        /// True for encodings that are not a valid point of large prime order (small-order
        /// points, non-canonical or off-curve encodings): any signature could verify under them.
        /// Signatures under such a key never verify here.
        public var isWeak: Bool { weak }

        /// Verifies a 64-byte detached signature. Returns false for wrong lengths, for a weak key
        /// (``isWeak``) and for signatures libsodium rejects (non-canonical `S`, small-order `R`).
        public func isValidSignature(_ signature: some Collection<UInt8>, for message: some Collection<UInt8>) -> Bool {
            guard signature.count == Ed25519.signatureByteCount, !isWeak else { return false }
            return Libsodium.withBytes(signature) { signaturePointer, _ in
                Libsodium.withBytes(message) { messagePointer, messageCount in
                    verify(signaturePointer, messagePointer, messageCount)
                }
            }
        }

        /// The contiguous fast path used by the JWT verifier: no allocation, no copy.
        public func isValidSignature(_ signature: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer) -> Bool {
            guard signature.count == Ed25519.signatureByteCount, !isWeak, let signatureBase = signature.baseAddress
            else { return false }
            return Libsodium.withNonNullPointer(message) { messagePointer, messageCount in
                verify(signatureBase.assumingMemoryBound(to: UInt8.self), messagePointer, messageCount)
            }
        }

        private func verify(
            _ signature: UnsafePointer<UInt8>,
            _ message: UnsafePointer<UInt8>,
            _ messageCount: Int
        ) -> Bool {
            Libsodium.ensureInitialized()
            return bytes.withUnsafeBufferPointer { key in
                crypto_sign_verify_detached(signature, message, UInt64(messageCount), key.baseAddress!) == 0
            }
        }
    }

    /// An Ed25519 private key, held as its 32-byte seed (plus the derived public key).
    ///
    /// The secret lives in one heap buffer that is wiped when the last copy of the key goes away.
    /// `description` never shows it.
    public struct PrivateKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
        private let secret: SecretKeyBuffer
        /// The public half, derived from the seed when the key is made.
        public let publicKey: PublicKey

        /// A fresh random key from the operating system's generator.
        public init() {
            self.init(secret: SecretKeyBuffer())
        }

        /// From a 32-byte seed (RFC 8032 private key).
        public init(seed: some Collection<UInt8>) throws(CryptoError) {
            guard seed.count == Ed25519.seedByteCount else {
                throw CryptoError(
                    .invalidKey,
                    "Ed25519 seed must be \(Ed25519.seedByteCount) bytes, got \(seed.count)"
                )
            }
            self.init(secret: SecretKeyBuffer(seed: seed))
        }

        /// From 64 bytes seed ‖ public key (libsodium/Iroha form); the public half must match the seed.
        public init(rawRepresentation: some Collection<UInt8>) throws(CryptoError) {
            guard rawRepresentation.count == 2 * Ed25519.seedByteCount else {
                throw CryptoError(
                    .invalidKey,
                    "Ed25519 seed ‖ public key must be \(2 * Ed25519.seedByteCount) bytes, got \(rawRepresentation.count)"
                )
            }
            let split = rawRepresentation.index(rawRepresentation.startIndex, offsetBy: Ed25519.seedByteCount)
            let secret = SecretKeyBuffer(seed: rawRepresentation[..<split])
            guard secret.publicKeyMatches(rawRepresentation[split...]) else {
                throw CryptoError(.invalidKey, "Ed25519 public key half does not match the seed")
            }
            self.init(secret: secret)
        }

        private init(secret: SecretKeyBuffer) {
            self.secret = secret
            self.publicKey = PublicKey(validatedBytes: Array(secret.publicKeyBytes))
        }

        /// The 32-byte seed.
        public var seed: [UInt8] { secret.seedBytes }

        /// Seed ‖ public key, 64 bytes.
        public var rawRepresentation: [UInt8] { secret.seedBytes + publicKey.rawRepresentation }

        /// A deterministic 64-byte detached signature.
        public func signature(for message: some Collection<UInt8>) -> [UInt8] {
            Libsodium.withBytes(message) { messagePointer, messageCount in
                secret.sign(messagePointer, messageCount)
            }
        }

        public var description: String { "Ed25519.PrivateKey(<redacted>)" }
        public var debugDescription: String { description }
    }
}

/// Owns libsodium's 64-byte secret key (seed ‖ public key) and wipes it in `deinit`.
///
/// `@unchecked Sendable` is safe: the buffer is written only in `init`, before the object is shared,
/// and only read afterwards; it is freed exactly once, in `deinit`.
private final class SecretKeyBuffer: @unchecked Sendable {
    private static let byteCount = 64
    private let pointer: UnsafeMutablePointer<UInt8>

    init(seed: some Collection<UInt8>) {
        Libsodium.ensureInitialized()
        pointer = .allocate(capacity: Self.byteCount)
        pointer.initialize(repeating: 0, count: Self.byteCount)
        var publicKey = [UInt8](repeating: 0, count: Ed25519.publicKeyByteCount)
        Libsodium.withBytes(seed) { seedPointer, _ in
            // Cannot fail for a 32-byte seed (it only hashes and multiplies).
            _ = crypto_sign_seed_keypair(&publicKey, pointer, seedPointer)
        }
    }

    /// A fresh key pair from libsodium's generator (the OS's).
    init() {
        Libsodium.ensureInitialized()
        pointer = .allocate(capacity: Self.byteCount)
        pointer.initialize(repeating: 0, count: Self.byteCount)
        var publicKey = [UInt8](repeating: 0, count: Ed25519.publicKeyByteCount)
        // Cannot fail: it draws a seed and derives the pair (libsodium aborts if the OS has no randomness).
        _ = crypto_sign_keypair(&publicKey, pointer)
    }

    deinit {
        sodium_memzero(pointer, Self.byteCount)
        pointer.deallocate()
    }

    var seedBytes: [UInt8] { Array(UnsafeBufferPointer(start: pointer, count: Ed25519.seedByteCount)) }

    var publicKeyBytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: pointer + Ed25519.seedByteCount, count: Ed25519.publicKeyByteCount)
    }

    /// Constant-time comparison of the derived public key with `candidate` (`candidate` has 32 bytes).
    func publicKeyMatches(_ candidate: some Collection<UInt8>) -> Bool {
        Libsodium.withBytes(candidate) { candidatePointer, count in
            count == Ed25519.publicKeyByteCount
                && sodium_memcmp(candidatePointer, pointer + Ed25519.seedByteCount, Ed25519.publicKeyByteCount) == 0
        }
    }

    func sign(_ message: UnsafePointer<UInt8>, _ messageCount: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Ed25519.signatureByteCount) { buffer, initializedCount in
            // crypto_sign_detached cannot fail for a well-formed secret key; it always writes 64 bytes.
            _ = crypto_sign_detached(buffer.baseAddress!, nil, message, UInt64(messageCount), pointer)
            initializedCount = Ed25519.signatureByteCount
        }
    }
}
