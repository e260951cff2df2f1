import Base64URL
import CryptoPrimitives
import Foundation
import HexCoding
import StrictJSON
import Testing

@Suite("JWK")
struct JWKTests {
    // RFC 8037 Appendix A.1–A.3: the Ed25519 key and its RFC 7638 thumbprint.
    static let rfc8037Private =
        #"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
    static let rfc8037Thumbprint = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"

    @Test func rfc8037Ed25519KeyAndThumbprint() throws {
        let jwk = try JWK(json: Array(Self.rfc8037Private.utf8))
        #expect(jwk.key.keyType == .okp)
        #expect(jwk.key.isPrivate)
        #expect(Base64URL.encode(jwk.thumbprint) == Self.rfc8037Thumbprint)
        // The public JWK drops "d" and keeps the thumbprint.
        let publicJWK = try JWK(jsonObject: jwk.publicJSON)
        #expect(!publicJWK.key.isPrivate)
        #expect(publicJWK.publicJSON["d"] == nil)
        #expect(Base64URL.encode(publicJWK.thumbprint) == Self.rfc8037Thumbprint)
    }

    @Test func rejectsEd25519PrivateKeyWhosePublicHalfDoesNotMatch() {
        let wrongX = Self.rfc8037Private.replacingOccurrences(of: "11qY", with: "21qY")
        #expect(throws: CryptoError.invalidKey) { try JWK(json: Array(wrongX.utf8)) }
    }

    /// The public half of a key for signing is a key for verifying: `key_ops` follows, and a list
    /// that empties is left out rather than written as `[]` (which no operation would pass).
    @Test func publicJWKMapsSignToVerify() throws {
        let key = CryptoKey(try ECDSA.PrivateKey(curve: .p256))
        for (operations, expected) in [(["sign"], ["verify"]), (["sign", "verify"], ["verify"]), ([], nil)]
            as [([String], [String]?)]
        {
            let jwk = JWK(key: key, keyID: "k1", keyOperations: operations)
            let published = jwk.publicJSON
            #expect(published["key_ops"] == expected.map { .array($0.map { .string($0) }) }, "\(operations)")
            let reread = try JWK(jsonObject: published)
            if expected != nil { try reread.checkPermitsVerification() }
        }
    }

    @Test func generatedKeysRoundTripThroughPrivateAndPublicJSON() throws {
        let keys: [CryptoKey] = [
            CryptoKey(Ed25519.PrivateKey()),
            CryptoKey(try ECDSA.PrivateKey(curve: .p256)),
            CryptoKey(try ECDSA.PrivateKey(curve: .p384)),
            CryptoKey(try ECDSA.PrivateKey(curve: .p521)),
            CryptoKey(try RSA.PrivateKey(keySize: 2048)),
            CryptoKey(HMACKey(randomByteCount: 32)),
        ]
        let message = Array("round trip".utf8)
        for key in keys {
            let algorithm = key.compatibleAlgorithms[0]
            let jwk = JWK(key: key, keyID: "k1", algorithm: algorithm, use: "sig")
            let reparsed = try JWK(jsonObject: jwk.privateJSON)
            #expect(reparsed.keyID == "k1")
            #expect(reparsed.algorithm == algorithm)
            #expect(reparsed.use == "sig")
            #expect(reparsed.thumbprint == jwk.thumbprint)
            // The reparsed private key signs; the original (public half) verifies.
            let signature = try reparsed.key.signature(for: message, algorithm: algorithm)
            #expect(try key.isValidSignature(signature, for: message, algorithm: algorithm))
            if !key.isSymmetric {
                let publicOnly = try JWK(jsonObject: jwk.publicJSON)
                #expect(!publicOnly.key.isPrivate)
                #expect(try publicOnly.key.isValidSignature(signature, for: message, algorithm: algorithm))
                #expect(publicOnly.thumbprint == jwk.thumbprint)
            }
        }
    }

    /// RFC 7518 §6.2.2.1: "d" is exactly as long as a coordinate, leading zero octets included. One
    /// P-256 scalar in 256 starts with a zero octet; this fixed key's does (made with openssl).
    @Test("a private EC JWK keeps the leading zero octet of its scalar, and reads back")
    func ecScalarWithLeadingZero() throws {
        let d = "AC2doQcOcOOddwc3pLGW6-Mii2cfpOaU07Y-lpeBhYY"
        let text =
            #"{"kty":"EC","crv":"P-256","x":"X6DT9ykplWsjH_F51OER3SkRVdNZa0SPZAtajtq0kEk","#
            + #""y":"oOi79zFQOApXYZt3rqAfHQSSujb2vfoX8BsKYC6wnHA","d":""# + d + #""}"#
        let jwk = try JWK(json: Array(text.utf8))
        #expect(jwk.key.isPrivate)
        let exported = jwk.privateJSON
        #expect(exported["d"] == .string(d))
        let exportedD = try #require(exported["d"]?.stringValue)
        #expect(try Base64URL.decode(exportedD).count == 32)
        let reread = try JWK(jsonObject: exported)
        #expect(reread.thumbprint == jwk.thumbprint)
        let message = Array("leading zero".utf8)
        let signature = try reread.key.signature(for: message, algorithm: .es256)
        #expect(try jwk.key.isValidSignature(signature, for: message, algorithm: .es256))
        // The same scalar without its zero octet, or with one more, is not the RFC's form.
        let scalar = try Base64URL.decode(d)
        for other in [Array(scalar.dropFirst()), [0] + scalar] {
            let changed = text.replacingOccurrences(of: d, with: Base64URL.encode(other))
            #expect(throws: CryptoError.invalidKey, "\(other.count) bytes") { try JWK(json: Array(changed.utf8)) }
        }
    }

    /// RFC 7518 §6.3.2 writes every private member as a Base64urlUInt: the minimal big-endian
    /// octets, with no zero octet in front. DER integers carry one whenever the top bit is set,
    /// as it always is for the primes of an RSA modulus, so the export must strip it.
    @Test("a private RSA JWK writes d, p, q, dp, dq and qi without leading zero octets")
    func rsaPrivateMembersAreMinimal() throws {
        let key = try RSA.PrivateKey(keySize: 2048)
        let exported = JWK(key: CryptoKey(key)).privateJSON
        for name in ["n", "e", "d", "p", "q", "dp", "dq", "qi"] {
            let text = try #require(exported[name]?.stringValue, "\(name)")
            let bytes = try Base64URL.decode(text)
            #expect(!bytes.isEmpty, "\(name)")
            #expect(bytes.first != 0, "\(name)")
        }
        // Each prime is half the modulus: 128 octets, its top bit set.
        for name in ["p", "q"] {
            let prime = try Base64URL.decode(try #require(exported[name]?.stringValue))
            #expect(prime.count == 128, "\(name)")
            #expect(prime[0] & 0x80 != 0, "\(name)")
        }
    }

    @Test("pinnedAlgorithms: none without alg; EdDSA and Ed25519 allow each other; any other alg only itself")
    func pinnedAlgorithms() throws {
        let ed25519 = CryptoKey(Ed25519.PrivateKey())
        #expect(JWK(key: ed25519).pinnedAlgorithms == nil)
        #expect(JWK(key: ed25519, algorithm: .eddsa).pinnedAlgorithms == [.eddsa, .ed25519])
        #expect(JWK(key: ed25519, algorithm: .ed25519).pinnedAlgorithms == [.eddsa, .ed25519])
        let ec = CryptoKey(try ECDSA.PrivateKey(curve: .p256))
        #expect(JWK(key: ec).pinnedAlgorithms == nil)
        #expect(JWK(key: ec, algorithm: .es256).pinnedAlgorithms == [.es256])
        #expect(JWK(key: ec, algorithm: .es384).pinnedAlgorithms == [.es384])
        #expect(
            JWK(key: ec, algorithm: SignatureAlgorithm(rawValue: "XX1")).pinnedAlgorithms == [
                SignatureAlgorithm(rawValue: "XX1")
            ]
        )
    }

    @Test(arguments: [
        (#"{"kty":"XYZ"}"#, CryptoError.unsupportedKey),
        (#"{"kty":"OKP","crv":"X25519","x":"AAAA"}"#, CryptoError.unsupportedKey),
        (#"{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"}"#, CryptoError.unsupportedKey),
        (#"{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}"#, CryptoError.invalidKey),
        (#"{"x":"AA"}"#, CryptoError.invalidKey),
        (#"{"kty":1}"#, CryptoError.invalidKey),
        (#"{"kty":"oct","k":""}"#, CryptoError.invalidKey),
        (#"{"kty":"oct","k":"AA=="}"#, CryptoError.invalidKey),
        (#"{"kty":"oct","k":"AAAA","kty":"oct"}"#, CryptoError.invalidKey),
        (#"{"kty":"oct","k":"AAAA","key_ops":"verify"}"#, CryptoError.invalidKey),
        (#"{"kty":"oct","k":"AAAA","key_ops":["verify","verify"]}"#, CryptoError.invalidKey),
        (#"{"kty":"RSA","n":"AQAB","e":"AQAB","d":"AQAB"}"#, CryptoError.unsupportedKey),
        (#"[1]"#, CryptoError.invalidKey),
        (#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUR"}"#, CryptoError.invalidKey),
    ])
    func rejectsMalformedOrUnsupportedJWKs(json: String, expected: CryptoError) {
        #expect(throws: expected) { try JWK(json: Array(json.utf8)) }
    }

    @Test func verificationPermissionFollowsUseAndKeyOps() throws {
        let base = CryptoKey(HMACKey(randomByteCount: 32))
        #expect(throws: Never.self) { try JWK(key: base).checkPermitsVerification() }
        #expect(throws: Never.self) { try JWK(key: base, use: "sig").checkPermitsVerification() }
        #expect(throws: Never.self) {
            try JWK(key: base, keyOperations: ["sign", "verify"]).checkPermitsVerification()
        }
        #expect(throws: CryptoError.weakKey) { try JWK(key: base, use: "enc").checkPermitsVerification() }
        #expect(throws: CryptoError.weakKey) { try JWK(key: base, keyOperations: ["sign"]).checkPermitsVerification() }
        // use is a case-sensitive string (RFC 7517 §4.2): only "sig" itself permits signatures.
        for use in ["SIG", "Sig", "sig ", "signature", "verify", ""] {
            #expect(throws: CryptoError.weakKey, "\(use)") { try JWK(key: base, use: use).checkPermitsVerification() }
            #expect(throws: CryptoError.weakKey, "\(use)") { try JWK(key: base, use: use).checkPermitsSigning() }
        }
    }

    /// The JWK text limit is inclusive: exactly `maximumJSONBytes` bytes are read, one more is refused.
    @Test func jwkOfExactlyTheSizeLimitIsRead() throws {
        let x = Base64URL.encode(
            try Ed25519.PrivateKey(seed: [UInt8](repeating: 6, count: 32)).publicKey.rawRepresentation
        )
        func jwk(bytes: Int) -> [UInt8] {
            let empty = #"{"kty":"OKP","crv":"Ed25519","x":"\#(x)","kid":""}"#
            let kid = String(repeating: "k", count: bytes - empty.utf8.count)
            return Array(#"{"kty":"OKP","crv":"Ed25519","x":"\#(x)","kid":"\#(kid)"}"#.utf8)
        }
        let atLimit = jwk(bytes: JWK.maximumJSONBytes)
        #expect(atLimit.count == JWK.maximumJSONBytes)
        #expect(try JWK(json: atLimit).key.keyType == .okp)
        let error = #expect(throws: CryptoError.self) { try JWK(json: jwk(bytes: JWK.maximumJSONBytes + 1)) }
        #expect(error?.reason == "JWK is larger than \(JWK.maximumJSONBytes) bytes")
    }

    /// A secret has no public half: its JWK is published whole (callers must not), `key_ops` as given.
    @Test func secretKeepsItsKeyOperations() throws {
        let jwk = JWK(key: CryptoKey(HMACKey(randomByteCount: 32)), keyOperations: ["sign", "verify"])
        #expect(jwk.publicJSON["key_ops"] == .array([.string("sign"), .string("verify")]))
        #expect(jwk.publicJSON["k"] == jwk.privateJSON["k"])
    }

    @Test func thumbprintIgnoresMetadataAndPrivateMembers() throws {
        let key = CryptoKey(try ECDSA.PrivateKey(curve: .p256))
        let plain = JWK(key: key).thumbprint
        #expect(JWK(key: key, keyID: "x", algorithm: .es256, use: "sig").thumbprint == plain)
        #expect(JWK(key: key.publicKey!).thumbprint == plain)
        #expect(plain.count == 32)
    }

    @Test("an RSA JWK with private members but no d is refused, not read as a public key")
    func rsaFactorsWithoutD() throws {
        let full = JWK(key: CryptoKey(try RSA.PrivateKey(keySize: 2048))).privateJSON
        for name in ["p", "q", "dp", "dq", "qi"] {
            var object = JSONObject()
            for member in full where ["kty", "n", "e", name].contains(member.name) {
                object.set(member.name, member.value)
            }
            let error = #expect(throws: CryptoError.self) {
                try JWK(json: Array(JSONValue.object(object).serialized()))
            }
            #expect(error?.code == .invalidKey)
            #expect(error?.reason == "RSA JWK has the private member \"\(name)\" but no \"d\"")
        }
    }

    /// RFC 7518 §6.3.2.7: "oth" lists the primes beyond the first two. Reading such a key as its
    /// first two primes alone would be another key (or a broken one), so any "oth" is refused.
    @Test("an RSA private JWK with oth is unsupported_key, even beside a complete two-prime key")
    func rsaMultiPrimeRefused() throws {
        let full = JWK(key: CryptoKey(try RSA.PrivateKey(keySize: 2048))).privateJSON
        let other: JSONValue = .array([.object(["r": "AQAB", "d": "AQAB", "t": "AQAB"])])
        for oth in [other, .array([])] {
            var object = full
            object.set("oth", oth)
            let error = #expect(throws: CryptoError.self) {
                try JWK(json: Array(JSONValue.object(object).serialized()))
            }
            #expect(error?.code == .unsupportedKey)
        }
        #expect(throws: Never.self) { try JWK(json: Array(JSONValue.object(full).serialized())) }
    }

    /// RFC 7518 §6.3.2: a producer that includes any of p, q, dp, dq, qi includes all of them. A
    /// `d` alone is a well-formed key this library cannot use (`unsupported_key`); a `d` with only
    /// some of the CRT values is malformed (`invalid_key`).
    @Test("an RSA JWK with d and only some CRT members is invalid, not unsupported")
    func rsaPartialCRTMembers() throws {
        let full = JWK(key: CryptoKey(try RSA.PrivateKey(keySize: 2048))).privateJSON
        let crt = ["p", "q", "dp", "dq", "qi"]
        for missing in crt {
            var object = full
            _ = object.removeMember(missing)
            let error = #expect(throws: CryptoError.self, "without \(missing)") {
                try JWK(json: Array(JSONValue.object(object).serialized()))
            }
            #expect(error?.code == .invalidKey, "without \(missing)")
            let rule = "(RFC 7518 §6.3.2: all of p, q, dp, dq, qi or none)"
            #expect(error?.reason == "RSA private JWK lacks \"\(missing)\" \(rule)", "without \(missing)")
        }
        var bareD = full
        for name in crt { _ = bareD.removeMember(name) }
        #expect(throws: CryptoError.unsupportedKey) { try JWK(json: Array(JSONValue.object(bareD).serialized())) }
    }
}
