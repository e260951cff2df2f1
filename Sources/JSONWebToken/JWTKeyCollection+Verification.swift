internal import Base64URL
internal import CryptoPrimitives
public import StrictJSON

extension JWTKeyCollection {
    // MARK: Public entry points

    /// Verifies a compact JWT and decodes its claims into `Claims`.
    ///
    /// Checks, in order: size, structure, `alg`/`crit`, the caller's algorithm allow-list, key
    /// selection by `kid` (a `kid` no key has is `key_not_found` before the keys' own algorithms
    /// are looked at), key policy, the signature, then the claims (types of registered
    /// claims, `exp`, `nbf`, `iat`, maximum age, `iss`, `aud`, `typ`, required claims), and finally
    /// decodes the payload into `Claims` with no second parse.
    ///
    /// - Parameters:
    ///   - token: the compact serialization, `header.payload.signature`.
    ///   - type: the claims type to decode the payload into.
    ///   - options: replaces ``options`` for this call — all of them, issuers, audiences and
    ///     required claims included, not only the ones you set. To change one setting, use
    ///     ``verify(_:as:adjustingOptions:)`` or start from the collection's own:
    ///     `var options = keys.options; options.clock = .fixed(now)`.
    @inlinable
    public func verify<Claims: Decodable>(
        _ token: some StringProtocol,
        as type: Claims.Type,
        options: JWTValidationOptions? = nil
    ) throws(JWTError) -> VerifiedJWT<Claims> {
        // Inlinable so that the caller's module specializes it for `Claims` (no per-call generic
        // metadata look-ups, measured ~4 k instructions); the verification itself is non-generic.
        // Its generic helpers are always inlined: where the caller cannot specialize (code generic
        // over the claims type, in another module) each separate function looked `Optional<Claims>`
        // up again, ~500 instructions apiece (HS256: 27.4 k → 25.5 k instructions per token).
        var claims: Claims?
        let verified = try JWTTokenBytes.with(token, maxTokenBytes: (options ?? self.options).maxTokenBytes) {
            (bytes) throws(JWTError) in
            try verifiedParts(bytes, as: type, options: options, claims: &claims)
        }
        return VerifiedJWT(verified, claims: claims.take())
    }

    /// Verifies a compact JWT with the collection's ``options`` changed for this call only: the
    /// safe way to set one option (a test clock, an extra required claim) without dropping the
    /// others, which passing a fresh `options:` value does.
    ///
    /// ```swift
    /// let verified = try keys.verify(token, as: Claims.self) { $0.clock = .fixed(now) }
    /// ```
    ///
    /// - Parameters:
    ///   - token: the compact serialization, `header.payload.signature`.
    ///   - type: the claims type to decode the payload into.
    ///   - adjust: changes a copy of ``options``; the collection's own stay as they are.
    @inlinable
    public func verify<Claims: Decodable>(
        _ token: some StringProtocol,
        as type: Claims.Type,
        adjustingOptions adjust: (inout JWTValidationOptions) -> Void
    ) throws(JWTError) -> VerifiedJWT<Claims> {
        var options = self.options
        adjust(&options)
        return try verify(token, as: type, options: options)
    }

    /// Verifies a compact JWT given as UTF-8 bytes (for example straight from a request buffer).
    @inlinable
    public func verify<Claims: Decodable>(
        utf8 token: some Collection<UInt8>,
        as type: Claims.Type,
        options: JWTValidationOptions? = nil
    ) throws(JWTError) -> VerifiedJWT<Claims> {
        var claims: Claims?
        let verified = try JWTTokenBytes.with(bytes: token, maxTokenBytes: (options ?? self.options).maxTokenBytes) {
            (bytes) throws(JWTError) in
            try verifiedParts(bytes, as: type, options: options, claims: &claims)
        }
        return VerifiedJWT(verified, claims: claims.take())
    }

    /// Verifies a compact JWT given as UTF-8 bytes and returns its registered claims (plus the
    /// whole payload as JSON), as ``verify(_:options:)`` does for text.
    public func verify(
        utf8 token: some Collection<UInt8>,
        options: JWTValidationOptions? = nil
    ) throws(JWTError) -> VerifiedJWT<JWTClaims> {
        try verify(utf8: token, as: JWTClaims.self, options: options)
    }

    /// Verifies a compact JWT and returns its registered claims (plus the whole payload as JSON).
    public func verify(
        _ token: some StringProtocol,
        options: JWTValidationOptions? = nil
    ) throws(JWTError) -> VerifiedJWT<JWTClaims> {
        try verify(token, as: JWTClaims.self, options: options)
    }

    /// Verifies a compact JWT and returns its registered claims, with the collection's ``options``
    /// changed for this call only (see ``verify(_:as:adjustingOptions:)``).
    ///
    /// ```swift
    /// let subject = try keys.verify(token) { $0.leeway = 30 }.claims.subject
    /// ```
    ///
    /// - Parameters:
    ///   - token: the compact serialization, `header.payload.signature`.
    ///   - adjust: changes a copy of ``options``; the collection's own stay as they are.
    public func verify(
        _ token: some StringProtocol,
        adjustingOptions adjust: (inout JWTValidationOptions) -> Void
    ) throws(JWTError) -> VerifiedJWT<JWTClaims> {
        try verify(token, as: JWTClaims.self, adjustingOptions: adjust)
    }

    /// Verifies a compact JWS whose payload is not a JWT claims set: checks everything up to and
    /// including the signature, and the `typ` header if expected, but no claims.
    public func verifyRawPayload(
        _ token: some StringProtocol,
        options: JWTValidationOptions? = nil
    ) throws(JWTError) -> VerifiedJWS {
        let options = options ?? self.options
        return try JWTTokenBytes.with(token, maxTokenBytes: options.maxTokenBytes) { (bytes) throws(JWTError) in
            try verifiedRawPayload(bytes, options: options)
        }
    }

    /// ``verifyRawPayload(_:options:)`` for a token given as UTF-8 bytes (for example a line read
    /// from a file, which may hold bytes that are not UTF-8: errors name them as they are).
    public func verifyRawPayload(
        utf8 token: some Collection<UInt8>,
        options: JWTValidationOptions? = nil
    ) throws(JWTError) -> VerifiedJWS {
        let options = options ?? self.options
        return try JWTTokenBytes.with(bytes: token, maxTokenBytes: options.maxTokenBytes) {
            (bytes) throws(JWTError) in try verifiedRawPayload(bytes, options: options)
        }
    }

    private func verifiedRawPayload(
        _ bytes: UnsafeBufferPointer<UInt8>,
        options: JWTValidationOptions
    ) throws(JWTError) -> VerifiedJWS {
        let checked = try verifySignature(bytes, detachedPayload: nil, options: options)
        try Self.checkType(checked.type, options: options)
        let payload = try JWTCompactParts.withDecoded(checked.parts.payload(bytes), name: "payload") {
            (decoded) throws(JWTError) in Array(decoded)
        }
        return VerifiedJWS(
            header: try Self.header(checked, bytes),
            algorithm: checked.algorithm,
            payload: payload,
            keyID: entries[checked.entryIndex].keyID
        )
    }

    /// Verifies a compact JWS with a detached payload (empty middle segment), as in RFC 7515
    /// Appendix F, or with an unencoded payload (`"b64": false`, listed in `crit`) per RFC 7797.
    ///
    /// An unencoded payload is taken detached only: a token that carries one in its payload
    /// segment is `unsupported_critical_header` from `verify` and `verifyRawPayload`; here, where the
    /// payload is passed, a token with any payload segment is `malformed`, whatever its `b64`.
    ///
    /// No claims are checked: `payload` is whatever the caller signed over.
    public func verifyDetached(
        _ token: some StringProtocol,
        payload: some Collection<UInt8>,
        options: JWTValidationOptions? = nil
    ) throws(JWTError) -> VerifiedJWS {
        let options = options ?? self.options
        let payloadBytes = Array(payload)
        return try JWTTokenBytes.with(token, maxTokenBytes: options.maxTokenBytes) { (bytes) throws(JWTError) in
            let result: Result<SignatureCheck, JWTError> = payloadBytes.withUnsafeBufferPointer { detached in
                do throws(JWTError) {
                    return .success(try verifySignature(bytes, detachedPayload: detached, options: options))
                } catch {
                    return .failure(error)
                }
            }
            let checked = try result.get()
            try Self.checkType(checked.type, options: options)
            return VerifiedJWS(
                header: try Self.header(checked, bytes),
                algorithm: checked.algorithm,
                payload: payloadBytes,
                keyID: entries[checked.entryIndex].keyID
            )
        }
    }

    /// Splits and decodes a token **without verifying anything**. For display and debugging only:
    /// never make a decision on its contents.
    public static func unverifiedDecode(
        _ token: some StringProtocol,
        maxTokenBytes: Int = 64 * 1024
    ) throws(JWTError) -> UnverifiedJWT {
        try JWTTokenBytes.with(token, maxTokenBytes: maxTokenBytes) { (bytes) throws(JWTError) in
            try unverifiedDecoded(bytes, maxTokenBytes: maxTokenBytes)
        }
    }

    /// ``unverifiedDecode(_:maxTokenBytes:)`` for a token given as UTF-8 bytes. **Verifies
    /// nothing.**
    public static func unverifiedDecode(
        utf8 token: some Collection<UInt8>,
        maxTokenBytes: Int = 64 * 1024
    ) throws(JWTError) -> UnverifiedJWT {
        try JWTTokenBytes.with(bytes: token, maxTokenBytes: maxTokenBytes) { (bytes) throws(JWTError) in
            try unverifiedDecoded(bytes, maxTokenBytes: maxTokenBytes)
        }
    }

    private static func unverifiedDecoded(
        _ bytes: UnsafeBufferPointer<UInt8>,
        maxTokenBytes: Int
    ) throws(JWTError) -> UnverifiedJWT {
        try JWTTokenBytes.checkSize(bytes.count, limit: maxTokenBytes)
        let parts = try JWTCompactParts(bytes)
        let headerObject = try JWTCompactParts.withDecoded(parts.header(bytes), name: "header") {
            (decoded) throws(JWTError) in
            try JWTCompactParts.parseObject(decoded, maxDepth: 32, name: "header")
        }
        var header = try JWTHeader(parsed: headerObject)
        if case .string(let name)? = headerObject["alg"] { header.algorithm = SignatureAlgorithm(rawValue: name) }
        if case .array(let names)? = headerObject["crit"] {
            header.critical = names.compactMap { if case .string(let s) = $0 { s } else { nil } }
        }
        let payload = try JWTCompactParts.withDecoded(parts.payload(bytes), name: "payload") {
            (decoded) throws(JWTError) in Array(decoded)
        }
        let signature = try JWTCompactParts.withDecoded(parts.signature(bytes), name: "signature") {
            (decoded) throws(JWTError) in Array(decoded)
        }
        var claims: JSONObject?
        if case .object(let object)? = try? JSONParser().parse(payload) { claims = object }
        return UnverifiedJWT(header: header, payload: payload, claims: claims, signature: signature)
    }

    // MARK: Core

    /// What the signature stage established: the token's parts, its `alg`, its `typ` (read when
    /// the options check it or the header may be remembered), the index of the key that verified
    /// it, and the remembered header it carried, if any (its JSON spares a second decode).
    ///
    /// A tuple rather than a struct: `verifyClaims` takes it apart with moves, where a struct's
    /// fields were copied out (each string retained) and the struct then destroyed through its
    /// value witness, on every token.
    typealias SignatureCheck = (
        parts: JWTCompactParts,
        algorithm: SignatureAlgorithm,
        type: String?,
        entryIndex: Int,
        memo: JWTHeaderMemos.Memo?
    )

    /// What verification reads from the protected header (see ``JWTHeaderScan``).
    struct HeaderReading: Sendable {
        let algorithm: SignatureAlgorithm
        let keyID: String?
        let type: String?
        let base64URLEncodesPayload: Bool?
        let hasCritical: Bool
        /// No member value is an object or array (such headers may be remembered).
        let isFlat: Bool
    }

    /// The header of a verified token, built for results that carry it.
    static func header(_ checked: SignatureCheck, _ token: UnsafeBufferPointer<UInt8>) throws(JWTError) -> JWTHeader {
        let json: [UInt8]
        if let remembered = checked.memo?.json {
            json = remembered
        } else {
            json = try JWTCompactParts.withDecoded(checked.parts.header(token), name: "header") {
                (decoded) throws(JWTError) in Array(decoded)
            }
        }
        return JWTHeader.reparse(json) ?? JWTHeader(algorithm: checked.algorithm, type: nil)
    }

    /// Rules 1–8 on contiguous token bytes. `decodeClaims` runs on the validated payload's tape
    /// (the only generic step, kept out of this function), after every claim check passed.
    ///
    /// The header and payload JSON are decoded straight into the result's buffer (the header a
    /// second time: cheaper than a second allocation), and the payload is parsed there.
    ///
    /// The closures here capture single values, never `self` or `options` as a whole where
    /// avoidable: a captured struct is copied (every reference in it retained) per closure level.
    @usableFromInline
    func verifyClaims(
        _ bytes: UnsafeBufferPointer<UInt8>,
        options: JWTValidationOptions,
        buildsRegisteredClaims: Bool,
        decodeClaims: (JSONTape) -> JWTError?
    ) throws(JWTError) -> VerifiedParts {
        // Taken apart, so that each field moves out (see `SignatureCheck`).
        let (parts, algorithm, type, entryIndex, memo) = try verifySignature(
            bytes,
            detachedPayload: nil,
            options: options
        )
        let headerSegment = parts.header(bytes)
        let payloadSegment = parts.payload(bytes)
        let headerCount = try JWTCompactParts.decodedLength(headerSegment, name: "header")
        let payloadCount = try JWTCompactParts.decodedLength(payloadSegment, name: "payload")
        let maxDepth = options.maxClaimsDepth
        let result = VerifiedParts(
            algorithm: algorithm,
            keyID: entries[entryIndex].keyID,
            headerCount: headerCount,
            payloadCount: payloadCount
        )
        // No `Result<JWTClaims?, JWTError>` and no local `JWTClaims?`: both were copied or destroyed
        // through generic value witnesses (~200 instructions per token); the registered claims go
        // straight into the result.
        var failure: JWTError?
        result.withBytes { headerPart, payloadPart in
            do throws(JWTError) {
                // Through the memo, not a `memo?.json` local: that copied the array (retained it)
                // for the closure.
                if let memo, memo.json.count == headerPart.count {
                    memo.json.withUnsafeBufferPointer { json in
                        _ = headerPart.initialize(fromContentsOf: json)
                    }
                } else {
                    _ = try JWTCompactParts.decode(headerSegment, into: headerPart, name: "header")
                }
                _ = try JWTCompactParts.decode(payloadSegment, into: payloadPart, name: "payload")
                let payload = UnsafeBufferPointer(payloadPart)
                try JWTCompactParts.withObjectTape(payload, maxDepth: maxDepth, name: "payload") {
                    (tape) throws(JWTError) in
                    try Self.checkPayload(
                        tape,
                        type: type,
                        options: options,
                        buildsRegisteredClaims: buildsRegisteredClaims,
                        into: result,
                        decodeClaims: decodeClaims
                    )
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return result
    }

    /// Rule 8 on the payload's tape, then the caller's decoding: registered claim types and
    /// checks, required claims, and only then the claims type (whose error is reported last).
    /// The registered claims go into `result` when `buildsRegisteredClaims`.
    private static func checkPayload(
        _ tape: JSONTape,
        type: String?,
        options: JWTValidationOptions,
        buildsRegisteredClaims: Bool,
        into result: VerifiedParts,
        decodeClaims: (JSONTape) -> JWTError?
    ) throws(JWTError) {
        if buildsRegisteredClaims {
            let claims = try JWTClaimsValidator.registeredClaims(tape)
            try JWTClaimsValidator.validate(claims, type: type, options: options)
            result.setBuiltRegisteredClaims(claims)
        } else {
            try JWTClaimsValidator.validate(tape, type: type, options: options)
        }
        // Tested first: iterating even an empty list retained and released it on every token.
        if !options.requiredClaims.isEmpty {
            for name in options.requiredClaims where !hasMember(exactly: name, tape) {
                throw JWTError(.invalidClaim, "\(name): required claim is missing")
            }
        }
        if let error = decodeClaims(tape) { throw error }
    }

    /// Whether the payload object has a member named exactly `name`, code point for code point
    /// (RFC 7519 §7.3). `JSONTape.member` uses Swift's canonical equivalence, which would let
    /// "\u212A" (KELVIN SIGN) stand for a required "K".
    private static func hasMember(exactly name: String, _ tape: JSONTape) -> Bool {
        let end = Int(tape[tape.root].b)
        var index = tape.root + 1
        while index < end {
            // Names without escapes or non-ASCII bytes (flags 0) are their raw bytes.
            let found =
                tape[index].flags == 0
                ? tape.rawBytes(index).elementsEqual(name.utf8) : tape.string(at: index).isExactly(name)
            if found { return true }
            index = tape.next(after: index + 1)
        }
        return false
    }

    /// Rules 1–8 into the caller's claims type (for callers that already hold contiguous bytes);
    /// `nil` options mean the collection's own.
    @inlinable
    func verifyClaims<Claims: Decodable>(
        _ bytes: UnsafeBufferPointer<UInt8>,
        as type: Claims.Type,
        options: JWTValidationOptions?
    ) throws(JWTError) -> VerifiedJWT<Claims> {
        var claims: Claims?
        let verified = try verifiedParts(bytes, as: type, options: options, claims: &claims)
        return VerifiedJWT(verified, claims: claims.take())
    }

    /// The one body of every typed entry point: rules 1–8, with the claims decoded into `claims`.
    ///
    /// Inlinable so that the caller's module specializes it for `Claims`; the verification itself
    /// (``verifyClaims(_:options:buildsRegisteredClaims:decodeClaims:)``) is non-generic. Returns
    /// the non-generic parts (one reference) rather than the `VerifiedJWT`, which closures would copy.
    @inlinable @inline(__always)
    func verifiedParts<Claims: Decodable>(
        _ bytes: UnsafeBufferPointer<UInt8>,
        as type: Claims.Type,
        options: JWTValidationOptions?,
        claims: inout Claims?
    ) throws(JWTError) -> VerifiedParts {
        let buildsRegisteredClaims = Claims.self == JWTClaims.self
        // Branches rather than `options ?? self.options`, which would copy the options; the
        // state's options are a constant of a class, passed on without a copy.
        if let options {
            let parts = try verifyClaims(bytes, options: options, buildsRegisteredClaims: buildsRegisteredClaims) {
                (tape) -> JWTError? in Self.decodeClaims(type, tape, into: &claims)
            }
            try JWTValidationContext.runRules(of: claims, parts: parts, options: options, memo: state.rulesMemo)
            return parts
        }
        let options = state.options
        let parts = try verifyClaims(bytes, options: options, buildsRegisteredClaims: buildsRegisteredClaims) {
            (tape) -> JWTError? in Self.decodeClaims(type, tape, into: &claims)
        }
        try JWTValidationContext.runRules(of: claims, parts: parts, options: options, memo: state.rulesMemo)
        return parts
    }

    /// Decodes the caller's claims type from the payload's tape into `claims` (left `nil` for
    /// ``JWTClaims``, which the validator has already built); returns the error instead of throwing.
    ///
    /// Inlinable so that it is specialized for `Claims` where `verify` is: unspecialized, it looked
    /// up `Optional<Claims>` metadata on every call.
    @inlinable @inline(__always)
    static func decodeClaims<Claims: Decodable>(
        _ type: Claims.Type,
        _ tape: JSONTape,
        into claims: inout Claims?
    ) -> JWTError? {
        if Claims.self == JWTClaims.self { return nil }
        do {
            claims = try JSONTapeDecoder.decode(Claims.self, from: tape, at: 0)  // the root
            return nil
        } catch {
            return JWTClaimsDecodingFailure.error(decoding: Claims.self, error, prefix: "the claims do not decode as")
        }
    }

    /// Rules 1–7: size, structure, alg/crit, allow-list, key selection, policy, signature.
    func verifySignature(
        _ token: UnsafeBufferPointer<UInt8>,
        detachedPayload: UnsafeBufferPointer<UInt8>?,
        options: JWTValidationOptions
    ) throws(JWTError) -> SignatureCheck {
        // 1. Size, before any decoding.
        try JWTTokenBytes.checkSize(token.count, limit: options.maxTokenBytes)
        // 2. Structure: three segments, strict base64url, header a strict JSON object; 3. alg and
        // crit, read from the header's tape.
        let parts = try JWTCompactParts(token)
        let maxHeaderDepth = options.maxHeaderDepth
        let headerSegment = parts.header(token)
        let memos = state.headerMemos
        // A remembered header passed every check below once, on these very bytes; flat, it
        // parses under any depth limit of at least 1.
        let memo = maxHeaderDepth >= 1 ? memos.memo(for: headerSegment) : nil
        // The reading's fields as separate locals, not a `HeaderReading`: copying the struct out of
        // the memo (and destroying it) went through its outlined value witnesses on every token.
        let algorithm: SignatureAlgorithm
        let keyID: String?
        let type: String?
        let base64URLEncodesPayload: Bool?
        let hasCritical: Bool
        let isFlat: Bool
        let entryIndex: Int
        // An unencoded payload (b64:false) in the payload segment is not base64url by design: its
        // refusal below must not turn into a base64url error by the structure check in `catch`.
        var payloadSegmentIsEncoded = true
        do throws(JWTError) {
            if let memo {
                algorithm = memo.reading.algorithm
                keyID = memo.reading.keyID
                type = memo.reading.type
                base64URLEncodesPayload = memo.reading.base64URLEncodesPayload
                hasCritical = memo.reading.hasCritical
                isFlat = memo.reading.isFlat
            } else {
                let readsType = options.type != nil || memos.hasRoom
                let header = try JWTCompactParts.withDecoded(headerSegment, name: "header") {
                    (decoded) throws(JWTError) in
                    try JWTCompactParts.withObjectTape(decoded, maxDepth: maxHeaderDepth, name: "header") {
                        (tape) throws(JWTError) in
                        let scan = try JWTHeaderScan(tape)
                        return HeaderReading(
                            algorithm: scan.algorithm,
                            keyID: scan.keyID(in: tape),
                            type: readsType ? scan.type(in: tape) : nil,
                            base64URLEncodesPayload: scan.base64URLEncodesPayload,
                            hasCritical: scan.hasCritical,
                            // Only with `typ` read may the header be remembered.
                            isFlat: readsType && tape.isFlatObject(at: tape.root)
                        )
                    }
                }
                algorithm = header.algorithm
                keyID = header.keyID
                type = header.type
                base64URLEncodesPayload = header.base64URLEncodesPayload
                hasCritical = header.hasCritical
                isFlat = header.isFlat
            }
            let unencoded = base64URLEncodesPayload == false
            if unencoded { payloadSegmentIsEncoded = false }
            // Having passed the scan, a present crit lists exactly the understood names: "b64".
            if base64URLEncodesPayload != nil, !hasCritical {
                throw JWTError(.unsupportedCriticalHeader, "b64 must be listed in crit (RFC 7797 §6)")
            }
            if unencoded, detachedPayload == nil {
                // RFC 7797 §5.2 lets an application carry the unencoded payload inline, but its bytes
                // then end at the first '.', so this library takes unencoded payloads detached only.
                throw JWTError(
                    .unsupportedCriticalHeader,
                    parts.secondDot == parts.firstDot + 1
                        ? "b64:false (RFC 7797) needs the payload supplied by the caller as a detached payload"
                        : "b64:false (RFC 7797) with the payload inside the token is not supported; "
                            + "send it detached (empty payload segment) and verify with verifyDetached"
                )
            }
            if detachedPayload != nil, parts.secondDot != parts.firstDot + 1 {
                throw JWTError(.malformed, "a detached payload was supplied but the token carries a payload segment")
            }

            // 4. Caller's allow-list (the per-key list is applied during key selection).
            if let allowed = options.allowedAlgorithms, !allowed.contains(algorithm) {
                throw JWTError(.algorithmNotAllowed, "alg \(algorithm) is not in the allowed algorithms")
            }

            // 5–7. Key selection, policy, signature. (Closures capture the key list and an Int, not
            // `self` and `options`; see `verifyClaims`.)
            let entries = self.entries
            let maxAttempts = options.maxKeyAttempts
            let signatureSegment = parts.signature(token)
            entryIndex = try JWTCompactParts.withDecoded(signatureSegment, name: "signature") {
                (signature) throws(JWTError) in
                if let detachedPayload {
                    var input = Array(parts.header(token))
                    input.append(UInt8(ascii: "."))
                    if unencoded {
                        input.append(contentsOf: detachedPayload)
                    } else {
                        input.append(contentsOf: Base64URL.encodeToBytes(detachedPayload))
                    }
                    let result: Result<Int, JWTError> = input.withUnsafeBytes { message in
                        do throws(JWTError) {
                            return .success(
                                try Self.selectAndVerify(
                                    UnsafeRawBufferPointer(signature),
                                    message,
                                    algorithm: algorithm,
                                    keyID: keyID,
                                    entries: entries,
                                    maxKeyAttempts: maxAttempts
                                )
                            )
                        } catch {
                            return .failure(error)
                        }
                    }
                    return try result.get()
                }
                return try Self.selectAndVerify(
                    UnsafeRawBufferPointer(signature),
                    parts.signingInput(token),
                    algorithm: algorithm,
                    keyID: keyID,
                    entries: entries,
                    maxKeyAttempts: maxAttempts
                )
            }
        } catch {
            // Rule 2 covers every segment, but the payload is decoded only once the signature is
            // good (straight into the result) and the signature during key selection: a token
            // that fails a later rule (3–7, header's own included) is first checked for a
            // structure error, so the error code never depends on which segment was read first.
            if error.code != .malformed {
                try Self.checkSegmentEncoding(
                    parts,
                    token,
                    hasPayloadSegment: detachedPayload == nil && payloadSegmentIsEncoded
                )
            }
            if error.code == .badSignature, let hint = Self.badSignatureHint(header: headerSegment) {
                throw JWTError(.badSignature, error.message + hint)
            }
            throw error
        }
        // Only headers read in full (with `typ`) are remembered; see `readsType` above.
        if memo == nil, isFlat, memos.hasRoom, let json = try? Base64URL.decode(utf8: headerSegment) {
            let reading = HeaderReading(
                algorithm: algorithm,
                keyID: keyID,
                type: type,
                base64URLEncodesPayload: base64URLEncodesPayload,
                hasCritical: hasCritical,
                isFlat: isFlat
            )
            memos.remember(segment: headerSegment, json: json, reading: reading)
        }
        return (parts: parts, algorithm: algorithm, type: type, entryIndex: entryIndex, memo: memo)
    }

    /// Throws `malformed` when the payload or signature segment is not strict base64url (only on
    /// the failure path: on success both are decoded anyway).
    static func checkSegmentEncoding(
        _ parts: JWTCompactParts,
        _ token: UnsafeBufferPointer<UInt8>,
        hasPayloadSegment: Bool
    ) throws(JWTError) {
        if hasPayloadSegment {
            try JWTCompactParts.withDecoded(parts.payload(token), name: "payload") { _ in }
        }
        try JWTCompactParts.withDecoded(parts.signature(token), name: "signature") { _ in }
    }

    /// Tries the keys that fit the token's `kid` and algorithm (a bounded number of them) and
    /// returns the index of the key that verified the signature.
    static func selectAndVerify(
        _ signature: UnsafeRawBufferPointer,
        _ message: UnsafeRawBufferPointer,
        algorithm: SignatureAlgorithm,
        keyID: String?,
        entries: [Entry],
        maxKeyAttempts: Int
    ) throws(JWTError) -> Int {
        var kidMatched = false
        var algorithmMatched = false
        var attempts = 0
        var moreCandidates = false
        let maxAttempts = max(1, maxKeyAttempts)
        // Where the first failure happened, not the error itself: a `JWTError?` carried through the
        // loop cost about a hundred instructions of copies per token on the success path. The error
        // is rebuilt from this after the loop, on the failure path only.
        var firstFailure: (entry: Int, algorithmIndex: Int, kind: FailedAttempt)?
        // With a kid: keys carrying that kid first, then keys without a kid. Without: every key.
        let passes = keyID == nil ? 1 : 2
        for pass in 0..<passes {
            for index in entries.indices {
                let entry = entries[index]
                if let keyID {
                    guard pass == 0 ? entry.keyID.isExactly(keyID) : entry.keyID == nil else { continue }
                }
                kidMatched = true
                guard let algorithmIndex = entry.algorithms.firstIndex(of: algorithm) else { continue }
                algorithmMatched = true
                // A pattern, not `!= nil`: that copied and destroyed the `CryptoError?` through
                // outlined value operations on every token. A key the policy refuses is not tried,
                // so it takes no attempt: weak members ahead of the signing key in a key set would
                // otherwise use up the budget and a good token would be refused as `weak_key`.
                if case .some = entry.policyErrors[algorithmIndex] {
                    if firstFailure == nil { firstFailure = (index, algorithmIndex, .refusedByPolicy) }
                    continue
                }
                guard attempts < maxAttempts else {
                    moreCandidates = true
                    break
                }
                attempts += 1
                do {
                    if try entry.isValidSignature(signature, for: message, algorithm: algorithm) {
                        return index
                    }
                    if firstFailure == nil { firstFailure = (index, algorithmIndex, .signatureRejected) }
                } catch {
                    if firstFailure == nil { firstFailure = (index, algorithmIndex, .checkFailed) }
                }
            }
        }
        guard kidMatched else {
            if let keyID {
                throw JWTError(.keyNotFound, "no key has kid \(Self.printable(keyID))")
            }
            throw JWTError(.keyNotFound, "the key collection is empty")
        }
        guard algorithmMatched else {
            throw JWTError(.algorithmNotAllowed, "alg \(algorithm) is not allowed for the selected key")
        }
        // A good key left untried looks like a forgery unless the message says keys were left.
        let badSignature = JWTError(
            .badSignature,
            Self.ecdsaLengthMessage(signature, algorithm: algorithm)
                ?? (moreCandidates
                    ? "the signature does not verify with the first \(maxAttempts) candidate keys; more keys match "
                        + "but maxKeyAttempts is \(maxAttempts) (give tokens a kid, or raise the limit)"
                    : "the signature does not verify")
        )
        guard let firstFailure else { throw badSignature }
        let entry = entries[firstFailure.entry]
        switch firstFailure.kind {
        case .signatureRejected:
            throw badSignature
        case .refusedByPolicy:
            guard let policyError = entry.policyErrors[firstFailure.algorithmIndex] else { throw badSignature }
            throw Self.mapKeyError(policyError, entry: entry)
        case .checkFailed:
            // Checks throw before any cryptography (an algorithm the key cannot serve), so asking
            // again for the error costs no second verification.
            do {
                _ = try entry.isValidSignature(signature, for: message, algorithm: algorithm)
            } catch {
                throw Self.mapSignatureError(error)
            }
            throw badSignature
        }
    }

    /// For an ECDSA signature of another length than r ‖ s (RFC 7518 §3.4), which no key can verify:
    /// the message names both lengths, and a DER `SEQUENCE` (what OpenSSL and most ECDSA libraries
    /// produce, the usual mistake) as such. `nil` for any other signature. Failure path only.
    static func ecdsaLengthMessage(_ signature: UnsafeRawBufferPointer, algorithm: SignatureAlgorithm) -> String? {
        guard let curve = algorithm.curve else { return nil }
        let expected = 2 * curve.coordinateByteCount
        let count = signature.count
        guard count != expected else { return nil }
        // SEQUENCE with a definite length covering the rest: short form, or one length byte (0x81).
        let shortForm = count >= 2 && Int(signature[1]) == count - 2
        let oneLengthByte = count >= 3 && signature[1] == 0x81 && Int(signature[2]) == count - 3
        let isSequence = count >= 2 && signature[0] == 0x30 && (shortForm || oneLengthByte)
        return "the signature does not verify: it is \(count) bytes, and an \(algorithm) signature is r ‖ s in "
            + "\(expected) bytes (RFC 7518 §3.4)" + (isSequence ? "; this one looks DER-encoded" : "")
    }

    /// How the first unsuccessful key attempt of a token ended.
    enum FailedAttempt {
        case refusedByPolicy
        case signatureRejected
        case checkFailed
    }

    // MARK: Header rules

    static func checkType(_ type: String?, options: JWTValidationOptions) throws(JWTError) {
        guard let expected = options.type else { return }
        guard let actual = type else {
            throw JWTError(.invalidType, "typ: the header has no typ; expected \(expected)")
        }
        guard normalizedMediaType(actual) == normalizedMediaType(expected) else {
            throw JWTError(.invalidType, "typ: \(Self.printable(actual)) is not \(expected)")
        }
    }

    /// UTF-8 bytes with ASCII letters lower-cased, without an `application/` prefix when the rest
    /// has no `/` (RFC 7515 §4.1.9).
    ///
    /// Media type names are ASCII and compare case-insensitively only in ASCII (RFC 6838 §4.2):
    /// `String.lowercased()` would fold the Kelvin sign U+212A to "k" and let "\u{212A}JWT" pass
    /// for "kjwt". Everything else compares byte for byte, like the other exact comparisons.
    static func normalizedMediaType(_ value: String) -> [UInt8] {
        var bytes = value.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let prefix = "application/".utf8
        if bytes.starts(with: prefix), !bytes.dropFirst(prefix.count).contains(UInt8(ascii: "/")) {
            bytes.removeFirst(prefix.count)
        }
        return bytes
    }

    /// Echoes attacker-chosen text into messages only in a short, quoted form.
    static func printable(_ text: String) -> String { PrintableText.quoted(text) }

    static func mapKeyError(_ error: CryptoError, entry: Entry) -> JWTError {
        let name = entry.keyID.map { "key \(printable($0))" } ?? "the key"
        switch error.code {
        case .algorithmMismatch:
            return JWTError(.algorithmNotAllowed, "\(name) cannot be used with this alg: \(error.reason)")
        default:
            return JWTError(.weakKey, "\(name) is refused by the key policy: \(error.reason)")
        }
    }

    static func mapSignatureError(_ error: CryptoError) -> JWTError {
        switch error.code {
        case .algorithmMismatch:
            return JWTError(.algorithmNotAllowed, "the key cannot be used with this alg: \(error.reason)")
        case .weakKey:
            return JWTError(.weakKey, error.reason)
        default:
            return JWTError(.badSignature, "the signature does not verify (\(error.code.rawValue))")
        }
    }
}
