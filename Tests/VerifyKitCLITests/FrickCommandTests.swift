import Foundation
import Testing
import VerifyKit
import VerifyKitTestSupport

@testable import VerifyKitCLI

@Suite("CLI: verifykit frick")
struct FrickCommandTests {
    static let vectorDirectory = PackagePaths.testVectors.appendingPathComponent("bankfrick")
    static let privateKey = vectorDirectory.appendingPathComponent("test_client_key.TEST-ONLY.pem").path
    static let publicKey = vectorDirectory.appendingPathComponent("test_client_key.TEST-ONLY.pub.pem").path
    static let compactBody = #"{"key":"1234567890abcdefgHIJKLMN","password":"secret","validUntil":"2025-04-01"}"#

    struct BodyVector: Decodable {
        let comment: String
        let body: String
        let algorithm: String?
        let signature: String
        let result: String
        let reproducible: Bool
    }

    static func vectors() throws -> [BodyVector] {
        struct File: Decodable { let vectors: [BodyVector] }
        let data = try Data(contentsOf: vectorDirectory.appendingPathComponent("body_signatures.json"))
        return try JSONDecoder().decode(File.self, from: data).vectors
    }

    static func writeBody(_ text: String) throws -> String {
        let url = try CLI.temporaryDirectory().appendingPathComponent("body")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("sign prints exactly two lines, Signature then algorithm, matching openssl's signature")
    func signMatchesOpenSSL() throws {
        let vectors = try Self.vectors()
        #expect(vectors.count == 20)
        for vector in vectors where vector.reproducible {
            let body = try Self.writeBody(vector.body)
            let algorithm = vector.algorithm ?? "rsa-sha512"
            var arguments = ["frick", "sign", "--private-key", Self.privateKey, "--body-file", body]
            if let value = vector.algorithm { arguments += ["--algorithm", value] }
            let result = try CLI.run(arguments)
            #expect(result.status == 0, "\(vector.comment): \(result.stderr)")
            #expect(result.stdout == "Signature: \(vector.signature)\nalgorithm: \(algorithm)\n", "\(vector.comment)")
        }
    }

    @Test("verify: exit 0 for valid vectors, 1 for invalid, 2 for refused headers")
    func verifyVectors() throws {
        for vector in try Self.vectors() where !vector.signature.contains("\n") {
            let body = try Self.writeBody(vector.body)
            var arguments = [
                "frick", "verify", "--public-key", Self.publicKey, "--body-file", body, "--signature", vector.signature,
            ]
            if let value = vector.algorithm { arguments += ["--algorithm", value] }
            let result = try CLI.run(arguments)
            let expected: Int32 = vector.result == "valid" ? 0 : vector.result == "invalid" ? 1 : 2
            #expect(result.status == expected, "\(vector.comment): \(result.stderr)")
            if expected == 2 {
                #expect(result.stderr.hasPrefix("verifykit: "))
                #expect(result.stderr.filter { $0 == "\n" }.count == 1)
            }
        }
    }

    /// `frick sign` over `body` from standard input; the `Signature` value it prints.
    static func signature(of body: String, algorithm: String) throws -> String {
        let signed = try CLI.run(
            ["frick", "sign", "--private-key", privateKey, "--body-file", "-", "--algorithm", algorithm],
            stdin: body
        )
        #expect(signed.status == 0)
        return try #require(
            signed.stdout.split(separator: "\n").first.map { String($0.dropFirst("Signature: ".count)) }
        )
    }

    /// `frick verify` of standard input against the test public key.
    static func verifyArguments(signature: String, algorithm: String) -> [String] {
        [
            "frick", "verify", "--public-key", publicKey, "--body-file", "-", "--signature", signature,
            "--algorithm", algorithm,
        ]
    }

    @Test("sign then verify through standard input; a changed body is invalid")
    func roundTripThroughStdin() throws {
        let signature = try Self.signature(of: "hello", algorithm: "rsa-sha384")
        let arguments = Self.verifyArguments(signature: signature, algorithm: "rsa-sha384")
        #expect(try CLI.run(arguments, stdin: "hello").status == 0)
        #expect(try CLI.run(arguments, stdin: "hello!").status == 1)
        #expect(try CLI.run(arguments, stdin: "").status == 1)
    }

    /// Bodies up to 16 MiB are read (a statement export is far larger than a login body).
    @Test("a 1 MiB body signs and verifies from a file")
    func largeBody() throws {
        let text = "{\"blob\":\"" + String(repeating: "x", count: 1 << 20) + "\"}"
        let body = try Self.writeBody(text)
        let signed = try CLI.run(["frick", "sign", "--private-key", Self.privateKey, "--body-file", body])
        #expect(signed.status == 0, "\(signed.stderr)")
        let signature = try #require(
            signed.stdout.split(separator: "\n").first?.dropFirst("Signature: ".count).description
        )
        let verified = try CLI.run([
            "frick", "verify", "--public-key", Self.publicKey, "--body-file", body, "--signature", signature,
        ])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout == "valid\n")
    }

    /// Every --min-rsa-bits option takes 512...16384, signing included; and only one input may be
    /// standard input, checked before anything is read.
    @Test("frick sign and authorize-request refuse a --min-rsa-bits outside 512...16384 and two inputs from -")
    func signingUsageErrors() throws {
        let body = try Self.writeBody("{}")
        for bits in ["511", "16385"] {
            let sign = try CLI.run([
                "frick", "sign", "--private-key", Self.privateKey, "--body-file", body, "--min-rsa-bits", bits,
            ])
            #expect(sign.status == 2, "\(bits)")
            #expect(sign.stderr.contains("--min-rsa-bits"), "\(sign.stderr)")
            #expect(sign.stdout.isEmpty)
        }
        let twice = try CLI.run(
            ["frick", "authorize-request", "--private-key", "-", "--api-key-file", "-"],
            stdin: try String(contentsOfFile: Self.privateKey, encoding: .utf8)
        )
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("only one input can be read from standard input"), "\(twice.stderr)")
        #expect(twice.stdout.isEmpty)
    }

    /// The key from `-` takes all of standard input, so a body file that is standard input under
    /// another spelling was read empty, and the empty body was signed with exit 0.
    @Test(
        "standard input spelt as /dev//stdin, /dev/./stdin, /dev/fd/0/ or through a symbolic link counts as -",
        arguments: ["/dev//stdin", "/dev/./stdin", "/dev/fd/0/", "LINK"]
    )
    func standardInputUnderAnotherName(bodyFile: String) throws {
        let link = try CLI.temporaryDirectory().appendingPathComponent("stdin-link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/dev/stdin")
        let path = bodyFile == "LINK" ? link.path : bodyFile
        let result = try CLI.run(
            ["frick", "sign", "--private-key", "-", "--body-file", path],
            stdin: try String(contentsOfFile: Self.privateKey, encoding: .utf8)
        )
        #expect(result.status == 2, "\(path): \(result.stdout)")
        #expect(result.stderr.contains("only one input can be read from standard input"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        // A file that is not standard input still signs with the key from -.
        let body = try CLI.run(
            ["frick", "sign", "--private-key", "-", "--body-file", try Self.writeBody("{}")],
            stdin: try String(contentsOfFile: Self.privateKey, encoding: .utf8)
        )
        #expect(body.status == 0, "\(body.stderr)")
    }

    @Test(
        "a character device that is not a terminal (/dev/null) is not standard input: the key's own problem is reported"
    )
    func devNullIsNotStandardInput() throws {
        let script = #"bin="$1"; shift; exec "$bin" "$@" < /dev/null"#
        let arguments = ["frick", "sign", "--private-key", "/dev/null", "--body-file", "-"]
        let result = try ToolRunner.run("bash", ["-c", script, "bash", CLI.binary.path] + arguments)
        #expect(result.status == 2)
        #expect(!result.stderr.contains("only one input"), "\(result.stderr)")
        #expect(result.stderr.contains("cannot use private key file /dev/null"), "\(result.stderr)")
    }

    @Test("--accept narrows the algorithms a signer may use: another is invalid (1), an unknown name is usage (2)")
    func acceptedAlgorithms() throws {
        let signature = try Self.signature(of: "hello", algorithm: "rsa-sha256")
        let arguments = Self.verifyArguments(signature: signature, algorithm: "rsa-sha256")
        #expect(try CLI.run(arguments, stdin: "hello").status == 0)
        #expect(try CLI.run(arguments + ["--accept", "rsa-sha512"], stdin: "hello").status == 1)
        let both = arguments + ["--accept", "rsa-sha512", "--accept", "rsa-sha256"]
        #expect(try CLI.run(both, stdin: "hello").status == 0)
        let unknown = try CLI.run(arguments + ["--accept", "rsa-md5"], stdin: "hello")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("rsa-md5"))
        // A usage error, found before any file is read: it names the option, even when the key
        // file is missing too.
        #expect(unknown.stderr.contains("--accept"), "\(unknown.stderr)")
        var missingKey = arguments + ["--accept", "rsa-md5"]
        missingKey[missingKey.firstIndex(of: "--public-key")! + 1] = "/nonexistent/key.pem"
        let refused = try CLI.run(missingKey, stdin: "hello")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--accept"), "\(refused.stderr)")
    }

    @Test("unreadable keys, unknown algorithms and bad Base64 exit 2")
    func badInput() throws {
        let body = try Self.writeBody("{}")
        let cases: [[String]] = [
            ["frick", "sign", "--private-key", "/nonexistent/key.pem", "--body-file", body],
            ["frick", "sign", "--private-key", Self.publicKey, "--body-file", body],
            ["frick", "sign", "--private-key", Self.privateKey, "--body-file", body, "--algorithm", "rsa-sha1"],
            ["frick", "sign", "--private-key", Self.privateKey, "--body-file", "/nonexistent/body"],
            ["frick", "verify", "--public-key", body, "--body-file", body, "--signature", "AQID"],
            ["frick", "verify", "--public-key", Self.publicKey, "--body-file", body, "--signature", "AQ-D"],
            [
                "frick", "verify", "--public-key", Self.publicKey, "--body-file", body, "--signature", "AQID",
                "--algorithm", "PS512",
            ],
        ]
        for arguments in cases {
            let result = try CLI.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stdout.isEmpty, "\(arguments)")
            #expect(result.stderr.hasPrefix("verifykit: "), "\(arguments)")
        }
        // A DER key file is named as such (Bank Frick keys are PEM), not reported as broken text.
        let pemText = try String(contentsOfFile: Self.publicKey, encoding: .utf8)
        let der = try PEMDocument(pemRepresentation: pemText).derBytes
        let derPath = try Self.writeBody(String(decoding: der, as: UTF8.self))
        try Data(der).write(to: URL(fileURLWithPath: derPath))
        let derResult = try CLI.run([
            "frick", "verify", "--public-key", derPath, "--body-file", body, "--signature", "AQID",
        ])
        #expect(derResult.status == 2)
        #expect(derResult.stderr.contains("is binary DER; Bank Frick keys are PEM"), "\(derResult.stderr)")
        // Key and body both from standard input: the body would read as empty (a usage error).
        for arguments in [
            ["frick", "sign", "--private-key", "-", "--body-file", "-"],
            ["frick", "verify", "--public-key", "-", "--body-file", "-", "--signature", "AQID"],
        ] {
            let result = try CLI.run(arguments)
            #expect(result.status == 2 && result.stdout.isEmpty, "\(arguments)")
            #expect(result.stderr.contains("only one input can be read from standard input"), "\(arguments)")
        }
    }

    @Test("a PEM key file whose text before the block starts with 0 is read as PEM, not refused as binary DER")
    func pemWithLeadingDigitZero() throws {
        // RFC 7468 lets text stand before a PEM block; "0" is 0x30, the byte a DER SEQUENCE starts with.
        let directory = try CLI.temporaryDirectory()
        func annotated(_ path: String, name: String) throws -> String {
            let url = directory.appendingPathComponent(name)
            try Data(("0 - rotated 2024-01-01\n" + String(contentsOfFile: path, encoding: .utf8)).utf8).write(to: url)
            return url.path
        }
        let privateKey = try annotated(Self.privateKey, name: "client.pem")
        let publicKey = try annotated(Self.publicKey, name: "client.pub.pem")
        let body = try Self.writeBody(Self.compactBody)
        let signed = try CLI.run(["frick", "sign", "--private-key", privateKey, "--body-file", body])
        #expect(signed.status == 0, "\(signed.stderr)")
        let expected = try CLI.run(["frick", "sign", "--private-key", Self.privateKey, "--body-file", body])
        #expect(signed.stdout == expected.stdout)
        let signature = String(expected.stdout.split(separator: "\n")[0].dropFirst("Signature: ".count))
        let verified = try CLI.run([
            "frick", "verify", "--public-key", publicKey, "--body-file", body, "--signature", signature,
        ])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout == "valid\n")
    }

    @Test("a 1024-bit key is refused by default, for signing and verifying, and accepted with --min-rsa-bits 1024")
    func keyMinimum() throws {
        let key1024 = Self.vectorDirectory.appendingPathComponent("test_bank_token_key_1024.TEST-ONLY.pem").path
        let public1024 = Self.vectorDirectory.appendingPathComponent("test_bank_token_key_1024.TEST-ONLY.pub.pem").path
        let body = try Self.writeBody("{}")
        let refused = try CLI.run(["frick", "sign", "--private-key", key1024, "--body-file", body])
        #expect(refused.status == 2)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("weak_key"), "\(refused.stderr)")
        let signed = try CLI.run([
            "frick", "sign", "--private-key", key1024, "--body-file", body, "--min-rsa-bits", "1024",
        ])
        #expect(signed.status == 0, "\(signed.stderr)")
        let signature = String(signed.stdout.split(separator: "\n")[0].dropFirst("Signature: ".count))
        let arguments = ["frick", "verify", "--public-key", public1024, "--body-file", body, "--signature", signature]
        #expect(try CLI.run(arguments).status == 2)
        #expect(try CLI.run(arguments + ["--min-rsa-bits", "1024"]).status == 0)
        // Below 512 (or absurdly large) is a usage error, as for `verify`, not "accept anything".
        for bits in ["1", "0", "-5", "511", "16385"] {
            let result = try CLI.run(arguments + ["--min-rsa-bits=\(bits)"])
            #expect(result.status == 2, "\(bits)")
            #expect(result.stderr.contains("--min-rsa-bits must be between 512 and 16384"), "\(bits)")
        }
    }

    @Test("authorize-request prints headers, a blank line and exactly the signed body")
    func authorizeRequest() throws {
        let result = try CLI.run([
            "frick", "authorize-request", "--private-key", Self.privateKey, "--api-key", "1234567890abcdefgHIJKLMN",
            "--password", "secret", "--valid-until", "2025-04-01",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let compact = try #require(
            try Self.vectors().first { $0.body == Self.compactBody && $0.algorithm == "rsa-sha512" }
        )
        #expect(
            result.stdout
                == "Content-Type: application/json\nSignature: \(compact.signature)\nalgorithm: rsa-sha512\n\n"
                + Self.compactBody
        )
        let minimal = try CLI.run([
            "frick", "authorize-request", "--private-key", Self.privateKey, "--api-key", "K",
        ])
        #expect(minimal.stdout.hasSuffix("\n\n{\"key\":\"K\"}"))
        for bad in ["2025-02-30", "01.04.2025", "2025-4-1"] {
            let result = try CLI.run([
                "frick", "authorize-request", "--private-key", Self.privateKey, "--api-key", "K", "--valid-until", bad,
            ])
            #expect(result.status == 2, "\(bad)")
        }
    }

    @Test("authorize-request reads the API key and password from files or standard input, not only arguments")
    func authorizeRequestSecretsFromFiles() throws {
        let expected = try CLI.run([
            "frick", "authorize-request", "--private-key", Self.privateKey, "--api-key", "1234567890abcdefgHIJKLMN",
            "--password", "secret", "--valid-until", "2025-04-01",
        ])
        #expect(expected.status == 0)
        let directory = try CLI.temporaryDirectory()
        let keyFile = directory.appendingPathComponent("api-key")
        let passwordFile = directory.appendingPathComponent("password")
        try Data("1234567890abcdefgHIJKLMN\n".utf8).write(to: keyFile)  // one line break is dropped
        try Data("secret\r\n".utf8).write(to: passwordFile)
        let fromFiles = try CLI.run([
            "frick", "authorize-request", "--private-key", Self.privateKey, "--api-key-file", keyFile.path,
            "--password-file", passwordFile.path, "--valid-until", "2025-04-01",
        ])
        #expect(fromFiles.status == 0, "\(fromFiles.stderr)")
        #expect(fromFiles.stdout == expected.stdout)
        let fromStdin = try CLI.run(
            [
                "frick", "authorize-request", "--private-key", Self.privateKey, "--api-key", "1234567890abcdefgHIJKLMN",
                "--password-file", "-", "--valid-until", "2025-04-01",
            ],
            stdin: "secret\n"
        )
        #expect(fromStdin.stdout == expected.stdout)
        // Exactly one source for the key; not both for the password.
        for arguments in [
            ["--api-key", "K", "--api-key-file", keyFile.path], [],
            ["--api-key", "K", "--password", "p", "--password-file", passwordFile.path],
        ] {
            let result = try CLI.run(["frick", "authorize-request", "--private-key", Self.privateKey] + arguments)
            #expect(result.status == 2, "\(arguments)")
        }
    }

    @Test(
        "`verifykit vectors` passes every vector in TestVectors/bankfrick and reports a broken one"
    )
    func vectorChecker() throws {
        try CLI.expectVectorFolderPasses("bankfrick", count: 25, breakingFirstSignatureIn: "body_signatures.json")
    }
}
