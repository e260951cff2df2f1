import CryptoPrimitives
import JSONWebToken
import Testing
import VerifyKitTestSupport

/// Findings of the review of `OpenIDProviderMetadata` and `RemoteJWKSet(openIDIssuer:)`.
@Suite("OpenID discovery: review findings", .timeLimit(.minutes(1)))
struct OpenIDReviewTests {
    static let clock = JWTClock.fixed(TestTokens.now)

    static func document(jwksURI: String, issuer: String = "https://idp.example") -> String {
        #"{"issuer":"\#(issuer)","jwks_uri":"\#(jwksURI)"}"#
    }

    // MARK: The issuer (§3, §4)

    /// `issuer.contains("?")` compares Characters: a `?` or `#` followed by a combining mark is
    /// one Character that is not `?`, so an issuer with a query or fragment got through and its
    /// discovery URL put `/.well-known/openid-configuration` inside the query (or the fragment,
    /// which an HTTP client drops: the issuer's root was fetched instead).
    @Test(
        "an issuer whose query or fragment starts with a combining mark is still refused",
        arguments: ["https://idp.example/?\u{301}x=1", "https://idp.example#\u{301}", "https://idp.example/#\u{20DD}f"]
    )
    func issuerQueryBehindCombiningMark(issuer: String) {
        #expect(throws: JWTError.invalidOptions) {
            try OpenIDProviderMetadata.configurationURL(forIssuer: issuer)
        }
        #expect(throws: JWTError.invalidOptions) {
            try RemoteJWKSet(openIDIssuer: issuer) { _ in [] }
        }
    }

    // MARK: jwks_uri

    /// A URI is ASCII (RFC 3986); a backslash is not allowed in one and WHATWG parsers read it as
    /// `/` (`https://keys.idp.example\@evil.example/` goes to keys.idp.example there, to
    /// evil.example for RFC 3986 parsers); userinfo must not be sent in an https URI (RFC 9110
    /// §4.2.4); a URL needs a host; C1 controls and bidi overrides are not printable.
    @Test(
        "a jwks_uri that is not a plain https URL with a host is refused",
        arguments: [
            "https://keys.idp.example\\\\@evil.example/jwks",  // a backslash (JSON-escaped)
            "https://idp.example@evil.example/jwks",  // userinfo
            "https://?jwks",  // no host
            "https://:443/jwks",  // no host
            "https://#",  // no host
            "https://idp.example/jwks\u{85}",  // NEL, a C1 control
            "https://idp.example/\u{202E}skwj",  // a bidi override
            "https://idp.example/jwks#fragment",  // a fragment, meaningless for a fetch
            "https://idp.example/%zz",  // a % that encodes nothing
            "https://[2001:db8::1/jwks",  // an unclosed IPv6 literal
            "https://idp.example:44x/jwks",  // a port that is not a number
            // Found untested by mutation testing (each passed with its check removed or loosened):
            "https://idp.example/keys%4",  // a % with one hex digit, at the end
            "https://idp.example/%4g/keys",  // a % with one hex digit, then a letter
            "https://[]/jwks",  // an empty IPv6 literal: no host
            "https://idp.example:123456/jwks",  // a port of six digits
            "https://idp.example/jwks\u{7F}",  // DEL, not printable
            "https://idp.example/[x]/jwks",  // brackets belong to an IPv6 host only
            "https://idp.example/jwks?v=[1]",
            "https://idp.example:65536/jwks",  // no TCP port is this large
            "https://idp.example:99999/jwks",
            "https://idp.example:0/jwks",  // port 0 names none
            "https://[idp.example]/jwks",  // brackets hold an IPv6 address only
            "https://[v1.idp]/jwks",  // IPvFuture
            "https://[fe80::1%25eth0]/jwks",  // a zone, local to the machine that wrote it
            "https://[1:2]/jwks",  // one colon is no IPv6 address
            // Only an IPv6 address's characters, but not one (RFC 3986 §3.2.2), found by review:
            "https://[:::::::]/jwks",
            "https://[..::..]/jwks",
            "https://[1::2::3]/jwks",  // two gaps
            "https://[1:::2]/jwks",
            "https://[12345::1]/jwks",  // a group of five digits
            "https://[1:2:3:4:5:6:7:8:9]/jwks",  // nine groups
            "https://[1:2:3:4:5:6:7]/jwks",  // seven groups, no gap
            "https://[1:2:3:4:5:6:7:8::]/jwks",  // a gap with eight groups
            "https://[::1.2.3.256]/jwks",  // an IPv4 octet over 255
            "https://[::01.2.3.4]/jwks",  // an IPv4 octet with a leading zero
            "https://[1.2.3.4]/jwks",  // IPv4 alone in brackets
            "https://[1.2.3.4::]/jwks",  // IPv4 before the gap
            "https://[:1::2]/jwks",  // a lone leading colon
            "https://[g::1]/jwks",
            // Found untested by mutation testing:
            "https://[2001:db8::1]8443/jwks",  // no colon between the literal and the port
            "https://idp.example:000443/jwks",  // over five digits, though 443
            "https://idp.example:99999999999999999999/jwks",  // more digits than an Int holds
        ]
    )
    func malformedJWKSURI(uri: String) {
        let error = #expect(throws: JWTError.invalidProviderMetadata) {
            try OpenIDProviderMetadata(json: Self.document(jwksURI: uri), expectedIssuer: "https://idp.example")
        }
        #expect(error?.message.contains("jwks_uri") == true)
    }

    @Test(
        "plain https jwks_uris are still accepted",
        arguments: [
            "https://www.googleapis.com/oauth2/v3/certs",
            "HTTPS://idp.example/keys",
            "https://idp.example:8443/keys?tenant=a%20b",
            "https://[2001:db8::1]/keys",
            "https://127.0.0.1/.well-known/jwks.json",
            "https://idp.example:65535/keys%2Fv1",
            "https://[::1]:8443/keys",
            "https://[::ffff:192.0.2.1]:1/keys",  // an embedded IPv4 address, the smallest port
            "https://[1:2:3:4:5:6:7:8]/keys",
            "https://[1:2:3:4:5:6:7::]/keys",  // the gap standing for one group
            "https://[::2:3:4:5:6:7:8]/keys",
            "https://[1:2:3:4:5:6:10.0.0.1]/keys",
            "https://[FE80::ABCD:0:1]/keys",
            "https://[::]/keys",
        ]
    )
    func plainJWKSURI(uri: String) throws {
        let metadata = try OpenIDProviderMetadata(
            json: Self.document(jwksURI: uri),
            expectedIssuer: "https://idp.example"
        )
        #expect(metadata.jwksURI == uri)
    }

    // MARK: Messages

    /// `describe` trusted every `JWTError` as "ours", but `JWTError.init` is public and `get` is the
    /// caller's: a fetch that throws one (wrapping a response body, say) put its whole message,
    /// newlines and escape sequences included, into every refused request's message.
    @Test("a JWTError thrown by the caller's fetch is clipped and escaped like any other error")
    func callersJWTErrorIsClipped() async throws {
        let body = String(repeating: "A", count: 10_000) + "\n\u{1B}[2J"
        let remote = try RemoteJWKSet(
            openIDIssuer: "https://idp.example",
            options: JWTValidationOptions(clock: Self.clock)
        ) { _ in throw JWTError(.malformed, body) }
        let token = KeyServer.token(KeyServer.keyA, kid: "a", issuer: "https://idp.example")
        let error = await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(token) }
        let message = error?.message ?? ""
        #expect(message.utf8.count < 400, "\(message.utf8.count) bytes")
        #expect(!message.contains("\n") && !message.unicodeScalars.contains("\u{1B}"))
        #expect(remote.status.lastError?.message.utf8.count ?? 0 < 400)

        let plain = RemoteJWKSet(options: JWTValidationOptions(clock: Self.clock)) {
            throw JWTError(.malformed, body)
        }
        let plainError = await #expect(throws: JWTError.keySetUnavailable) { try await plain.verify(token) }
        #expect((plainError?.message.utf8.count ?? 0) < 400)
        #expect(plainError?.message.contains("\n") == false)
    }

    /// A refused discovery document is a refused configuration, as a refused JWK Set is:
    /// `refresh()` and `status.lastError` give the set's own code for the latter, so they give
    /// `invalid_provider_metadata` for the former (the code was otherwise never seen from a
    /// RemoteJWKSet), and the message names the discovery document, not "fetching the JWK Set".
    @Test("refresh() reports a refused discovery document with invalid_provider_metadata")
    func refreshKeepsMetadataCode() async throws {
        let remote = try RemoteJWKSet(
            openIDIssuer: "https://idp.example",
            options: JWTValidationOptions(clock: Self.clock)
        ) { _ in Array(Self.document(jwksURI: "https://k/jwks", issuer: "https://evil.example").utf8) }
        let error = await #expect(throws: JWTError.invalidProviderMetadata) { try await remote.refresh() }
        #expect(error?.message.contains("\"https://evil.example\"") == true)
        #expect(error?.message.contains("fetching the JWK Set failed") == false, "\(error?.message ?? "")")
        #expect(remote.status.lastError?.code == .invalidProviderMetadata)
        // A request still gets one code for every reason the set is unavailable.
        let token = KeyServer.token(KeyServer.keyA, kid: "a", issuer: "https://idp.example")
        let refused = await #expect(throws: JWTError.keySetUnavailable) { try await remote.verify(token) }
        #expect(refused?.message.contains("invalid_provider_metadata") == true)
    }

    // MARK: The issuer binding

    /// The README says tokens must carry the provider's `iss`, but options given to one call
    /// replace the set's, issuers included; the documentation now says so.
    @Test("options given to one call replace the provider's issuer (documented)")
    func perCallOptionsReplaceIssuer() async throws {
        let remote = try RemoteJWKSet(
            openIDIssuer: "https://idp.example",
            options: JWTValidationOptions(clock: Self.clock)
        ) { url in
            url.hasSuffix("openid-configuration")
                ? Array(Self.document(jwksURI: "https://keys.idp.example/jwks").utf8)
                : KeyServer.keySet([(KeyServer.keyA, "a")])
        }
        let other = KeyServer.token(KeyServer.keyA, kid: "a", issuer: "https://other.example")
        await #expect(throws: JWTError.invalidIssuer) { try await remote.verify(other) }
        #expect(try await remote.verify(other, options: JWTValidationOptions(clock: Self.clock)).keyID == "a")
    }

    // MARK: Found untested by mutation testing

    /// Mutant: the options' issuers were searched with `Set.contains`, which compares by canonical
    /// equivalence, so an issuer the tokens' `iss` never matches (their check is byte for byte) was
    /// taken for the provider's, and every token was then refused with `invalid_issuer`.
    @Test("the options' issuers must hold the provider's issuer byte for byte, not an equivalent spelling")
    func optionsIssuerComparedByBytes() {
        // U+212A KELVIN SIGN is canonically equivalent to "K".
        let lookAlike = "https://idp.example/\u{212A}"
        #expect(lookAlike == "https://idp.example/K")  // Swift's String equality
        let error = #expect(throws: JWTError.invalidOptions) {
            try RemoteJWKSet(
                openIDIssuer: "https://idp.example/K",
                options: JWTValidationOptions(issuers: [lookAlike])
            ) { _ in [] }
        }
        #expect(error?.message.contains("leave out") == true, "\(error?.message ?? "")")
    }

    /// Mutant: the size check refused a document of exactly `maxDocumentBytes` (`<` for `<=`).
    @Test("a discovery document of exactly maxDocumentBytes is read, one byte more is refused")
    func documentSizeBoundary() throws {
        let document = Self.document(jwksURI: "https://idp.example/keys")
        let full =
            document + String(repeating: " ", count: OpenIDProviderMetadata.maxDocumentBytes - document.utf8.count)
        #expect(full.utf8.count == OpenIDProviderMetadata.maxDocumentBytes)
        let metadata = try OpenIDProviderMetadata(json: full, expectedIssuer: "https://idp.example")
        #expect(metadata.jwksURI == "https://idp.example/keys")
        #expect(throws: JWTError.invalidProviderMetadata) {
            try OpenIDProviderMetadata(json: full + " ", expectedIssuer: "https://idp.example")
        }
    }

    /// Mutant: a refused document fell back to the last `jwks_uri` read, as a document that cannot
    /// be fetched does, so a provider whose document turned to another issuer kept its keys served.
    @Test("a refused discovery document fails the fetch even when an earlier document gave a jwks_uri")
    func refusedDocumentHasNoFallback() async throws {
        let documentIssuer = LockedValue("https://idp.example")
        let requests = LockedValue<[String]>([])
        let remote = try RemoteJWKSet(
            openIDIssuer: "https://idp.example",
            options: JWTValidationOptions(clock: Self.clock)
        ) { url in
            requests.withLock { $0.append(url) }
            guard url.hasSuffix("/.well-known/openid-configuration") else {
                return KeyServer.keySet([(KeyServer.keyA, "a")])
            }
            let issuer = documentIssuer.withLock { $0 }
            return Array(Self.document(jwksURI: "https://keys.idp.example/jwks", issuer: issuer).utf8)
        }
        try await remote.refresh()
        documentIssuer.withLock { $0 = "https://evil.example" }
        await #expect(throws: JWTError.invalidProviderMetadata) { try await remote.refresh() }
        let discovery = "https://idp.example/.well-known/openid-configuration"
        #expect(requests.withLock { $0 } == [discovery, "https://keys.idp.example/jwks", discovery])
        #expect(remote.status.successfulFetches == 1 && remote.status.failedFetches == 1)
    }
}
