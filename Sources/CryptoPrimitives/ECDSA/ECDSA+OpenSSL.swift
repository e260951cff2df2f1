internal import CLibcrypto

extension ECDSA {
    /// An EC public key on a supported curve; the point is checked to lie on the curve.
    public struct PublicKey: Sendable {
        let storage: Storage

        /// From SubjectPublicKeyInfo DER (uncompressed or compressed point, named curve only), the
        /// one structure an EC public key has. A certificate is not read here (a DER reader takes
        /// key structures only); PEM's `CERTIFICATE` label says what it holds.
        ///
        /// - Throws: `invalid_key` for malformed DER or point encodings and for a private key or a
        ///   certificate; `unsupported_key` for a key of another type (PKCS#1 RSA included), other
        ///   curves or explicit curve parameters; `weak_key` for a point that is not on the curve.
        public init(derRepresentation: some Collection<UInt8>) throws(CryptoError) {
            let (curve, x, y) = try withContiguousBytes(derRepresentation) {
                (der) throws(CryptoError) -> (ECCurve, [UInt8], [UInt8]) in
                try KeyExpectation.ecPublicKey.check(der: der)
                guard let info = SubjectPublicKeyInfo(der: der) else {
                    throw CryptoError(.invalidKey, "not a DER SubjectPublicKeyInfo")
                }
                guard info.algorithm == NID_X9_62_id_ecPublicKey else {
                    throw CryptoError(.unsupportedKey, "the SubjectPublicKeyInfo does not hold an EC key")
                }
                guard let curveID = info.parameterOID else {
                    throw CryptoError(
                        .unsupportedKey,
                        "EC keys must name their curve (explicit parameters are refused)"
                    )
                }
                guard let curve = ECCurve(nid: curveID) else {
                    throw CryptoError(.unsupportedKey, "unsupported EC curve (only P-256, P-384 and P-521)")
                }
                let (x, y) = try ECDSA.affineCoordinates(of: info.keyBits, curve: curve)
                return (curve, x, y)
            }
            storage = try Storage(curve: curve, x: x, y: y)
        }

        /// From affine coordinates (JWK `x`, `y`), each exactly `curve.coordinateByteCount` bytes.
        ///
        /// - Throws: `invalid_key` for wrong lengths or coordinates not below the field prime,
        ///   `weak_key` for a point that is not on the curve.
        public init(curve: ECCurve, x: some Collection<UInt8>, y: some Collection<UInt8>) throws(CryptoError) {
            storage = try Storage(curve: curve, x: Array(x), y: Array(y))
        }

        init(storage: Storage) {
            self.storage = storage
        }

        /// The curve the point lies on, which also fixes the hash signatures are checked with (P-256: SHA-256, …).
        public var curve: ECCurve { storage.curve }
        /// Affine x, left-padded to the coordinate size.
        public var x: [UInt8] { storage.x }
        /// Affine y, left-padded to the coordinate size.
        public var y: [UInt8] { storage.y }
        /// SubjectPublicKeyInfo DER (uncompressed point, named curve).
        public var derRepresentation: [UInt8] { storage.subjectPublicKeyInfo }

        /// Verifies an r ‖ s signature with the curve's JWS hash. Wrong lengths → false.
        ///
        /// Both (r, s) and (r, n − s) verify, as RFC 7518 and Wycheproof expect: JWS does not ask
        /// for low-s signatures. Do not use a signature's bytes as a unique identifier of a token.
        public func isValidSignature(_ signature: some Collection<UInt8>, for message: some Collection<UInt8>) -> Bool {
            withContiguousBytes(signature) { signature in
                withContiguousBytes(message) { message in storage.verify(signature, message: message) }
            }
        }

        /// The same check on contiguous memory, without copying: the path the JWT verifier takes.
        public func isValidSignature(_ signature: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer) -> Bool {
            storage.verify(signature, message: message)
        }
    }

    /// An EC private key.
    public struct PrivateKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
        let key: PKey
        /// The key's curve, which also fixes the hash its signatures use (P-256: SHA-256, …).
        public let curve: ECCurve
        /// The public half.
        public let publicKey: PublicKey
        /// PKCS#8 DER.
        public let derRepresentation: [UInt8]

        // Without these, string interpolation and `dump` print `derRepresentation`, private scalar
        // included, in any log line that prints the key or a `CryptoKey` holding it.
        /// The curve only; the key is never printed.
        public var description: String { "ECDSA.PrivateKey(<redacted>, \(curve.rawValue))" }
        /// Same as ``description``.
        public var debugDescription: String { description }
        /// No children, so `dump` shows no key material.
        public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

        /// Generates a key on `curve`.
        public init(curve: ECCurve) throws(CryptoError) {
            let key = try PKey.generate(keyType: vk_keytype_ec()) { context in
                EVP_PKEY_CTX_set_group_name(context, curve.groupName) > 0
            }
            try self.init(key: key, checked: true)
        }

        /// From DER: PKCS#8 `PrivateKeyInfo` or SEC1 `ECPrivateKey` (which must name its curve).
        /// PKCS#8 may be RFC 5958 version 2 when the point inside is, byte for byte, this key's
        /// uncompressed point (as in its SubjectPublicKeyInfo).
        ///
        /// - Throws: `invalid_key` for malformed keys, a public point that does not match the
        ///   scalar (in SEC1 or in a PKCS#8 version 2 key), a public key or a certificate;
        ///   `unsupported_key` for a key of another type (PKCS#8 of another algorithm, PKCS#1 RSA),
        ///   other curves or explicit parameters, and for a version 2 key that carries its point
        ///   compressed.
        public init(derRepresentation: some Collection<UInt8>) throws(CryptoError) {
            if let key = try PKCS8Version2.key(
                from: derRepresentation,
                reading: { (version1) throws(CryptoError) in try ECDSA.PrivateKey(derRepresentation: version1) },
                publicKeyInfo: { $0.publicKey.derRepresentation },
                // SEC1 2.3.3: 02 for an even y, 03 for an odd one, then x.
                compressedPoint: { [2 | ($0.publicKey.y.last ?? 0) & 1] + $0.publicKey.x }
            ) {
                self = key
                return
            }
            var scalarLength = 0
            let key = try withContiguousBytes(derRepresentation) { (der) throws(CryptoError) -> PKey in
                guard let base = der.baseAddress?.assumingMemoryBound(to: UInt8.self), !der.isEmpty else {
                    throw CryptoError(.invalidKey, "empty EC private key")
                }
                try KeyExpectation.ecPrivateKey.check(der: der)
                if let info = PrivateKeyInfo(der: der) {
                    guard info.algorithm == NID_X9_62_id_ecPublicKey else {
                        throw CryptoError(.unsupportedKey, "the PKCS#8 key is not an EC key")
                    }
                    guard let curveID = info.parameterOID, let curve = ECCurve(nid: curveID) else {
                        throw CryptoError(.unsupportedKey, "EC key on an unsupported or explicit curve")
                    }
                    guard let fields = try info.withPrivateKeyOctets({ DERKeyStructure.ecPrivateKeyFields($0) })
                    else {
                        throw CryptoError(.invalidKey, "the PKCS#8 key does not hold a DER SEC1 ECPrivateKey")
                    }
                    // OpenSSL would take the inner curve over the outer one; a key names one curve.
                    if let inner = fields.parameters, inner != DERWriter.curveOID(curve) {
                        throw CryptoError(
                            .invalidKey,
                            "the SEC1 parameters inside the PKCS#8 key name another curve than its algorithm (\(curve.rawValue))"
                        )
                    }
                    scalarLength = fields.scalarLength
                    return try info.makeKey()
                }
                // The same strict DER as every other key structure (OpenSSL alone would take BER).
                guard let fields = DERKeyStructure.ecPrivateKeyFields(der) else {
                    throw CryptoError(.invalidKey, "neither PKCS#8 nor SEC1 EC private key DER")
                }
                scalarLength = fields.scalarLength
                var cursor: UnsafePointer<UInt8>? = UnsafePointer(base)
                guard let key = d2i_PrivateKey(EVP_PKEY_EC, nil, &cursor, der.count) else {
                    throw CryptoError.openSSL(.invalidKey, "neither PKCS#8 nor SEC1 EC private key DER")
                }
                let owned = PKey(taking: key)
                guard let cursor, cursor - UnsafePointer(base) == der.count else {
                    throw CryptoError(.invalidKey, "trailing bytes after the EC private key")
                }
                return owned
            }
            // RFC 5915: the scalar is written in exactly ⌈log2(n)/8⌉ octets. Shorter ones come from
            // older tools and read the same; a longer one (leading zeros) is another encoding.
            let curve = try ECDSA.namedCurve(of: key)
            guard scalarLength <= curve.coordinateByteCount else {
                throw CryptoError(
                    .invalidKey,
                    "the EC private scalar is longer than the curve's \(curve.coordinateByteCount) bytes"
                )
            }
            try self.init(key: key, checked: false)
        }

        /// From JWK components: private scalar `d` and the public point (checked to match `d`).
        /// Each must be exactly `curve.coordinateByteCount` bytes (RFC 7518 §6.2.2.1).
        public init(curve: ECCurve, d: [UInt8], x: [UInt8], y: [UInt8]) throws(CryptoError) {
            guard d.count == curve.coordinateByteCount else {
                throw CryptoError(.invalidKey, "EC private scalar must be \(curve.coordinateByteCount) bytes")
            }
            let publicKey = try PublicKey(curve: curve, x: x, y: y)
            let key = try PKey.fromData(
                keyType: vk_keytype_ec(),
                selection: vk_selection_keypair(),
                parameters: [
                    .string(vk_param_group_name(), curve.groupName),
                    .octets(vk_param_pub_key(), [4] + x + y),
                    .bigNumber(vk_param_priv_key(), try BigNumber(bytes: d)),
                ]
            )
            try self.init(key: key, checked: false, publicKey: publicKey)
        }

        private init(key: PKey, checked: Bool, publicKey: PublicKey? = nil) throws(CryptoError) {
            guard key.baseID == EVP_PKEY_EC else {
                throw CryptoError(.unsupportedKey, "not an EC key")
            }
            let curve = try ECDSA.namedCurve(of: key)
            // One-time check of an imported key: 0 < d < n, the point is valid, and it equals d·G.
            guard checked || key.passesConsistencyCheck() else {
                throw CryptoError(.invalidKey, "the EC private key does not match its public key")
            }
            self.key = key
            self.curve = curve
            if let publicKey {
                self.publicKey = publicKey
            } else {
                let size = curve.coordinateByteCount
                guard let x = try key.bigNumber(vk_param_ec_pub_x()).bytes(paddedTo: size),
                    let y = try key.bigNumber(vk_param_ec_pub_y()).bytes(paddedTo: size)
                else {
                    throw CryptoError(.invalidKey, "EC public point coordinates are too large")
                }
                self.publicKey = try PublicKey(curve: curve, x: x, y: y)
            }
            self.derRepresentation = try key.privateKeyInfoDER()
        }

        /// An r ‖ s signature with the curve's JWS hash.
        public func signature(for message: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
            let digest = curve.digest
            return try withContiguousBytes(message) { (message) throws(CryptoError) -> [UInt8] in
                try withUnsafeTemporaryAllocation(byteCount: 64, alignment: 1) {
                    (hash) throws(CryptoError) -> [UInt8] in
                    guard MessageDigests.shared.hash(message, digest: digest, into: hash) else {
                        throw CryptoError.openSSL(.libraryFailure, "hashing failed")
                    }
                    let der = try sign(hash: UnsafeRawBufferPointer(rebasing: hash[..<digest.byteCount]))
                    return try ECDSA.p1363(fromDER: der, curve: curve)
                }
            }
        }

        private func sign(hash: UnsafeRawBufferPointer) throws(CryptoError) -> [UInt8] {
            guard let context = key.withPointer({ EVP_PKEY_CTX_new_from_pkey(nil, $0, nil) }) else {
                throw CryptoError.openSSL(.libraryFailure, "cannot create a signing context")
            }
            defer { EVP_PKEY_CTX_free(context) }
            let hashBase = hash.baseAddress?.assumingMemoryBound(to: UInt8.self)
            var length = 0
            guard EVP_PKEY_sign_init(context) == 1,
                EVP_PKEY_CTX_set_signature_md(context, MessageDigests.shared[curve.digest]) > 0,
                EVP_PKEY_sign(context, nil, &length, hashBase, hash.count) == 1
            else {
                throw CryptoError.openSSL(.libraryFailure, "cannot set up ECDSA signing")
            }
            var output = [UInt8](repeating: 0, count: length)
            guard EVP_PKEY_sign(context, &output, &length, hashBase, hash.count) == 1 else {
                throw CryptoError.openSSL(.libraryFailure, "ECDSA signing failed")
            }
            output.removeLast(output.count - length)
            return output
        }
    }

    /// The supported named curve of an EC key; explicit parameters are refused even when they
    /// describe a named curve, so a key never silently changes its encoding.
    static func namedCurve(of key: PKey) throws(CryptoError) -> ECCurve {
        guard key.string(vk_param_ec_encoding()) == String(cString: vk_ec_encoding_named_curve()) else {
            throw CryptoError(.unsupportedKey, "EC keys must name their curve (explicit parameters are refused)")
        }
        guard let name = key.string(vk_param_group_name()) else {
            throw CryptoError(.unsupportedKey, "unsupported EC curve (only P-256, P-384 and P-521)")
        }
        guard let curve = ECCurve(groupName: name) else {
            throw CryptoError(
                .unsupportedKey,
                "unsupported EC curve \(PrintableText.quoted(name)) (only P-256, P-384 and P-521)"
            )
        }
        return curve
    }

    /// Fixed-length r ‖ s from OpenSSL's DER signature.
    static func p1363(fromDER der: [UInt8], curve: ECCurve) throws(CryptoError) -> [UInt8] {
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_ECDSA_SIG(nil, &cursor, buffer.count)
        }
        guard let parsed else {
            throw CryptoError.openSSL(.libraryFailure, "OpenSSL produced an unreadable signature")
        }
        defer { ECDSA_SIG_free(parsed) }
        let size = curve.coordinateByteCount
        var output = [UInt8](repeating: 0, count: 2 * size)
        let written = output.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let r = ECDSA_SIG_get0_r(parsed), let s = ECDSA_SIG_get0_s(parsed), let base = buffer.baseAddress
            else { return false }
            return BN_bn2binpad(r, base, Int32(size)) == size && BN_bn2binpad(s, base + size, Int32(size)) == size
        }
        guard written else {
            throw CryptoError.openSSL(.libraryFailure, "OpenSSL produced an oversized signature")
        }
        return output
    }

    /// The padded affine coordinates of an encoded point (uncompressed 04‖x‖y or compressed
    /// 02/03‖x) on `curve`.
    static func affineCoordinates(of point: [UInt8], curve: ECCurve) throws(CryptoError) -> ([UInt8], [UInt8]) {
        let size = curve.coordinateByteCount
        if point.count == 1 + 2 * size, point.first == 4 {
            return (Array(point[1...size]), Array(point[(1 + size)...]))
        }
        guard point.count == 1 + size, point.first == 2 || point.first == 3 else {
            throw CryptoError(.invalidKey, "EC public point has an invalid encoding")
        }
        guard let group = EC_GROUP_new_by_curve_name(curve.nid) else {
            throw CryptoError.openSSL(.libraryFailure, "cannot load the curve")
        }
        defer { EC_GROUP_free(group) }
        guard let decoded = EC_POINT_new(group) else {
            throw CryptoError.openSSL(.libraryFailure, "cannot allocate a point")
        }
        defer { EC_POINT_free(decoded) }
        // x must be a field element (invalid_key, as in a JWK) before "no point has this x" can
        // be the curve's answer (weak_key).
        let prime = try BigNumber()
        let xNumber = try BigNumber(bytes: point[1...])
        let reduced = prime.withPointer { p in
            xNumber.withPointer { x in EC_GROUP_get_curve(group, p, nil, nil, nil) == 1 && BN_cmp(x, p) < 0 }
        }
        guard reduced else {
            clearOpenSSLErrors()
            throw CryptoError(.invalidKey, "EC point's x is not reduced modulo the field prime")
        }
        let status = point.withUnsafeBufferPointer { EC_POINT_oct2point(group, decoded, $0.baseAddress, $0.count, nil) }
        guard status == 1 else {
            throw CryptoError.openSSL(.weakKey, "compressed EC point is not on the curve")
        }
        let x = try BigNumber()
        let y = try BigNumber()
        let found = x.withPointer { x in
            y.withPointer { y in EC_POINT_get_affine_coordinates(group, decoded, x, y, nil) }
        }
        guard found == 1, let xBytes = x.bytes(paddedTo: size), let yBytes = y.bytes(paddedTo: size) else {
            throw CryptoError.openSSL(.invalidKey, "EC point has no affine coordinates")
        }
        return (xBytes, yBytes)
    }

    /// Checks that (x, y) is a point of `curve`: coordinates of the JWK size and reduced modulo the
    /// field prime (`invalid_key`), and satisfying the curve equation (`weak_key`, the signature
    /// of an invalid-curve attack).
    static func validatePoint(curve: ECCurve, x: [UInt8], y: [UInt8]) throws(CryptoError) {
        let size = curve.coordinateByteCount
        guard x.count == size, y.count == size else {
            throw CryptoError(.invalidKey, "EC coordinates must be \(size) bytes each for \(curve.rawValue)")
        }
        guard let group = EC_GROUP_new_by_curve_name(curve.nid) else {
            throw CryptoError.openSSL(.libraryFailure, "cannot load the curve")
        }
        defer { EC_GROUP_free(group) }
        let prime = try BigNumber()
        let xNumber = try BigNumber(bytes: x)
        let yNumber = try BigNumber(bytes: y)
        let reduced = prime.withPointer { p in
            xNumber.withPointer { x in
                yNumber.withPointer { y in
                    EC_GROUP_get_curve(group, p, nil, nil, nil) == 1 && BN_cmp(x, p) < 0 && BN_cmp(y, p) < 0
                }
            }
        }
        guard reduced else {
            // A comparison, not a failed OpenSSL call: the queue holds no reason of ours, and a
            // stale entry left by other code on this thread must not be given as the cause.
            clearOpenSSLErrors()
            throw CryptoError(.invalidKey, "EC coordinate is not below the field prime")
        }
        guard let point = EC_POINT_new(group) else {
            throw CryptoError.openSSL(.libraryFailure, "cannot allocate a point")
        }
        defer { EC_POINT_free(point) }
        let onCurve = xNumber.withPointer { x in
            yNumber.withPointer { y in EC_POINT_set_affine_coordinates(group, point, x, y, nil) }
        }
        guard onCurve == 1 else {
            throw CryptoError.openSSL(.weakKey, "EC point is not on \(curve.rawValue)")
        }
    }
}

extension ECDSA.PublicKey {
    /// The parsed key, its verification template and cached encodings. Immutable after init;
    /// every member is `Sendable`.
    final class Storage: Sendable {
        let curve: ECCurve
        let x: [UInt8]
        let y: [UInt8]
        let key: PKey
        let template: VerifyContextTemplate
        let subjectPublicKeyInfo: [UInt8]

        init(curve: ECCurve, x: [UInt8], y: [UInt8]) throws(CryptoError) {
            try ECDSA.validatePoint(curve: curve, x: x, y: y)
            let key = try PKey.fromData(
                keyType: vk_keytype_ec(),
                selection: vk_selection_public_key(),
                parameters: [.string(vk_param_group_name(), curve.groupName), .octets(vk_param_pub_key(), [4] + x + y)]
            )
            let method = MessageDigests.shared[curve.digest]
            self.template = try VerifyContextTemplate(key: key) { EVP_PKEY_CTX_set_signature_md($0, method) > 0 }
            self.curve = curve
            self.x = x
            self.y = y
            self.key = key
            self.subjectPublicKeyInfo = DERWriter.ecPublicKeyInfo(curve: curve, x: x, y: y)
        }

        func verify(_ signature: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer) -> Bool {
            guard signature.count == 2 * curve.coordinateByteCount else { return false }
            let digest = curve.digest
            return withUnsafeTemporaryAllocation(byteCount: ECDSASignatureDER.maximumByteCount + 64, alignment: 1) {
                scratch in
                let derArea = UnsafeMutableRawBufferPointer(rebasing: scratch[..<ECDSASignatureDER.maximumByteCount])
                let hashArea = UnsafeMutableRawBufferPointer(rebasing: scratch[ECDSASignatureDER.maximumByteCount...])
                let derLength = ECDSASignatureDER.encode(p1363: signature, into: derArea)
                guard MessageDigests.shared.hash(message, digest: digest, into: hashArea) else { return false }
                return template.verify(
                    signature: UnsafeRawBufferPointer(rebasing: derArea[..<derLength]),
                    digest: UnsafeRawBufferPointer(rebasing: hashArea[..<digest.byteCount])
                )
            }
        }
    }
}
