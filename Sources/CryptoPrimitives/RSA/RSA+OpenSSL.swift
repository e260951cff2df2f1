internal import CLibcrypto

extension RSA {
    /// The largest modulus accepted anywhere (OpenSSL's own verification limit).
    public static let maximumKeySizeInBits = 16384

    /// The longest public exponent key policy accepts, in bits (BoringSSL's limit; real keys use
    /// 3 or 65537). Longer exponents load, but fail the policy check with `weak_key`.
    public static let maximumPolicyExponentBits = 33

    /// An RSA public key. Parsed once into an OpenSSL `EVP_PKEY` and reused for every verification.
    ///
    /// Any modulus up to ``RSA/maximumKeySizeInBits`` and any exponent OpenSSL can use are accepted
    /// here; minimum sizes, exponent rules and the ROCA check are key policy, decided by the caller
    /// from ``keySizeInBits``, ``publicExponent`` and ``hasROCAFingerprint``.
    public struct PublicKey: Sendable {
        let storage: Storage

        init(storage: Storage) {
            self.storage = storage
        }

        /// From DER: SubjectPublicKeyInfo or PKCS#1 `RSAPublicKey`. A certificate is not read here
        /// (a DER reader takes key structures only); PEM's `CERTIFICATE` label says what it holds.
        ///
        /// - Throws: `invalid_key` for bytes that are neither (a private key or a certificate
        ///   included), rsaEncryption parameters other than NULL, or numbers
        ///   ``init(modulus:publicExponent:)`` refuses; `unsupported_key` for a key of another type
        ///   (including RSA-PSS-restricted keys) or sizes it refuses.
        public init(derRepresentation: some Collection<UInt8>) throws(CryptoError) {
            let (modulus, exponent) = try withContiguousBytes(derRepresentation) {
                (der) throws(CryptoError) -> ([UInt8], [UInt8]) in
                guard !der.isEmpty else { throw CryptoError(.invalidKey, "empty RSA public key") }
                try KeyExpectation.rsaPublicKey.check(der: der)
                if let info = SubjectPublicKeyInfo(der: der) {
                    guard info.algorithm == NID_rsaEncryption else {
                        throw CryptoError(.unsupportedKey, "the SubjectPublicKeyInfo does not hold an RSA key")
                    }
                    guard info.parametersAreNull else {
                        throw CryptoError(.invalidKey, "rsaEncryption parameters must be NULL (RFC 3279 §2.3.1)")
                    }
                    return try withContiguousBytes(info.keyBits) { (bits) throws(CryptoError) in
                        try RSA.components(fromPKCS1: bits)
                    }
                }
                return try RSA.components(fromPKCS1: der)
            }
            storage = try Storage(modulus: modulus, exponent: exponent)
        }

        /// From big-endian modulus and exponent (JWK `n`, `e`). Leading zero bytes are ignored.
        ///
        /// - Throws: `invalid_key` for a zero or even modulus, a zero exponent or an exponent not
        ///   below the modulus; `unsupported_key` for a modulus over 16384 bits, or an exponent over
        ///   64 bits with a modulus over 3072 bits (OpenSSL would never verify with it).
        public init(modulus: some Collection<UInt8>, publicExponent: some Collection<UInt8>) throws(CryptoError) {
            storage = try Storage(
                modulus: strippingLeadingZeros(modulus),
                exponent: strippingLeadingZeros(publicExponent)
            )
        }

        /// Big-endian modulus without leading zeros.
        public var modulus: [UInt8] { storage.modulus }
        /// Big-endian public exponent without leading zeros.
        public var publicExponent: [UInt8] { storage.exponent }
        /// Modulus size in bits.
        public var keySizeInBits: Int { storage.bitCount }
        /// True if the modulus carries the ROCA fingerprint (CVE-2017-15361). Computed at load.
        public var hasROCAFingerprint: Bool { storage.hasROCAFingerprint }
        /// SubjectPublicKeyInfo DER.
        public var derRepresentation: [UInt8] { storage.subjectPublicKeyInfo }

        /// Verifies `signature` over `message`. A signature whose length is not the modulus length
        /// is rejected (RFC 8017 §8.2.2 and §8.1.2 step 1).
        public func isValidSignature(
            _ signature: some Collection<UInt8>,
            for message: some Collection<UInt8>,
            digest: Digest,
            padding: Padding
        ) -> Bool {
            withContiguousBytes(signature) { signature in
                withContiguousBytes(message) { message in
                    storage.verify(signature, message: message, digest: digest, padding: padding)
                }
            }
        }

        /// The contiguous fast path used by the JWT verifier.
        public func isValidSignature(
            _ signature: UnsafeRawBufferPointer,
            for message: UnsafeRawBufferPointer,
            digest: Digest,
            padding: Padding
        ) -> Bool {
            storage.verify(signature, message: message, digest: digest, padding: padding)
        }
    }

    /// An RSA private key.
    ///
    /// Never printed: `description`, `debugDescription` and the mirror `dump` walks are redacted.
    public struct PrivateKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
        let key: PKey
        /// The public half.
        public let publicKey: PublicKey
        /// PKCS#8 DER.
        public let derRepresentation: [UInt8]

        // Without these, string interpolation and `dump` print `derRepresentation`: the whole
        // PKCS#8 private key, in a log line that prints a `BankFrick.Signer` or a `CryptoKey`.
        /// The size only; the key is never printed.
        public var description: String { "RSA.PrivateKey(<redacted>, \(publicKey.keySizeInBits) bits)" }
        /// Same as ``description``.
        public var debugDescription: String { description }
        /// No children, so `dump` shows no key material.
        public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

        /// Generates a key (2048…16384 bits, e = 65537).
        ///
        /// - Throws: `unsupported_key` for a size outside 2048…16384.
        public init(keySize: Int) throws(CryptoError) {
            guard (2048...RSA.maximumKeySizeInBits).contains(keySize) else {
                throw CryptoError(.unsupportedKey, "RSA key size must be 2048…16384 bits, not \(keySize)")
            }
            let key = try PKey.generate(keyType: vk_keytype_rsa()) { context in
                EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(keySize)) > 0
            }
            try self.init(key: key, checked: true)
        }

        /// From DER: PKCS#8 `PrivateKeyInfo` or PKCS#1 `RSAPrivateKey`. PKCS#8 may be RFC 5958
        /// version 2 when the `RSAPublicKey` inside is, byte for byte, this key's (as in its
        /// SubjectPublicKeyInfo); another public key there is `invalid_key`.
        ///
        /// The key is checked for consistency once, here: every component bounded by the modulus,
        /// n = p·q, e·d ≡ 1, the CRT values, and a signing round trip. There is no primality test
        /// (as in BoringSSL): OpenSSL's takes seconds for an 8192-bit key and longer for oversized
        /// input.
        /// Both encodings must be strict DER (minimal lengths, minimal positive INTEGERs), as for
        /// public keys, whichever entry point reads them.
        /// - Throws: `invalid_key` for malformed or inconsistent keys and for a public key or
        ///   certificate; `unsupported_key` for a key of another type (PKCS#8 of another algorithm,
        ///   SEC1), multi-prime keys or moduli over 16384 bits.
        public init(derRepresentation: some Collection<UInt8>) throws(CryptoError) {
            if let key = try PKCS8Version2.key(
                from: derRepresentation,
                reading: { (version1) throws(CryptoError) in try RSA.PrivateKey(derRepresentation: version1) },
                publicKeyInfo: { $0.publicKey.derRepresentation }
            ) {
                self = key
                return
            }
            let key = try withContiguousBytes(derRepresentation) { (der) throws(CryptoError) -> PKey in
                guard !der.isEmpty else {
                    throw CryptoError(.invalidKey, "empty RSA private key")
                }
                try KeyExpectation.rsaPrivateKey.check(der: der)
                if let info = PrivateKeyInfo(der: der) {
                    guard info.algorithm == NID_rsaEncryption else {
                        throw CryptoError(.unsupportedKey, "the PKCS#8 key is not an RSA key")
                    }
                    // RFC 8017 A.1: rsaEncryption's parameters are NULL, as in public keys.
                    guard info.algorithmIdentifier == DERWriter.element(DERWriter.sequence, DERWriter.rsaAlgorithm)
                    else {
                        throw CryptoError(.invalidKey, "the PKCS#8 rsaEncryption parameters must be NULL")
                    }
                    // The inner RSAPrivateKey goes through the same strict reader as PKCS#1 input.
                    return try info.withPrivateKeyOctets { (octets) throws(CryptoError) in
                        try Self.key(fromPKCS1: octets)
                    }
                }
                return try Self.key(fromPKCS1: der)
            }
            try self.init(key: key, checked: false)
        }

        /// A PKCS#1 `RSAPrivateKey` read with the strict ``DERScanner`` (as the public key is), not
        /// OpenSSL's `d2i_PrivateKey`, which also takes BER lengths and non-minimal INTEGERs: one
        /// key, one encoding, whichever entry point reads it.
        ///
        /// `RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dp, dq, qi, otherPrimeInfos OPTIONAL }`
        /// (RFC 8017 A.1.2); version 1 with `otherPrimeInfos` is a multi-prime key: `unsupported_key`.
        private static func key(fromPKCS1 der: UnsafeRawBufferPointer) throws(CryptoError) -> PKey {
            var outer = DERScanner(der)
            guard let body = outer.read(tag: DERWriter.sequence), outer.isAtEnd else {
                throw CryptoError(.invalidKey, "neither PKCS#8 nor PKCS#1 RSA private key DER")
            }
            var fields = DERScanner(body)
            guard let version = fields.read(tag: DERWriter.integer), version.count == 1 else {
                throw CryptoError(.invalidKey, "the PKCS#1 RSA private key has no valid version")
            }
            switch version[0] {
            case 0: break
            case 1:
                // Multi-prime only if the INTEGERs follow: PKCS#8 that did not read as PKCS#8 (its
                // version 1 is RFC 5958's v2, an AlgorithmIdentifier next) is malformed.
                var next = fields
                guard next.read(tag: DERWriter.integer) != nil else {
                    throw CryptoError(.invalidKey, "neither PKCS#8 nor PKCS#1 RSA private key DER")
                }
                throw CryptoError(
                    .unsupportedKey,
                    "multi-prime RSA private keys (more than two primes) are not supported"
                )
            default: throw CryptoError(.invalidKey, "the PKCS#1 RSA private key has an unknown version \(version[0])")
            }
            var values: [[UInt8]] = []
            for name in [
                "modulus", "publicExponent", "privateExponent", "prime1", "prime2", "exponent1", "exponent2",
                "coefficient",
            ] {
                guard let contents = fields.read(tag: DERWriter.integer) else {
                    throw CryptoError(.invalidKey, "the PKCS#1 RSA private key lacks a valid \(name) INTEGER")
                }
                values.append(try positiveInteger(contents, name))
            }
            guard fields.isAtEnd else {
                throw CryptoError(
                    .invalidKey,
                    "the PKCS#1 RSA private key has elements after the coefficient (version 0)"
                )
            }
            guard (values[0].count - 1) * 8 < RSA.maximumKeySizeInBits else {
                throw CryptoError(.unsupportedKey, "RSA modulus over \(RSA.maximumKeySizeInBits) bits")
            }
            return try keyPair(components: values)
        }

        /// An OpenSSL key pair from n, e, d, p, q, dp, dq, qi (big-endian, in that order), each
        /// non-zero and none longer than n; the rest of the consistency check runs afterwards, in
        /// `init(key:checked:)`.
        private static func keyPair(components: [[UInt8]]) throws(CryptoError) -> PKey {
            let names: [UnsafePointer<CChar>] = [
                vk_param_rsa_n(), vk_param_rsa_e(), vk_param_rsa_d(), vk_param_rsa_factor1(), vk_param_rsa_factor2(),
                vk_param_rsa_exponent1(), vk_param_rsa_exponent2(), vk_param_rsa_coefficient1(),
            ]
            var parameters: [PKey.Parameter] = []
            for (name, value) in zip(names, components) {
                guard value.contains(where: { $0 != 0 }) else {
                    throw CryptoError(.invalidKey, "RSA key component \(String(cString: name)) is zero or empty")
                }
                parameters.append(.bigNumber(name, try BigNumber(bytes: value)))
            }
            try RSAPrivateKeyCheck.requireWithinModulus(components)
            return try PKey.fromData(
                keyType: vk_keytype_rsa(),
                selection: vk_selection_keypair(),
                parameters: parameters
            )
        }

        /// From JWK components (all big-endian); CRT parameters are required by this initializer.
        ///
        /// - Throws: `invalid_key` if the components are inconsistent (see ``init(derRepresentation:)``),
        ///   `unsupported_key` for a modulus over 16384 bits.
        public init(
            modulus: [UInt8],
            publicExponent: [UInt8],
            privateExponent: [UInt8],
            prime1: [UInt8],
            prime2: [UInt8],
            exponent1: [UInt8],
            exponent2: [UInt8],
            coefficient: [UInt8]
        ) throws(CryptoError) {
            guard strippingLeadingZeros(modulus).count * 8 <= RSA.maximumKeySizeInBits + 7 else {
                throw CryptoError(.unsupportedKey, "RSA modulus over \(RSA.maximumKeySizeInBits) bits")
            }
            let key = try Self.keyPair(components: [
                modulus, publicExponent, privateExponent, prime1, prime2, exponent1, exponent2, coefficient,
            ])
            try self.init(key: key, checked: false)
        }

        private init(key: PKey, checked: Bool) throws(CryptoError) {
            guard key.baseID == EVP_PKEY_RSA else {
                throw CryptoError(.unsupportedKey, "not an RSA key")
            }
            guard key.bitCount <= RSA.maximumKeySizeInBits else {
                throw CryptoError(.unsupportedKey, "RSA modulus over \(RSA.maximumKeySizeInBits) bits")
            }
            // Imported keys are checked once (sizes, n = p·q, e·d ≡ 1, CRT values, then a signing
            // round trip); a bad key would otherwise sign garbage. Generated keys are consistent by
            // construction.
            if !checked {
                try RSAPrivateKeyCheck(key).run()
            }
            self.key = key
            self.publicKey = PublicKey(
                storage: try PublicKey.Storage(
                    modulus: try key.bigNumber(vk_param_rsa_n()).bytes,
                    exponent: try key.bigNumber(vk_param_rsa_e()).bytes
                )
            )
            self.derRepresentation = try key.privateKeyInfoDER()
            if !checked {
                try checkSigningRoundTrip()
            }
        }

        /// Signs a fixed message and verifies it with the public half: catches a composite "prime"
        /// that the arithmetic checks of ``RSAPrivateKeyCheck`` cannot see.
        private func checkSigningRoundTrip() throws(CryptoError) {
            let probe = Array("VerifyKit RSA private key check".utf8)
            let signature: [UInt8]
            do {
                signature = try self.signature(for: probe, digest: .sha256, padding: .pkcs1v15)
            } catch {
                // A modulus under 489 bits cannot hold a PKCS#1 SHA-256 signature at all: well
                // formed, but too small to be used (weak_key, as `signature` says).
                throw CryptoError(
                    error.code == .weakKey ? .weakKey : .invalidKey,
                    "the RSA private key cannot sign: \(error.reason)"
                )
            }
            guard publicKey.isValidSignature(signature, for: probe, digest: .sha256, padding: .pkcs1v15) else {
                throw CryptoError(
                    .invalidKey,
                    "the RSA private key components are inconsistent: its signatures do not verify"
                )
            }
        }

        /// Signs `message` (hashed here with `digest`). PSS uses MGF1 with the same hash and a salt
        /// as long as the hash.
        ///
        /// - Throws: `weak_key` when the modulus cannot hold the encoded hash (a key that only a
        ///   lowered policy admits: under 745 bits for PKCS#1 v1.5 with SHA-512, under 1034 for PSS
        ///   with SHA-512), `library_failure` if OpenSSL itself fails.
        public func signature(
            for message: some Collection<UInt8>,
            digest: Digest,
            padding: Padding
        ) throws(CryptoError) -> [UInt8] {
            // RFC 8017 §9.2: k ≥ DigestInfo (19 + hLen) + 11 octets; §9.1.1: emLen = ⌈(modBits − 1)/8⌉
            // ≥ hLen + sLen + 2 with sLen = hLen. Checked here so the answer names the cause.
            let bits = publicKey.keySizeInBits
            let fits =
                padding == .pkcs1v15
                ? (bits + 7) / 8 >= 19 + digest.byteCount + 11 : (bits + 6) / 8 >= 2 * digest.byteCount + 2
            guard fits else {
                throw CryptoError(
                    .weakKey,
                    "a \(bits)-bit RSA key is too small for \(padding == .pss ? "PSS" : "PKCS#1 v1.5") with SHA-\(digest.byteCount * 8)"
                )
            }
            return try withContiguousBytes(message) { (message) throws(CryptoError) -> [UInt8] in
                try withUnsafeTemporaryAllocation(byteCount: 64, alignment: 1) {
                    (hash) throws(CryptoError) -> [UInt8] in
                    guard MessageDigests.shared.hash(message, digest: digest, into: hash) else {
                        throw CryptoError.openSSL(.libraryFailure, "hashing failed")
                    }
                    return try sign(
                        hash: UnsafeRawBufferPointer(rebasing: hash[..<digest.byteCount]),
                        digest: digest,
                        padding: padding
                    )
                }
            }
        }

        private func sign(
            hash: UnsafeRawBufferPointer,
            digest: Digest,
            padding: Padding
        ) throws(CryptoError)
            -> [UInt8]
        {
            guard let context = key.withPointer({ EVP_PKEY_CTX_new_from_pkey(nil, $0, nil) }) else {
                throw CryptoError.openSSL(.libraryFailure, "cannot create a signing context")
            }
            defer { EVP_PKEY_CTX_free(context) }
            let hashBase = hash.baseAddress?.assumingMemoryBound(to: UInt8.self)
            var length = 0
            guard EVP_PKEY_sign_init(context) == 1,
                RSA.configure(context, digest: digest, padding: padding),
                EVP_PKEY_sign(context, nil, &length, hashBase, hash.count) == 1
            else {
                throw CryptoError.openSSL(.libraryFailure, "cannot set up RSA signing")
            }
            var output = [UInt8](repeating: 0, count: length)
            guard EVP_PKEY_sign(context, &output, &length, hashBase, hash.count) == 1 else {
                throw CryptoError.openSSL(.libraryFailure, "RSA signing failed")
            }
            output.removeLast(output.count - length)
            return output
        }
    }

    /// Sets padding, hash, MGF1 hash and salt length on a signing or verification context.
    static func configure(_ context: OpaquePointer, digest: Digest, padding: Padding) -> Bool {
        let method = MessageDigests.shared[digest]
        switch padding {
        case .pkcs1v15:
            return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) > 0
                && EVP_PKEY_CTX_set_signature_md(context, method) > 0
        case .pss:
            // An exact salt length (not "auto"): RFC 7518 §3.5 fixes it to the hash length.
            return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING) > 0
                && EVP_PKEY_CTX_set_signature_md(context, method) > 0
                && EVP_PKEY_CTX_set_rsa_mgf1_md(context, method) > 0
                && EVP_PKEY_CTX_set_rsa_pss_saltlen(context, Int32(digest.byteCount)) > 0
        }
    }

    /// Modulus and exponent of a DER PKCS#1 `RSAPublicKey`, which must fill `der` exactly.
    ///
    /// Read with the strict ``DERScanner`` rather than OpenSSL's `d2i_PublicKey`, which also takes
    /// BER lengths and negative or zero-padded INTEGERs: one key, one encoding.
    static func components(fromPKCS1 der: UnsafeRawBufferPointer) throws(CryptoError) -> ([UInt8], [UInt8]) {
        guard !der.isEmpty else { throw CryptoError(.invalidKey, "empty RSA public key") }
        var outer = DERScanner(der)
        var fields = outer.read(tag: DERWriter.sequence).map(DERScanner.init)
        guard outer.isAtEnd, let modulus = fields?.read(tag: DERWriter.integer),
            let exponent = fields?.read(tag: DERWriter.integer),
            fields?.isAtEnd == true
        else {
            throw CryptoError(.invalidKey, "neither SubjectPublicKeyInfo nor PKCS#1 RSA public key DER")
        }
        return (try positiveInteger(modulus, "modulus"), try positiveInteger(exponent, "public exponent"))
    }

    /// The value of a DER INTEGER's contents, which must be positive and minimal, as big-endian
    /// bytes without the sign byte.
    static func positiveInteger(
        _ contents: UnsafeRawBufferPointer,
        _ name: String
    ) throws(CryptoError)
        -> [UInt8]
    {
        guard let first = contents.first, first & 0x80 == 0 else {
            throw CryptoError(.invalidKey, "RSA \(name) is not a positive DER INTEGER")
        }
        if first == 0 {
            guard contents.count > 1, contents[1] & 0x80 != 0 else {
                throw CryptoError(.invalidKey, "RSA \(name) is zero or not minimally encoded")
            }
            return Array(contents.dropFirst())
        }
        return Array(contents)
    }
}

extension RSA.PublicKey {
    /// The parsed key, its per-(padding, digest) verification templates and cached encodings.
    /// Immutable after init; every member is `Sendable`.
    final class Storage: Sendable {
        let key: PKey
        /// Indexed by `templateIndex(digest:padding:)`.
        let templates: [VerifyContextTemplate]
        let modulus: [UInt8]
        let exponent: [UInt8]
        let bitCount: Int
        let hasROCAFingerprint: Bool
        let subjectPublicKeyInfo: [UInt8]

        /// `modulus` and `exponent` are minimal big-endian integers.
        init(modulus: [UInt8], exponent: [UInt8]) throws(CryptoError) {
            guard !modulus.isEmpty else { throw CryptoError(.invalidKey, "RSA modulus is zero") }
            guard !exponent.isEmpty else { throw CryptoError(.invalidKey, "RSA public exponent is zero") }
            // A product of two odd primes is odd; an even modulus is no RSA key, and would load and
            // then never verify anything (BoringSSL and Go refuse it too).
            guard let lowByte = modulus.last, lowByte & 1 == 1 else {
                throw CryptoError(.invalidKey, "RSA modulus is even")
            }
            let modulusNumber = try BigNumber(bytes: modulus)
            let exponentNumber = try BigNumber(bytes: exponent)
            let bitCount = modulusNumber.bitCount
            guard bitCount <= RSA.maximumKeySizeInBits else {
                throw CryptoError(.unsupportedKey, "RSA modulus over \(RSA.maximumKeySizeInBits) bits")
            }
            let exponentBelowModulus = modulusNumber.withPointer { n in
                exponentNumber.withPointer { e in BN_cmp(e, n) < 0 }
            }
            guard exponentBelowModulus else {
                throw CryptoError(.invalidKey, "RSA public exponent is not below the modulus")
            }
            // OpenSSL refuses exponents over 64 bits for moduli over 3072 bits; refuse them at load
            // so such a key fails loudly instead of never verifying.
            guard bitCount <= 3072 || exponentNumber.bitCount <= 64 else {
                throw CryptoError(.unsupportedKey, "RSA public exponent over 64 bits with a modulus over 3072 bits")
            }
            let key = try PKey.fromData(
                keyType: vk_keytype_rsa(),
                selection: vk_selection_public_key(),
                parameters: [.bigNumber(vk_param_rsa_n(), modulusNumber), .bigNumber(vk_param_rsa_e(), exponentNumber)]
            )
            var templates: [VerifyContextTemplate] = []
            for padding in [RSA.Padding.pkcs1v15, .pss] {
                for digest in Digest.allCases {
                    templates.append(
                        try VerifyContextTemplate(key: key) { RSA.configure($0, digest: digest, padding: padding) }
                    )
                }
            }
            self.key = key
            self.templates = templates
            self.modulus = modulus
            self.exponent = exponent
            self.bitCount = bitCount
            self.hasROCAFingerprint = ROCAFingerprint.matches(modulusNumber)
            self.subjectPublicKeyInfo = DERWriter.rsaPublicKeyInfo(modulus: modulus, exponent: exponent)
        }

        static func templateIndex(digest: Digest, padding: RSA.Padding) -> Int {
            (padding == .pkcs1v15 ? 0 : Digest.allCases.count) + digest.tableIndex
        }

        func verify(
            _ signature: UnsafeRawBufferPointer,
            message: UnsafeRawBufferPointer,
            digest: Digest,
            padding: RSA.Padding
        ) -> Bool {
            guard signature.count == modulus.count else { return false }
            return withUnsafeTemporaryAllocation(byteCount: 64, alignment: 1) { hash in
                guard MessageDigests.shared.hash(message, digest: digest, into: hash) else { return false }
                return templates[Self.templateIndex(digest: digest, padding: padding)].verify(
                    signature: signature,
                    digest: UnsafeRawBufferPointer(rebasing: hash[..<digest.byteCount])
                )
            }
        }
    }
}
