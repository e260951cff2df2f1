internal import CryptoPrimitives
internal import StrictJSON

/// What a verifier takes from an OpenID provider's discovery document
/// (`{issuer}/.well-known/openid-configuration`, OpenID Connect Discovery 1.0): where its keys are,
/// checked against the issuer you expect.
///
/// The document must be a strict JSON object whose `issuer` is exactly the issuer it was fetched
/// for (§4.3: a look-alike document cannot move your tokens to another issuer's keys) and whose
/// `jwks_uri` is an `https` URL. ``RemoteJWKSet/init(openIDIssuer:keyPolicy:options:configuration:get:)``
/// reads it before every fetch of the keys.
public struct OpenIDProviderMetadata: Sendable, Hashable {
    /// The issuer, exactly as expected and as the document says.
    public let issuer: String
    /// Where the provider publishes its JWK Set (`jwks_uri`).
    public let jwksURI: String
    /// The algorithms the provider says it signs ID tokens with
    /// (`id_token_signing_alg_values_supported`, REQUIRED by the spec): its strings, in order; empty
    /// when it is absent or not an array. Informational: VerifyKit does not restrict algorithms by
    /// it (access tokens may be signed otherwise).
    public let idTokenSigningAlgorithms: [String]

    /// Largest discovery document read: 64 KiB (real ones are 1–10 KiB).
    public static let maxDocumentBytes = 64 * 1024
    /// Deepest JSON nesting read in a discovery document.
    public static let maximumJSONDepth = 16

    /// Reads a discovery document fetched for `expectedIssuer`.
    ///
    /// - Throws: `invalid_provider_metadata` naming the member at fault: a document that is not a
    ///   strict JSON object or is too large, an `issuer` that is missing or not exactly
    ///   `expectedIssuer`, a `jwks_uri` that is missing or not an `https` URL with a host (no
    ///   userinfo, no fragment, nothing a URI may not hold).
    public init(json: some Collection<UInt8>, expectedIssuer: String) throws(JWTError) {
        guard json.count <= Self.maxDocumentBytes else {
            throw Self.invalid("the document has \(json.count) bytes, more than \(Self.maxDocumentBytes)")
        }
        let value: JSONValue
        do {
            value = try JSONParser(options: .init(maxDepth: Self.maximumJSONDepth)).parse(json)
        } catch {
            throw Self.invalid("the document is not strict JSON: \(error)")
        }
        guard case .object(let document) = value else { throw Self.invalid("the document is not a JSON object") }
        guard case .string(let issuer)? = document["issuer"] else {
            throw Self.invalid("`issuer` is missing or not a string")
        }
        guard issuer.isExactly(expectedIssuer) else {
            throw Self.invalid(
                "`issuer` is \(PrintableText.quoted(issuer)), not the expected \(PrintableText.quoted(expectedIssuer))"
            )
        }
        guard case .string(let jwksURI)? = document["jwks_uri"] else {
            throw Self.invalid("`jwks_uri` is missing or not a string")
        }
        guard Self.isHTTPSURL(jwksURI, allowingQuery: true) else {
            throw Self.invalid("`jwks_uri` \(PrintableText.quoted(jwksURI)) is not an https URL")
        }
        // Informational (it describes ID tokens, not the keys): a provider that writes it wrong
        // should not lose its key set for it, so only its strings are kept.
        var algorithms: [String] = []
        if case .array(let values)? = document["id_token_signing_alg_values_supported"] {
            for case .string(let name) in values { algorithms.append(name) }
        }
        self.issuer = issuer
        self.jwksURI = jwksURI
        self.idTokenSigningAlgorithms = algorithms
    }

    /// ``init(json:expectedIssuer:)`` for a document given as text.
    public init(json: some StringProtocol, expectedIssuer: String) throws(JWTError) {
        try self.init(json: json.utf8, expectedIssuer: expectedIssuer)
    }

    /// Where the discovery document of `issuer` is (§4): the issuer without a final `/`, then
    /// `/.well-known/openid-configuration`.
    ///
    /// - Throws: `invalid_options` for an issuer that is not an `https` URL with a host and
    ///   without query or fragment (§3), or that holds userinfo or characters a URI may not.
    public static func configurationURL(forIssuer issuer: String) throws(JWTError) -> String {
        guard isHTTPSURL(issuer, allowingQuery: false) else {
            throw JWTError(
                .invalidOptions,
                "the issuer \(PrintableText.quoted(issuer)) is not an https URL with a host and no query, "
                    + "fragment or userinfo"
            )
        }
        let base = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        return base + "/.well-known/openid-configuration"
    }

    /// `https://` (any case), a host (a name, an IPv4 address or an `[IPv6]` address) with an
    /// optional port (1 to 65535), then an optional path and, if `allowingQuery`, a query; never userinfo
    /// (RFC 9110 §4.2.4) or a fragment. Only characters RFC 3986 allows in a URI: printable ASCII
    /// but space, `"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`, with `%` only before two hex
    /// digits. Checked byte by byte: a `?` or `#` followed by a combining mark is one `Character`
    /// that is neither, and a backslash is a `/` to WHATWG parsers, not to RFC 3986 ones.
    static func isHTTPSURL(_ text: String, allowingQuery: Bool) -> Bool {
        let bytes = Array(text.utf8)
        let scheme = Array("https://".utf8)
        guard bytes.count > scheme.count, zip(bytes, scheme).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) else {
            return false
        }
        let refused = Array(#""<>\^`{|}#"#.utf8) + (allowingQuery ? [] : [UInt8(ascii: "?")])
        for (index, byte) in bytes.enumerated() {
            guard byte > 0x20, byte < 0x7F, !refused.contains(byte) else { return false }
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, bytes[(index + 1)...(index + 2)].allSatisfy(IPv6Literal.isHexDigit)
                else {
                    return false
                }
            }
        }
        let rest = bytes[scheme.count...]
        let pathStart = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.endIndex
        guard !rest[pathStart...].contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }) else {
            return false
        }
        let authority = rest[..<pathStart]
        guard !authority.contains(UInt8(ascii: "@")) else { return false }
        let port: ArraySlice<UInt8>
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")), close > authority.startIndex + 1 else {
                return false
            }
            guard IPv6Literal.isAddress(authority[(authority.startIndex + 1)..<close]) else { return false }
            port = authority[(close + 1)...]
            guard port.isEmpty || port.first == UInt8(ascii: ":") else { return false }
        } else {
            guard !authority.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }) else {
                return false
            }
            let hostEnd = authority.firstIndex(of: UInt8(ascii: ":")) ?? authority.endIndex
            guard hostEnd > authority.startIndex else { return false }  // no host
            port = authority[hostEnd...]
        }
        guard port.isEmpty else {
            // 1 to 65535 (RFC 3986 allows any digits, but no TCP port is larger, and 0 is none).
            let digits = port.dropFirst()
            guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy({ (0x30...0x39).contains($0) }) else {
                return false
            }
            let value = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            return (1...65_535).contains(value)
        }
        return true
    }

    private static func invalid(_ message: String) -> JWTError {
        JWTError(.invalidProviderMetadata, "OpenID provider metadata: \(message)")
    }
}
