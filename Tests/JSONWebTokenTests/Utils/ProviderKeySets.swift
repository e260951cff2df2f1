import Base64URL
import CryptoPrimitives
import Foundation
import JSONWebToken
import StrictJSON
import VerifyKitTestSupport

/// Key material for the identity-provider layouts of `IdentityProviderInteropTests`, all generated
/// here (no provider's real key): RSA keys with self-signed certificates from the `openssl` tool,
/// so that `x5c`, `x5t` and `x5t#S256` are the real thumbprints of a real certificate.
enum ProviderKeys {
    /// An RSA signing key, its certificate (DER) and the JWK members a provider derives from them.
    struct Certified: Sendable {
        var key: CryptoKey
        var certificate: [UInt8]

        /// `n` and `e`, base64url.
        var n: String { Self.member(key, "n") }
        var e: String { Self.member(key, "e") }
        /// `x5c[0]`: standard Base64 with padding (RFC 7517 §4.7), not base64url.
        var x5c: String { Base64.encode(certificate) }
        /// `x5t`: base64url SHA-1 of the certificate (RFC 7517 §4.8).
        var x5t: String { Base64URL.encode(ProviderKeys.sha1(certificate)) }
        /// `x5t#S256`: base64url SHA-256 of the certificate (RFC 7517 §4.9).
        var x5tS256: String { Base64URL.encode(SHA2.hash(certificate, digest: .sha256)) }

        static func member(_ key: CryptoKey, _ name: String) -> String {
            let members = JWK(key: key.publicKey ?? key).publicJSON
            if case .string(let value)? = members[name] { return value }
            return ""
        }
    }

    /// A 2048-bit RSA key and a self-signed certificate for it made by `openssl`, or nil when the
    /// tool is missing (the suite is then disabled).
    static func certifiedRSA(subject: String) -> Certified? {
        guard OpenSSLTool.isAvailable, let directory = try? TemporaryDirectory.make(prefix: "verifykit-idp") else {
            return nil
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try OpenSSLTool.succeed(
                ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "key.pem"],
                in: directory
            )
            try OpenSSLTool.succeed(
                [
                    "req", "-new", "-x509", "-key", "key.pem", "-subj", subject, "-days", "2", "-outform", "DER",
                    "-out", "cert.der",
                ],
                in: directory
            )
            let pem = try Data(contentsOf: directory.appendingPathComponent("key.pem"))
            let certificate = [UInt8](try Data(contentsOf: directory.appendingPathComponent("cert.der")))
            let key = try KeyImporter.importKeys(from: [UInt8](pem)).keys[0].key
            return Certified(key: key, certificate: certificate)
        } catch {
            return nil
        }
    }

    /// SHA-1 by the `openssl` tool (the library's own is internal, for checking `x5t` only).
    static func sha1(_ bytes: [UInt8]) -> [UInt8] {
        guard let hex = try? OpenSSLTool.succeed(["dgst", "-sha1", "-r"], stdin: Data(bytes)) else { return [] }
        let digits = Array(String(decoding: hex, as: UTF8.self).prefix(40).utf8)
        return stride(from: 0, to: digits.count, by: 2).compactMap {
            UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)
        }
    }

    static let signing = certifiedRSA(subject: "/CN=verifykit-idp-signing")
    static let rotated = certifiedRSA(subject: "/CN=verifykit-idp-rotated")
    static let encryption = certifiedRSA(subject: "/CN=verifykit-idp-encryption")

    /// The members of an EC or OKP public JWK (`crv`, `x`, `y`), base64url.
    static func member(_ key: CryptoKey, _ name: String) -> String { Certified.member(key, name) }
}
