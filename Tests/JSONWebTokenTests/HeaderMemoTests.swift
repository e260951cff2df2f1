import CryptoPrimitives
import Dispatch
import StrictJSON
import Synchronization
import Testing

@testable import JSONWebToken

/// A key collection remembers the flat headers of verified tokens by their exact bytes and skips
/// reading them again: a remembered header must give exactly what a fresh read gives, and must
/// never let a token through that a fresh read would refuse.
@Suite("Remembered headers")
struct HeaderMemoTests {
    let payload = #"{"sub":"alice","iat":1699999000,"exp":1700003600,"aud":["a","b"]}"#

    struct Claims: Codable, Equatable {
        var sub: String
        var aud: [String]
    }

    private func segment(_ token: String) -> [UInt8] {
        Array(token.utf8.prefix { $0 != UInt8(ascii: ".") })
    }

    @Test(
        "a remembered header gives the same result as a fresh read",
        arguments: [
            #"{"alg":"HS256","typ":"JWT"}"#,
            #"{"typ":"JWT","alg":"HS256","kid":"k1"}"#,
            #"{"alg":"HS256","cty":"JWT","x-extra":12.5,"flag":true,"n":null}"#,
            #"{ "alg" : "HS256" , "typ" : "at+jwt" }"#,
            #"{"alg":"HS256","typ":"J\u0057T","kid":"caf\u00e9"}"#,
        ]
    )
    func sameResult(header: String) throws {
        var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
        try keys.add(CryptoKey(TestKeys.hmac))
        try keys.add(CryptoKey(TestKeys.hmac), keyID: "k1")
        try keys.add(CryptoKey(TestKeys.hmac), keyID: "café")
        let token = TestTokens.signed(header: header, payload: payload)

        let fresh = try keys.verify(token, as: Claims.self)
        #expect(keys.state.headerMemos.rememberedSegments == [segment(token)])
        for _ in 0..<3 {
            let remembered = try keys.verify(token, as: Claims.self)
            #expect(remembered.header == fresh.header)
            #expect(remembered.header.jsonObject == fresh.header.jsonObject)
            #expect(remembered.algorithm == fresh.algorithm)
            #expect(remembered.keyID == fresh.keyID)
            #expect(remembered.claims == fresh.claims)
            #expect(remembered.registeredClaims == fresh.registeredClaims)
            #expect(remembered.payloadJSON == fresh.payloadJSON)
            let registered = try keys.verify(token)
            #expect(registered.header == fresh.header)
            #expect(registered.claims == fresh.registeredClaims)
        }
        #expect(keys.state.headerMemos.rememberedSegments.count == 1)
    }

    @Test("a remembered header bypasses no other check")
    func noBypass() throws {
        let keys = TestTokens.hmacCollection()
        let header = #"{"alg":"HS256","typ":"JWT"}"#
        let token = TestTokens.signed(header: header, payload: payload)
        _ = try keys.verify(token)
        #expect(keys.state.headerMemos.rememberedSegments == [segment(token)])

        // Same header, other key's signature.
        let forged = TestTokens.signed(header: header, payload: payload, key: CryptoKey(TestKeys.otherHMAC))
        #expect(throws: JWTError.badSignature) { try keys.verify(forged) }
        // Same header, expired claims.
        let expired = TestTokens.signed(header: header, payload: #"{"exp":1600000000}"#)
        #expect(throws: JWTError.expired) { try keys.verify(expired) }
        // Options that a fresh read of this header fails.
        let wantsOtherType = TestTokens.fixedOptions { $0.type = "at+jwt" }
        #expect(throws: JWTError.invalidType) { try keys.verify(token, options: wantsOtherType) }
        let noHS256 = TestTokens.fixedOptions { $0.allowedAlgorithms = [.rs256] }
        #expect(throws: JWTError.algorithmNotAllowed) { try keys.verify(token, options: noHS256) }
        let noDepth = TestTokens.fixedOptions { $0.maxHeaderDepth = 0 }
        #expect(throws: JWTError.malformed) { try keys.verify(token, options: noDepth) }
        let tiny = TestTokens.fixedOptions { $0.maxTokenBytes = 20 }
        #expect(throws: JWTError.tokenTooLarge) { try keys.verify(token, options: tiny) }
        // And the typ check still passes when it should.
        let wantsJWT = TestTokens.fixedOptions { $0.type = "application/JWT" }
        #expect(try keys.verify(token, options: wantsJWT).header.type == "JWT")
        // A key added later gets a new state, which starts empty.
        var more = keys
        try more.add(CryptoKey(TestKeys.otherHMAC), keyID: "other")
        #expect(more.state.headerMemos.rememberedSegments.isEmpty)
        #expect(keys.state.headerMemos.rememberedSegments.count == 1)
    }

    @Test("only verified, flat headers are remembered, and at most four")
    func whatIsRemembered() throws {
        let keys = TestTokens.hmacCollection()
        let memos = keys.state.headerMemos
        // A bad signature teaches nothing.
        let forged = TestTokens.signed(
            header: #"{"alg":"HS256"}"#,
            payload: payload,
            key: CryptoKey(TestKeys.otherHMAC)
        )
        #expect(throws: JWTError.badSignature) { try keys.verify(forged) }
        #expect(memos.rememberedSegments.isEmpty)
        // Nested members (objects, arrays) are not remembered.
        for header in [#"{"alg":"HS256","x":{"a":1}}"#, #"{"alg":"HS256","x":[1]}"#] {
            _ = try keys.verify(TestTokens.signed(header: header, payload: payload))
        }
        #expect(memos.rememberedSegments.isEmpty)
        let headers = (0..<6).map { #"{"alg":"HS256","n":\#($0)}"# }
        let tokens = headers.map { TestTokens.signed(header: $0, payload: payload) }
        for token in tokens + tokens {
            #expect(try keys.verify(token).header.jsonObject["n"] != nil)
        }
        #expect(memos.rememberedSegments == tokens.prefix(4).map(segment))
    }

    @Test("concurrent verifications remember each header once and all succeed")
    func concurrent() throws {
        let keys = TestTokens.hmacCollection()
        let tokens = (0..<6).map {
            TestTokens.signed(header: #"{"alg":"HS256","typ":"JWT","i":\#($0)}"#, payload: payload)
        }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for round in 0..<300 {
                let token = tokens[(worker + round) % tokens.count]
                do {
                    let verified = try keys.verify(token, as: Claims.self)
                    if verified.claims.sub != "alice" { failures.record() }
                } catch {
                    failures.record()
                }
            }
        }
        #expect(failures.count == 0)
        let remembered = keys.state.headerMemos.rememberedSegments
        #expect(remembered.count == JWTHeaderMemos.capacity)
        #expect(Set(remembered).count == remembered.count)
        #expect(remembered.allSatisfy { tokens.map(segment).contains($0) })
    }
}

/// A thread-safe failure counter for `concurrentPerform` bodies.
private final class Failures: Sendable {
    private let counter = Mutex(0)
    func record() { counter.withLock { $0 += 1 } }
    var count: Int { counter.withLock { $0 } }
}
