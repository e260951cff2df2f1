import VerifyKit

/// OpenID discovery documents (part of the `keys` target): the bytes as a document, checked
/// against a fixed issuer and against the issuer the document itself names.
enum DiscoveryFuzzing {
    static let fixedIssuer = "https://idp.example"

    static func run(_ bytes: [UInt8]) {
        check(bytes, expected: fixedIssuer)
        // The document's own `issuer`, so the later checks (jwks_uri, algorithms) are reached.
        if case .object(let document)? = try? JSONParser().parse(bytes), case .string(let own)? = document["issuer"] {
            check(bytes, expected: own)
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            if let url = try? OpenIDProviderMetadata.configurationURL(forIssuer: text),
                !url.hasSuffix("/.well-known/openid-configuration")
            {
                violated("configurationURL gave \(url)")
            }
        }
    }

    static func check(_ bytes: [UInt8], expected: String) {
        guard let metadata = try? OpenIDProviderMetadata(json: bytes, expectedIssuer: expected) else { return }
        guard Array(metadata.issuer.utf8) == Array(expected.utf8) else {
            violated("a document for \(metadata.issuer) was accepted for \(expected)")
        }
        guard metadata.jwksURI.utf8.count > 8, metadata.jwksURI.prefix(8).lowercased() == "https://" else {
            violated("jwks_uri \(metadata.jwksURI) accepted")
        }
    }
}
