import CryptoPrimitives
import JSONWebToken
import Testing
import VerifyKitTestSupport

@Suite("OpenID provider metadata (discovery documents)")
struct OpenIDProviderMetadataTests {
    static let google = """
        {"issuer":"https://accounts.google.com",\
        "authorization_endpoint":"https://accounts.google.com/o/oauth2/v2/auth",\
        "jwks_uri":"https://www.googleapis.com/oauth2/v3/certs",\
        "response_types_supported":["code","token","id_token"],\
        "subject_types_supported":["public"],\
        "id_token_signing_alg_values_supported":["RS256"]}
        """

    @Test("a provider's document gives its issuer, jwks_uri and ID token algorithms")
    func readsDocument() throws {
        let metadata = try OpenIDProviderMetadata(json: Self.google, expectedIssuer: "https://accounts.google.com")
        #expect(metadata.issuer == "https://accounts.google.com")
        #expect(metadata.jwksURI == "https://www.googleapis.com/oauth2/v3/certs")
        #expect(metadata.idTokenSigningAlgorithms == ["RS256"])
    }

    @Test(
        "an issuer other than the expected one is refused, byte for byte",
        arguments: [
            "https://accounts.google.com/",  // a trailing slash is another issuer (§4.3)
            "https://Accounts.google.com",
            "accounts.google.com",
            "https://accounts.google.com.evil.example",
        ]
    )
    func issuerMustMatch(expected: String) {
        let error = #expect(throws: JWTError.invalidProviderMetadata) {
            try OpenIDProviderMetadata(json: Self.google, expectedIssuer: expected)
        }
        #expect(error?.message.contains("`issuer` is \"https://accounts.google.com\", not the expected") == true)
    }

    @Test("an issuer equal only under Unicode canonical equivalence is another issuer")
    func issuerComparedByBytes() {
        let document = #"{"issuer":"https://caf\#u{E9}.example","jwks_uri":"https://xn--caf-dma.example/keys"}"#
        #expect("https://caf\u{E9}.example" == "https://cafe\u{301}.example")  // Swift's String equality
        #expect(throws: JWTError.invalidProviderMetadata) {
            try OpenIDProviderMetadata(json: document, expectedIssuer: "https://cafe\u{301}.example")
        }
        #expect((try? OpenIDProviderMetadata(json: document, expectedIssuer: "https://caf\u{E9}.example")) != nil)
    }

    @Test(
        "documents without a usable jwks_uri or issuer are refused, naming the member",
        arguments: [
            (#"{"issuer":"https://idp.example"}"#, "`jwks_uri` is missing"),
            (#"{"issuer":"https://idp.example","jwks_uri":"http://idp.example/keys"}"#, "not an https URL"),
            (#"{"issuer":"https://idp.example","jwks_uri":"https:///keys"}"#, "not an https URL"),
            (#"{"issuer":"https://idp.example","jwks_uri":"https://idp.example/a b"}"#, "not an https URL"),
            (#"{"issuer":"https://idp.example","jwks_uri":7}"#, "`jwks_uri` is missing or not a string"),
            (#"{"jwks_uri":"https://idp.example/keys"}"#, "`issuer` is missing"),
            (#"["https://idp.example"]"#, "not a JSON object"),
            (
                #"{"issuer":"https://idp.example","issuer":"https://idp.example","jwks_uri":"https://k"}"#,
                "not strict JSON"
            ),
        ]
    )
    func refusesBadDocuments(document: String, reason: String) {
        let error = #expect(throws: JWTError.invalidProviderMetadata) {
            try OpenIDProviderMetadata(json: document, expectedIssuer: "https://idp.example")
        }
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
    }

    @Test("a wrong id_token_signing_alg_values_supported costs only itself: its strings are kept")
    func algorithmsAreInformational() throws {
        let base = #"{"issuer":"https://idp.example","jwks_uri":"https://idp.example/keys""#
        for (member, expected) in [
            (#","id_token_signing_alg_values_supported":"RS256"}"#, [String]()),
            (#","id_token_signing_alg_values_supported":null}"#, []),
            (#","id_token_signing_alg_values_supported":[1,"ES256",{},"RS256"]}"#, ["ES256", "RS256"]),
        ] {
            let metadata = try OpenIDProviderMetadata(json: base + member, expectedIssuer: "https://idp.example")
            #expect(metadata.idTokenSigningAlgorithms == expected, "\(member)")
            #expect(metadata.jwksURI == "https://idp.example/keys")
        }
    }

    @Test("a document over 64 KiB is refused before it is parsed")
    func sizeLimit() {
        let padding = String(repeating: " ", count: OpenIDProviderMetadata.maxDocumentBytes)
        let error = #expect(throws: JWTError.invalidProviderMetadata) {
            try OpenIDProviderMetadata(json: Self.google + padding, expectedIssuer: "https://accounts.google.com")
        }
        #expect(error?.message.contains("more than 65536") == true)
    }

    @Test("the discovery URL drops one final slash of the issuer (§4) and needs an https issuer (§3)")
    func configurationURL() throws {
        #expect(
            try OpenIDProviderMetadata.configurationURL(forIssuer: "https://accounts.google.com")
                == "https://accounts.google.com/.well-known/openid-configuration"
        )
        #expect(
            try OpenIDProviderMetadata.configurationURL(forIssuer: "https://login.example.com/tenant/v2.0/")
                == "https://login.example.com/tenant/v2.0/.well-known/openid-configuration"
        )
        for bad in ["http://idp.example", "idp.example", "https://idp.example?x=1", "https://idp.example#f", ""] {
            #expect(throws: JWTError.invalidOptions, "\(bad)") {
                try OpenIDProviderMetadata.configurationURL(forIssuer: bad)
            }
        }
    }

    // MARK: RemoteJWKSet through discovery

    /// A provider at `issuer` whose discovery document names `documentIssuer` and whose keys are
    /// `KeyServer.keyA` as "a"; records the URLs asked for.
    final class Provider: Sendable {
        let requests = LockedValue<[String]>([])
        let documentIssuer: String

        init(documentIssuer: String) { self.documentIssuer = documentIssuer }

        /// A set for the issuer `https://idp.example` fetching from this provider, at the test clock.
        func remoteSet() throws -> RemoteJWKSet {
            try RemoteJWKSet(
                openIDIssuer: "https://idp.example",
                options: JWTValidationOptions(clock: OpenIDProviderMetadataTests.clock)
            ) {
                try await self.get($0)
            }
        }

        var get: @Sendable (String) async throws -> [UInt8] {
            { [self] url in
                requests.withLock { $0.append(url) }
                switch url {
                case "https://idp.example/.well-known/openid-configuration":
                    return Array(
                        #"{"issuer":"\#(documentIssuer)","jwks_uri":"https://keys.idp.example/jwks"}"#.utf8
                    )
                case "https://keys.idp.example/jwks":
                    return KeyServer.keySet([(KeyServer.keyA, "a")])
                default:
                    throw KeyServer.FetchFailure(description: "404 for \(url)")
                }
            }
        }
    }

    static let clock = JWTClock.fixed(TestTokens.now)

    @Test("a RemoteJWKSet for an OpenID issuer fetches its document, then its keys, and requires its iss")
    func remoteThroughDiscovery() async throws {
        let provider = Provider(documentIssuer: "https://idp.example")
        let remote = try provider.remoteSet()
        #expect(remote.options.issuers == ["https://idp.example"])
        let token = KeyServer.token(KeyServer.keyA, kid: "a", issuer: "https://idp.example")
        #expect(try await remote.verify(token).keyID == "a")
        #expect(
            provider.requests.withLock { $0 }
                == ["https://idp.example/.well-known/openid-configuration", "https://keys.idp.example/jwks"]
        )
        // Another issuer's token signed with the same key is refused.
        let other = KeyServer.token(KeyServer.keyA, kid: "a", issuer: "https://other.example")
        await #expect(throws: JWTError.invalidIssuer) { try await remote.verify(other) }
    }

    @Test("when the discovery document cannot be fetched, the keys come from the last jwks_uri read")
    func discoveryOutageUsesLastJWKSURI() async throws {
        let discoveryDown = LockedValue(false)
        let provider = Provider(documentIssuer: "https://idp.example")
        let remote = try RemoteJWKSet(
            openIDIssuer: "https://idp.example",
            options: JWTValidationOptions(clock: Self.clock)
        ) {
            url in
            if discoveryDown.withLock({ $0 }), url.hasSuffix("/openid-configuration") {
                throw KeyServer.FetchFailure(description: "503")
            }
            return try await provider.get(url)
        }
        // Before any document was read there is no address to fall back on.
        discoveryDown.withLock { $0 = true }
        await #expect(throws: JWTError.keySetUnavailable) { try await remote.refresh() }
        #expect(provider.requests.withLock { $0 }.isEmpty)
        discoveryDown.withLock { $0 = false }
        try await remote.refresh()
        discoveryDown.withLock { $0 = true }
        try await remote.refresh()
        #expect(
            provider.requests.withLock { $0 }
                == [
                    "https://idp.example/.well-known/openid-configuration", "https://keys.idp.example/jwks",
                    "https://keys.idp.example/jwks",
                ]
        )
        #expect(remote.status.successfulFetches == 2)
    }

    @Test("a discovery document for another issuer is never followed to its keys")
    func lookAlikeDocument() async throws {
        let provider = Provider(documentIssuer: "https://evil.example")
        let remote = try provider.remoteSet()
        let token = KeyServer.token(KeyServer.keyA, kid: "a", issuer: "https://idp.example")
        let error = await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(token) }
        #expect(error?.message.contains("invalid_provider_metadata") == true)
        #expect(error?.message.contains(#""https://evil.example", not the expected "https://idp.example""#) == true)
        #expect(provider.requests.withLock { $0 } == ["https://idp.example/.well-known/openid-configuration"])
    }

    @Test("options whose issuers leave out the provider's are refused at once")
    func issuersMustIncludeProvider() {
        #expect(throws: JWTError.invalidOptions) {
            try RemoteJWKSet(
                openIDIssuer: "https://idp.example",
                options: JWTValidationOptions(issuers: ["https://other.example"])
            ) { _ in [] }
        }
        #expect(throws: JWTError.invalidOptions) {
            try RemoteJWKSet(openIDIssuer: "http://idp.example") { _ in [] }
        }
        let both = Set(["https://accounts.google.com", "accounts.google.com"])
        #expect(
            (try? RemoteJWKSet(
                openIDIssuer: "https://accounts.google.com",
                options: JWTValidationOptions(issuers: both)
            ) {
                _ in []
            })?.options.issuers == both
        )
    }
}
