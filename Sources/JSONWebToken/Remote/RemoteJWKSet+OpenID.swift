public import CryptoPrimitives

#if !VERIFYKIT_PTHREAD_LOCKS
internal import Synchronization
#endif

@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
extension RemoteJWKSet {
    /// A set for the OpenID provider `issuer`, found through its discovery document: each fetch
    /// reads `{issuer}/.well-known/openid-configuration` (its `issuer` must be exactly `issuer`,
    /// see ``OpenIDProviderMetadata``), then the JWK Set at its `jwks_uri`. When the document
    /// cannot be fetched, the `jwks_uri` of the last one read is used; a document that is refused
    /// fails the fetch.
    ///
    /// Each set is used for as long as the key set's response says (its `Cache-Control` and `Age`,
    /// see ``RemoteJWKSetResponse``). The discovery document's own caching headers are not read:
    /// it is read again before every fetch of the keys, so its life would change nothing.
    ///
    /// A trailing closure that returns a ``RemoteJWKSetResponse`` calls this initializer; one that
    /// only throws fits both and calls
    /// ``init(openIDIssuer:keyPolicy:options:configuration:get:)``,
    /// as it did before this one came.
    ///
    /// ```swift
    /// let google = try RemoteJWKSet(
    ///     openIDIssuer: "https://accounts.google.com",
    ///     options: JWTValidationOptions(audiences: [clientID])
    /// ) { url in try await httpGetWithHeaders(url, maxBytes: 1 << 20) }
    /// ```
    ///
    /// - Parameters:
    ///   - issuer: the provider's issuer identifier, an `https` URL without query or fragment.
    ///   - keyPolicy: the policy every fetched key must meet.
    ///   - options: the checks for every token. Without ``JWTValidationOptions/issuers`` the
    ///     tokens' `iss` must be `issuer`; with them, they must include `issuer` (a provider with
    ///     two spellings, as Google's, lists both). Options passed to one `verify` call replace
    ///     these, issuers included: start them from ``RemoteJWKSet/options`` to keep the check.
    ///   - configuration: when to fetch again; one fetch here is both requests.
    ///   - getResponse: returns the body at a URL with the response's `Cache-Control` and `Age`
    ///     values, or throws (for anything but a successful response). Called with the discovery
    ///     URL, then with the `jwks_uri`; it must not block its thread.
    /// - Throws: `invalid_options` when `issuer` is not an `https` URL without query or fragment,
    ///   or the options' issuers leave it out.
    @_disfavoredOverload
    public convenience init(
        openIDIssuer issuer: String,
        keyPolicy: KeyPolicy = .default,
        options: JWTValidationOptions = JWTValidationOptions(),
        configuration: RemoteJWKSetConfiguration = RemoteJWKSetConfiguration(),
        getResponse: @escaping @Sendable (String) async throws -> RemoteJWKSetResponse
    ) throws(JWTError) {
        let discovery = try OpenIDProviderMetadata.configurationURL(forIssuer: issuer)
        var options = options
        if options.issuers.isEmpty {
            options.issuers = [issuer]
        } else if !options.issuers.containsExactly(issuer) {
            throw JWTError(
                .invalidOptions,
                "the options' issuers \(PrintableText.quoted(list: options.issuers.sorted())) leave out the "
                    + "provider's issuer \(PrintableText.quoted(issuer)): none of its tokens would verify"
            )
        }
        let lastJWKSURI = LastJWKSURI()
        self.init(keyPolicy: keyPolicy, options: options, configuration: configuration) {
            () async throws -> RemoteJWKSetResponse in
            let document: [UInt8]
            do {
                document = try await getResponse(discovery).body
            } catch {
                // The discovery endpoint is down but the keys' address is known: fetch the keys
                // there (a document that was refused gets no such second chance).
                guard let known = lastJWKSURI.value else { throw error }
                return try await getResponse(known)
            }
            let metadata: OpenIDProviderMetadata
            do throws(JWTError) {
                metadata = try OpenIDProviderMetadata(json: document, expectedIssuer: issuer)
            } catch {
                throw RefusedFetch(error: error)
            }
            lastJWKSURI.value = metadata.jwksURI
            return try await getResponse(metadata.jwksURI)
        }
    }

    /// A set for the OpenID provider `issuer`, as
    /// ``init(openIDIssuer:keyPolicy:options:configuration:getResponse:)`` with a `get` that
    /// returns the body alone: each set is used for ``RemoteJWKSetConfiguration/maxAge``.
    ///
    /// ```swift
    /// let google = try RemoteJWKSet(
    ///     openIDIssuer: "https://accounts.google.com",
    ///     options: JWTValidationOptions(audiences: [clientID])
    /// ) { url in try await httpGet(url, maxBytes: 1 << 20) }
    /// ```
    ///
    /// - Parameters:
    ///   - issuer: the provider's issuer identifier, an `https` URL without query or fragment.
    ///   - keyPolicy: the policy every fetched key must meet.
    ///   - options: the checks for every token. Without ``JWTValidationOptions/issuers`` the
    ///     tokens' `iss` must be `issuer`; with them, they must include `issuer` (a provider with
    ///     two spellings, as Google's, lists both). Options passed to one `verify` call replace
    ///     these, issuers included: start them from ``RemoteJWKSet/options`` to keep the check.
    ///   - configuration: when to fetch again; one fetch here is both requests.
    ///   - get: returns the body at a URL, or throws (for anything but a successful response).
    ///     Called with the discovery URL, then with the `jwks_uri`; it must not block its thread.
    /// - Throws: `invalid_options` when `issuer` is not an `https` URL without query or fragment,
    ///   or the options' issuers leave it out.
    public convenience init(
        openIDIssuer issuer: String,
        keyPolicy: KeyPolicy = .default,
        options: JWTValidationOptions = JWTValidationOptions(),
        configuration: RemoteJWKSetConfiguration = RemoteJWKSetConfiguration(),
        get: @escaping @Sendable (String) async throws -> [UInt8]
    ) throws(JWTError) {
        try self.init(openIDIssuer: issuer, keyPolicy: keyPolicy, options: options, configuration: configuration) {
            (url: String) async throws -> RemoteJWKSetResponse in RemoteJWKSetResponse(body: try await get(url))
        }
    }
}

/// The `jwks_uri` of the last discovery document that was read, shared by the fetches of one set.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
private final class LastJWKSURI: Sendable {
    private let uri = ShardLock<String?>(nil)

    var value: String? {
        get { uri.withLock { $0 } }
        set { uri.withLock { $0 = newValue } }
    }
}
