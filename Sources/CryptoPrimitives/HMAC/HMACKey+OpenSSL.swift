/// A secret key for HMAC-SHA-256/384/512.
public struct HMACKey: Sendable {
    /// Any length is stored; key policy refuses keys shorter than the hash output at verification.
    public init(_ bytes: some Collection<UInt8>) { fatalError("unimplemented") }
    /// Generates a random key of `byteCount` bytes.
    public init(randomByteCount byteCount: Int) { fatalError("unimplemented") }
    public var byteCount: Int { fatalError("unimplemented") }
    /// The secret bytes (for export only; handle with care).
    public var rawRepresentation: [UInt8] { fatalError("unimplemented") }
    public func authenticationCode(for message: some Collection<UInt8>, digest: Digest) -> [UInt8] {
        fatalError("unimplemented")
    }
    /// Recomputes the tag and compares in constant time.
    public func isValidAuthenticationCode(
        _ mac: some Collection<UInt8>,
        for message: some Collection<UInt8>,
        digest: Digest
    ) -> Bool {
        fatalError("unimplemented")
    }
    public func isValidAuthenticationCode(
        _ mac: UnsafeRawBufferPointer,
        for message: UnsafeRawBufferPointer,
        digest: Digest
    ) -> Bool {
        fatalError("unimplemented")
    }
}
