extension RSA {
    /// An RSA public key. Parsed once into an OpenSSL `EVP_PKEY` and reused for every verification.
    public struct PublicKey: Sendable {
        /// From DER: SubjectPublicKeyInfo or PKCS#1 `RSAPublicKey`.
        public init(derRepresentation: some Collection<UInt8>) throws(CryptoError) { fatalError("unimplemented") }
        /// From big-endian modulus and exponent (JWK `n`, `e`).
        public init(modulus: some Collection<UInt8>, publicExponent: some Collection<UInt8>) throws(CryptoError) {
            fatalError("unimplemented")
        }
        /// Big-endian modulus without leading zeros.
        public var modulus: [UInt8] { fatalError("unimplemented") }
        /// Big-endian public exponent without leading zeros.
        public var publicExponent: [UInt8] { fatalError("unimplemented") }
        /// Modulus size in bits.
        public var keySizeInBits: Int { fatalError("unimplemented") }
        /// True if the modulus carries the ROCA fingerprint (CVE-2017-15361).
        public var hasROCAFingerprint: Bool { fatalError("unimplemented") }
        /// SubjectPublicKeyInfo DER.
        public var derRepresentation: [UInt8] { fatalError("unimplemented") }
        public func isValidSignature(
            _ signature: some Collection<UInt8>,
            for message: some Collection<UInt8>,
            digest: Digest,
            padding: Padding
        ) -> Bool { fatalError("unimplemented") }
        /// The contiguous fast path used by the JWT verifier.
        public func isValidSignature(
            _ signature: UnsafeRawBufferPointer,
            for message: UnsafeRawBufferPointer,
            digest: Digest,
            padding: Padding
        ) -> Bool { fatalError("unimplemented") }
    }

    /// An RSA private key.
    public struct PrivateKey: Sendable {
        /// Generates a key (2048…16384 bits, e = 65537).
        public init(keySize: Int) throws(CryptoError) { fatalError("unimplemented") }
        /// From DER: PKCS#8 `PrivateKeyInfo` or PKCS#1 `RSAPrivateKey`.
        public init(derRepresentation: some Collection<UInt8>) throws(CryptoError) { fatalError("unimplemented") }
        /// From JWK components (all big-endian); CRT parameters are required by this initializer.
        public init(
            modulus: [UInt8],
            publicExponent: [UInt8],
            privateExponent: [UInt8],
            prime1: [UInt8],
            prime2: [UInt8],
            exponent1: [UInt8],
            exponent2: [UInt8],
            coefficient: [UInt8]
        ) throws(CryptoError) { fatalError("unimplemented") }
        public var publicKey: PublicKey { fatalError("unimplemented") }
        /// PKCS#8 DER.
        public var derRepresentation: [UInt8] { fatalError("unimplemented") }
        public func signature(
            for message: some Collection<UInt8>,
            digest: Digest,
            padding: Padding
        ) throws(CryptoError) -> [UInt8] {
            fatalError("unimplemented")
        }
    }
}
