import Base64URL
import CryptoPrimitives
import JSONWebToken
import StrictJSON
import Testing

@Suite("Rules 4–5: allow-list bound to the key, key selection, key sets")
struct KeySelectionTests {
    let payload = #"{"sub":"alice"}"#
    let options = TestTokens.fixedOptions()

    func token(kid: String?, key: CryptoKey = CryptoKey(TestKeys.hmac), alg: SignatureAlgorithm = .hs256) -> String {
        let kidMember = kid.map { #","kid":"\#($0)""# } ?? ""
        return TestTokens.signed(
            header: #"{"alg":"\#(alg.rawValue)"\#(kidMember)}"#,
            payload: payload,
            key: key,
            algorithm: alg
        )
    }

    /// The test HMAC key, under options that accept only the issuer "me".
    func hmacKeysAcceptingIssuerMe() throws -> JWTKeyCollection {
        var strict = options
        strict.issuers = ["me"]
        var keys = JWTKeyCollection(options: strict)
        try keys.add(CryptoKey(TestKeys.hmac))
        return keys
    }

    @Test("a key with a kid matches that kid and kid-less tokens; an unknown kid is key_not_found")
    func kidMatching() throws {
        var keys = JWTKeyCollection(options: options)
        try keys.add(CryptoKey(TestKeys.hmac), keyID: "a")
        #expect(try keys.verify(token(kid: "a")).keyID == "a")
        #expect(try keys.verify(token(kid: nil)).keyID == "a")
        #expect(throws: JWTError.keyNotFound) { try keys.verify(token(kid: "b")) }
    }

    @Test("no default-key fallback: an unknown kid is never tried against a key that has another kid")
    func noFallback() throws {
        var keys = JWTKeyCollection(options: options)
        try keys.add(CryptoKey(TestKeys.otherHMAC), keyID: "other")
        try keys.add(CryptoKey(TestKeys.hmac), keyID: "right")
        #expect(throws: JWTError.keyNotFound) { try keys.verify(token(kid: "unknown")) }
        // The right kid selects only the right key.
        #expect(try keys.verify(token(kid: "right")).keyID == "right")
        // A wrong kid that exists does not fall through to the key that would verify.
        #expect(throws: JWTError.badSignature) { try keys.verify(token(kid: "other")) }
    }

    @Test("a hostile kid or alg is echoed in errors only short, quoted and without control characters")
    func hostileTextInErrors() throws {
        var keys = JWTKeyCollection(options: options)
        try keys.add(CryptoKey(TestKeys.hmac), keyID: "a")
        let hostile = String(repeating: "x", count: 20_000) + "\\n\\u001b[2J"
        let cases: [(String, JWTError.Code)] = [
            (token(kid: hostile), .keyNotFound),
            (
                TestTokens.signed(
                    header: #"{"alg":"HS256\#(hostile)"}"#,
                    payload: payload,
                    key: CryptoKey(TestKeys.hmac),
                    algorithm: .hs256
                ), .unsupportedAlgorithm
            ),
        ]
        for (token, code) in cases {
            let error = #expect(throws: JWTError.self) { try keys.verify(token) }
            #expect(error?.code == code)
            let message = error?.message ?? ""
            #expect(message.count < 120, "\(message.count) characters")
            #expect(!message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(message)")
        }
    }

    @Test("a key without a kid matches any token")
    func kidlessKey() throws {
        var keys = JWTKeyCollection(options: options)
        try keys.add(CryptoKey(TestKeys.hmac))
        #expect(try keys.verify(token(kid: "whatever")).keyID == nil)
    }

    @Test("an empty collection finds no key")
    func emptyCollection() {
        let keys = JWTKeyCollection(options: options)
        #expect(throws: JWTError.keyNotFound) { try keys.verify(token(kid: nil)) }
    }

    @Test("kid-less tokens are tried against a bounded number of keys")
    func boundedAttempts() throws {
        var keys = JWTKeyCollection(options: options)
        for index in 0..<6 {
            try keys.add(CryptoKey(HMACKey([UInt8](repeating: UInt8(index), count: 32))), keyID: "k\(index)")
        }
        try keys.add(CryptoKey(TestKeys.hmac), keyID: "right")
        let capped = #expect(throws: JWTError.badSignature) { try keys.verify(token(kid: nil)) }
        #expect(capped?.message.contains("maxKeyAttempts is 4") == true, "\(String(describing: capped))")
        // All candidates tried: a plain bad signature.
        var few = JWTKeyCollection(options: options)
        try few.add(CryptoKey(HMACKey([UInt8](repeating: 9, count: 32))), keyID: "other")
        let plain = #expect(throws: JWTError.badSignature) { try few.verify(token(kid: nil)) }
        #expect(plain?.message == "the signature does not verify")
        var generous = options
        generous.maxKeyAttempts = 7
        #expect(try keys.verify(token(kid: nil), options: generous).keyID == "right")
        // With the kid, one attempt suffices.
        #expect(try keys.verify(token(kid: "right")).keyID == "right")
    }

    @Test("maxKeyAttempts is exact: the key at that position is tried, the one after it is not")
    func attemptLimitIsExact() throws {
        func keys(wrongKeysFirst count: Int, limit: Int) throws -> JWTKeyCollection {
            var limited = options
            limited.maxKeyAttempts = limit
            var keys = JWTKeyCollection(options: limited)
            for index in 0..<count {
                try keys.add(CryptoKey(HMACKey([UInt8](repeating: UInt8(index + 1), count: 32))), keyID: "k\(index)")
            }
            try keys.add(CryptoKey(TestKeys.hmac), keyID: "right")
            return keys
        }
        for limit in 1...5 {
            #expect(try keys(wrongKeysFirst: limit - 1, limit: limit).verify(token(kid: nil)).keyID == "right")
            let capped = #expect(throws: JWTError.badSignature, "limit \(limit)") {
                try keys(wrongKeysFirst: limit, limit: limit).verify(token(kid: nil))
            }
            #expect(capped?.message.contains("maxKeyAttempts is \(limit)") == true, "\(String(describing: capped))")
        }
        // Below 1 counts as 1: the first candidate is tried, the second is not.
        for limit in [0, -1, Int.min] {
            #expect(try keys(wrongKeysFirst: 0, limit: limit).verify(token(kid: nil)).keyID == "right")
            #expect(throws: JWTError.badSignature, "limit \(limit)") {
                try keys(wrongKeysFirst: 1, limit: limit).verify(token(kid: nil))
            }
        }
    }

    @Test("keys the policy refuses take no attempt: a kid-less token still reaches the key that signed it")
    func refusedKeysTakeNoAttempt() throws {
        // A key set keeps members the policy refuses (16-byte secrets, short for HS256); four of
        // them ahead of the signing key used up maxKeyAttempts, and a good token was weak_key.
        var members: [String] = []
        for index in 0..<4 {
            let secret = Base64URL.encode([UInt8](repeating: UInt8(index + 1), count: 16))
            members.append(#"{"kty":"oct","kid":"weak\#(index)","k":"\#(secret)"}"#)
        }
        members.append(#"{"kty":"oct","kid":"right","k":"\#(Base64URL.encode(TestKeys.hmac.rawRepresentation))"}"#)
        var keys = JWTKeyCollection(options: options)
        try keys.add(jwks: #"{"keys":[\#(members.joined(separator: ","))]}"#)
        #expect(try keys.verify(token(kid: nil)).keyID == "right")
        // A forged token is still judged by the first candidate, and still a refusal.
        let forged = token(kid: nil, key: CryptoKey(TestKeys.otherHMAC))
        let refused = #expect(throws: JWTError.weakKey) { try keys.verify(forged) }
        #expect(refused?.message.contains("weak0") == true, "\(String(describing: refused))")
        // Past the limit, only keys that would be tried count.
        var oneAttempt = options
        oneAttempt.maxKeyAttempts = 1
        #expect(try keys.verify(token(kid: nil), options: oneAttempt).keyID == "right")
    }

    @Test("adjustingOptions changes one option for a call and keeps the collection's others")
    func adjustingOptions() throws {
        let keys = try hmacKeysAcceptingIssuerMe()
        let evil = TestTokens.signed(
            header: #"{"alg":"HS256"}"#,
            payload: #"{"iss":"evil"}"#,
            key: CryptoKey(TestKeys.hmac),
            algorithm: .hs256
        )
        // A fresh options value replaces the issuer check; adjusting keeps it.
        _ = try keys.verify(evil, as: JWTClaims.self, options: JWTValidationOptions(clock: .fixed(TestTokens.now)))
        #expect(throws: JWTError.invalidIssuer) {
            try keys.verify(evil, as: JWTClaims.self) { $0.clock = .fixed(TestTokens.now) }
        }
        #expect(keys.options.issuers == ["me"])
    }

    @Test("adjustingOptions without a claims type gives the registered claims and keeps the collection's others")
    func adjustingOptionsForRegisteredClaims() throws {
        let keys = try hmacKeysAcceptingIssuerMe()
        func token(_ payload: String) -> String {
            TestTokens.signed(
                header: #"{"alg":"HS256"}"#,
                payload: payload,
                key: CryptoKey(TestKeys.hmac),
                algorithm: .hs256
            )
        }
        let expiredJustNow = token(#"{"iss":"me","sub":"alice","exp":\#(TestTokens.now - 10)}"#)
        #expect(throws: JWTError.expired) { try keys.verify(expiredJustNow) { $0.clock = .fixed(TestTokens.now) } }
        let verified = try keys.verify(expiredJustNow) {
            $0.clock = .fixed(TestTokens.now)
            $0.leeway = 30
        }
        #expect(verified.claims.subject == "alice")
        #expect(throws: JWTError.invalidIssuer) {
            try keys.verify(token(#"{"iss":"evil"}"#)) { $0.clock = .fixed(TestTokens.now) }
        }
        #expect(keys.options.leeway == 0)
    }

    @Test("removeKeys drops keys by kid, forgets remembered headers, and rotation on a copy is atomic")
    func removeKeys() throws {
        var keys = JWTKeyCollection(options: options)
        try keys.add(CryptoKey(TestKeys.hmac), keyID: "old")
        try keys.add(CryptoKey(TestKeys.otherHMAC), keyID: "other")
        try keys.add(CryptoKey(TestKeys.hmac))
        let named = token(kid: "old")
        #expect(try keys.verify(named).keyID == "old")  // its header is remembered now
        #expect(keys.removeKeys { $0 == "old" } == 1)
        #expect(keys.keyIDs == ["other", nil])
        // The kid-less key still matches the token, under its own (nil) kid: nothing stale.
        #expect(try keys.verify(named).keyID == nil)
        #expect(keys.removeKeys { $0 == nil } == 1)
        #expect(throws: JWTError.keyNotFound) { try keys.verify(named) }
        #expect(keys.removeKeys { $0 == "absent" } == 0)

        // A refused refresh leaves the collection in use untouched.
        var next = keys
        next.removeKeys { _ in true }
        #expect(throws: JWTError.invalidKeySet) { try next.add(jwks: Array(#"{"keys":[]}"#.utf8)) }
        #expect(keys.keyIDs == ["other"] && next.count == 0)
    }

    @Test("the caller's algorithm list is enforced")
    func callerAllowList() throws {
        let keys = TestTokens.hmacCollection()
        var restricted = options
        restricted.allowedAlgorithms = [.hs512]
        #expect(throws: JWTError.algorithmNotAllowed) { try keys.verify(token(kid: nil), options: restricted) }
        restricted.allowedAlgorithms = [.hs256, .hs512]
        _ = try keys.verify(token(kid: nil), options: restricted)
    }

    @Test("a key pinned to one algorithm refuses the others of its family")
    func pinnedAlgorithm() throws {
        var keys = JWTKeyCollection(options: options)
        try keys.add(CryptoKey(TestKeys.rsa), algorithms: [.rs256])
        let rsa = CryptoKey(TestKeys.rsa)
        _ = try keys.verify(token(kid: nil, key: rsa, alg: .rs256))
        #expect(throws: JWTError.algorithmNotAllowed) { try keys.verify(token(kid: nil, key: rsa, alg: .ps256)) }
        #expect(throws: JWTError.algorithmNotAllowed) { try keys.verify(token(kid: nil, key: rsa, alg: .rs512)) }
    }

    @Test("a JWK's alg pins the key")
    func jwkAlgorithm() throws {
        var keys = JWTKeyCollection(options: options)
        try keys.add(JWK(key: CryptoKey(TestKeys.hmac), keyID: "h", algorithm: .hs512))
        _ = try keys.verify(token(kid: "h", alg: .hs512))
        #expect(throws: JWTError.algorithmNotAllowed) { try keys.verify(token(kid: "h", alg: .hs256)) }
    }

    /// RFC 9864 renames EdDSA-with-Ed25519 to Ed25519: a key set still published with the old name
    /// must keep verifying tokens that use the new one, and the other way round.
    @Test("a JWK pinned to EdDSA or Ed25519 allows both names, and nothing else")
    func jwkEdDSAPinAllowsBothNames() throws {
        let ed = CryptoKey(TestKeys.ed25519)
        for pin in ["EdDSA", "Ed25519"] {
            var keys = JWTKeyCollection(options: options)
            try keys.add(jwks: Array(#"{"keys":[\#(Self.jwk(ed.publicKey!, kid: "e", alg: pin))]}"#.utf8))
            _ = try keys.verify(token(kid: "e", key: ed, alg: .eddsa))
            _ = try keys.verify(token(kid: "e", key: ed, alg: .ed25519))
            #expect(throws: JWTError.algorithmNotAllowed) { try keys.verify(token(kid: "e", alg: .hs256)) }
            // The caller's allow-list still narrows it.
            var restricted = options
            restricted.allowedAlgorithms = [.ed25519]
            #expect(throws: JWTError.algorithmNotAllowed) {
                try keys.verify(token(kid: "e", key: ed, alg: .eddsa), options: restricted)
            }
        }
        // An explicit algorithms: list is the caller's own choice and stays exact.
        var keys = JWTKeyCollection(options: options)
        try keys.add(ed.publicKey!, keyID: "e", algorithms: [.eddsa])
        #expect(throws: JWTError.algorithmNotAllowed) { try keys.verify(token(kid: "e", key: ed, alg: .ed25519)) }
    }

    @Test("algorithm confusion: an RSA public key is never an HMAC secret")
    func algorithmConfusion() throws {
        let publicKey = CryptoKey(TestKeys.rsa).publicKey!
        var keys = JWTKeyCollection(options: options)
        try keys.add(publicKey)
        let der = TestKeys.rsa.publicKey.derRepresentation
        let forged = token(kid: nil, key: CryptoKey(HMACKey(der)), alg: .hs256)
        #expect(throws: JWTError.algorithmNotAllowed) { try keys.verify(forged) }
    }

    /// RFC 8725 §3.10: a token must not bring its own key. jwk, jku, x5u and x5c are header
    /// parameters like any other here: never fetched, never trusted, never a reason to skip a key.
    @Test("a key carried or pointed to by the token's header (jwk, jku, x5u, x5c) is never used")
    func keysInHeaderAreIgnored() throws {
        let attacker = CryptoKey(try Ed25519.PrivateKey(seed: [UInt8](repeating: 9, count: 32)))
        let attackerJWK = JSONValue.object(JWK(key: attacker).publicJSON).serialized()
        var keys = JWTKeyCollection(options: options)
        try keys.add(CryptoKey(TestKeys.ed25519).publicKey!, keyID: "issuer")
        for member in [
            #""jwk":\#(String(decoding: attackerJWK, as: UTF8.self))"#, #""jku":"https://attacker.example/jwks""#,
            #""x5u":"https://attacker.example/cert.pem""#, #""x5c":["MIIBAA=="]"#,
        ] {
            for kid in [#","kid":"issuer""#, ""] {
                let forged = TestTokens.signed(
                    header: #"{"alg":"EdDSA"\#(kid),\#(member)}"#,
                    payload: payload,
                    key: attacker,
                    algorithm: .eddsa
                )
                #expect(throws: JWTError.badSignature, "\(member)\(kid)") { try keys.verify(forged) }
            }
            // The issuer's own token with such a member still verifies: the member changes nothing.
            let genuine = TestTokens.signed(
                header: #"{"alg":"EdDSA","kid":"issuer",\#(member)}"#,
                payload: payload,
                key: CryptoKey(TestKeys.ed25519),
                algorithm: .eddsa
            )
            #expect(try keys.verify(genuine).keyID == "issuer")
        }
        // An embedded secret for a collection of HMAC keys is no key either.
        let secret = Base64URL.encode([UInt8](repeating: 0x61, count: 32))
        let hmacForged = TestTokens.signed(
            header: #"{"alg":"HS256","jwk":{"kty":"oct","k":"\#(secret)"}}"#,
            payload: payload,
            key: CryptoKey(HMACKey([UInt8](repeating: 0x61, count: 32)))
        )
        #expect(throws: JWTError.badSignature) { try TestTokens.hmacCollection().verify(hmacForged) }
    }

    @Test("EC keys allow only the ES algorithm of their curve")
    func ecCurveBinding() throws {
        var keys = JWTKeyCollection(options: options)
        try keys.add(CryptoKey(TestKeys.p256))
        _ = try keys.verify(token(kid: nil, key: CryptoKey(TestKeys.p256), alg: .es256))
        let es384 = token(kid: nil, key: CryptoKey(TestKeys.p384), alg: .es384)
        #expect(throws: JWTError.algorithmNotAllowed) { try keys.verify(es384) }
    }

    @Test("adding a key with an incompatible algorithm or a duplicate kid is a configuration error")
    func addRules() throws {
        var keys = JWTKeyCollection()
        let wrongFamily = #expect(throws: JWTError.invalidKeySet) {
            try keys.add(CryptoKey(TestKeys.p256), algorithms: [.rs256])
        }
        #expect(wrongFamily?.message == "algorithm RS256 cannot be used with a key of type EC")
        #expect(throws: JWTError.invalidKeySet) { try keys.add(CryptoKey(TestKeys.hmac), algorithms: []) }
        let wrongPin = #expect(throws: JWTError.invalidKeySet) {
            try keys.add(JWK(key: CryptoKey(TestKeys.hmac), algorithm: .es256))
        }
        #expect(wrongPin?.message == "key alg ES256 cannot be used with a key of type oct")
        // A pin to an algorithm this library does not have says so, rather than blaming the key type.
        let unsupportedPin = #expect(throws: JWTError.invalidKeySet) {
            try keys.add(JWK(key: CryptoKey(TestKeys.hmac), algorithm: SignatureAlgorithm(rawValue: "HS1")))
        }
        #expect(unsupportedPin?.message == #"key alg "HS1" is not supported"#)
        try keys.add(CryptoKey(TestKeys.hmac), keyID: "x")
        #expect(throws: JWTError.invalidKeySet) { try keys.add(CryptoKey(TestKeys.otherHMAC), keyID: "x") }
        #expect(keys.count == 1)
    }

    @Test("private keys verify with their public part")
    func privateKeys() throws {
        var keys = JWTKeyCollection(options: options)
        try keys.add(CryptoKey(TestKeys.ed25519))
        let signed = token(kid: nil, key: CryptoKey(TestKeys.ed25519), alg: .eddsa)
        _ = try keys.verify(signed)
    }

    // MARK: JWKS

    static func jwk(_ key: CryptoKey, kid: String?, alg: String? = nil) -> String {
        var object = JWK(key: key, keyID: kid).publicJSON
        if let alg { object.set("alg", .string(alg)) }
        return JSONValue.object(object).serializedString()
    }

    @Test("JWKS: unknown kty and unsupported alg members are skipped and reported")
    func jwksSkips() throws {
        let ed = CryptoKey(TestKeys.ed25519.publicKey)
        let set = """
            {"keys":[
              {"kty":"Unknown","kid":"u","x":"AA"},
              \(Self.jwk(ed, kid: "enc", alg: "RSA-OAEP")),
              \(Self.jwk(ed, kid: "none", alg: "none")),
              "not an object",
              {"kty":"OKP","crv":"X25519","kid":"x","x":"AAAA"},
              \(Self.jwk(ed, kid: "good"))
            ]}
            """
        var keys = JWTKeyCollection(options: options)
        let skipped = try keys.add(jwks: Array(set.utf8))
        #expect(skipped.map(\.index) == [0, 1, 2, 3, 4])
        #expect(skipped[0].keyID == "u")
        #expect(keys.keyIDs == ["good"])
        let signed = token(kid: "good", key: CryptoKey(TestKeys.ed25519), alg: .eddsa)
        #expect(try keys.verify(signed).keyID == "good")
    }

    /// RFC 7517 §4.5 allows one `kid` on keys of different types ("equivalent alternatives"): a
    /// skipped member's `kid` selects nothing, so it does not collide with a usable member's.
    @Test("JWKS: a skipped member sharing a kid with a usable one does not refuse the set")
    func jwksSkippedMemberKidIsNoDuplicate() throws {
        let ed = CryptoKey(TestKeys.ed25519.publicKey)
        let set = """
            {"keys":[
              {"kty":"OKP","crv":"X25519","kid":"a","x":"AAAA"},
              \(Self.jwk(ed, kid: "a"))
            ]}
            """
        var keys = JWTKeyCollection(options: options)
        let skipped = try keys.add(jwks: Array(set.utf8))
        #expect(skipped.map(\.index) == [0])
        #expect(keys.keyIDs == ["a"])
        let signed = token(kid: "a", key: CryptoKey(TestKeys.ed25519), alg: .eddsa)
        #expect(try keys.verify(signed).keyID == "a")
    }

    /// The encryption twin of a signing member is skipped (RFC 7517 §4.5), and only that: every
    /// other rule of the set still holds with the twin in it.
    @Test("JWKS: an encryption member sharing a signing member's kid is skipped; no other rule is relaxed")
    func jwksEncryptionTwin() throws {
        let ed = CryptoKey(TestKeys.ed25519.publicKey)
        let secret = CryptoKey(HMACKey([UInt8](repeating: 7, count: 32)))
        func member(_ key: CryptoKey, _ kid: String, use: String? = nil, operations: [String]? = nil) -> JSONValue {
            .object(JWK(key: key, keyID: kid, use: use, keyOperations: operations).publicJSON)
        }
        func load(_ members: [JSONValue], into keys: inout JWTKeyCollection) throws(JWTError) -> [Int] {
            try keys.add(jwks: ["keys": .array(members)]).map(\.index)
        }
        for twin in [member(ed, "a", use: "enc"), member(ed, "a", operations: ["encrypt"])] {
            var keys = JWTKeyCollection(options: options)
            #expect(try load([twin, member(ed, "a", use: "sig")], into: &keys) == [0])
            let signed = token(kid: "a", key: CryptoKey(TestKeys.ed25519), alg: .eddsa)
            #expect(try keys.verify(signed).keyID == "a")
        }
        var keyWrappingMember = JWK(key: secret, keyID: "w").publicJSON
        keyWrappingMember.set("alg", .string("A128KW"))
        let keyWrapping = JSONValue.object(keyWrappingMember)
        var secrets = JWTKeyCollection(options: options)
        #expect(try load([member(secret, "s", use: "enc"), member(secret, "s")], into: &secrets) == [0])
        var secretsOnly = JWTKeyCollection(options: options)
        #expect(try load([keyWrapping, member(secret, "s")], into: &secretsOnly) == [0])
        let refused: [(String, [JSONValue])] = [
            ("two signing members", [member(ed, "a", use: "enc"), member(ed, "a"), member(ed, "a", use: "sig")]),
            // A secret published beside public keys refuses the set, twin of a signing key or not.
            ("a secret beside a public key", [member(secret, "a", use: "enc"), member(ed, "a")]),
            // Skipped for its JWE alg, a published secret still refuses the set.
            ("a secret key-wrapping key beside a public key", [keyWrapping, member(ed, "a")]),
        ]
        for (name, members) in refused {
            var keys = JWTKeyCollection(options: options)
            #expect(throws: JWTError.invalidKeySet, "\(name)") { try load(members, into: &keys) }
            #expect(keys.count == 0, "\(name)")
        }
        // The collection's own keys are not twins: a kid already there refuses the set.
        var keys = JWTKeyCollection(options: options)
        try keys.add(ed, keyID: "a")
        #expect(throws: JWTError.invalidKeySet) {
            try load([member(ed, "a", use: "enc"), member(ed, "b")], into: &keys)
        }
        #expect(keys.keyIDs == ["a"])
    }

    @Test("JWKS text (kid, kty, crv, use, key_ops, alg) reaches messages short and without control characters")
    func jwksTextIsSanitisedInMessages() throws {
        let ed = CryptoKey(TestKeys.ed25519.publicKey)
        let hostile = "\u{1B}[31m" + String(repeating: "x", count: 20_000) + "\n"
        func escaped(_ text: String) -> String { JSONValue.string(text).serializedString() }
        var unusable = JWK(key: ed, keyID: hostile).publicJSON
        unusable.set("use", .string(hostile))
        unusable.set("key_ops", .array((0..<500).map { _ in .string(hostile) }))
        var pinned = JWK(key: ed, keyID: "pinned").publicJSON
        pinned.set("alg", .string(hostile))
        let set = """
            {"keys":[
              {"kty":\(escaped(hostile)),"kid":\(escaped(hostile)),"x":"AA"},
              {"kty":"EC","crv":\(escaped(hostile)),"kid":"c","x":"AA","y":"AA"},
              {"kty":"OKP","crv":\(escaped(hostile)),"kid":"o","x":"AA"},
              \(JSONValue.object(pinned).serializedString()),
              \(Self.jwk(ed, kid: "good"))
            ]}
            """
        var keys = JWTKeyCollection(options: options)
        let skipped = try keys.add(jwks: Array(set.utf8))
        #expect(skipped.count == 4)
        var messages = skipped.map(\.description)
        let duplicate = #"{"keys":[\#(Self.jwk(ed, kid: hostile)),\#(Self.jwk(ed, kid: hostile))]}"#
        var again = JWTKeyCollection(options: options)
        let error = #expect(throws: JWTError.self) { try again.add(jwks: Array(duplicate.utf8)) }
        messages.append(error?.message ?? "")
        do throws(CryptoError) {
            _ = try JWK(jsonObject: unusable).checkPermitsVerification()
        } catch {
            messages.append(error.reason)
        }
        #expect(messages.count == 6)
        for message in messages {
            #expect(message.count < 400, "\(message.prefix(120))…")
            #expect(!message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(message.prefix(120))")
        }
    }

    @Test("JWKS: duplicate kids, secrets mixed with public keys, and empty results refuse the whole set")
    func jwksRefusals() throws {
        let ed = CryptoKey(TestKeys.ed25519.publicKey)
        let hmac = CryptoKey(TestKeys.hmac)
        let refused = [
            #"{"keys":[\#(Self.jwk(ed, kid: "a")),\#(Self.jwk(ed, kid: "a"))]}"#,
            #"{"keys":[\#(Self.jwk(ed, kid: "a")),\#(Self.jwk(hmac, kid: "b"))]}"#,
            #"{"keys":[{"kty":"Unknown"}]}"#,
            #"{"keys":[]}"#,
            #"{"keys":{}}"#,
            #"{"kty":"OKP"}"#,
            #"[]"#,
            #"{"keys":[],"keys":[]}"#,
            "not json",
        ]
        for set in refused {
            var keys = JWTKeyCollection()
            #expect(throws: JWTError.invalidKeySet, "\(set)") { try keys.add(jwks: Array(set.utf8)) }
            #expect(keys.count == 0, "a refused set adds nothing: \(set)")
        }
        // A kid that collides with a key already in the collection refuses the set too.
        var keys = JWTKeyCollection()
        try keys.add(ed, keyID: "a")
        #expect(throws: JWTError.invalidKeySet) {
            try keys.add(jwks: Array(#"{"keys":[\#(Self.jwk(ed, kid: "a"))]}"#.utf8))
        }
        // Private material refuses the set by name, whatever else the member holds: RSA factors
        // without d (read alone they would pass for a public key), a d without its CRT values
        // (unreadable, so it would only be skipped), an EC d of the wrong size, an unknown kty.
        var rsa = JWK(key: CryptoKey(TestKeys.rsa)).privateJSON
        _ = rsa.removeMember("d")
        var bareD = JWK(key: CryptoKey(TestKeys.rsa)).privateJSON
        for name in ["p", "q", "dp", "dq", "qi"] { _ = bareD.removeMember(name) }
        var ec = JWK(key: CryptoKey(TestKeys.p256.publicKey)).publicJSON
        ec.set("d", .string("AA"))
        let leaks: [(JSONObject, String)] = [
            (rsa, "p"), (bareD, "d"), (ec, "d"), (["kty": "Unknown", "q": "AA"], "q"),
            (["kty": "RSA", "oth": []], "oth"),
        ]
        for (member, name) in leaks {
            let set = #"{"keys":[\#(Self.jwk(ed, kid: "good")),\#(JSONValue.object(member).serializedString())]}"#
            var keys = JWTKeyCollection()
            let error = #expect(throws: JWTError.self) { try keys.add(jwks: Array(set.utf8)) }
            #expect(error?.code == .invalidKeySet)
            #expect(error?.message.contains("keys[1] carries private key material (\"\(name)\")") == true, "\(set)")
            #expect(keys.count == 0)
        }
        // Secrets alone are a valid (private) set.
        var secrets = JWTKeyCollection()
        try secrets.add(jwks: Array(#"{"keys":[\#(Self.jwk(hmac, kid: "s"))]}"#.utf8))
        #expect(secrets.count == 1)
    }

    @Test("JWKS limits: 256 members and 1 MiB of JSON")
    func jwksLimits() throws {
        func set(_ count: Int) -> [UInt8] {
            let members = (0..<count).map { Self.jwk(CryptoKey(TestKeys.ed25519.publicKey), kid: "k\($0)") }
            return Array(#"{"keys":[\#(members.joined(separator: ","))]}"#.utf8)
        }
        var keys = JWTKeyCollection()
        try keys.add(jwks: set(KeyImporter.maximumKeySetMembers))
        #expect(keys.count == KeyImporter.maximumKeySetMembers)
        var more = JWTKeyCollection()
        #expect(throws: JWTError.invalidKeySet) { try more.add(jwks: set(KeyImporter.maximumKeySetMembers + 1)) }
        var padded = Array(#"{"keys":[\#(Self.jwk(CryptoKey(TestKeys.ed25519.publicKey), kid: "a"))]}"#.utf8)
        padded.insert(contentsOf: [UInt8](repeating: 0x20, count: KeyImporter.maximumInputBytes), at: 1)
        let error = #expect(throws: JWTError.self) { try more.add(jwks: padded) }
        #expect(error?.message.contains("larger than") == true)
        #expect(more.count == 0)
    }

    @Test("a key set given as text is read as its UTF-8 bytes, with the same refusals")
    func jwksAsText() throws {
        let member = Self.jwk(CryptoKey(TestKeys.ed25519.publicKey), kid: "a")
        let text = #"{"keys":[\#(member),{"kty":"ML-DSA","kid":"pq"}]}"#
        var fromText = JWTKeyCollection()
        let skipped = try fromText.add(jwks: text)
        var fromBytes = JWTKeyCollection()
        #expect(try fromBytes.add(jwks: Array(text.utf8)) == skipped)
        #expect(skipped.map(\.keyID) == ["pq"])
        #expect(fromText.keyIDs == fromBytes.keyIDs)
        var fromSubstring = JWTKeyCollection()
        try fromSubstring.add(jwks: text.dropFirst(0))
        #expect(fromSubstring.keyIDs == ["a"])
        #expect(throws: JWTError.invalidKeySet) { try fromText.add(jwks: text) }  // kid "a" taken
        #expect(throws: JWTError.invalidKeySet) { try fromSubstring.add(jwks: #"{"keys":[\#(member),]}"#) }
    }

    /// Every reader of key JSON (the key-file importer, `JWK(json:)`, `add(jwks:)`) allows the
    /// same nesting: a set never reads as a key set to one of them and as bad JSON to another.
    @Test("key JSON nesting: one limit for the importer, JWK and add(jwks:)")
    func keyJSONDepthLimitIsShared() throws {
        let x = Base64URL.encode(Ed25519.PrivateKey().publicKey.rawRepresentation)
        func jwk(depth: Int) -> String {
            // The JWK object is one level; "ext" adds `depth - 1` nested arrays.
            let nested = String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1)
            return #"{"kty":"OKP","crv":"Ed25519","x":"\#(x)","kid":"k","ext":\#(nested)}"#
        }
        let limit = KeyImporter.maximumJSONDepth
        // In a set the JWK sits two levels down: the set object and its "keys" array.
        let fits = #"{"keys":[\#(jwk(depth: limit - 2))]}"#
        let tooDeep = #"{"keys":[\#(jwk(depth: limit - 1))]}"#
        #expect(try KeyImporter.importKeys(from: Array(fits.utf8)).keys.count == 1)
        #expect(KeyImporter.isKeySet(Array(fits.utf8)))
        var keys = JWTKeyCollection()
        #expect(try keys.add(jwks: Array(fits.utf8)).isEmpty)
        #expect(try JWK(json: Array(jwk(depth: limit).utf8)).keyID == "k")

        #expect(throws: CryptoError.invalidKey) { try KeyImporter.importKeys(from: Array(tooDeep.utf8)) }
        var other = JWTKeyCollection()
        #expect(throws: JWTError.invalidKeySet) { try other.add(jwks: Array(tooDeep.utf8)) }
        #expect(throws: CryptoError.invalidKey) { try JWK(json: Array(jwk(depth: limit + 1).utf8)) }
    }
}

extension KeySelectionTests {
    @Test("a quote in echoed input is escaped: a kid or audience cannot close its quotes early")
    func quotesInEchoedInput() throws {
        var keys = JWTKeyCollection(options: options)
        try keys.add(CryptoKey(TestKeys.hmac), keyID: "a")
        // The kid `b", kid "a` read unescaped as `no key has kid "b", kid "a"`: two kids in a log.
        let forged = token(kid: #"b\", kid \"a"#)
        let error = #expect(throws: JWTError.keyNotFound) { try keys.verify(forged) }
        #expect(error?.message == #"no key has kid "b\", kid \"a""#)

        var audienceOptions = options
        audienceOptions.audiences = ["api"]
        let audience = TestTokens.hs256(#"{"aud":["x\", \"api"]}"#)
        let audienceError = #expect(throws: JWTError.invalidAudience) {
            try TestTokens.hmacCollection(options: audienceOptions).verify(audience)
        }
        #expect(audienceError?.message == #"aud: ["x\", \"api"] names none of the accepted audiences"#)
    }
}
