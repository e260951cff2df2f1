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
        ]
    )
    func plainJWKSURI(uri: String) throws {
        let metadata = try OpenIDProviderMetadata(
            json: Self.document(jwksURI: uri),
            expectedIssuer: "https://idp.example"
        )
        #expect(metadata.jwksURI == uri)
    }
}
