internal import HexCoding

extension FIB {
    /// The `signature` field of the session request: a 64-byte Ed25519 signature, sent as 128
    /// lowercase hex digits.
    public struct EmailSignature: Hashable, Sendable, CustomStringConvertible {
        /// The number of signature bytes.
        public static let byteCount = 64

        /// The 64 signature bytes.
        public let rawRepresentation: [UInt8]

        /// From 64 bytes.
        ///
        /// - Throws: `malformed_signature` for any other length.
        public init(rawRepresentation: some Collection<UInt8>) throws(RequestSigningError) {
            guard rawRepresentation.count == Self.byteCount else {
                throw RequestSigningError(
                    .malformedSignature,
                    "an FIB e-mail signature is \(Self.byteCount) bytes, got \(rawRepresentation.count)"
                )
            }
            self.rawRepresentation = Array(rawRepresentation)
        }

        /// A signature just made by `Ed25519.PrivateKey`, which is always 64 bytes.
        init(ed25519Signature bytes: [UInt8]) { self.rawRepresentation = bytes }

        /// From 128 hex digits (either case).
        ///
        /// - Throws: `malformed_signature` for a non-hex character, an odd number of digits or a
        ///   length other than 128 digits.
        public init(hex: some StringProtocol) throws(RequestSigningError) {
            let bytes: [UInt8]
            do {
                bytes = try Hex.decode(hex)
            } catch {
                throw RequestSigningError(.malformedSignature, "the signature is not hex: \(error)")
            }
            guard bytes.count == Self.byteCount else {
                throw RequestSigningError(
                    .malformedSignature,
                    "an FIB e-mail signature is \(2 * Self.byteCount) hex digits, got \(hex.utf8.count)"
                )
            }
            self.rawRepresentation = bytes
        }

        /// Lowercase hex, as the session request carries it.
        public var hex: String { Hex.encode(rawRepresentation) }

        public var description: String { hex }
    }
}
