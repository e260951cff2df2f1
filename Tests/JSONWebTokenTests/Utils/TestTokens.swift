import Base64URL
import CryptoPrimitives
import JSONWebToken

/// Keys generated once per test process (RSA generation is slow) and helpers to build tokens
/// from hand-written header and payload JSON, so each rule can be hit precisely.
enum TestKeys {
    static let ed25519 = try! Ed25519.PrivateKey(seed: [UInt8](repeating: 7, count: 32))
    static let rsa = try! RSA.PrivateKey(keySize: 2048)
    static let p256 = try! ECDSA.PrivateKey(curve: .p256)
    static let p384 = try! ECDSA.PrivateKey(curve: .p384)
    static let p521 = try! ECDSA.PrivateKey(curve: .p521)
    static let hmac = HMACKey([UInt8](0..<64))
    static let otherHMAC = HMACKey([UInt8](repeating: 0x42, count: 64))

    /// A private key able to sign `algorithm`.
    static func signingKey(for algorithm: SignatureAlgorithm) -> CryptoKey {
        switch algorithm.family {
        case .eddsa?: CryptoKey(ed25519)
        case .rsaPKCS1v15?, .rsaPSS?: CryptoKey(rsa)
        case .ecdsa?:
            switch algorithm.curve {
            case .p384?: CryptoKey(p384)
            case .p521?: CryptoKey(p521)
            default: CryptoKey(p256)
            }
        default: CryptoKey(hmac)
        }
    }
}

enum TestTokens {
    /// Seconds since the epoch used as "now" by the tests: 2023-11-14T22:13:20Z.
    static let now: Double = 1_700_000_000

    static func b64(_ text: String) -> String { Base64URL.encode(Array(text.utf8)) }

    /// `b64(header).b64(payload).b64(signature)` with a made-up signature.
    static func unsigned(header: String, payload: String, signature: [UInt8] = [1, 2, 3]) -> String {
        "\(b64(header)).\(b64(payload)).\(Base64URL.encode(signature))"
    }

    /// Signs hand-written header and payload JSON text exactly as given.
    static func signed(
        header: String,
        payload: String,
        key: CryptoKey = CryptoKey(TestKeys.hmac),
        algorithm: SignatureAlgorithm = .hs256
    ) -> String {
        let input = "\(b64(header)).\(b64(payload))"
        let signature = try! key.signature(for: Array(input.utf8), algorithm: algorithm)
        return "\(input).\(Base64URL.encode(signature))"
    }

    /// An HS256 token with `{"alg":"HS256","typ":"JWT"}` over `payload`.
    static func hs256(_ payload: String, typ: String = "JWT") -> String {
        signed(header: #"{"alg":"HS256","typ":"\#(typ)"}"#, payload: payload)
    }

    /// A collection trusting `TestKeys.hmac` with a fixed clock at ``now``.
    static func hmacCollection(options: JWTValidationOptions = fixedOptions()) -> JWTKeyCollection {
        var keys = JWTKeyCollection(options: options)
        try! keys.add(CryptoKey(TestKeys.hmac))
        return keys
    }

    static func fixedOptions(_ configure: (inout JWTValidationOptions) -> Void = { _ in }) -> JWTValidationOptions {
        var options = JWTValidationOptions(clock: .fixed(now))
        configure(&options)
        return options
    }
}
