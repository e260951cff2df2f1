import Base64URL
import CryptoPrimitives
import Foundation
import RequestSigning
import Testing
import VerifyKitTestSupport

@Suite("Bank Frick body signatures")
struct BankFrickSignatureTests {
    static let file: BankFrickBodyFile? = {
        guard let data = try? TestVectorFiles.data("bankfrick/body_signatures.json") else { return nil }
        return try? JSONDecoder().decode(BankFrickBodyFile.self, from: data)
    }()
    static let vectors = file?.vectors ?? []

    static func signer() throws -> BankFrick.Signer {
        try BankFrick.Signer(pemRepresentation: TestVectorFiles.text("bankfrick/test_client_key.TEST-ONLY.pem"))
    }

    static func verifier() throws -> BankFrick.Verifier {
        try BankFrick.Verifier(pemRepresentation: TestVectorFiles.text("bankfrick/test_client_key.TEST-ONLY.pub.pem"))
    }

    @Test("decodeVerified: the verified bytes decode strictly; a bad signature or a lenient body is refused")
    func decodeVerified() throws {
        let signer = try Self.signer()
        let verifier = try Self.verifier()
        func headers(_ body: [UInt8], algorithm: BankFrick.SignatureAlgorithm = .rsaSHA512) throws -> [String: String] {
            let signed = try signer.sign(body: body, algorithm: algorithm)
            return Dictionary(uniqueKeysWithValues: signed.headers.fields.map { ($0.name, $0.value) })
        }
        let body = Array(#"{"token":"abc"}"#.utf8)
        let response = try verifier.decodeVerified(BankFrick.AuthorizeResponse.self, body: body, headers: headers(body))
        #expect(response.token == "abc")
        // Same through already-read headers, and through a non-contiguous collection.
        let read = try BankFrick.SignatureHeaders(headers: try headers(body))
        #expect(
            try verifier.decodeVerified(
                BankFrick.AuthorizeResponse.self,
                body: body.lazy.map { $0 },
                signatureHeaders: read
            )
                == response
        )

        // Through the received field list, whose repeats a dictionary would have hidden.
        let fields = try signer.sign(body: body).headers.fields
        #expect(try verifier.decodeVerified(BankFrick.AuthorizeResponse.self, body: body, fields: fields) == response)
        let repeated = fields + [(name: "signature", value: fields[0].value)]
        #expect(throws: RequestSigningError.duplicateHeader) {
            try verifier.decodeVerified(BankFrick.AuthorizeResponse.self, body: body, fields: repeated)
        }

        // Other bytes than the signed ones: bad_signature, before any parsing.
        let other = Array(#"{"token":"abd"}"#.utf8)
        #expect(throws: RequestSigningError.badSignature) {
            try verifier.decodeVerified(BankFrick.AuthorizeResponse.self, body: other, headers: try headers(body))
        }
        // An algorithm the verifier does not accept: bad_signature.
        let pinned = try BankFrick.Verifier(publicKey: verifier.publicKey, acceptedAlgorithms: [.rsaSHA512])
        #expect(throws: RequestSigningError.badSignature) {
            try pinned.decodeVerified(
                BankFrick.AuthorizeResponse.self,
                body: body,
                headers: try headers(body, algorithm: .rsaSHA256)
            )
        }
        // Signed but not strict JSON of the shape: malformed_body (a duplicate member, a wrong type).
        for text in [#"{"token":"a","token":"b"}"#, #"{"token":1}"#, #"{"token":"a"} x"#, "\u{FEFF}{\"token\":\"a\"}"] {
            let bytes = Array(text.utf8)
            #expect(throws: RequestSigningError.malformedBody, "\(text)") {
                try verifier.decodeVerified(BankFrick.AuthorizeResponse.self, body: bytes, headers: try headers(bytes))
            }
        }
        // Headers that cannot be read keep their own errors.
        #expect(throws: RequestSigningError.missingHeader) {
            try verifier.decodeVerified(BankFrick.AuthorizeResponse.self, body: body, headers: [:])
        }
    }

    @Test("decodeVerified refuses a body over maximumDecodedBodyBytes, even one validly signed; the limit is inclusive")
    func decodedBodyLimit() throws {
        let limit = BankFrick.Verifier.maximumDecodedBodyBytes
        #expect(limit == 16 << 20)
        let verifier = try Self.verifier()
        // At the limit the body is verified (and this signature is not valid).
        let unsigned = BankFrick.SignatureHeaders(signature: [UInt8](repeating: 1, count: 256))
        #expect(throws: RequestSigningError.badSignature) {
            try verifier.decodeVerified(
                BankFrick.AuthorizeResponse.self,
                body: [UInt8](repeating: 0x20, count: limit),
                signatureHeaders: unsigned
            )
        }
        // One byte over: refused before verifying, though signed and of the expected shape.
        let over = Array(#"{"token":""#.utf8) + [UInt8](repeating: 0x61, count: limit - 11) + Array(#""}"#.utf8)
        try #require(over.count == limit + 1)
        let signed = try Self.signer().sign(body: over).headers
        let error = #expect(throws: RequestSigningError.malformedBody) {
            try verifier.decodeVerified(BankFrick.AuthorizeResponse.self, body: over, signatureHeaders: signed)
        }
        #expect(error?.reason == "the body is over \(limit) bytes")
    }

    @Test("decodeVerified's bad_signature reason quotes an unsupported algorithm as printable text")
    func decodeVerifiedQuotesAlgorithm() throws {
        let verifier = try Self.verifier()
        let body = Array(#"{"token":"abc"}"#.utf8)
        let signature = try Self.signer().sign(body: body).headers.signature
        // Taken as given by SignatureHeaders(signature:algorithm:) or decoded from JSON (Codable).
        let received = "rsa-sha512\u{1B}]0;owned\u{7}\u{9B}2J" + String(repeating: "x", count: 10_000)
        let headers = BankFrick.SignatureHeaders(
            signature: signature,
            algorithm: BankFrick.SignatureAlgorithm(rawValue: received)
        )
        do {
            _ = try verifier.decodeVerified(BankFrick.AuthorizeResponse.self, body: body, signatureHeaders: headers)
            Issue.record("an unsupported algorithm was accepted")
        } catch {
            #expect(error.code == .badSignature)
            #expect(!error.reason.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            #expect(error.reason.utf8.count < 1_000, "\(error.reason.utf8.count) bytes")
        }
    }

    @Test("a signed body prints its length, never its bytes (an authorize body holds the password)")
    func signedBodyRedacted() throws {
        let request = BankFrick.AuthorizeRequest(key: "APIKEY-1234567890", password: "hunter2-secret")
        let signed = try Self.signer().sign(json: request)
        var dumped = ""
        dump(signed, to: &dumped)
        for text in [signed.description, String(describing: signed), String(reflecting: signed), dumped] {
            #expect(!text.contains("APIKEY"), "\(text)")
            #expect(!text.contains("hunter2"), "\(text)")
            // Not as decimal bytes either ("65, 80, 73" is "API").
            #expect(!text.contains("65, 80, 73"), "\(text)")
        }
        #expect(signed.description.contains("\(signed.body.count) bytes"))
        #expect(signed.description.contains("rsa-sha512"))
    }

    @Test("the vector file loads with its 20 vectors")
    func vectorCount() throws {
        let file = try #require(Self.file)
        #expect(file.vectors.count == 20)
        #expect(file.vectors.filter { $0.result == "valid" }.count == 9)
        #expect(file.privateKey == "test_client_key.TEST-ONLY.pem")
    }

    @Test("the document's request and response bodies, exactly as printed, are valid vectors")
    func documentBodiesAreVectors() throws {
        let token = try #require(BankFrickAuthorizeTests.tokenVectors.first?.token)
        let documentBodies = [
            "{\n  \"key\" : \"1234567890abcdefgHIJKLMN\",\n  \"password\" : \"secret\",\n  \"validUntil\" : \"2025-04-01\"\n}",
            "{\n  \"token\" : \"\(token)\"\n}",
        ]
        for body in documentBodies {
            #expect(
                Self.vectors.contains { $0.body == body && $0.result == "valid" && $0.reproducible },
                "\(body.prefix(40))"
            )
        }
    }

    @Test("vectors: verification outcome, and byte-exact signing where reproducible", arguments: vectors)
    func vector(_ vector: BankFrickBodyVector) throws {
        let verifier = try Self.verifier()
        let body = Array(vector.body.utf8)
        var fields: [(name: String, value: String)] = [("Signature", vector.signature)]
        if let algorithm = vector.algorithm { fields.append(("algorithm", algorithm)) }
        switch vector.result {
        case "valid", "invalid":
            let outcome = try verifier.isValidSignature(fields: fields, body: body)
            #expect(outcome == (vector.result == "valid"))
        case "error":
            do {
                _ = try verifier.isValidSignature(fields: fields, body: body)
                Issue.record("expected \(vector.error ?? "?")")
            } catch {
                #expect(error.code.rawValue == vector.error)
            }
        default:
            Issue.record("unknown result \(vector.result)")
        }
        if vector.reproducible {
            let algorithm = try BankFrick.SignatureAlgorithm(headerValue: vector.algorithm)
            let headers = try Self.signer().signatureHeaders(for: body, algorithm: algorithm)
            #expect(headers.signatureValue == vector.signature)
            #expect(headers.algorithm == algorithm)
        }
    }

    @Test("Signer.sign(json:) produces the compact authorize body that OpenSSL signed")
    func jsonBodyMatchesVector() throws {
        let compact = try #require(Self.vectors.first { $0.comment.hasPrefix("compact authorize body") })
        let request = BankFrick.AuthorizeRequest(
            key: "1234567890abcdefgHIJKLMN",
            password: "secret",
            validUntil: try BankFrick.CalendarDate("2025-04-01")
        )
        let signed = try Self.signer().sign(json: request)
        #expect(String(decoding: signed.body, as: UTF8.self) == compact.body)
        #expect(signed.headers.signatureValue == compact.signature)
        #expect(signed.headers.algorithm == .rsaSHA512)
        #expect(signed.contentType == "application/json")
        #expect(signed.fields.map(\.name) == ["Content-Type", "Signature", "algorithm"])
        #expect(try Self.verifier().isValidSignature(signed.headers, for: signed.body))
    }

    @Test("seeded random bodies: sign and verify with every algorithm; any changed byte fails")
    func randomRoundTrips() throws {
        let seed = SeededGenerator.freshSeed()
        var generator = SeededGenerator(seed: seed)
        let signer = try Self.signer()
        let verifier = try Self.verifier()
        for round in 0..<6 {
            let body = (0..<Int(generator.next() % 300)).map { _ in generator.next() as UInt8 }
            let context = Comment(rawValue: "seed \(seed), round \(round)")
            for algorithm in BankFrick.SignatureAlgorithm.supported {
                let headers = try signer.signatureHeaders(for: body, algorithm: algorithm)
                #expect(verifier.isValidSignature(headers, for: body), context)
                #expect(!verifier.isValidSignature(headers, for: body + [0]), context)
                if !body.isEmpty {
                    var changed = body
                    changed[Int(generator.next() % UInt64(body.count))] ^= 0x01
                    #expect(!verifier.isValidSignature(headers, for: changed), context)
                }
                // The same bytes under another label do not verify.
                for other in BankFrick.SignatureAlgorithm.supported where other != algorithm {
                    var relabelled = headers
                    relabelled.algorithm = other
                    #expect(!verifier.isValidSignature(relabelled, for: body), context)
                }
            }
        }
    }

    @Test("PKCS#1 and PKCS#8 PEM private keys sign identically; a public key verifies from SPKI PEM")
    func keyFormats() throws {
        let pkcs1 = try BankFrick.Signer(
            pemRepresentation: TestVectorFiles.text("bankfrick/test_client_key.TEST-ONLY.pkcs1.pem")
        )
        let body = Array("{}".utf8)
        #expect(try pkcs1.signatureHeaders(for: body) == Self.signer().signatureHeaders(for: body))
        // A verifier also accepts the private key file for its public half.
        let fromPrivate = try BankFrick.Verifier(
            pemRepresentation: TestVectorFiles.text("bankfrick/test_client_key.TEST-ONLY.pem")
        )
        #expect(fromPrivate.isValidSignature(try pkcs1.signatureHeaders(for: body), for: body))
    }

    @Test("a Signer and its RSA private key never print key material (description, debugDescription, dump)")
    func signerIsRedacted() throws {
        let signer = try Self.signer()
        let der = signer.privateKey.derRepresentation
        // Any run of 8 DER bytes as Swift prints an array of them is enough to show a leak.
        let fragment = der.dropFirst(40).prefix(8).map(String.init).joined(separator: ", ")
        var dumped = ""
        dump(signer, to: &dumped)
        for text in [
            "\(signer)", String(reflecting: signer), "\(signer.privateKey)", String(reflecting: signer.privateKey),
            dumped,
        ] {
            #expect(!text.contains(fragment), "\(text.prefix(200))")
            #expect(text.utf8.count < 1000, "\(text.prefix(200))")
        }
    }

    @Test("acceptedAlgorithms: a body signed with another algorithm is not valid; empty or unknown lists are refused")
    func acceptedAlgorithms() throws {
        let signer = try Self.signer()
        let pem = try TestVectorFiles.text("bankfrick/test_client_key.TEST-ONLY.pub.pem")
        let body = Array("hello".utf8)
        let sha256 = try signer.signatureHeaders(for: body, algorithm: .rsaSHA256)
        let sha512 = try signer.signatureHeaders(for: body, algorithm: .rsaSHA512)
        #expect(try Self.verifier().isValidSignature(sha256, for: body))
        let pinned = try BankFrick.Verifier(pemRepresentation: pem, acceptedAlgorithms: [.rsaSHA512])
        #expect(pinned.isValidSignature(sha512, for: body))
        #expect(!pinned.isValidSignature(sha256, for: body))
        #expect(
            try !pinned.isValidSignature(
                fields: [
                    (name: "Signature", value: Base64.encode(sha256.signature)),
                    (name: "algorithm", value: "rsa-sha256"),
                ],
                body: body
            )
        )
        #expect(throws: RequestSigningError.unsupportedAlgorithm) {
            try BankFrick.Verifier(pemRepresentation: pem, acceptedAlgorithms: [])
        }
        #expect(throws: RequestSigningError.unsupportedAlgorithm) {
            try BankFrick.Verifier(
                pemRepresentation: pem,
                acceptedAlgorithms: [.rsaSHA512, .init(rawValue: "rsa-sha1")]
            )
        }
    }

    @Test("unreadable or non-RSA keys are invalid_key")
    func badKeys() throws {
        #expect(throws: RequestSigningError.invalidKey) { try BankFrick.Signer(pemRepresentation: "") }
        #expect(throws: RequestSigningError.invalidKey) { try BankFrick.Signer(pemRepresentation: "not a key") }
        #expect(throws: RequestSigningError.invalidKey) {
            try BankFrick.Signer(pemRepresentation: TestVectorFiles.text("bankfrick/test_client_key.TEST-ONLY.pub.pem"))
        }
        let ed25519PEM = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
            -----END PUBLIC KEY-----
            """
        #expect(throws: RequestSigningError.invalidKey) { try BankFrick.Verifier(pemRepresentation: ed25519PEM) }
    }

    @Test("a 1024-bit key is weak_key by default and accepted with an explicit lower minimum")
    func keyPolicy() throws {
        let pem = try TestVectorFiles.text("bankfrick/test_bank_token_key_1024.TEST-ONLY.pub.pem")
        #expect(throws: RequestSigningError.weakKey) { try BankFrick.Verifier(pemRepresentation: pem) }
        _ = try BankFrick.Verifier(pemRepresentation: pem, policy: KeyPolicy(minimumRSABits: 1024))
        // The signer applies the same policy: it never makes what the verifier refuses.
        let privatePEM = try TestVectorFiles.text("bankfrick/test_bank_token_key_1024.TEST-ONLY.pem")
        #expect(throws: RequestSigningError.weakKey) { try BankFrick.Signer(pemRepresentation: privatePEM) }
        let signer = try BankFrick.Signer(pemRepresentation: privatePEM, policy: KeyPolicy(minimumRSABits: 1024))
        let verifier = try BankFrick.Verifier(pemRepresentation: pem, policy: KeyPolicy(minimumRSABits: 1024))
        let body = Array("{}".utf8)
        #expect(verifier.isValidSignature(try signer.signatureHeaders(for: body), for: body))
    }

    @Test(
        "a key too small for the hash's PKCS#1 v1.5 encoding is weak_key, not a library failure",
        .enabled(if: OpenSSLTool.isAvailable, "openssl CLI not installed")
    )
    func keyTooSmallForTheHash() throws {
        let dir = try TemporaryDirectory.make(prefix: "verifykit-frick")
        defer { try? FileManager.default.removeItem(at: dir) }
        try OpenSSLTool.succeed(
            ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:512", "-out", "k.pem"],
            in: dir
        )
        let pem = String(decoding: try Data(contentsOf: dir.appendingPathComponent("k.pem")), as: UTF8.self)
        let signer = try BankFrick.Signer(pemRepresentation: pem, policy: KeyPolicy(minimumRSABits: 512))
        // 512 bits = 64 bytes: room for SHA-256's 51-byte DigestInfo plus 11, not for SHA-384 or SHA-512.
        _ = try signer.signatureHeaders(for: [], algorithm: .init(rawValue: "rsa-sha256"))
        for name in ["rsa-sha384", "rsa-sha512"] {
            let error = #expect(throws: RequestSigningError.self) {
                try signer.signatureHeaders(for: [], algorithm: .init(rawValue: name))
            }
            #expect(error?.code == .weakKey, "\(name)")
            let hash = "SHA-" + name.dropFirst("rsa-sha".count)
            #expect(
                error?.reason.contains("too small for PKCS#1 v1.5 with \(hash)") == true,
                "\(String(describing: error))"
            )
        }
    }

    @Test(
        "a well-formed key of an unsupported kind (multi-prime RSA) is unsupported_key, not invalid_key",
        .enabled(if: OpenSSLTool.isAvailable, "openssl CLI not installed")
    )
    func unsupportedKeyKind() throws {
        let dir = try TemporaryDirectory.make(prefix: "verifykit-frick")
        defer { try? FileManager.default.removeItem(at: dir) }
        try OpenSSLTool.succeed(
            [
                "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-pkeyopt",
                "rsa_keygen_primes:3", "-out", "k.pem",
            ],
            in: dir
        )
        let pem = String(decoding: try Data(contentsOf: dir.appendingPathComponent("k.pem")), as: UTF8.self)
        let error = #expect(throws: RequestSigningError.self) { try BankFrick.Signer(pemRepresentation: pem) }
        #expect(error?.code == .unsupportedKey, "\(String(describing: error))")
    }

    @Test("an algorithm outside the supported three cannot sign")
    func signingUnknownAlgorithm() throws {
        #expect(throws: RequestSigningError.unsupportedAlgorithm) {
            try Self.signer().signatureHeaders(for: [], algorithm: .init(rawValue: "rsa-sha1"))
        }
        let headers = BankFrick.SignatureHeaders(signature: [1, 2, 3], algorithm: .init(rawValue: "ps512"))
        #expect(try !Self.verifier().isValidSignature(headers, for: []))
    }
}
