public import CryptoPrimitives
internal import HexCoding

extension FIB {
    /// The public half of a user's "Authorization" key pair (`authPublicKeyHex`): an Ed25519 key.
    public struct AuthorizationPublicKey: Hashable, Sendable, CustomStringConvertible {
        /// The multihash prefix Iroha puts before an Ed25519 public key: `ed01` (the varint of the
        /// multicodec `ed25519-pub`, 0xED), then the length byte `20` (32 bytes).
        public static let multihashPrefix = "ed0120"

        /// The Ed25519 key.
        public let ed25519: Ed25519.PublicKey

        /// Wraps an Ed25519 key.
        ///
        /// - Throws: `weak_key` for a point of small order, a non-canonical encoding or a point outside
        ///   the prime-order subgroup: any "signature" would verify under such a key.
        public init(_ key: Ed25519.PublicKey) throws(RequestSigningError) {
            guard !key.isWeak else {
                throw RequestSigningError(.weakKey, "the Ed25519 public key is of small order or not a valid point")
            }
            self.ed25519 = key
        }

        /// A key known not to be weak (derived from a private key).
        init(derived key: Ed25519.PublicKey) { self.ed25519 = key }

        /// From `authPublicKeyHex`: 64 hex digits, optionally preceded by the multihash prefix `ed0120`
        /// (either case, as Iroha SDKs print it).
        ///
        /// - Throws: `invalid_key` for bad hex or a length other than 32 bytes, `weak_key` as in
        ///   ``init(_:)``.
        public init(hex: some StringProtocol) throws(RequestSigningError) {
            // Bytes, not characters: a combining mark must not join a digit of the prefix.
            var digits = Substring(hex).utf8
            try FIB.refuseSurroundingWhiteSpace(digits, what: "public key")
            let prefix = Self.multihashPrefix.utf8
            if digits.count == 2 * Ed25519.publicKeyByteCount + prefix.count,
                digits.prefix(prefix.count).lazy.map(Self.asciiLowercased).elementsEqual(prefix)
            {
                digits = digits.dropFirst(prefix.count)
            }
            let bytes: [UInt8]
            do {
                bytes = try Hex.decode(utf8: digits)
            } catch {
                throw RequestSigningError(.invalidKey, "the public key is not hex: \(error)")
            }
            guard bytes.count == Ed25519.publicKeyByteCount else {
                throw RequestSigningError(
                    .invalidKey,
                    "an FIB public key is \(2 * Ed25519.publicKeyByteCount) hex digits (optionally after "
                        + "\(Self.multihashPrefix)), got \(hex.utf8.count)"
                )
            }
            let key: Ed25519.PublicKey
            do {
                key = try Ed25519.PublicKey(rawRepresentation: bytes)
            } catch {
                throw RequestSigningError(.invalidKey, error.reason)
            }
            try self.init(key)
        }

        private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
        }

        /// 64 lowercase hex digits: the `authPublicKeyHex` field.
        public var hex: String { Hex.encode(ed25519.rawRepresentation) }

        /// The Iroha multihash form: `ed0120` followed by 64 uppercase hex digits.
        public var multihash: String { Self.multihashPrefix + Hex.encode(ed25519.rawRepresentation, uppercase: true) }

        public var description: String { hex }

        // MARK: Verifying e-mail proofs

        /// Which accepted digest variant `signature` verifies over for `email`, or `nil` if none does.
        /// When both variants are accepted and coincide (the digest ends in an odd byte) the answer is
        /// ``EmailDigest/plain``.
        public func matchingDigest(
            of signature: EmailSignature,
            forEmail email: String,
            accepting accepted: AcceptedEmailDigests = .either
        ) -> EmailDigest? {
            matchingDigest(of: signature, forEmailBytes: email.utf8, accepting: accepted)
        }

        /// ``matchingDigest(of:forEmail:accepting:)`` for an e-mail given as the octets sent.
        public func matchingDigest(
            of signature: EmailSignature,
            forEmailBytes email: some Collection<UInt8>,
            accepting accepted: AcceptedEmailDigests = .either
        ) -> EmailDigest? {
            // One hash serves both variants: they differ in one bit at most.
            let plain = BLAKE2b.hash256(email)
            var iroha = plain
            iroha[31] |= 1
            for variant in accepted.digests {
                if variant == .iroha && accepted == .either && iroha == plain { continue }  // tried as plain
                let digest = variant == .plain ? plain : iroha
                if ed25519.isValidSignature(signature.rawRepresentation, for: digest) { return variant }
            }
            return nil
        }

        /// Whether `signature` is a valid e-mail proof for `email` under this key.
        public func isValidSignature(
            _ signature: EmailSignature,
            forEmail email: String,
            accepting accepted: AcceptedEmailDigests = .either
        ) -> Bool {
            matchingDigest(of: signature, forEmail: email, accepting: accepted) != nil
        }

        /// ``isValidSignature(_:forEmail:accepting:)`` for an e-mail given as the octets sent.
        public func isValidSignature(
            _ signature: EmailSignature,
            forEmailBytes email: some Collection<UInt8>,
            accepting accepted: AcceptedEmailDigests = .either
        ) -> Bool {
            matchingDigest(of: signature, forEmailBytes: email, accepting: accepted) != nil
        }
    }
}
