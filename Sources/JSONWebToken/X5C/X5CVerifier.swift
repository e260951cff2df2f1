internal import Base64URL
public import CryptoPrimitives
internal import StrictJSON

/// Verifies tokens that carry their signing key's certificate chain in the `x5c` header
/// (RFC 7515 §4.1.6), trusting only chains that lead to certificates you chose: Apple's App
/// Store Server notifications and transactions, for example, are ES256 tokens signed this way.
///
/// ```swift
/// let appleRoot = try X509Certificate(derRepresentation: appleRootCAG3DER)  // AppleRootCA-G3.cer
/// let verifier = X5CVerifier.appStoreServer(trustStore: try X509TrustStore(trusting: [appleRoot]))
/// let verified = try verifier.verify(signedPayload, as: Notification.self)
/// ```
///
/// A root certifies far more than your tokens' signers: Apple's also certifies every developer's
/// signing certificate. So the verifier must be told which certificates under it may sign:
/// ``requiredLeafExtensions`` names the marker extensions the issuer puts on its token-signing
/// certificates (an empty set, deliberately given, accepts every end-entity certificate of the
/// hierarchy: right only for a private CA that issues nothing else).
///
/// Checks, in order: the token's size, its header's `alg` against the allowed algorithms
/// (`HS*` never, whatever the options say: a certificate holds no secret), the `x5c` chain
/// (at most `X509TrustStore.maxChainLength` standard-Base64 DER certificates, leaf first, each
/// issued by the next) validated by `X509TrustStore.validate(_:at:)` at the options' clock (or
/// the token's own date, see ``validationTime``), the leaf (not a CA certificate unless it is
/// itself trusted; a key usage, if any, with `digitalSignature`; an extended key usage, if any,
/// with `anyExtendedKeyUsage` or one of ``allowedLeafExtendedKeyUsages``), the required
/// extensions, the key policy for the leaf's key, and then everything
/// ``JWTKeyCollection/verify(_:as:options:)`` checks — header rules, signature, claims — with the
/// leaf's key as the only key.
///
/// The chain's validity is checked at that time exactly (no leeway: that is for the token's own
/// claims). Revocation is not checked; `x5u`, `jku` and `jwk` headers are ignored, never fetched
/// or trusted.
public struct X5CVerifier: Sendable {
    /// The certificates a chain must lead to.
    public let trustStore: X509TrustStore
    /// Applied to the leaf's key, as a key collection applies it to its keys.
    public var keyPolicy: KeyPolicy
    /// Token rules (clock, leeway, issuers, audiences, limits). Their
    /// ``JWTValidationOptions/allowedAlgorithms`` narrows the algorithms; `nil` allows every
    /// public-key algorithm (``defaultAlgorithms``).
    public var options: JWTValidationOptions
    /// OIDs (dotted decimal) of extensions the leaf certificate must carry. They must be
    /// non-critical: path validation refuses a certificate with a critical extension OpenSSL does
    /// not implement. A malformed OID makes every verification `invalid_options`.
    public var requiredLeafExtensions: Set<String>
    /// OIDs (dotted decimal) of extensions every certificate of the validated path after the leaf
    /// must carry, except a self-issued trusted certificate at its end (the root). When not empty,
    /// a path with no such certificate is refused. A trusted intermediate counts: trusting Apple's
    /// root and its WWDR intermediate together still checks the intermediate's marker.
    public var requiredIntermediateExtensions: Set<String>
    /// Extended key usage purposes (dotted OIDs) a leaf that lists any may sign tokens for,
    /// besides `anyExtendedKeyUsage`. Empty by default: a leaf whose extended key usage names
    /// only other purposes (TLS server, code signing) is refused; a leaf without the extension,
    /// as Apple's are, is not restricted by it.
    public var allowedLeafExtendedKeyUsages: Set<String> = []
    /// When the chain must be valid: now by the options' clock (the default), or at a time the
    /// token states, within a bound (see ``X5CValidationTime``).
    public var validationTime: X5CValidationTime = .clock
    /// Chains already validated, shared by copies of this verifier (same trust store).
    let chainCache = X5CChainCache()

    /// Every public-key algorithm this library implements: EdDSA, RS*, PS*, ES*.
    public static let defaultAlgorithms: Set<SignatureAlgorithm> = Set(
        SignatureAlgorithm.supported.filter { $0.family != .hmac }
    )

    /// The extended key usage that allows every purpose (RFC 5280 §4.2.1.12).
    public static let anyExtendedKeyUsage = "2.5.29.37.0"

    /// A verifier trusting chains that lead to `trustStore`, from leaves that carry
    /// `requiredLeafExtensions`.
    ///
    /// - Parameters:
    ///   - trustStore: the certificates a chain must lead to.
    ///   - requiredLeafExtensions: marker extensions the signing certificate must carry; see
    ///     ``requiredLeafExtensions``. No default: which certificates may sign is your decision.
    ///   - requiredIntermediateExtensions: marker extensions of the certificates in between.
    ///   - keyPolicy: applied to the leaf's key.
    ///   - options: token rules.
    public init(
        trustStore: X509TrustStore,
        requiredLeafExtensions: Set<String>,
        requiredIntermediateExtensions: Set<String> = [],
        keyPolicy: KeyPolicy = .default,
        options: JWTValidationOptions = JWTValidationOptions()
    ) {
        self.trustStore = trustStore
        self.requiredLeafExtensions = requiredLeafExtensions
        self.requiredIntermediateExtensions = requiredIntermediateExtensions
        self.keyPolicy = keyPolicy
        self.options = options
    }

    /// Apple's marker on App Store receipt- and notification-signing certificates.
    public static let appStoreLeafExtension = "1.2.840.113635.100.6.11.1"
    /// Apple's marker on the Worldwide Developer Relations intermediate that issues them.
    public static let appStoreIntermediateExtension = "1.2.840.113635.100.6.2.1"

    /// A verifier for App Store Server notifications, signed transactions and renewal infos
    /// (ES256 with `x5c`): the leaf must carry ``appStoreLeafExtension`` and every certificate
    /// between it and the root ``appStoreIntermediateExtension``, the markers Apple's own
    /// libraries require. Those also require exactly three certificates (leaf, WWDR intermediate,
    /// root), which a path under Apple Root CA - G3 with both markers is; and, when they make no
    /// online revocation check, they validate the chain at the payload's `signedDate`: for that,
    /// set ``validationTime`` to `.claim("signedDate", milliseconds: true, maxAge: …)`.
    ///
    /// - Parameters:
    ///   - trustStore: Apple Root CA - G3 (`AppleRootCA-G3.cer` from
    ///     https://www.apple.com/certificateauthority/), not bundled here: a root is yours to pin.
    ///   - options: token rules; App Store payloads carry no `exp`, so `maxAge` or
    ///     ``validationTime`` bound their age.
    public static func appStoreServer(
        trustStore: X509TrustStore,
        options: JWTValidationOptions = JWTValidationOptions()
    ) -> X5CVerifier {
        var verifier = X5CVerifier(
            trustStore: trustStore,
            requiredLeafExtensions: [appStoreLeafExtension],
            requiredIntermediateExtensions: [appStoreIntermediateExtension],
            options: options
        )
        verifier.options.allowedAlgorithms = verifier.options.allowedAlgorithms ?? [.es256]
        return verifier
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
        // A mistyped OID would refuse every token as if the tokens were at fault.
        for oid in requiredLeafExtensions.union(requiredIntermediateExtensions).union(allowedLeafExtendedKeyUsages)
        where !X509Certificate.isDottedOID(oid) {
            throw JWTError(.invalidOptions, "\(PrintableText.quoted(oid)) is not a dotted OID such as 2.5.29.37.0")
        }
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
        guard Self.certificateTimes.contains(now) else {
            throw JWTError(.invalidOptions, "the clock read \(now), not a time a certificate can state (years 0–9999)")
        }
        let time = try chainTime(now: now, payload: unverified.payload, options: options)
        let texts = try Self.certificateTexts(in: header)
        let seconds = Int64(time.rounded(.down))
        let path: [X509Certificate]
        let key: CryptoKey
        if let known = chainCache.lookup(texts, at: seconds) {
            path = known.path
            key = known.key
        } else {
            let chain = try Self.certificates(texts)
            do {
                path = try trustStore.validate(chain, at: seconds)
            } catch {
                throw JWTError(.invalidCertificateChain, error.reason)
            }
            do {
                key = try path[0].publicKey()
            } catch {
                throw JWTError(.invalidCertificateChain, "the x5c leaf's key cannot be used: \(error.reason)")
            }
            chainCache.store(texts, path: path, key: key)
        }
        try requireUsableLeaf(path[0])
        try requireExtensions(path)
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

    /// The leaf may sign tokens: not a CA (unless pinned itself), key usage and extended key usage.
    private func requireUsableLeaf(_ leaf: X509Certificate) throws(JWTError) {
        if leaf.isCertificateAuthority, !trustStore.trustedCertificates.contains(leaf) {
            throw JWTError(
                .invalidCertificateChain,
                "the x5c leaf \(Self.quoted(leaf)) is a CA certificate; tokens are signed by end-entity certificates"
            )
        }
        guard leaf.permitsDigitalSignature else {
            throw JWTError(
                .invalidCertificateChain,
                "the x5c leaf \(Self.quoted(leaf)) has a key usage without digitalSignature (RFC 5280 §4.2.1.3)"
            )
        }
        if let purposes = leaf.extendedKeyUsages, !purposes.contains(Self.anyExtendedKeyUsage),
            !purposes.contains(where: allowedLeafExtendedKeyUsages.contains)
        {
            throw JWTError(
                .invalidCertificateChain,
                "the x5c leaf \(Self.quoted(leaf)) is for other purposes (extended key usage "
                    + "\(PrintableText.quoted(list: purposes))); allow one in allowedLeafExtendedKeyUsages "
                    + "if tokens are among them"
            )
        }
    }

    private static func quoted(_ certificate: X509Certificate) -> String {
        PrintableText.quoted(certificate.subject, limit: 160)
    }

    private func requireExtensions(_ path: [X509Certificate]) throws(JWTError) {
        for oid in requiredLeafExtensions.sorted() where !path[0].hasExtension(oid: oid) {
            throw JWTError(
                .invalidCertificateChain,
                "the x5c leaf \(Self.quoted(path[0])) lacks the required extension \(PrintableText.quoted(oid))"
            )
        }
        guard !requiredIntermediateExtensions.isEmpty else { return }
        // Every certificate after the leaf, down to the trusted one; a self-issued trusted one at
        // the end is the root and carries no intermediate's marker. A self-issued certificate
        // anywhere else (a key rollover) issued what follows it and is checked.
        var intermediates = Array(path.dropFirst())
        if let last = intermediates.last, last.isSelfIssued, trustStore.trustedCertificates.contains(last) {
            intermediates.removeLast()
        }
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
                    "the intermediate \(Self.quoted(certificate)) lacks the required extension \(PrintableText.quoted(oid))"
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

    /// The instants a certificate's validity can be compared with: RFC 5280 §4.1.2.5 times are
    /// years 0000 to 9999 (GeneralizedTime), 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z in seconds
    /// since 1970. Outside them OpenSSL blamed the certificate ("format error in certificate's
    /// notBefore field") for what was a clock or a claim that states no such time.
    static let certificateTimes: ClosedRange<Double> = -62_167_219_200...253_402_300_799

    /// The time to validate the chain at (seconds since 1970), per ``validationTime``.
    private func chainTime(now: Double, payload: JSONObject?, options: JWTValidationOptions) throws(JWTError) -> Double
    {
        guard case .claim(let name, let milliseconds, let maxAge) = validationTime.source, let payload else {
            return now
        }
        guard maxAge.isFinite, maxAge >= 0 else {
            throw JWTError(.invalidOptions, "the x5c validation time's maxAge must be a finite, non-negative number")
        }
        // The leeway is used here before the token's claims check would refuse it: a NaN or
        // negative one must not call a claim of a minute ago one "in the future".
        let leeway = options.leeway
        guard leeway >= 0, leeway <= JWTValidationOptions.maximumLeeway else {
            throw JWTClaimsValidator.invalidOptions(leeway: leeway, maxAge: options.maxAge)
        }
        guard let value = payload[name]?.doubleValue, value.isFinite else {
            throw JWTError(
                .invalidClaim,
                "the chain is validated at claim \(PrintableText.quoted(name)), which must be a number"
            )
        }
        let seconds = milliseconds ? value / 1000 : value
        // Milliseconds read as seconds, the likely mistake, lie in the future: said first.
        guard seconds <= now + leeway else {
            throw JWTError(.invalidClaim, "claim \(PrintableText.quoted(name)) lies in the future")
        }
        // Bounded before maxAge is looked at: a maxAge of 1e300 must not carry -1e300 into the
        // conversion to whole seconds, which traps.
        guard Self.certificateTimes.contains(seconds) else {
            throw JWTError(
                .invalidClaim,
                "claim \(PrintableText.quoted(name)) is not a time a certificate can state (years 0–9999): \(value)"
            )
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

    /// The `x5c` strings, leaf first: a non-empty array of strings, at most
    /// `X509TrustStore.maxChainLength` of them.
    private static func certificateTexts(in header: JSONObject) throws(JWTError) -> [String] {
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
        return texts
    }

    /// The certificates of `texts`, each standard Base64 DER.
    private static func certificates(_ texts: [String]) throws(JWTError) -> [X509Certificate] {
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
