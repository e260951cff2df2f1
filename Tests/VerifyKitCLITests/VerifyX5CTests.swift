import Foundation
import Testing
import VerifyKit
import VerifyKitTestSupport

/// `verify --x5c-roots`: the token's own certificate chain, trusted if it leads to a given root.
@Suite("CLI verify: x5c chains")
struct VerifyX5CTests {
    static let folder = PackagePaths.testVectors.appendingPathComponent("x5c")

    static func path(_ name: String) -> String { folder.appendingPathComponent("\(name).pem").path }

    static func certificate(_ name: String) throws -> X509Certificate {
        try X509Certificate(pemRepresentation: String(contentsOfFile: path(name), encoding: .utf8))
    }

    /// An ES256 token by leaf-ec carrying [leaf-ec, intermediate], and a time inside the chain's validity.
    static func token() throws -> (token: String, now: String) {
        let token = try token(signer: "leaf-ec", payload: #"{"sub":"alice"}"#)
        return (token, String(try certificate("leaf-short").notBefore + 60))
    }

    /// An ES256 token of the claims `payload` (JSON text) by `signer`, carrying [signer, intermediate].
    static func token(signer: String, payload: String) throws -> String {
        var header = JWTHeader(type: nil)
        header["x5c"] = .array(
            try [signer, "intermediate"].map { .string(Base64.encode(try certificate($0).derRepresentation)) }
        )
        let key = try CryptoKey(pemRepresentation: String(contentsOfFile: path("\(signer).key"), encoding: .utf8))
        return try JWTSigner.sign(payload: Array(payload.utf8), header: header, key: key, algorithm: .es256)
    }

    static func json(_ output: CLI.Output) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    @Test("a chain to the given root verifies (PEM or DER roots file); kid is null, the claims are printed")
    func valid() throws {
        let (token, now) = try Self.token()
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let der = dir.appendingPathComponent("root.der")
        try Data(try Self.certificate("root").derRepresentation).write(to: der)
        for roots in [Self.path("root"), der.path] {
            let result = try CLI.run(["verify", "--x5c-roots", roots, "--x5c-any-leaf", "--now", now, "--json", token])
            #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
            let object = try Self.json(result)
            #expect(object["alg"] as? String == "ES256")
            #expect(object["kid"] is NSNull)
            #expect((object["claims"] as? [String: Any])?["sub"] as? String == "alice")
        }
    }

    @Test("another root, a missing extension, the wrong time: rejected with invalid_certificate_chain")
    func rejected() throws {
        let (token, now) = try Self.token()
        for extra in [
            ["--x5c-roots", Self.path("other-root"), "--x5c-any-leaf", "--now", now],
            ["--x5c-roots", Self.path("root"), "--now", now, "--x5c-leaf-ext", "1.2.3.4.5.6.9"],
            [
                "--x5c-roots", Self.path("root"), "--now", now, "--x5c-any-leaf", "--x5c-intermediate-ext",
                "1.2.3.4.5.6.1",
            ],
            ["--x5c-roots", Self.path("root"), "--now", "1000000000", "--x5c-any-leaf"],
        ] {
            let result = try CLI.run(["verify", "--json"] + extra + [token])
            #expect(result.status == 1, "\(extra)")
            let error = try Self.json(result)["error"] as? [String: Any]
            #expect(error?["code"] as? String == "invalid_certificate_chain", "\(extra)")
        }
        let marked = try CLI.run([
            "verify", "--x5c-roots", Self.path("root"), "--now", now, "--x5c-leaf-ext", "1.2.3.4.5.6.1",
            "--x5c-intermediate-ext", "1.2.3.4.5.6.2", token,
        ])
        #expect(marked.status == 0, "\(marked.stderr)")
    }

    @Test(
        "usage errors: with --key, extension options alone, a malformed OID, --tokens-file, a roots file of no certificate"
    )
    func usage() throws {
        let (token, now) = try Self.token()
        let roots = Self.path("root")
        for arguments in [
            ["--x5c-roots", roots, "--key", Self.path("leaf-ec.key"), "--x5c-any-leaf", token],
            ["--x5c-roots", roots, "--now", now, token],  // which leaves may sign is not said
            ["--x5c-roots", roots, "--x5c-any-leaf", "--x5c-leaf-ext", "1.2.3", token],
            ["--key", Self.path("leaf-ec.key"), "--x5c-any-leaf", token],
            ["--key", Self.path("leaf-ec.key"), "--x5c-leaf-ext", "1.2.3", token],
            ["--x5c-roots", roots, "--x5c-leaf-ext", "1.2.x", token],
            ["--x5c-roots", roots, "--x5c-intermediate-ext", "1..2", token],
            ["--x5c-roots", roots, "--x5c-any-leaf", "--tokens-file", roots],
            ["--x5c-roots", roots, "--x5c-any-leaf", "--raw-payload", token],
            // A certificate holds no secret: HS* can never pass, so it is the caller's mistake.
            ["--x5c-roots", roots, "--x5c-any-leaf", "--now", now, "--alg", "HS256", token],
            ["--x5c-roots", roots, "--x5c-any-leaf", "--now", now, "--alg", "ES256", "--alg", "HS384", token],
            ["--x5c-roots", Self.path("leaf-ec.key"), "--x5c-any-leaf", "--now", now, token],
        ] {
            let result = try CLI.run(["verify"] + arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }
}
