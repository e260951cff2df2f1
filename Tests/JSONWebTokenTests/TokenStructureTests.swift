import Base64URL
import CryptoPrimitives
import JSONWebToken
import Testing
import VerifyKitTestSupport

@Suite("Rules 1–2: size and structure")
struct TokenStructureTests {
    let keys = TestTokens.hmacCollection()
    let payload = #"{"sub":"alice"}"#

    @Test("a well-formed HS256 token verifies")
    func wellFormed() throws {
        let verified = try keys.verify(TestTokens.hs256(payload))
        #expect(verified.registeredClaims.subject?.value == "alice")
        #expect(verified.algorithm == .hs256)
    }

    @Test("tokens over the size limit are rejected before decoding")
    func sizeLimit() throws {
        let token = TestTokens.hs256(payload)
        var options = TestTokens.fixedOptions()
        options.maxTokenBytes = token.utf8.count
        _ = try keys.verify(token, options: options)
        options.maxTokenBytes = token.utf8.count - 1
        #expect(throws: JWTError.tokenTooLarge) { try keys.verify(token, options: options) }
        // Garbage that is too large reports size, not structure: size is checked first.
        let garbage = String(repeating: "!", count: 70_000)
        #expect(throws: JWTError.tokenTooLarge) { try keys.verify(garbage) }
    }

    @Test(
        "anything but three segments is malformed",
        arguments: ["", ".", "a.b", "a.b.c.d", "...", "abc", "a..b.c"]
    )
    func segments(token: String) {
        #expect(throws: JWTError.malformed) { try keys.verify(token) }
    }

    @Test("a JWE (five segments) is malformed, not decrypted or taken for a JWS")
    func encryptedToken() {
        // RFC 7516 compact form: header.encrypted_key.iv.ciphertext.tag, the header naming a key
        // management algorithm. A JWS verifier must refuse it by its shape, before reading alg.
        let header = TestTokens.b64(#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#)
        let jwe = [header, "AAAA", "AAAAAAAAAAAAAAAA", TestTokens.b64(payload), "AAAAAAAAAAAAAAAAAAAAAA"]
            .joined(separator: ".")
        let error = #expect(throws: JWTError.malformed) { try keys.verify(jwe) }
        #expect(error?.message == "a compact JWS has exactly three segments; found more")
    }

    @Test("strict base64url: padding, whitespace, foreign characters and non-canonical bits are malformed")
    func strictBase64() {
        let token = TestTokens.hs256(payload)
        let dot = token.firstIndex(of: ".")!
        let header = String(token[..<dot])
        let rest = String(token[dot...])
        for bad in [header + "=", " " + header, header.replacingOccurrences("e", "+"), header + "A"] {
            #expect(throws: JWTError.malformed, "\(bad)") { try keys.verify(bad + rest) }
        }
        // 22 header bytes leave 4 unused bits in the last character: "Q" → "R" sets one of them,
        // giving a second encoding of the same bytes, which a strict decoder refuses.
        let odd = TestTokens.signed(header: #"{"alg":"HS256","x":12}"#, payload: payload)
        #expect(throws: Never.self) { try keys.verify(odd) }
        let oddHeader = String(odd.prefix { $0 != "." })
        #expect(oddHeader.hasSuffix("Q"))
        let twin = String(oddHeader.dropLast()) + "R" + String(odd.drop { $0 != "." })
        #expect(throws: JWTError.malformed) { try keys.verify(twin) }
    }

    @Test(
        "the header must be a strict UTF-8 JSON object",
        arguments: [
            #"["alg","HS256"]"#, #""HS256""#, #"{"alg":"HS256""#, #"{"alg":"HS256","alg":"HS256"}"#,
            #"{"alg":"HS256"} x"#, "", #"{'alg':'HS256'}"#,
        ]
    )
    func headerJSON(header: String) {
        let token = TestTokens.signed(header: header, payload: payload)
        #expect(throws: JWTError.malformed) { try keys.verify(token) }
    }

    @Test("non-UTF-8 header bytes are malformed")
    func nonUTF8Header() {
        let headerBytes: [UInt8] = Array(#"{"alg":"HS256","x":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        let token = Base64URL.encode(headerBytes) + "." + TestTokens.b64(payload) + ".AAAA"
        #expect(throws: JWTError.malformed) { try keys.verify(token) }
    }

    @Test("header nesting is limited to 32 levels")
    func headerDepth() throws {
        func header(depth: Int) -> String {
            // The object itself is level 1; `depth - 1` nested arrays below it.
            #"{"alg":"HS256","x":"# + String(repeating: "[", count: depth - 1)
                + String(repeating: "]", count: depth - 1) + "}"
        }
        _ = try keys.verify(TestTokens.signed(header: header(depth: 32), payload: payload))
        #expect(throws: JWTError.malformed) {
            try keys.verify(TestTokens.signed(header: header(depth: 33), payload: payload))
        }
    }

    @Test("header parameters with the wrong JSON type are malformed", arguments: ["kid", "typ", "cty", "b64"])
    func headerParameterTypes(name: String) {
        let token = TestTokens.signed(header: #"{"alg":"HS256","\#(name)":42}"#, payload: payload)
        #expect(throws: JWTError.malformed) { try keys.verify(token) }
    }

    @Test("the signature segment must be strict base64url")
    func signatureBase64() {
        let token = TestTokens.hs256(payload)
        #expect(throws: JWTError.malformed) { try keys.verify(token + "=") }
        #expect(throws: JWTError.malformed) { try keys.verify(token + "AA") }
    }

    @Test("a base64url message names the rule: no padding, the offending byte, zero trailing bits")
    func base64Messages() {
        // The differential check against jwt-kit (which accepts all three) showed messages that
        // gave only the code: "invalid_character at 43" for a padded signature.
        let token = TestTokens.hs256(payload)
        let padded = #expect(throws: JWTError.malformed) { try keys.verify(token + "=") }
        #expect(
            padded?.message
                == "the signature is not valid base64url (invalid_character 0x3D at 43: base64url has no = padding)"
        )
        let plus = #expect(throws: JWTError.malformed) { try keys.verify("+" + token.dropFirst()) }
        #expect(plus?.message == "the header is not valid base64url (invalid_character 0x2B at 0)")
        // HS256's 32 bytes leave 2 unused bits in the 43rd character; set one of them.
        let last = token.last!
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let twin = String(token.dropLast()) + String(alphabet[alphabet.firstIndex(of: last)! | 1])
        let nonCanonical = #expect(throws: JWTError.malformed) { try keys.verify(twin) }
        #expect(
            nonCanonical?.message
                == "the signature is not valid base64url (non_canonical at 42: unused trailing bits must be zero)"
        )
    }

    @Test("substrings and byte collections verify like strings")
    func inputForms() throws {
        let token = TestTokens.hs256(payload)
        let padded = "  " + token + "  "
        let substring = padded.dropFirst(2).dropLast(2)
        _ = try keys.verify(substring, as: JWTClaims.self)
        _ = try keys.verify(utf8: Array(token.utf8), as: JWTClaims.self)
        _ = try keys.verify(utf8: Array(token.utf8)[...], as: JWTClaims.self)
        // Registered claims only, from bytes, as from text.
        #expect(try keys.verify(utf8: Array(token.utf8)).registeredClaims == keys.verify(token).registeredClaims)
        // A collection without contiguous storage is copied once; same result, same errors.
        let lazyBytes = token.utf8.lazy.map { $0 }
        let verified = try keys.verify(utf8: lazyBytes, as: JWTClaims.self)
        #expect(verified.payloadJSON == Array(payload.utf8))
        let badSignature = (token.dropLast(2) + (token.hasSuffix("AA") ? "BA" : "AA")).utf8.lazy.map { $0 }
        #expect(throws: JWTError.badSignature) { try keys.verify(utf8: badSignature, as: JWTClaims.self) }
        let malformed = "a.b".utf8.lazy.map { $0 }
        #expect(throws: JWTError.malformed) { try keys.verify(utf8: malformed, as: JWTClaims.self) }
    }

    @Test("raw-payload verification and unverified decoding take bytes as they take text")
    func byteFormsOfRawPayloadAndDecode() throws {
        let token = TestTokens.hs256(payload)
        let fromText = try keys.verifyRawPayload(token)
        let fromBytes = try keys.verifyRawPayload(utf8: Array(token.utf8))
        #expect(fromBytes.payload == fromText.payload && fromBytes.payload == Array(payload.utf8))
        #expect(fromBytes.algorithm == .hs256 && fromBytes.header == fromText.header)
        #expect(try keys.verifyRawPayload(utf8: token.utf8.lazy.map { $0 }).payload == fromText.payload)
        let decoded = try JWTKeyCollection.unverifiedDecode(utf8: Array(token.utf8))
        #expect(decoded.payload == Array(payload.utf8))
        #expect(decoded.signature == (try JWTKeyCollection.unverifiedDecode(token)).signature)
        // Bytes that are not UTF-8 are named as given; text could only hold U+FFFD (0xEF …) there.
        let notUTF8 = [0xFF] + Array(token.utf8.dropFirst())
        let raw = #expect(throws: JWTError.malformed) { try keys.verifyRawPayload(utf8: notUTF8) }
        #expect(raw?.message == "the header is not valid base64url (invalid_character 0xFF at 0)")
        let unverified = #expect(throws: JWTError.malformed) { try JWTKeyCollection.unverifiedDecode(utf8: notUTF8) }
        #expect(unverified?.message == "the header is not valid base64url (invalid_character 0xFF at 0)")
        // Both keep the size limit, checked before the bytes are copied.
        var small = TestTokens.fixedOptions()
        small.maxTokenBytes = token.utf8.count - 1
        #expect(throws: JWTError.tokenTooLarge) { try keys.verifyRawPayload(utf8: Array(token.utf8), options: small) }
        #expect(throws: JWTError.tokenTooLarge) {
            try JWTKeyCollection.unverifiedDecode(utf8: Array(token.utf8), maxTokenBytes: token.utf8.count - 1)
        }
    }

    /// A token that comes as a collection without contiguous storage (a lazy view, a bridged string,
    /// a buffer chain) used to be read and copied whole, and only then refused for its size: a
    /// 10 MB one cost 10 MB of reads and of memory before the first check.
    @Test("an oversized token without contiguous storage is refused before its bytes are read")
    func sizeBeforeCopy() throws {
        let reads = LockedValue(0)
        let huge = ReadCountingBytes(count: 10_000_000, reads: reads)
        let error = #expect(throws: JWTError.tokenTooLarge) { try keys.verify(utf8: huge, as: JWTClaims.self) }
        #expect(error?.message == "the token is 10000000 bytes; the limit is 65536")
        #expect(reads.withLock { $0 } == 0)
        var options = TestTokens.fixedOptions()
        options.maxTokenBytes = 100
        let over = ReadCountingBytes(count: 101, reads: reads)
        #expect(throws: JWTError.tokenTooLarge) { try keys.verify(utf8: over, as: JWTClaims.self, options: options) }
        #expect(reads.withLock { $0 } == 0)
        // At the limit, the bytes are read (and the token, all "A", is malformed).
        let atLimit = ReadCountingBytes(count: 100, reads: reads)
        #expect(throws: JWTError.malformed) { try keys.verify(utf8: atLimit, as: JWTClaims.self, options: options) }
        #expect(reads.withLock { $0 } > 0)
        // The caching verifier's byte entry point, past both its cache limit and the options' limit.
        let verifier = CachingJWTVerifier<JWTClaims>(keys: keys)
        reads.withLock { $0 = 0 }
        #expect(throws: JWTError.tokenTooLarge) { try verifier.verify(utf8: huge) }
        #expect(reads.withLock { $0 } == 0)
    }

    @Test("seeded random mutations never crash and never verify", arguments: [UInt64(1), 2, 3])
    func fuzz(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let original = Array(TestTokens.hs256(payload).utf8)
        let alphabet = Array("ABCxyz019-_.=+/ \u{7F}".utf8)
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<Int(rng.next() % 4 + 1) {
                let index = Int(rng.next() % UInt64(bytes.count))
                bytes[index] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
            }
            guard bytes != original else { continue }
            do {
                _ = try keys.verify(utf8: bytes, as: JWTClaims.self)
                Issue.record("seed \(seed): a mutated token verified: \(String(decoding: bytes, as: UTF8.self))")
            } catch {
                // Any JWTError is fine; the point is no crash and no acceptance.
            }
        }
    }
}

extension String {
    func replacingOccurrences(_ target: Character, _ replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}

extension TokenStructureTests {
    /// Rule 2 comes before every header, key and signature rule for all three segments, although
    /// the payload is decoded only after the signature check and the signature during key selection.
    @Test("a payload or signature segment that is not base64url is malformed, whatever else is wrong")
    func structureBeforeLaterRules() throws {
        let header = TestTokens.b64(#"{"alg":"HS256"}"#)
        let payload = TestTokens.b64(#"{"sub":"alice"}"#)
        let signature = String(TestTokens.hs256(#"{"sub":"alice"}"#).split(separator: ".")[2])
        // Bad payload with a signature that cannot match (before: bad_signature).
        for bad in [payload + "=", payload + "+x", payload + " ", "*"] {
            #expect(throws: JWTError.malformed, "\(bad)") { try keys.verify("\(header).\(bad).\(signature)") }
        }
        // Bad payload or signature behind a header that fails rules 3–5 (before: their codes).
        let none = TestTokens.b64(#"{"alg":"none"}"#)
        let unknownKey = TestTokens.b64(#"{"alg":"HS256","kid":"nobody"}"#)
        let notAllowed = TestTokens.b64(#"{"alg":"HS512"}"#)
        for first in [none, unknownKey, notAllowed] {
            #expect(throws: JWTError.malformed) { try keys.verify("\(first).\(payload)=.\(signature)") }
            #expect(throws: JWTError.malformed) { try keys.verify("\(first).\(payload).\(signature)=") }
            // With good segments, the later rule's own code still comes out.
            let error = #expect(throws: JWTError.self) { try keys.verify("\(first).\(payload).\(signature)") }
            #expect(error != nil && error?.code != .malformed)
        }
    }
}

/// "A" bytes in a random-access collection with no contiguous storage, counting element reads.
private struct ReadCountingBytes: RandomAccessCollection {
    let count: Int
    let reads: LockedValue<Int>
    var startIndex: Int { 0 }
    var endIndex: Int { count }
    subscript(position: Int) -> UInt8 {
        reads.withLock { $0 += 1 }
        return UInt8(ascii: "A")
    }
}
