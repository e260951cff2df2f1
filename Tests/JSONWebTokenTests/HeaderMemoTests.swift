import CryptoPrimitives
import Dispatch
import StrictJSON
import Synchronization
import Testing
import VerifyKitTestSupport

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

    /// A collection that has verified, and so remembered, one token with `header`.
    private func warmed(
        header: String = #"{"alg":"HS256","typ":"JWT"}"#
    ) throws -> (keys: JWTKeyCollection, token: String) {
        let keys = TestTokens.hmacCollection()
        let token = TestTokens.signed(header: header, payload: payload)
        _ = try keys.verify(token)
        #expect(keys.state.headerMemos.rememberedSegments == [segment(token)])
        return (keys, token)
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
        let header = #"{"alg":"HS256","typ":"JWT"}"#
        let (keys, token) = try warmed(header: header)

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

    @Test("the table and its memos are released with the collection")
    func releasedWithTheCollection() throws {
        weak var table: JWTHeaderMemos?
        weak var memo: JWTHeaderMemos.Memo?
        do {
            let keys = TestTokens.hmacCollection()
            let token = TestTokens.hs256(payload)
            _ = try keys.verify(token)
            table = keys.state.headerMemos
            memo = segment(token).withUnsafeBufferPointer { keys.state.headerMemos.memo(for: $0) }
            #expect(memo != nil)
        }
        #expect(table == nil)
        #expect(memo == nil)
    }

    @Test("threads racing to remember one header leave it in one slot")
    func raceForOneSlot() {
        let token = TestTokens.hs256(payload)
        var duplicates = 0
        for _ in 0..<200 {
            let keys = TestTokens.hmacCollection()
            // Both threads wait at a (bounded) spin barrier, so they miss the table and reach
            // `remember` together; the bound keeps a serial run from hanging.
            let barrier = SpinBarrier(parties: 2)
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                barrier.arriveAndWait()
                _ = try? keys.verify(token)
            }
            if keys.state.headerMemos.rememberedSegments.count != 1 { duplicates += 1 }
        }
        #expect(duplicates == 0)
    }

    @Test("with the table full, a per-call typ check still reads typ from a fresh header")
    func fullTableStillReadsType() throws {
        let keys = TestTokens.hmacCollection()
        for index in 0..<JWTHeaderMemos.capacity {
            _ = try keys.verify(TestTokens.signed(header: #"{"alg":"HS256","n":\#(index)}"#, payload: payload))
        }
        #expect(!keys.state.headerMemos.hasRoom)
        let token = TestTokens.signed(header: #"{"alg":"HS256","typ":"JWT","n":99}"#, payload: payload)
        let wantsOther = TestTokens.fixedOptions { $0.type = "at+jwt" }
        let wantsJWT = TestTokens.fixedOptions { $0.type = "JWT" }
        #expect(throws: JWTError.invalidType) { try keys.verify(token, options: wantsOther) }
        #expect(throws: JWTError.invalidType) { try keys.verifyRawPayload(token, options: wantsOther) }
        #expect(try keys.verify(token, options: wantsJWT).header.type == "JWT")
        #expect(try keys.verifyRawPayload(token, options: wantsJWT).header.type == "JWT")
        #expect(!keys.state.headerMemos.rememberedSegments.contains(segment(token)))
    }

    @Test("depth limits: 1 admits a remembered flat header, 0 and below refuse it as a fresh read does")
    func depthLimits() throws {
        let (keys, token) = try warmed()
        #expect(try keys.verify(token, options: TestTokens.fixedOptions { $0.maxHeaderDepth = 1 }).algorithm == .hs256)
        for depth in [0, -5, Int.min] {
            let options = TestTokens.fixedOptions { $0.maxHeaderDepth = depth }
            #expect(throws: JWTError.malformed) { try keys.verify(token, options: options) }
            #expect(throws: JWTError.malformed) { try TestTokens.hmacCollection().verify(token, options: options) }
        }
    }

    @Test("detached payloads use a remembered header and keep their own rules")
    func detached() throws {
        let (keys, full) = try warmed()
        let parts = full.split(separator: ".", omittingEmptySubsequences: false)
        let detached = "\(parts[0])..\(parts[2])"
        let verified = try keys.verifyDetached(detached, payload: Array(payload.utf8))
        #expect(verified.payload == Array(payload.utf8))
        #expect(verified.header.type == "JWT")
        #expect(throws: JWTError.malformed) { try keys.verifyDetached(full, payload: Array(payload.utf8)) }
        #expect(throws: JWTError.badSignature) { try keys.verifyDetached(detached, payload: Array("{}".utf8)) }
    }

    @Test("a remembered header fails with the same code and message as a fresh read")
    func sameErrors() throws {
        let header = #"{"alg":"HS256","typ":"JWT","kid":"k1"}"#
        let good = TestTokens.signed(header: header, payload: payload)
        let cases: [(String, JWTValidationOptions)] = [
            (good, TestTokens.fixedOptions { $0.type = "at+jwt" }),
            (good, TestTokens.fixedOptions { $0.allowedAlgorithms = [.es256] }),
            (good, TestTokens.fixedOptions { $0.issuers = ["https://issuer.example"] }),
            (good, TestTokens.fixedOptions { $0.maxTokenBytes = 10 }),
            (TestTokens.signed(header: header, payload: #"{"exp":1600000000}"#), TestTokens.fixedOptions()),
            (
                TestTokens.signed(header: header, payload: payload, key: CryptoKey(TestKeys.otherHMAC)),
                TestTokens.fixedOptions()
            ),
        ]
        func collection() throws(JWTError) -> JWTKeyCollection {
            var keys = JWTKeyCollection(options: TestTokens.fixedOptions())
            try keys.add(CryptoKey(TestKeys.hmac), keyID: "k1")
            return keys
        }
        let warm = try collection()
        _ = try warm.verify(good)
        #expect(warm.state.headerMemos.rememberedSegments == [segment(good)])
        for (token, options) in cases {
            var fresh: JWTError?
            var remembered: JWTError?
            do { _ = try collection().verify(token, options: options) } catch { fresh = error }
            do { _ = try warm.verify(token, options: options) } catch { remembered = error }
            #expect(fresh != nil)
            #expect(fresh.map { "\($0)" } == remembered.map { "\($0)" })
        }
    }

    @Test("headers longer than the memo limit are not remembered")
    func longHeaders() throws {
        let keys = TestTokens.hmacCollection()
        let long = String(repeating: "x", count: JWTHeaderMemos.maximumSegmentBytes)
        let token = TestTokens.signed(header: #"{"alg":"HS256","pad":"\#(long)"}"#, payload: payload)
        #expect(try keys.verify(token).header.jsonObject["pad"] != nil)
        #expect(keys.state.headerMemos.rememberedSegments.isEmpty)
    }

    @Test("a header segment of exactly the memo limit is remembered, a longer one is not")
    func memoLimitIsInclusive() throws {
        // 3 bytes of JSON per 4 base64url characters: the limit's worth of JSON fills it exactly,
        // one byte more takes two characters more.
        func header(bytes: Int) -> String {
            let empty = #"{"alg":"HS256","pad":""}"#
            let pad = String(repeating: "x", count: bytes - empty.utf8.count)
            return #"{"alg":"HS256","pad":"\#(pad)"}"#
        }
        let fullBytes = JWTHeaderMemos.maximumSegmentBytes / 4 * 3
        let atLimit = TestTokens.signed(header: header(bytes: fullBytes), payload: payload)
        let over = TestTokens.signed(header: header(bytes: fullBytes + 1), payload: payload)
        #expect(segment(atLimit).count == JWTHeaderMemos.maximumSegmentBytes)
        #expect(segment(over).count == JWTHeaderMemos.maximumSegmentBytes + 2)
        let keys = TestTokens.hmacCollection()
        _ = try keys.verify(over)
        _ = try keys.verify(atLimit)
        #expect(keys.state.headerMemos.rememberedSegments == [segment(atLimit)])
    }

    @Test("a header whose segment only begins with a remembered one is read afresh")
    func longerSegmentIsAnotherHeader() throws {
        // 15 bytes of JSON are 20 base64url characters with no partial group, so any header that
        // continues these bytes has a segment beginning with the remembered segment.
        let (keys, token) = try warmed(header: #"{"alg":"HS256"}"#)
        let trailing = TestTokens.signed(header: #"{"alg":"HS256"}xyz"#, payload: payload)
        #expect(segment(trailing).starts(with: segment(token)))
        #expect(throws: JWTError.malformed) { try keys.verify(trailing) }
        // Blanks after the object are valid JSON: another header, remembered on its own.
        let spaced = TestTokens.signed(header: #"{"alg":"HS256"}   "#, payload: payload)
        #expect(try keys.verify(spaced).algorithm == .hs256)
        #expect(keys.state.headerMemos.rememberedSegments == [segment(token), segment(spaced)])
    }
}

/// A thread-safe failure counter for `concurrentPerform` bodies.
private final class Failures: Sendable {
    private let counter = LockedValue(0)
    func record() { counter.withLock { $0 += 1 } }
    var count: Int { counter.withLock { $0 } }
}

/// Lets `parties` threads start a step together; gives up after a bounded spin.
private final class SpinBarrier: Sendable {
    private let arrived = Atomic(0)
    private let parties: Int

    init(parties: Int) { self.parties = parties }

    func arriveAndWait() {
        arrived.add(1, ordering: .acquiringAndReleasing)
        var spins = 0
        while arrived.load(ordering: .acquiring) < parties, spins < 10_000_000 { spins += 1 }
    }
}
