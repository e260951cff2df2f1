extension ECDSA {
    /// An EC public key on a supported curve; the point is checked to lie on the curve.
    public struct PublicKey: Sendable {
        /// From SubjectPublicKeyInfo DER.
        public init(derRepresentation: some Collection<UInt8>) throws(CryptoError) { fatalError("unimplemented") }
        /// From affine coordinates (JWK `x`, `y`), each exactly `curve.coordinateByteCount` bytes.
        public init(curve: ECCurve, x: some Collection<UInt8>, y: some Collection<UInt8>) throws(CryptoError) {
            fatalError("unimplemented")
        }
        public var curve: ECCurve { fatalError("unimplemented") }
        /// Affine x, left-padded to the coordinate size.
        public var x: [UInt8] { fatalError("unimplemented") }
        /// Affine y, left-padded to the coordinate size.
        public var y: [UInt8] { fatalError("unimplemented") }
        /// SubjectPublicKeyInfo DER.
        public var derRepresentation: [UInt8] { fatalError("unimplemented") }
        /// Verifies an r ‖ s signature with the curve's JWS hash. Wrong lengths → false.
        public func isValidSignature(_ signature: some Collection<UInt8>, for message: some Collection<UInt8>) -> Bool {
            fatalError("unimplemented")
        }
        public func isValidSignature(_ signature: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer) -> Bool {
            fatalError("unimplemented")
        }
    }

    /// An EC private key.
    public struct PrivateKey: Sendable {
        /// Generates a key on `curve`.
        public init(curve: ECCurve) throws(CryptoError) { fatalError("unimplemented") }
        /// From DER: PKCS#8 `PrivateKeyInfo` or SEC1 `ECPrivateKey`.
        public init(derRepresentation: some Collection<UInt8>) throws(CryptoError) { fatalError("unimplemented") }
        /// From JWK components: private scalar `d` and the public point (checked to match `d`).
        public init(curve: ECCurve, d: [UInt8], x: [UInt8], y: [UInt8]) throws(CryptoError) {
            fatalError("unimplemented")
        }
        public var curve: ECCurve { fatalError("unimplemented") }
        public var publicKey: PublicKey { fatalError("unimplemented") }
        /// PKCS#8 DER.
        public var derRepresentation: [UInt8] { fatalError("unimplemented") }
        /// An r ‖ s signature with the curve's JWS hash.
        public func signature(for message: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
            fatalError("unimplemented")
        }
    }
}
