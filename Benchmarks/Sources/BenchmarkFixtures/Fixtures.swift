import Base64URL
import CryptoPrimitives
import Foundation
public import JSONWebToken

/// The claims every token carries and every verifier decodes into (same shape on both sides).
public struct BenchClaims: Codable, Sendable {
    public var sub: String
    public var name: String
    public var admin: Bool
    public var iat: Double
    public var exp: Double
}

/// How the jwt-kit side should build its key (kept free of VerifyKit types).
public enum PeerKey: Sendable {
    case eddsa(x: String)
    case rsa(modulus: String, exponent: String, alg: String)
    case es256(pem: String)
    case hs256(secret: [UInt8])
}

/// One algorithm's token, keys and raw primitive, built once per process.
public struct Fixture: Sendable {
    public let name: String
    public let token: String
    public let signingInput: [UInt8]
    public let signature: [UInt8]
    public let keys: JWTKeyCollection
    public let peerKey: PeerKey
    /// The key that signed ``token`` (private, or the HMAC secret), for tools that sign tokens of
    /// their own with it (the differential check).
    public let signingKey: CryptoKey
    /// The algorithm ``token`` is signed with.
    public let algorithm: SignatureAlgorithm
    /// The bare primitive on the same signing input and signature.
    let raw: @Sendable (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Bool

    public static let claims: BenchClaims = {
        let now = Date().timeIntervalSince1970.rounded(.down)
        return BenchClaims(sub: "1234567890", name: "John Doe", admin: true, iat: now, exp: now + 86_400)
    }()

    private init(
        name: String,
        signingKey: CryptoKey,
        algorithm: SignatureAlgorithm,
        peerKey: PeerKey,
        raw: @escaping @Sendable (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Bool
    ) {
        self.name = name
        self.token = try! JWTSigner.sign(Self.claims, key: signingKey, algorithm: algorithm)
        let lastDot = token.utf8.lastIndex(of: UInt8(ascii: "."))!
        self.signingInput = Array(token.utf8[..<lastDot])
        self.signature = try! Base64URL.decode(utf8: token.utf8[token.utf8.index(after: lastDot)...])
        var keys = JWTKeyCollection()
        try! keys.add(signingKey.publicKey ?? signingKey, algorithms: [algorithm])
        self.keys = keys
        self.peerKey = peerKey
        self.signingKey = signingKey
        self.algorithm = algorithm
        self.raw = raw
        precondition(rawVerify(), "\(name): the raw primitive rejects its own token")
    }

    static func pem(_ der: [UInt8]) -> String {
        let body = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN PUBLIC KEY-----\n\(body)\n-----END PUBLIC KEY-----\n"
    }

    static func eddsa() -> Fixture {
        let key = try! Ed25519.PrivateKey(seed: [UInt8](repeating: 0x5A, count: 32))
        let publicKey = key.publicKey
        return Fixture(
            name: "EdDSA",
            signingKey: CryptoKey(key),
            algorithm: .eddsa,
            peerKey: .eddsa(x: Base64URL.encode(publicKey.rawRepresentation)),
            raw: { signature, message in publicKey.isValidSignature(signature, for: message) }
        )
    }

    static func rsa(bits: Int, algorithm: SignatureAlgorithm) -> Fixture {
        let key = rsaKeys(bits: bits)
        let publicKey = key.publicKey
        let digest: Digest = algorithm == .rs256 ? .sha256 : .sha512
        return Fixture(
            name: "\(algorithm.rawValue)-\(bits)",
            signingKey: CryptoKey(key),
            algorithm: algorithm,
            peerKey: .rsa(
                modulus: Base64URL.encode(publicKey.modulus),
                exponent: Base64URL.encode(publicKey.publicExponent),
                alg: algorithm.rawValue
            ),
            raw: { signature, message in
                publicKey.isValidSignature(signature, for: message, digest: digest, padding: .pkcs1v15)
            }
        )
    }

    nonisolated(unsafe) private static var rsaCache: [Int: RSA.PrivateKey] = [:]
    private static let rsaLock = NSLock()
    private static func rsaKeys(bits: Int) -> RSA.PrivateKey {
        rsaLock.lock()
        defer { rsaLock.unlock() }
        if let key = rsaCache[bits] { return key }
        let key = try! RSA.PrivateKey(keySize: bits)
        rsaCache[bits] = key
        return key
    }

    static func es256() -> Fixture {
        let key = try! ECDSA.PrivateKey(curve: .p256)
        let publicKey = key.publicKey
        return Fixture(
            name: "ES256",
            signingKey: CryptoKey(key),
            algorithm: .es256,
            peerKey: .es256(pem: pem(publicKey.derRepresentation)),
            raw: { signature, message in publicKey.isValidSignature(signature, for: message) }
        )
    }

    static func hs256() -> Fixture {
        let secret = [UInt8]((0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
        let key = CryptoPrimitives.HMACKey(secret)
        return Fixture(
            name: "HS256",
            signingKey: CryptoKey(key),
            algorithm: .hs256,
            peerKey: .hs256(secret: secret),
            raw: { mac, message in key.isValidAuthenticationCode(mac, for: message, digest: .sha256) }
        )
    }

    /// Every algorithm of issue 5, in table order.
    public static let names = ["EdDSA", "RS256-2048", "RS512-2048", "RS256-4096", "RS512-4096", "ES256", "HS256"]

    /// All fixtures (generates RSA keys: a few seconds).
    public static let all: [Fixture] = names.map(make)

    /// Builds one fixture (only the keys it needs).
    public static func make(_ name: String) -> Fixture {
        switch name {
        case "EdDSA": eddsa()
        case "RS256-2048": rsa(bits: 2048, algorithm: .rs256)
        case "RS512-2048": rsa(bits: 2048, algorithm: .rs512)
        case "RS256-4096": rsa(bits: 4096, algorithm: .rs256)
        case "RS512-4096": rsa(bits: 4096, algorithm: .rs512)
        case "ES256": es256()
        case "HS256": hs256()
        default: fatalError("unknown fixture \(name); known: \(names)")
        }
    }

    public static func named(_ name: String) -> Fixture { make(name) }

    /// One raw-primitive check on the fixture's own bytes.
    @inline(__always)
    public func rawVerify() -> Bool {
        signature.withUnsafeBytes { signature in
            signingInput.withUnsafeBytes { message in raw(signature, message) }
        }
    }

    /// One VerifyKit end-to-end verification into typed, validated claims.
    @inline(__always)
    public func verifyKitVerify() -> Bool {
        (try? keys.verify(token, as: BenchClaims.self))?.claims.admin ?? false
    }
}
