import CryptoPrimitives
import Testing

@testable import JSONWebToken

/// Two threads remembering headers at once: the one that loses a slot to the other must look at
/// what the winner stored. The interleaving is forced through `remember`'s test seam, which runs
/// the "other thread" between finding a slot empty and filling it.
@Suite("Header memos: losing a slot to another thread")
struct HeaderMemoRaceTests {
    static let reading = JWTKeyCollection.HeaderReading(
        algorithm: .hs256,
        keyID: nil,
        type: "JWT",
        base64URLEncodesPayload: nil,
        hasCritical: false,
        isFlat: true
    )

    static func remember(
        _ text: String,
        in memos: JWTHeaderMemos,
        beforeFilling: ((Int) -> Void)? = nil
    ) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { segment in
            memos.remember(segment: segment, json: bytes, reading: reading, beforeFilling: beforeFilling)
        }
    }

    @Test("a loser that finds its own header in the won slot stores nothing more")
    func loserFindsSameHeader() {
        let memos = JWTHeaderMemos()
        Self.remember("eyJhbGciOiJIUzI1NiJ9", in: memos) { index in
            if index == 0 { Self.remember("eyJhbGciOiJIUzI1NiJ9", in: memos) }
        }
        #expect(memos.rememberedSegments == [Array("eyJhbGciOiJIUzI1NiJ9".utf8)])
        #expect(memos.hasRoom)
    }

    @Test("a loser that finds another header in the won slot takes the next one")
    func loserMovesOn() {
        let memos = JWTHeaderMemos()
        Self.remember("eyJhbGciOiJIUzI1NiJ9", in: memos) { index in
            if index == 0 { Self.remember("eyJhbGciOiJIUzM4NCJ9", in: memos) }
        }
        #expect(
            memos.rememberedSegments == [Array("eyJhbGciOiJIUzM4NCJ9".utf8), Array("eyJhbGciOiJIUzI1NiJ9".utf8)]
        )
    }
}
