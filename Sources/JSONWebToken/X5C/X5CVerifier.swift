internal import Base64URL
public import CryptoPrimitives
internal import StrictJSON

/// Verifies tokens that carry their signing key's certificate chain in the `x5c` header
/// (RFC 7515 §4.1.6), trusting only chains that lead to certificates you chose: Apple's App
/// Store Server notifications and transactions, for example, are ES256 tokens signed this way.
///
/// ```swift
/// let roots = try X509TrustStore(pemBundle: try String(contentsOfFile: "AppleRootCA-G3.pem"))
/// var verifier = X5CVerifier(trustStore: roots)
/// verifier.requiredLeafExtensions = ["1.2.840.113635.100.6.11.1"]
/// verifier.requiredIntermediateExtensions = ["1.2.840.113635.100.6.2.1"]
/// let verified = try verifier.verify(signedPayload, as: Notification.self)
/// ```
///
/// Checks, in order: the token's size, its header's `alg` against the allowed algorithms
/// (`HS*` never, whatever the options say: a certificate holds no secret), the `x5c` chain
/// (at most `X509TrustStore.maxChainLength` standard-Base64 DER certificates, leaf first, each
/// issued by the next) validated by `X509TrustStore.validate(_:at:)` at the options' clock (or
/// the token's own date, see ``validationTime``), the
/// leaf's key usage (it must allow `digitalSignature` if it says), the required extensions, the
/// key policy for the leaf's key, and then everything ``JWTKeyCollection/verify(_:as:options:)``
/// checks — header rules, signature, claims — with the leaf's key as the only key.
///
/// The chain's validity is checked at that time exactly (no leeway: that is for the token's own
/// claims). Revocation is not checked; `x5u`, `jku` and `jwk` headers are ignored,
/// never fetched or trusted.
public struct X5CVerifier: Sendable {
    /// The certificates a chain must lead to.
    public let trustStore: X509TrustStore
    /// Applied to the leaf's key, as a key collection applies it to its keys.
    public var keyPolicy: KeyPolicy
    /// Token rules (clock, leeway, issuers, audiences, limits). Their
    /// ``JWTValidationOptions/allowedAlgorithms`` narrows the algorithms; `nil` allows every
    /// public-key algorithm (``defaultAlgorithms``).
    public var options: JWTValidationOptions
    /// OIDs (dotted decimal) of extensions the leaf certificate must carry, critical or not.
    public var requiredLeafExtensions: Set<String> = []
    /// OIDs (dotted decimal) of extensions every certificate between the leaf and the trusted
    /// one must carry. When not empty, a chain with no such certificate is refused.
    public var requiredIntermediateExtensions: Set<String> = []
    /// When the chain must be valid: now by the options' clock (the default), or at a time the
    /// token states, within a bound (see ``X5CValidationTime``).
    public var validationTime: X5CValidationTime = .clock

    /// Every public-key algorithm this library implements: EdDSA, RS*, PS*, ES*.
    public static let defaultAlgorithms: Set<SignatureAlgorithm> = Set(
        SignatureAlgorithm.supported.filter { $0.family != .hmac }
    )

    /// A verifier trusting chains that lead to `trustStore`.
    public init(
        trustStore: X509TrustStore,
        keyPolicy: KeyPolicy = .default,
        options: JWTValidationOptions = JWTValidationOptions()
    ) {
        self.trustStore = trustStore
        self.keyPolicy = keyPolicy
        self.options = options
    }

    /// Verifies a compact JWS whose `x5c` chain leads to the trust store, and decodes its claims.
    ///
    /// - Parameters:
    ///   - token: the compact serialization, `header.payload.signature`.
    ///   - type: the claims type to decode the payload into.
    ///   - options: replaces ``options`` for this call (all of them).
    /// - Throws: `key_not_found` for a token without `x5c`; `malformed` for an `x5c` that is not a
    ///   non-empty array of standard-Base64 strings; `algorithm_not_allowed`;
    ///   `invalid_certificate_chain` for a certificate that does not parse, a chain that does not
    ///   validate, a leaf that may not sign or lacks a required extension; `invalid_claim` or
    ///   `too_old` for a validation-time claim that is missing, in the future or too old; and any error of
    ///   ``JWTKeyCollection/verify(_:as:options:)``.
    public func verify<Claims: Decodable>(
        _ token: some StringProtocol,
        as type: Claims.Type,
        options: JWTValidationOptions? = nil
    ) throws(JWTError) -> VerifiedJWT<Claims> {
        let options = options ?? self.options
        let unverified = try JWTTokenBytes.with(token, maxTokenBytes: options.maxTokenBytes) {
            (bytes) throws(JWTError) in
            try unverifiedParts(of: bytes, options: options)
        }
        let keys = try keyCollection(for: unverified, options: options)
        return try keys.verify(token, as: type, options: options)
    }

    /// ``verify(_:as:options:)`` for a token given as UTF-8 bytes.
    public func verify<Claims: Decodable>(
        utf8 token: some Collection<UInt8>,
        as type: Claims.Type,
        options: JWTValidationOptions? = nil
    ) throws(JWTError) -> VerifiedJWT<Claims> {
        let options = options ?? self.options
        let unverified = try JWTTokenBytes.with(bytes: token, maxTokenBytes: options.maxTokenBytes) {
            (bytes) throws(JWTError) in
            try unverifiedParts(of: bytes, options: options)
        }
        let keys = try keyCollection(for: unverified, options: options)
        return try keys.verify(utf8: token, as: type, options: options)
    }

    /// Validates the header's chain and returns a collection holding only the leaf's key, for
    /// the algorithms allowed that fit it.
    private func keyCollection(
        for unverified: (header: JSONObject, payload: JSONObject?),
        options: JWTValidationOptions
    ) throws(JWTError) -> JWTKeyCollection {
        let header = unverified.header
        let allowed = (options.allowedAlgorithms ?? Self.defaultAlgorithms).filter { $0.family != .hmac }
        // The algorithm is checked before any certificate work: a token this verifier would refuse
        // anyway costs no chain validation.
        switch header["alg"] {
        case .string(let name)? where allowed.contains(SignatureAlgorithm(rawValue: name)):
            break
        case .string(let name)?:
            throw JWTError(
                .algorithmNotAllowed,
                "alg \(PrintableText.quoted(name)) is not allowed for x5c tokens; allowed: "
                    + PrintableText.quoted(list: allowed.map(\.rawValue).sorted())
            )
        default:
            throw JWTError(.malformed, "the header has no alg string (RFC 7515 §4.1.1)")
        }
        let now = options.clock.now()
        guard now.isFinite, now.magnitude < 1e15 else {
            throw JWTError(.invalidOptions, "the clock read \(now), not a time")
        }
        let time = try chainTime(now: now, payload: unverified.payload, options: options)
        let chain = try Self.certificates(in: header)
        let path: [X509Certificate]
        do {
            path = try trustStore.validate(chain, at: Int64(time.rounded(.down)))
        } catch {
            throw JWTError(.invalidCertificateChain, error.reason)
        }
        try requireExtensions(path)
        let leaf = path[0]
        guard leaf.permitsDigitalSignature else {
            throw JWTError(
                .invalidCertificateChain,
                "the x5c leaf (\(leaf.subject)) has a key usage without digitalSignature (RFC 5280 §4.2.1.3)"
            )
        }
        let key: CryptoKey
        do {
            key = try leaf.publicKey()
        } catch {
            throw JWTError(.invalidCertificateChain, "the x5c leaf's key cannot be used: \(error.reason)")
        }
        let fitting = SignatureAlgorithm.supported.filter {
            allowed.contains($0) && key.compatibleAlgorithms.contains($0)
        }
        guard !fitting.isEmpty else {
            throw JWTError(
                .algorithmNotAllowed,
                "the x5c leaf's key (\(key.keyType)) fits none of the allowed algorithms"
            )
        }
        var keys = JWTKeyCollection(keyPolicy: keyPolicy, options: options)
        try keys.add(key, algorithms: fitting)
        return keys
    }

    private func requireExtensions(_ path: [X509Certificate]) throws(JWTError) {
        for oid in requiredLeafExtensions.sorted() where !path[0].hasExtension(oid: oid) {
            throw JWTError(
                .invalidCertificateChain,
                "the x5c leaf (\(path[0].subject)) lacks the required extension \(PrintableText.quoted(oid))"
            )
        }
        guard !requiredIntermediateExtensions.isEmpty else { return }
        let intermediates = path.dropFirst().dropLast()
        guard !intermediates.isEmpty else {
            throw JWTError(
                .invalidCertificateChain,
                "the validated chain has no intermediate certificate to carry the required extensions"
            )
        }
        for certificate in intermediates {
            for oid in requiredIntermediateExtensions.sorted() where !certificate.hasExtension(oid: oid) {
                throw JWTError(
                    .invalidCertificateChain,
                    "the intermediate \(certificate.subject) lacks the required extension \(PrintableText.quoted(oid))"
                )
            }
        }
    }

    /// The header, and the payload when ``validationTime`` reads a claim: size, three segments,
    /// strict base64url and strict JSON. Nothing here is trusted beyond what the caller checks.
    private func unverifiedParts(
        of bytes: UnsafeBufferPointer<UInt8>,
        options: JWTValidationOptions
    ) throws(JWTError) -> (header: JSONObject, payload: JSONObject?) {
        try JWTTokenBytes.checkSize(bytes.count, limit: options.maxTokenBytes)
        let parts = try JWTCompactParts(bytes)
        let header = try JWTCompactParts.withDecoded(parts.header(bytes), name: "header") {
            (decoded) throws(JWTError) in
            try JWTCompactParts.parseObject(decoded, maxDepth: options.maxHeaderDepth, name: "header")
        }
        guard case .claim = validationTime.source else { return (header, nil) }
        guard header["b64"] != .bool(false) else {
            throw JWTError(
                .malformed,
                "the chain's validation time is a claim, and an unencoded payload (b64: false) has no claims to read"
            )
        }
        let payload = try JWTCompactParts.withDecoded(parts.payload(bytes), name: "payload") {
            (decoded) throws(JWTError) in
            try JWTCompactParts.parseObject(decoded, maxDepth: options.maxClaimsDepth, name: "payload")
        }
        return (header, payload)
    }

    /// The time to validate the chain at (seconds since 1970), per ``validationTime``.
    private func chainTime(now: Double, payload: JSONObject?, options: JWTValidationOptions) throws(JWTError) -> Double
    {
        guard case .claim(let name, let milliseconds, let maxAge) = validationTime.source, let payload else {
            return now
        }
        guard maxAge.isFinite, maxAge >= 0 else {
            throw JWTError(.invalidOptions, "the x5c validation time's maxAge must be a finite, non-negative number")
        }
        guard let value = payload[name]?.doubleValue, value.isFinite else {
            throw JWTError(
                .invalidClaim,
                "the chain is validated at claim \(PrintableText.quoted(name)), which must be a number"
            )
        }
        let seconds = milliseconds ? value / 1000 : value
        // Bounded before maxAge is looked at: a maxAge of 1e300 must not carry -1e300 into the
        // conversion to whole seconds, which traps.
        guard seconds.magnitude < 1e15 else {
            throw JWTError(.invalidClaim, "claim \(PrintableText.quoted(name)) is not a time: \(value)")
        }
        guard seconds <= now + options.leeway else {
            throw JWTError(.invalidClaim, "claim \(PrintableText.quoted(name)) lies in the future")
        }
        guard now - seconds <= maxAge else {
            throw JWTError(
                .tooOld,
                "claim \(PrintableText.quoted(name)) is \(Int((now - seconds).rounded(.down))) s old; "
                    + "the chain is validated at it for at most \(Int(maxAge)) s"
            )
        }
        return seconds
    }

    /// The `x5c` certificates, leaf first.
    private static func certificates(in header: JSONObject) throws(JWTError) -> [X509Certificate] {
        guard let value = header["x5c"] else {
            throw JWTError(.keyNotFound, "the token has no x5c header, so no certificate names its key")
        }
        guard let texts = value.stringArrayValue, !texts.isEmpty else {
            throw JWTError(.malformed, "x5c must be a non-empty array of strings (RFC 7515 §4.1.6)")
        }
        guard texts.count <= X509TrustStore.maxChainLength else {
            throw JWTError(
                .invalidCertificateChain,
                "x5c holds \(texts.count) certificates; at most \(X509TrustStore.maxChainLength) are validated"
            )
        }
        var chain: [X509Certificate] = []
        for (index, text) in texts.enumerated() {
            let der: [UInt8]
            do {
                der = try Base64.decode(text)
            } catch {
                throw JWTError(
                    .malformed,
                    "x5c[\(index)] is not standard Base64 (RFC 7515 §4.1.6; not base64url): \(error)"
                )
            }
            do {
                chain.append(try X509Certificate(derRepresentation: der))
            } catch {
                throw JWTError(.invalidCertificateChain, "x5c[\(index)]: \(error.reason)")
            }
        }
        return chain
    }
}
