import Foundation
import VerifyKit

/// Certificates from untrusted bytes: the X.509 reader, chain validation, and `X5CVerifier` on a
/// token whose `x5c` holds them. Bytes split at NUL bytes give the certificates of one chain.
enum CertificateFuzzing {
    /// The fixture root of `TestVectors/x5c` (found from this file's path) and a verifier trusting it.
    static let verifier: X5CVerifier = {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("TestVectors/x5c/root.pem")
        guard let text = try? String(contentsOf: root, encoding: .utf8),
            let store = try? X509TrustStore(pemBundle: text)
        else { fatalError("cannot read the fuzzing trust anchor at \(root.path)") }
        return X5CVerifier(trustStore: store, requiredLeafExtensions: ["1.2.3.4.5.6.1"])
    }()

    static func run(_ bytes: [UInt8]) {
        let parts = bytes.split(separator: 0, maxSplits: 4, omittingEmptySubsequences: false).map(Array.init)
        var chain: [X509Certificate] = []
        for part in parts {
            guard let certificate = try? X509Certificate(derRepresentation: part) else { continue }
            check(certificate, read: part)
            chain.append(certificate)
        }
        if let text = String(validating: bytes, as: UTF8.self),
            let certificates = try? X509Certificate.certificates(pemBundle: text)
        {
            for certificate in certificates { _ = certificate.subject }
        }
        if !chain.isEmpty, let path = try? verifier.trustStore.validate(chain, at: Int64(Date().timeIntervalSince1970))
        {
            guard path.first == chain.first, path.last == verifier.trustStore.trustedCertificates.first else {
                violated("a validated path does not run from the chain's leaf to the anchor")
            }
        }
        // The fuzzer cannot forge an ES256 signature: whatever the chain, this token must fail.
        let x5c = parts.map { "\"\(Base64.encode($0))\"" }.joined(separator: ",")
        let header = Base64URL.encode(Array(#"{"alg":"ES256","x5c":[\#(x5c)]}"#.utf8))
        let token =
            "\(header).\(Base64URL.encode(Array(#"{"sub":"x"}"#.utf8))).\(Base64URL.encode([UInt8](repeating: 7, count: 64)))"
        if (try? verifier.verify(token, as: JWTClaims.self)) != nil {
            violated("X5CVerifier accepted a token with a made-up signature")
        }
        // The last part as the payload, for a verifier that validates the chain at a claim's time:
        // any JSON, number or not, huge or negative, must come back as a typed error.
        let fixtureChain = "\"\(Base64.encode(verifier.trustStore.trustedCertificates[0].derRepresentation))\""
        let claimHeader = Base64URL.encode(Array(#"{"alg":"ES256","x5c":[\#(fixtureChain)]}"#.utf8))
        let claimToken =
            "\(claimHeader).\(Base64URL.encode(parts.last ?? [])).\(Base64URL.encode([UInt8](repeating: 7, count: 64)))"
        var claimVerifier = verifier
        claimVerifier.validationTime = .claim("signedDate", milliseconds: true, maxAge: 1e300)
        if (try? claimVerifier.verify(claimToken, as: JWTClaims.self)) != nil {
            violated("X5CVerifier accepted a token with a made-up signature")
        }
    }

    /// What a parsed certificate tells must not depend on how often it is asked, and it must
    /// read back from its own DER.
    static func check(_ certificate: X509Certificate, read bytes: [UInt8]) {
        guard certificate.derRepresentation == bytes else { violated("a certificate's DER is not the bytes read") }
        guard (try? X509Certificate(derRepresentation: certificate.derRepresentation)) == certificate else {
            violated("a certificate does not read back from its own DER")
        }
        _ = certificate.subject
        _ = certificate.permitsDigitalSignature
        _ = certificate.hasExtension(oid: "2.5.29.19")
        _ = try? certificate.publicKey()
    }
}
