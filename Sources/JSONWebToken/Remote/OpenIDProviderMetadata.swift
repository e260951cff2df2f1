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
    /// (`id_token_signing_alg_values_supported`, REQUIRED by the spec); empty when absent.
    public let idTokenSigningAlgorithms: [String]

    /// Largest discovery document read: 64 KiB (real ones are 1–10 KiB).
    public static let maxDocumentBytes = 64 * 1024
    /// Deepest JSON nesting read in a discovery document.
    public static let maximumJSONDepth = 16

    /// Reads a discovery document fetched for `expectedIssuer`.
    ///
    /// - Throws: `invalid_provider_metadata` naming the member at fault: a document that is not a
    ///   strict JSON object or is too large, an `issuer` that is missing or not exactly
    ///   `expectedIssuer`, a `jwks_uri` that is missing or not an `https` URL, or an
    ///   `id_token_signing_alg_values_supported` that is not an array of strings.
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
        guard Self.isHTTPSURL(jwksURI) else {
            throw Self.invalid("`jwks_uri` \(PrintableText.quoted(jwksURI)) is not an https URL")
        }
        var algorithms: [String] = []
        switch document["id_token_signing_alg_values_supported"] {
        case nil:
            break
        case .array(let values)?:
            for value in values {
                guard case .string(let name) = value else {
                    throw Self.invalid("`id_token_signing_alg_values_supported` holds a value that is not a string")
                }
                algorithms.append(name)
            }
        default:
            throw Self.invalid("`id_token_signing_alg_values_supported` is not an array")
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
    /// - Throws: `invalid_options` for an issuer that is not an `https` URL without query or
    ///   fragment (§3).
    public static func configurationURL(forIssuer issuer: String) throws(JWTError) -> String {
        guard isHTTPSURL(issuer), !issuer.contains("?"), !issuer.contains("#") else {
            throw JWTError(
                .invalidOptions,
                "the issuer \(PrintableText.quoted(issuer)) is not an https URL without query or fragment"
            )
        }
        let base = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        return base + "/.well-known/openid-configuration"
    }

    /// `https://` (any case) and then a host: at least one character that is not `/`.
    static func isHTTPSURL(_ text: String) -> Bool {
        let scheme = "https://"
        guard text.utf8.count > scheme.utf8.count,
            String(text.prefix(scheme.count)).lowercased() == scheme
        else { return false }
        let rest = text.utf8.dropFirst(scheme.utf8.count)
        return rest.first != UInt8(ascii: "/") && !rest.contains(where: { $0 <= 0x20 || $0 == 0x7F })
    }

    private static func invalid(_ message: String) -> JWTError {
        JWTError(.invalidProviderMetadata, "OpenID provider metadata: \(message)")
    }
}
