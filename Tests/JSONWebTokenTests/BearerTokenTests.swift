import JSONWebToken
import Testing

@Suite("BearerToken: the token of an Authorization header (RFC 6750 §2.1)")
struct BearerTokenTests {
    static let jwt = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl-_"

    @Test(
        "a bearer credential gives its token",
        arguments: [
            ("Bearer \(jwt)", jwt),
            ("bearer \(jwt)", jwt),
            ("BEARER \(jwt)", jwt),
            ("Bearer   \(jwt)", jwt),
            (" \tBearer \(jwt) \t", jwt),
            ("Bearer abc+/~_-.==", "abc+/~_-.=="),
        ]
    )
    func accepted(value: String, token: String) {
        #expect(BearerToken.token(fromAuthorization: value).map(String.init) == token)
    }

    @Test(
        "anything else is nil",
        arguments: [
            "", " ", "Bearer", "Bearer ", "Bearer   ", "Basic dXNlcjpwYXNz", "Bearerabc", "Bearer\tabc",
            "Bearer abc def", "Bearer abc,", "Bearer =abc", "Bearer ab=c", "Bearer äbc", "Bearer abc\n",
            "Bearer \"abc\"", "Token abc", "Beare abc", "Bearer: abc",
            // Padding alone is no b64token: at least one token character comes first.
            "Bearer =", "Bearer ==", " Bearer == ",
        ]
    )
    func refused(value: String) {
        #expect(BearerToken.token(fromAuthorization: value) == nil, "\(value.debugDescription)")
    }

    @Test("a Substring in, a slice of it out, ready for verify")
    func substrings() throws {
        let header = "Authorization: Bearer \(Self.jwt)"
        let value = header[header.index(header.startIndex, offsetBy: "Authorization:".count)...]
        let token = try #require(BearerToken.token(fromAuthorization: value))
        #expect(token == Self.jwt[...])
        #expect(token.base == header)
    }
}
