import Foundation
import Testing
import VerifyKit
import VerifyKitTestSupport

@testable import VerifyKitCLI

@Suite("CLI: verifykit fib")
struct FIBCommandTests {
    /// RFC 8032 §7.1 TEST 1 key.
    static let seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
    static let publicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    /// BLAKE2b-256("user0@example.com") ends in 0x14 (even), so plain and Iroha signatures differ.
    static let evenEmail = "user0@example.com"

    static let documentPublicKey = "8a53d297bc406c63396967388ecc2ebc8abd701d195a43bbb4751ac5a86eac1b"
    static let documentSignature =
        "0b458f758eeca3d7a2a64de0648c9b7dccaee146202257cd8ebaeb4690aa48b464108111d8cf0e7f3b0ace1b51dcda89e76d372233514f324e00d64c6b899c0e"

    @Test("sign-email prints 128 lowercase hex digits and one line")
    func signEmail() throws {
        let result = try CLI.run(["fib", "sign-email", "--email", "alice@mail.com", "--private-key", Self.seed])
        #expect(result.status == 0)
        let signature = result.stdout.trimmingCharacters(in: .newlines)
        #expect(result.stdout == signature + "\n")
        #expect(signature.count == 128)
        #expect(signature.allSatisfy { "0123456789abcdef".contains($0) })
        // The 128-digit seed ‖ public form signs identically; so does the key read from standard input.
        let pair = try CLI.run([
            "fib", "sign-email", "--email", "alice@mail.com", "--private-key", Self.seed + Self.publicKey,
        ])
        #expect(pair.stdout == result.stdout)
        let piped = try CLI.run(
            ["fib", "sign-email", "--email", "alice@mail.com", "--private-key", "-"],
            stdin: Self.seed + "\n"
        )
        #expect(piped.stdout == result.stdout)
        // Iroha's multihash form of the seed, too.
        let multihash = try CLI.run([
            "fib", "sign-email", "--email", "alice@mail.com", "--private-key", "802620" + Self.seed.uppercased(),
        ])
        #expect(multihash.stdout == result.stdout)
    }

    /// `frick` and `sign` take key files; these options take the digits, which a new user mixed up.
    @Test("a key or signature option given a file name says it takes the hex digits")
    func fileNameForHexOption() throws {
        let path = try CLI.temporaryDirectory().appendingPathComponent("fib.key").path
        try Data((Self.seed + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let signed = try CLI.run(["fib", "sign-email", "--email", "a@b.c", "--private-key", path])
        #expect(signed.status == 2)
        #expect(signed.stderr.contains("--private-key takes the hex digits, not a file name"), "\(signed.stderr)")
        #expect(signed.stderr.contains("--private-key - < FILE"))
        // The hint's own advice works.
        let piped = try CLI.run(
            ["fib", "sign-email", "--email", "a@b.c", "--private-key", "-"],
            stdin: try String(contentsOfFile: path, encoding: .utf8)
        )
        #expect(piped.status == 0)
        for option in ["--public-key", "--signature"] {
            var arguments = [
                "fib", "verify-email", "--email", "alice@mail.com", "--public-key", Self.documentPublicKey,
                "--signature", Self.documentSignature,
            ]
            arguments[arguments.firstIndex(of: option)! + 1] = path
            let result = try CLI.run(arguments)
            #expect(result.status == 2)
            #expect(result.stderr.contains("\(option) takes the hex digits, not a file name"), "\(result.stderr)")
        }
        // A bad value that names no file gets no hint.
        let plain = try CLI.run(["fib", "sign-email", "--email", "a@b.c", "--private-key", "abc"])
        #expect(plain.status == 2 && !plain.stderr.contains("not a file name"))
        // "-" already reads standard input: no hint, even where a file happens to be named "-".
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("x".utf8).write(to: directory.appendingPathComponent("-"))
        let dash = try ToolRunner.run(
            CLI.binary.path,
            ["fib", "sign-email", "--email", "a@b.c", "--private-key", "-"],
            stdin: Data("abc\n".utf8),
            in: directory
        )
        #expect(dash.status == 2)
        #expect(!dash.stderr.contains("not a file name"), "\(dash.stderr)")
    }

    @Test("verify-email: the document's example is valid (exit 0) under every digest setting")
    func documentExample() throws {
        for digest in ["plain", "iroha", "either"] {
            let result = try CLI.run([
                "fib", "verify-email", "--email", "alice@mail.com", "--public-key", Self.documentPublicKey,
                "--signature", Self.documentSignature, "--digest", digest,
            ])
            #expect(result.status == 0, "\(digest): \(result.stderr)")
        }
        let prefixed = try CLI.run([
            "fib", "verify-email", "--email", "alice@mail.com", "--public-key",
            "ed0120" + Self.documentPublicKey.uppercased(),
            "--signature", Self.documentSignature,
        ])
        #expect(prefixed.status == 0)
        let other = try CLI.run([
            "fib", "verify-email", "--email", "Alice@mail.com", "--public-key", Self.documentPublicKey,
            "--signature", Self.documentSignature,
        ])
        #expect(other.status == 1)
    }

    @Test("sign with one digest, verify with each setting: exit 0 when accepted, 1 when not")
    func digestSettings() throws {
        for (signed, accepted, expected) in [
            ("plain", "plain", Int32(0)), ("plain", "iroha", 1), ("plain", "either", 0),
            ("iroha", "plain", 1), ("iroha", "iroha", 0), ("iroha", "either", 0),
        ] {
            let signature = try CLI.run([
                "fib", "sign-email", "--email", Self.evenEmail, "--private-key", Self.seed, "--digest", signed,
            ]).stdout.trimmingCharacters(in: .newlines)
            let result = try CLI.run([
                "fib", "verify-email", "--email", Self.evenEmail, "--public-key", Self.publicKey,
                "--signature", signature, "--digest", accepted,
            ])
            #expect(result.status == expected, "signed \(signed), accepted \(accepted)")
        }
        // Without --digest, either is accepted (the documented default), and the output names which.
        for signed in ["plain", "iroha"] {
            let signature = try CLI.run([
                "fib", "sign-email", "--email", Self.evenEmail, "--private-key", Self.seed, "--digest", signed,
            ]).stdout.trimmingCharacters(in: .newlines)
            let result = try CLI.run([
                "fib", "verify-email", "--email", Self.evenEmail, "--public-key", Self.publicKey,
                "--signature", signature,
            ])
            #expect(result.status == 0, "signed \(signed), no --digest")
            #expect(result.stdout == "valid (\(signed) digest)\n", "\(result.stdout)")
        }
    }

    @Test(
        "bad input exits 2 with a one-line reason on stderr",
        arguments: [
            ["--public-key", "abc", "--signature", String(repeating: "00", count: 64)],
            ["--public-key", String(repeating: "ab", count: 31), "--signature", String(repeating: "00", count: 64)],
            ["--public-key", documentPublicKey, "--signature", "0"],
            ["--public-key", documentPublicKey, "--signature", String(repeating: "00", count: 63)],
            ["--public-key", documentPublicKey, "--signature", String(repeating: "zz", count: 64)],
            [
                "--public-key", "01" + String(repeating: "00", count: 31), "--signature",
                String(repeating: "00", count: 64),
            ],
        ]
    )
    func badVerifyInput(_ arguments: [String]) throws {
        let result = try CLI.run(["fib", "verify-email", "--email", "a@b.c"] + arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("verifykit: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test(
        "bad private keys exit 2 without echoing the key",
        arguments: ["", "abc", String(repeating: "ab", count: 33)]
    )
    func badPrivateKey(_ key: String) throws {
        let result = try CLI.run(["fib", "sign-email", "--email", "a@b.c", "--private-key", key])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(!key.isEmpty ? !result.stderr.contains(key) : true)
        let mismatched = try CLI.run([
            "fib", "sign-email", "--email", "a@b.c", "--private-key", Self.seed + Self.documentPublicKey,
        ])
        #expect(mismatched.status == 2)
        #expect(!mismatched.stderr.contains(Self.seed))
    }

    @Test("a binary seed on standard input: exit 2, and stderr names no byte of it")
    func binarySeedOnStandardInput() throws {
        let seed = String(decoding: [0x11, 0x7E] + (0..<30).map { UInt8(0x20 + $0) }, as: UTF8.self)
        let result = try CLI.run(["fib", "sign-email", "--email", "a@b.c", "--private-key", "-"], stdin: seed)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.contains("0x11"), "\(result.stderr)")
    }

    @Test("a key on standard input from a file a Windows editor saved (byte order mark, CRLF) signs as the bare key")
    func privateKeyWithByteOrderMarkOnStandardInput() throws {
        let expected = try CLI.run(["fib", "sign-email", "--email", "a@b.c", "--private-key", Self.seed])
        #expect(expected.status == 0)
        let result = try CLI.run(
            ["fib", "sign-email", "--email", "a@b.c", "--private-key", "-"],
            stdin: "\u{FEFF}" + Self.seed + "\r\n"
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected.stdout)
    }

    @Test("an unknown --digest value is a usage error (exit 2)")
    func badDigest() throws {
        let result = try CLI.run([
            "fib", "sign-email", "--email", "a@b.c", "--private-key", Self.seed, "--digest", "either",
        ])
        #expect(result.status == 2)
    }

    @Test("session-request prints the JSON body the server expects")
    func sessionRequest() throws {
        let result = try CLI.run(["fib", "session-request", "--email", "alice@mail.com", "--private-key", Self.seed])
        #expect(result.status == 0)
        let signature = try CLI.run(["fib", "sign-email", "--email", "alice@mail.com", "--private-key", Self.seed])
            .stdout.trimmingCharacters(in: .newlines)
        #expect(
            result.stdout
                == #"{"email":"alice@mail.com","signature":"\#(signature)","authPublicKeyHex":"\#(Self.publicKey)"}"#
                + "\n"
        )
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String]
        #expect(object?.keys.sorted() == ["authPublicKeyHex", "email", "signature"])
    }

    @Test("session-request refuses an e-mail whose body servers would refuse as too large")
    func sessionRequestTooLarge() throws {
        // 64 KiB of body minus the other members leaves about 65,300 bytes for the e-mail.
        let fits = String(repeating: "a", count: 65_000) + "@mail.com"
        let ok = try CLI.run(["fib", "session-request", "--email", fits, "--private-key", Self.seed])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.utf8.count - 1 <= FIB.SessionRequest.maximumBodyBytes)
        let tooLong = String(repeating: "a", count: 66_000) + "@mail.com"
        let refused = try CLI.run(["fib", "session-request", "--email", tooLong, "--private-key", Self.seed])
        #expect(refused.status == 2)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("servers read at most 65536"), "\(refused.stderr)")
    }

    @Test("session-request refuses an e-mail whose body the strict reader refuses (not stream-safe text)")
    func sessionRequestNotStreamSafe() throws {
        // 30 combining marks in a row are the most StrictJSON reads; FIB.SessionRequest(jsonBody:) refuses 31.
        let readable = "e" + String(repeating: "\u{301}", count: 30) + "@mail.com"
        let ok = try CLI.run(["fib", "session-request", "--email", readable, "--private-key", Self.seed])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try FIB.SessionRequest(jsonBody: Array(ok.stdout.utf8.dropLast())).email == readable)
        let unreadable = "e" + String(repeating: "\u{301}", count: 31) + "@mail.com"
        let refused = try CLI.run(["fib", "session-request", "--email", unreadable, "--private-key", Self.seed])
        #expect(refused.status == 2)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("malformed_body"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
    }

    struct ProofVector: Decodable {
        let email: String
        let privateKey: String?
        let publicKey: String
        let digest: String
        let signature: String
        let results: [String: Bool]
    }

    @Test("the computed vectors through the binary: signing reproduces, verification matches every setting")
    func vectorsThroughBinary() throws {
        let data = try Data(contentsOf: PackagePaths.testVectors.appendingPathComponent("fib/email_proofs.json"))
        struct File: Decodable { let vectors: [ProofVector] }
        let vectors = try JSONDecoder().decode(File.self, from: data).vectors
        #expect(vectors.count == 16)
        for vector in vectors.prefix(6) {
            if let key = vector.privateKey, ["plain", "iroha"].contains(vector.digest) {
                let signed = try CLI.run([
                    "fib", "sign-email", "--email", vector.email, "--private-key", key, "--digest", vector.digest,
                ])
                #expect(signed.stdout == vector.signature + "\n")
            }
            for (setting, valid) in vector.results {
                let result = try CLI.run([
                    "fib", "verify-email", "--email", vector.email, "--public-key", vector.publicKey,
                    "--signature", vector.signature, "--digest", setting,
                ])
                #expect(result.status == (valid ? 0 : 1), "\(vector.email) \(vector.digest) \(setting)")
            }
        }
    }

    @Test("`verifykit vectors` passes every vector in TestVectors/fib and reports a broken one")
    func vectorChecker() throws {
        try CLI.expectVectorFolderPasses("fib", count: 26, breakingFirstSignatureIn: "email_proofs.json")
    }
}
