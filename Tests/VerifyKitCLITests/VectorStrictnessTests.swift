import Foundation
import Testing

/// Hand-written vector files must not silently check less: a misspelt or missing expectation
/// fails the vector instead of passing it.
@Suite("vectors: strict vector files")
struct VectorStrictnessTests {
    static let vector = #"""
        {"kind":"jose","title":"t","source":"test","vectors":[{"id":"v","operation":"verify",
        "token":"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg",
        "keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}],
        "options":{"rawPayload":true},"expect":EXPECT}]}
        """#

    static func run(expect: String, options: String = #"{"rawPayload":true}"#) throws -> CLI.Output {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = vector.replacingOccurrences(of: "EXPECT", with: expect)
            .replacingOccurrences(of: #""options":{"rawPayload":true}"#, with: #""options":"# + options)
        try Data(text.utf8).write(to: dir.appendingPathComponent("v.json"))
        return try CLI.run(["vectors", dir.path])
    }

    @Test func theRFC8037VectorPassesAsWritten() throws {
        let result = try Self.run(expect: #"{"valid":true,"alg":"EdDSA"}"#)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.hasSuffix("1 passed, 0 failed\n"))
    }

    @Test(arguments: [
        #"{"alg":"EdDSA"}"#,  // no valid
        #"{"valid":true,"algg":"EdDSA"}"#,  // misspelt expectation
        #"{"valid":false}"#,  // invalid without an error code
        #"{"valid":true,"error":"bad_signature"}"#,  // contradictory
        #"{"valid":true,"alg":"ES256"}"#,  // wrong expectation
        #"{"valid":false,"error":"bad_signature"}"#,  // verifies, but a refusal is expected
        #"{"valid":true,"kid":"k"}"#,  // the token names no kid
        #"{"valid":true,"header":{"alg":"ES256"}}"#,  // another header
        #"{"valid":true,"claims":{"sub":"x"}}"#,  // claims the payload does not hold
        #"{"valid":true,"payloadUTF8":"Example of Ed25519 signin"}"#,  // another payload
    ])
    func sloppyOrWrongExpectationsFail(expect: String) throws {
        let result = try Self.run(expect: expect)
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.hasSuffix("0 passed, 1 failed\n"), "\(result.stdout)")
    }

    /// A value of the wrong JSON type read as absent, so the option was never applied and the
    /// vector passed while checking less.
    @Test(arguments: [
        #"{"rawPayload":"yes"}"#,
        #"{"rawPayload":true,"issuers":[42]}"#,
        #"{"rawPayload":true,"algorithms":["EdDSA",7]}"#,
        #"{"rawPayload":true,"now":"1300819370"}"#,
        #"{"rawPayload":true,"leeway":1e400}"#,
        #"{"rawPayload":true,"minHMACBytes":"32"}"#,
        #"{"rawPayload":true,"minRSABits":2048.5}"#,
        #"{"rawPayload":true,"typ":["JWT"]}"#,
    ])
    func optionsOfTheWrongTypeFail(options: String) throws {
        let result = try Self.run(expect: #"{"valid":true,"alg":"EdDSA"}"#, options: options)
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.contains("must be"), "\(result.stdout)")
        #expect(result.stdout.hasSuffix("0 passed, 1 failed\n"), "\(result.stdout)")
    }

    @Test func rightExpectationsPassAndAnotherErrorCodeFails() throws {
        let exact = #"{"valid":true,"alg":"EdDSA","header":{"alg":"EdDSA"},"payloadUTF8":"Example of Ed25519 signing"}"#
        let passed = try Self.run(expect: exact)
        #expect(passed.status == 0, "\(passed.stdout)")
        // Refused for not being an allowed algorithm: a vector expecting another refusal fails.
        let refused = try Self.run(
            expect: #"{"valid":false,"error":"expired"}"#,
            options: #"{"rawPayload":true,"algorithms":["ES256"]}"#
        )
        #expect(refused.status == 1, "\(refused.stdout)")
        #expect(refused.stdout.hasSuffix("0 passed, 1 failed\n"), "\(refused.stdout)")
    }

    /// Runs `vectors` on a JOSE file holding the one vector given.
    static func runVector(_ vector: String) throws -> CLI.Output {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = #"{"kind":"jose","title":"t","source":"test","vectors":["# + vector + "]}"
        try Data(text.utf8).write(to: dir.appendingPathComponent("v.json"))
        return try CLI.run(["vectors", dir.path])
    }

    static let rfc8037Token =
        "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"

    @Test func signVectorsPassOnlyForTheExactToken() throws {
        let key =
            #"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
        func vector(_ token: String) -> String {
            #"{"id":"s","operation":"sign","key":\#(key),"alg":"EdDSA","payloadUTF8":"Example of Ed25519 signing","#
                + #""expect":{"token":"\#(token)"}}"#
        }
        let exact = try Self.runVector(vector(Self.rfc8037Token))
        #expect(exact.status == 0, "\(exact.stdout)")
        let other = try Self.runVector(vector(String(Self.rfc8037Token.dropLast()) + "A"))
        #expect(other.status == 1, "\(other.stdout)")
        #expect(other.stdout.hasSuffix("0 passed, 1 failed\n"), "\(other.stdout)")
    }

    @Test(arguments: [
        (#"{"header":{"alg":"EdDSA"},"signatureBytes":64}"#, true),
        (#"{"header":{"alg":"ES256"}}"#, false),
        (#"{"claims":{"sub":"x"}}"#, false),
        (#"{"signatureBytes":65}"#, false),
    ])
    func decodeVectorsCheckWhatTheyExpect(expect: String, passes: Bool) throws {
        let result = try Self.runVector(
            #"{"id":"d","operation":"decode","token":"\#(Self.rfc8037Token)","expect":\#(expect)}"#
        )
        #expect(result.status == (passes ? 0 : 1), "\(result.stdout)")
    }

    @Test func anExpiredDecodeVectorNeedsAnExpInThePast() throws {
        let signature = Self.rfc8037Token.split(separator: ".")[2]
        // {"exp":1} and {"exp":4102444800} (the year 2100), unverified.
        for (payload, passes) in [("eyJleHAiOjF9", true), ("eyJleHAiOjQxMDI0NDQ4MDB9", false)] {
            let token = "eyJhbGciOiJFZERTQSJ9.\(payload).\(signature)"
            let result = try Self.runVector(
                #"{"id":"d","operation":"decode","token":"\#(token)","expect":{"expired":true}}"#
            )
            #expect(result.status == (passes ? 0 : 1), "\(payload): \(result.stdout)")
        }
    }

    @Test func optionsOfTheRightTypePass() throws {
        let options = #"{"rawPayload":true,"issuers":["joe"],"algorithms":["EdDSA"],"now":1300819370,"leeway":5}"#
        let result = try Self.run(expect: #"{"valid":true,"alg":"EdDSA"}"#, options: options)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.hasSuffix("1 passed, 0 failed\n"), "\(result.stdout)")
    }
}

/// The request-signing runners hold their vectors to the same standard as the JOSE runner.
@Suite("vectors: strict FIB and Bank Frick vector files")
struct RequestVectorStrictnessTests {
    static let vectorRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TestVectors")

    /// Runs `vectors` on a copy of `folder` whose `file` keeps its header but gets `vectors`.
    static func run(folder: String, file: String, vectors: [[String: Any]]) throws -> CLI.Output {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = vectorRoot.appendingPathComponent(folder)
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".pem") {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent(name),
                to: dir.appendingPathComponent(name)
            )
        }
        var object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: source.appendingPathComponent(file)))
                as? [String: Any]
        )
        object["vectors"] = vectors
        try JSONSerialization.data(withJSONObject: object).write(to: dir.appendingPathComponent(file))
        return try CLI.run(["vectors", dir.path])
    }

    static func vectors(_ folder: String, _ file: String) throws -> [[String: Any]] {
        let url = vectorRoot.appendingPathComponent(folder).appendingPathComponent(file)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        return try #require(object?["vectors"] as? [[String: Any]])
    }

    @Test func fibProofVectorsThatCheckLessFail() throws {
        let all = try Self.vectors("fib", "email_proofs.json")
        let first = all[0]
        let other = try #require(all.first { ($0["privateKey"] as? String) != (first["privateKey"] as? String) })
        #expect(try Self.run(folder: "fib", file: "email_proofs.json", vectors: [first]).status == 0)
        var cases: [(String, [[String: Any]])] = []
        var empty = first
        empty["results"] = [String: Bool]()
        cases.append(("empty results", [empty]))
        var misspelt = first
        misspelt["resluts"] = ["plain": true]
        cases.append(("unknown member", [misspelt]))
        cases.append(("duplicate id", [first, first]))
        var foreignKey = first
        foreignKey["privateKey"] = other["privateKey"]
        cases.append(("private key of another public key", [foreignKey]))
        var badDigest = first
        badDigest["digest"] = "plian"
        cases.append(("unknown digest with a private key", [badDigest]))
        for (name, vectors) in cases {
            let result = try Self.run(folder: "fib", file: "email_proofs.json", vectors: vectors)
            #expect(result.status == 1, "\(name): \(result.stdout)")
            #expect(result.stdout.hasSuffix("0 passed, \(vectors.count) failed\n"), "\(name): \(result.stdout)")
        }
    }

    @Test func fibProofVectorsNeedAllThreeResults() throws {
        let first = try Self.vectors("fib", "email_proofs.json")[0]
        var partial = first
        partial["results"] = ["either": true]
        var unknown = first
        unknown["results"] = ["plain": true, "iroha": false, "either": true, "strict": true]
        for (name, vector) in [("only either", partial), ("an unknown setting", unknown)] {
            let result = try Self.run(folder: "fib", file: "email_proofs.json", vectors: [vector])
            #expect(result.status == 1, "\(name): \(result.stdout)")
            #expect(result.stdout.hasSuffix("0 passed, 1 failed\n"), "\(name): \(result.stdout)")
        }
    }

    /// Token vectors give the decoded header and claims, and (Bank Frick) the signature length:
    /// each must be checked, and a token vector's kind must be one the runner knows.
    @Test func tokenVectorsThatCheckLessFail() throws {
        let fib = try Self.vectors("fib", "tokens.json")
        let access = try #require(fib.first { ($0["kind"] as? String) == "access" })
        #expect(try Self.run(folder: "fib", file: "tokens.json", vectors: [access]).status == 0)
        var misspeltKind = access
        misspeltKind["kind"] = "acess"
        var wrongHeader = access
        wrongHeader["header"] = ["typ": "JWT", "alg": "Ed25519"]
        var wrongClaim = access
        var claims = try #require(access["claims"] as? [String: Any])
        claims["role"] = "ROLE_ADMIN"
        wrongClaim["claims"] = claims
        for (name, vector) in [("kind acess", misspeltKind), ("header", wrongHeader), ("role", wrongClaim)] {
            let result = try Self.run(folder: "fib", file: "tokens.json", vectors: [vector])
            #expect(result.status == 1, "fib \(name): \(result.stdout)")
        }

        let frick = try Self.vectors("bankfrick", "tokens.json")[0]
        #expect(try Self.run(folder: "bankfrick", file: "tokens.json", vectors: [frick]).status == 0)
        var wrongBytes = frick
        wrongBytes["signatureBytes"] = 256
        var wrongName = frick
        var frickClaims = try #require(frick["claims"] as? [String: Any])
        frickClaims["name"] = "Erika Muster"
        wrongName["claims"] = frickClaims
        var wrongAlg = frick
        wrongAlg["header"] = ["alg": "RS256", "typ": "JWT"]
        for (name, vector) in [("signatureBytes", wrongBytes), ("name", wrongName), ("header", wrongAlg)] {
            let result = try Self.run(folder: "bankfrick", file: "tokens.json", vectors: [vector])
            #expect(result.status == 1, "bankfrick \(name): \(result.stdout)")
        }
    }

    /// A negative token vector passes only when verification fails with exactly its `verifyError`:
    /// otherwise a verifier that accepts forged tokens, or refuses them for another reason, passes.
    @Test(arguments: [
        ("fib", "serverPublicKey", "test-key-access-signature-tampered"),
        ("bankfrick", "publicKey", "test-key-1024-signature-tampered"),
    ])
    func tokenVectorsWithAWrongVerifyErrorFail(folder: String, keyMember: String, negativeID: String) throws {
        let all = try Self.vectors(folder, "tokens.json")
        let decodeOnly = try #require(all.first { $0[keyMember] is NSNull })
        let genuine = try #require(all.first { !($0[keyMember] is NSNull) && $0["verifyError"] == nil })
        let negative = try #require(all.first { ($0["id"] as? String) == negativeID })
        #expect(negative["verifyError"] as? String == "bad_signature")
        let asWritten = try Self.run(folder: folder, file: "tokens.json", vectors: [genuine, negative])
        #expect(asWritten.status == 0, "\(asWritten.stdout)")
        #expect(asWritten.stdout.hasSuffix("2 passed, 0 failed\n"), "\(asWritten.stdout)")

        var genuineRefused = genuine
        genuineRefused["verifyError"] = "bad_signature"
        var negativeAccepted = negative
        negativeAccepted["verifyError"] = nil
        var otherCode = negative
        otherCode["verifyError"] = "expired"
        var nullCode = negative
        nullCode["verifyError"] = NSNull()
        var withoutKey = decodeOnly
        withoutKey["verifyError"] = "bad_signature"
        var withoutTime = negative
        withoutTime["verifyAt"] = NSNull()
        let cases: [(String, [String: Any], String)] = [
            ("a genuine token to refuse", genuineRefused, "expected bad_signature, verification succeeded"),
            ("a forged token without verifyError", negativeAccepted, "bad_signature"),
            ("another code", otherCode, "expected expired, got bad_signature"),
            ("verifyError null", nullCode, "bad_signature"),
            ("verifyError without a key", withoutKey, "checks nothing"),
            ("verifyError without verifyAt", withoutTime, "checks nothing"),
        ]
        for (name, vector, detail) in cases {
            let result = try Self.run(folder: folder, file: "tokens.json", vectors: [vector])
            #expect(result.status == 1, "\(folder) \(name): \(result.stdout)")
            #expect(result.stdout.contains(detail), "\(folder) \(name): \(result.stdout)")
            #expect(result.stdout.hasSuffix("0 passed, 1 failed\n"), "\(folder) \(name): \(result.stdout)")
        }
    }

    @Test func bankFrickBodyVectorsThatCheckLessFail() throws {
        let first = try Self.vectors("bankfrick", "body_signatures.json")[0]
        #expect(try Self.run(folder: "bankfrick", file: "body_signatures.json", vectors: [first]).status == 0)
        var nonsense = first
        nonsense["result"] = "nonsense"
        var misspelt = first
        misspelt["expectedBody"] = "{}"
        for (name, vectors) in [
            ("unknown result", [nonsense]), ("unknown member", [misspelt]), ("duplicate", [first, first]),
        ] {
            let result = try Self.run(folder: "bankfrick", file: "body_signatures.json", vectors: vectors)
            #expect(result.status == 1, "\(name): \(result.stdout)")
            #expect(result.stdout.hasSuffix("0 passed, \(vectors.count) failed\n"), "\(name): \(result.stdout)")
        }
    }

    @Test func keyFilesNamedByVectorFilesStayInTheFolderAndUnderTheCap() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = Self.vectorRoot.appendingPathComponent("bankfrick")
        for name in ["test_client_key.TEST-ONLY.pem", "test_client_key.TEST-ONLY.pub.pem"] {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent(name),
                to: dir.appendingPathComponent(name)
            )
        }
        // Over the importer's 1 MiB cap: refused before it is read in full.
        try Data(repeating: 0x41, count: (1 << 20) + 1).write(to: dir.appendingPathComponent("big.pem"))
        // A link inside the folder to a key outside it, and a FIFO (opening it would block).
        let outside = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: outside) }
        let outsideKey = outside.appendingPathComponent("key.pem")
        try FileManager.default.copyItem(
            at: dir.appendingPathComponent("test_client_key.TEST-ONLY.pem"),
            to: outsideKey
        )
        try FileManager.default.createSymbolicLink(
            at: dir.appendingPathComponent("link.pem"),
            withDestinationURL: outsideKey
        )
        try FileManager.default.createSymbolicLink(
            at: dir.appendingPathComponent("inside.pem"),
            withDestinationURL: dir.appendingPathComponent("test_client_key.TEST-ONLY.pem")
        )
        #expect(mkfifo(dir.appendingPathComponent("fifo.pem").path, 0o600) == 0)
        let cases: [(String, String)] = [
            ("./link.pem", "must be a relative path"),
            ("fifo.pem", "not a regular file"),
            ("missing.pem", "not a regular file"),
            ("../test_client_key.TEST-ONLY.pem", "must be a relative path"),
            ("/dev/zero", "must be a relative path"),
            ("a//b.pem", "must be a relative path"),
            ("big.pem", "larger than"),
        ]
        // A link that stays inside the folder is followed.
        let linked =
            #"{"kind":"bankfrick-signature","privateKey":"inside.pem","publicKey":"test_client_key.TEST-ONLY.pub.pem","vectors":[]}"#
        try Data(linked.utf8).write(to: dir.appendingPathComponent("v.json"))
        let followed = try CLI.run(["vectors", dir.path])
        #expect(!followed.stdout.contains("inside.pem"), "\(followed.stdout)")
        for (privateKey, expected) in cases {
            let file =
                #"{"kind":"bankfrick-signature","privateKey":"\#(privateKey)","publicKey":"test_client_key.TEST-ONLY.pub.pem","vectors":[]}"#
            try Data(file.utf8).write(to: dir.appendingPathComponent("v.json"))
            let result = try CLI.run(["vectors", dir.path])
            #expect(result.status == 1, "\(privateKey): \(result.stdout)")
            #expect(result.stdout.contains(expected), "\(privateKey): \(result.stdout)")
        }
    }
}
