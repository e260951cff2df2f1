extension Ed25519 {
    /// An Ed25519 public key: 32 bytes, compressed Edwards point.
    public struct PublicKey: Hashable, Sendable {
        /// Accepts exactly 32 bytes. Points of small order or off the curve are accepted here
        /// but flagged by ``isWeak`` and refused by key policy when used to verify.
        public init(rawRepresentation: some Collection<UInt8>) throws(CryptoError) { fatalError("unimplemented") }
        /// The 32 key bytes.
        public var rawRepresentation: [UInt8] { fatalError("unimplemented") }
        /// True for encodings that are not a valid point of large prime order (small-order
        /// points, non-canonical or off-curve encodings): any signature could verify under them.
        public var isWeak: Bool { fatalError("unimplemented") }
        /// Verifies a 64-byte detached signature. Returns false for wrong lengths.
        public func isValidSignature(_ signature: some Collection<UInt8>, for message: some Collection<UInt8>) -> Bool {
            fatalError("unimplemented")
        }
        /// The contiguous fast path used by the JWT verifier.
        public func isValidSignature(_ signature: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer) -> Bool {
            fatalError("unimplemented")
        }
    }

    /// An Ed25519 private key, held as its 32-byte seed (plus the derived public key).
    public struct PrivateKey: Sendable {
        /// A fresh random key.
        public init() { fatalError("unimplemented") }
        /// From a 32-byte seed (RFC 8032 private key).
        public init(seed: some Collection<UInt8>) throws(CryptoError) { fatalError("unimplemented") }
        /// From 64 bytes seed ‖ public key (libsodium/Iroha form); the public half must match the seed.
        public init(rawRepresentation: some Collection<UInt8>) throws(CryptoError) { fatalError("unimplemented") }
        /// The 32-byte seed.
        public var seed: [UInt8] { fatalError("unimplemented") }
        /// Seed ‖ public key, 64 bytes.
        public var rawRepresentation: [UInt8] { fatalError("unimplemented") }
        public var publicKey: PublicKey { fatalError("unimplemented") }
        /// A deterministic 64-byte detached signature.
        public func signature(for message: some Collection<UInt8>) -> [UInt8] { fatalError("unimplemented") }
    }
}
