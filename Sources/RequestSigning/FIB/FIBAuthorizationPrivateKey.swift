public import CryptoPrimitives
internal import HexCoding

extension FIB {
    /// The private half of a user's "Authorization" key pair: an Ed25519 key that signs e-mail proofs.
    ///
    /// Never printed: `description` is redacted.
    public struct AuthorizationPrivateKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
        /// The Ed25519 key.
        public let ed25519: Ed25519.PrivateKey

        /// Wraps an Ed25519 key.
        public init(_ key: Ed25519.PrivateKey) { self.ed25519 = key }

        /// A fresh random key pair.
        public init() { self.ed25519 = Ed25519.PrivateKey() }

        /// From hex: 64 digits (the 32-byte seed) or 128 digits (seed ‖ public key, the "Iroha SDK
        /// format" the FIB web app shows), either optionally preceded by Iroha's multihash prefix
        /// (`802620` before a seed, `802640` before seed ‖ public key). Either case.
        ///
        /// - Throws: `invalid_key` for bad hex, another length, a multihash length byte that does
        ///   not match the payload, or a public half that does not match the seed.
        public init(hex: some StringProtocol) throws(RequestSigningError) {
            let text = Substring(hex).utf8
            try FIB.refuseSurroundingWhiteSpace(text, what: "private key")
            let digits = try Self.payloadDigits(text)
            let prefixNote = digits.count == text.count ? "" : " (after the multihash prefix)"
            var bytes: [UInt8]
            do {
                bytes = try Hex.decode(utf8: digits)
            } catch {
                // Where, never which byte: a binary key read as text (a raw seed piped to the CLI)
                // fails on one of its own bytes, which is a byte of the secret.
                let position = HexDecodingError(code: error.code, offset: error.offset)
                throw RequestSigningError(.invalidKey, "the private key is not hex\(prefixNote): \(position)")
            }
            defer { bytes.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
            guard bytes.count == Ed25519.seedByteCount || bytes.count == 2 * Ed25519.seedByteCount else {
                throw RequestSigningError(
                    .invalidKey,
                    "an FIB private key is 64 hex digits (seed) or 128 (seed ‖ public key), optionally after "
                        + "802620 or 802640; got \(text.count) characters"
                )
            }
            do {
                self.ed25519 =
                    bytes.count == Ed25519.seedByteCount
                    ? try Ed25519.PrivateKey(seed: bytes) : try Ed25519.PrivateKey(rawRepresentation: bytes)
            } catch {
                throw RequestSigningError(.invalidKey, error.reason)
            }
        }

        /// `text` without Iroha's multihash prefix: `8026` (the varint of the multicodec
        /// `ed25519-priv`, 0x1300), then a length byte that must match what follows (`20` for a
        /// seed, `40` for seed ‖ public key); a wrong length byte is refused rather than read as
        /// part of the key. Works on UTF-8 throughout: lengths and prefixes are bytes, never
        /// characters (a combining mark must not join a digit of the prefix).
        private static func payloadDigits(_ text: Substring.UTF8View) throws(RequestSigningError) -> Substring.UTF8View
        {
            let codec = "8026".utf8
            let prefixLength = codec.count + 2
            let payloadLength = text.count - prefixLength
            guard payloadLength == 2 * Ed25519.seedByteCount || payloadLength == 4 * Ed25519.seedByteCount,
                text.prefix(codec.count).elementsEqual(codec)
            else {
                return text
            }
            let expected = payloadLength == 2 * Ed25519.seedByteCount ? "20".utf8 : "40".utf8
            guard text.dropFirst(codec.count).prefix(2).elementsEqual(expected) else {
                throw RequestSigningError(
                    .invalidKey,
                    "the multihash length byte does not match the \(payloadLength / 2)-byte private key after it"
                )
            }
            return text.dropFirst(prefixLength)
        }

        /// The public half: what the session request sends as `authPublicKeyHex`.
        public var publicKey: AuthorizationPublicKey { AuthorizationPublicKey(derived: ed25519.publicKey) }

        /// Seed ‖ public key as 128 lowercase hex digits (the web app's format). This is the secret.
        public var hexRepresentation: String { Hex.encode(ed25519.rawRepresentation) }

        /// Signs the e-mail proof for `email` (its UTF-8 bytes, exactly).
        public func signEmail(_ email: String, digest: EmailDigest = .plain) -> EmailSignature {
            signEmail(bytes: email.utf8, digest: digest)
        }

        /// Signs the e-mail proof for an e-mail given as the octets that will be sent.
        public func signEmail(bytes email: some Collection<UInt8>, digest: EmailDigest = .plain) -> EmailSignature {
            EmailSignature(ed25519Signature: ed25519.signature(for: digest.digest(ofEmailBytes: email)))
        }

        /// The complete session (login) request for `email`.
        public func sessionRequest(email: String, digest: EmailDigest = .plain) -> SessionRequest {
            SessionRequest(
                email: email,
                signature: signEmail(email, digest: digest).hex,
                authPublicKeyHex: publicKey.hex
            )
        }

        public var description: String { "FIB.AuthorizationPrivateKey(<redacted>)" }
        public var debugDescription: String { description }
    }
}
