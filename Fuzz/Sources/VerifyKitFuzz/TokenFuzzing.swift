import VerifyKit

/// Claims with the shapes real claims types have: optionals, nested objects, arrays, numbers.
struct FuzzClaims: Codable, Sendable {
    struct Nested: Codable, Sendable {
        var name: String?
        var values: [Int]?
    }
    var sub: String?
    var admin: Bool?
    var scope: [String]?
    var nested: Nested?
    var amount: Double?
    var count: Int32?
}

/// Keys of every family, built once per process (RSA key generation is slow).
enum TokenFuzzing {
    static let secret = HMACKey([UInt8](repeating: 0x42, count: 32))

    /// A fixed clock everywhere: with the system clock, a token expiring at the current second
    /// could cross the boundary between two entry points and produce a finding that never
    /// reproduces.
    static let fixedClock = JWTClock.fixed(1_700_000_000)

    static let keys: JWTKeyCollection = {
        var options = JWTValidationOptions()
        options.clock = fixedClock
        var keys = JWTKeyCollection(options: options)
        do {
            try keys.add(CryptoKey(secret), keyID: "hmac", algorithms: [.hs256, .hs384, .hs512])
            let ed25519 = try Ed25519.PrivateKey(seed: [UInt8](repeating: 7, count: 32))
            try keys.add(CryptoKey(ed25519.publicKey), keyID: "ed")
            try keys.add(CryptoKey(ECDSA.PrivateKey(curve: .p256).publicKey), keyID: "ec")
            try keys.add(CryptoKey(RSA.PrivateKey(keySize: 2048).publicKey), keyID: "rsa")
        } catch {
            fatalError("fuzz keys: \(error)")
        }
        return keys
    }()

    /// Options that switch on every optional check, with a fixed clock.
    static let strictOptions: JWTValidationOptions = {
        var options = JWTValidationOptions()
        options.clock = fixedClock
        options.leeway = 30
        options.issuers = ["issuer"]
        options.audiences = ["aud"]
        options.type = "JWT"
        options.requiredClaims = ["sub"]
        options.maxAge = 3600
        options.maxHeaderDepth = 4
        options.maxClaimsDepth = 4
        return options
    }()

    static let cache = CachingJWTVerifier<FuzzClaims>(keys: keys)

    static func run(_ bytes: [UInt8]) {
        _ = verifyEverywhere(bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        _ = try? JWTKeyCollection.unverifiedDecode(text)
        // The same bytes as an Authorization value: what comes out is a b64token, never more.
        if let token = BearerToken.token(fromAuthorization: text) {
            let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=".utf8)
            if token.isEmpty || !token.utf8.allSatisfy(allowed.contains) {
                violated("BearerToken returned something that is not a b64token")
            }
        }
    }

    /// Every verification entry point on one token; they must agree on accepting it. Returns
    /// whether the token verified into registered claims.
    static func verifyEverywhere(_ bytes: [UInt8]) -> Bool {
        let token = String(decoding: bytes, as: UTF8.self)
        let typed = Result { () throws(JWTError) in try keys.verify(token, as: FuzzClaims.self) }
        let registered = Result { () throws(JWTError) in try keys.verify(token) }
        let fromBytes = Result { () throws(JWTError) in try keys.verify(utf8: bytes, as: FuzzClaims.self) }
        let raw = Result { () throws(JWTError) in try keys.verifyRawPayload(token) }
        let cached = Result { () throws(JWTError) in try cache.verify(token) }
        let cachedAgain = Result { () throws(JWTError) in try cache.verify(token) }
        _ = try? keys.verify(token, as: FuzzClaims.self, options: strictOptions)
        if case .success(let verified) = typed {
            // A verified token exposes its parts without failing.
            _ = verified.header
            _ = verified.registeredClaims
            _ = verified.payload
        }
        // The string and byte entry points read the same bytes when the string kept them intact.
        if Array(token.utf8) == bytes, succeeded(typed) != succeeded(fromBytes) {
            violated("verify(String) and verify(utf8:) disagree")
        }
        if succeeded(cached) != succeeded(typed) || succeeded(cachedAgain) != succeeded(typed) {
            violated("the caching verifier and the key collection disagree")
        }
        // Typed claims can fail to decode where the registered claims succeed, never the reverse.
        if succeeded(typed) && !succeeded(registered) { violated("typed verification accepted more") }
        // The raw-payload entry point checks everything but the claims.
        if succeeded(registered) && !succeeded(raw) { violated("raw-payload verification refused more") }
        return succeeded(registered)
    }

    static func succeeded<T>(_ result: Result<T, JWTError>) -> Bool {
        if case .success = result { return true }
        return false
    }

    /// `header NUL payload`, signed with the HMAC key (HS256) so verification gets past the
    /// signature and every later rule sees the fuzzer's JSON.
    static func runSigned(_ bytes: [UInt8]) {
        let split = bytes.firstIndex(of: 0) ?? bytes.count
        let header = Array(bytes[..<split])
        let payload = split < bytes.count ? Array(bytes[(split + 1)...]) : []
        let signingInput = Base64URL.encodeToBytes(header) + [UInt8(ascii: ".")] + Base64URL.encodeToBytes(payload)
        let mac = secret.authenticationCode(for: signingInput, digest: .sha256)
        let token = signingInput + [UInt8(ascii: ".")] + Base64URL.encodeToBytes(mac)
        let fuzzedHeaderVerified = verifyEverywhere(token)
        // The same payload under a header VerifyKit writes itself: the signature is good, so a
        // failure can only be about the payload, and the payload passed under the fuzzer's header.
        guard let signed = try? JWTSigner.sign(payload: payload, key: CryptoKey(secret), algorithm: .hs256) else {
            return
        }
        do {
            _ = try keys.verify(signed)
        } catch {
            if [.badSignature, .keyNotFound, .algorithmNotAllowed].contains(error.code) {
                violated("a token VerifyKit signed failed its signature check: \(error.code)")
            }
            if fuzzedHeaderVerified { violated("a payload verified under the fuzzer's header but not under ours") }
        }
        _ = try? keys.verify(signed, as: FuzzClaims.self, options: strictOptions)
    }
}
