import CryptoPrimitives
import Foundation
import Testing
import VerifyKitTestSupport

/// One key of each family, made by the `openssl` tool and written in every PEM and DER form
/// openssl has for it, for the typed readers (`RSA.PublicKey(pemRepresentation:)`, …): each must
/// take its own forms and refuse every other family's and visibility's.
struct TypedKeyFixture: Sendable {
    enum Family: String, CaseIterable, Sendable {
        case rsa = "RSA"
        case ec = "EC"
        case ed25519 = "Ed25519"
    }

    /// A file openssl wrote and what it holds.
    struct Form: Sendable, CustomStringConvertible {
        let file: String
        let isPrivate: Bool
        let isCertificate: Bool
        let bytes: [UInt8]

        var isPEM: Bool { file.hasSuffix(".pem") }
        var text: String { String(decoding: bytes, as: UTF8.self) }
        var description: String { file }
    }

    let family: Family
    let forms: [Form]
    /// The public key as SubjectPublicKeyInfo DER (`openssl pkey -pubout -outform DER`): what every
    /// form must read to.
    let publicKeyInfo: [UInt8]

    func form(_ file: String) -> Form { forms.first { $0.file == file }! }

    /// Made once per test run (an RSA key takes openssl a moment).
    static let all: Result<[TypedKeyFixture], any Error> = Result { try Family.allCases.map(make) }

    static func fixture(_ family: Family) throws -> TypedKeyFixture {
        try all.get().first { $0.family == family }!
    }

    private static func make(_ family: Family) throws -> TypedKeyFixture {
        let dir = try TemporaryDirectory.make(prefix: "verifykit-typed-keys")
        defer { try? FileManager.default.removeItem(at: dir) }
        func openssl(_ arguments: String...) throws { try OpenSSLTool.succeed(arguments, in: dir) }
        switch family {
        case .rsa: try openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "key.pem")
        case .ec: try openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem")
        case .ed25519: try openssl("genpkey", "-algorithm", "ED25519", "-out", "key.pem")
        }
        // Not `pkey -outform DER`: OpenSSL 3.0 writes RSA and EC keys as PKCS#1 and SEC1 there.
        try openssl("pkcs8", "-topk8", "-nocrypt", "-in", "key.pem", "-outform", "DER", "-out", "key.der")
        try openssl("pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem")
        try openssl("pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der")
        try openssl("req", "-new", "-x509", "-key", "key.pem", "-subj", "/CN=typed", "-days", "2", "-out", "cert.pem")
        try openssl("x509", "-in", "cert.pem", "-outform", "DER", "-out", "cert.der")
        var privateFiles = ["key.pem", "key.der"]
        var publicFiles = ["pub.pem", "pub.der"]
        switch family {
        case .rsa:
            try openssl("rsa", "-in", "key.pem", "-traditional", "-out", "pkcs1.pem")
            try openssl("rsa", "-in", "key.pem", "-traditional", "-outform", "DER", "-out", "pkcs1.der")
            try openssl("rsa", "-in", "key.pem", "-RSAPublicKey_out", "-out", "pkcs1pub.pem")
            try openssl("rsa", "-in", "key.pem", "-RSAPublicKey_out", "-outform", "DER", "-out", "pkcs1pub.der")
            privateFiles += ["pkcs1.pem", "pkcs1.der"]
            publicFiles += ["pkcs1pub.pem", "pkcs1pub.der"]
        case .ec:
            try openssl("ec", "-in", "key.pem", "-out", "sec1.pem")
            try openssl("ec", "-in", "key.pem", "-outform", "DER", "-out", "sec1.der")
            // What `openssl ecparam -genkey` writes: the curve's parameters, then the SEC1 key.
            try openssl("ecparam", "-name", "prime256v1", "-out", "params.pem")
            let params = try Data(contentsOf: dir.appendingPathComponent("params.pem"))
            let sec1 = try Data(contentsOf: dir.appendingPathComponent("sec1.pem"))
            try (params + sec1).write(to: dir.appendingPathComponent("sec1-params.pem"))
            privateFiles += ["sec1.pem", "sec1.der", "sec1-params.pem"]
        case .ed25519:
            break
        }
        func form(_ file: String, isPrivate: Bool) throws -> Form {
            let bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent(file)))
            return Form(file: file, isPrivate: isPrivate, isCertificate: file.hasPrefix("cert"), bytes: bytes)
        }
        let forms =
            try privateFiles.map { try form($0, isPrivate: true) }
            + (publicFiles + ["cert.pem", "cert.der"]).map { try form($0, isPrivate: false) }
        return TypedKeyFixture(
            family: family,
            forms: forms,
            publicKeyInfo: [UInt8](try Data(contentsOf: dir.appendingPathComponent("pub.der")))
        )
    }
}

/// One typed reader under test (its DER and its PEM initialiser), erased so every reader meets every
/// fixture form: it returns the SubjectPublicKeyInfo of what it read, and, for private keys, checks
/// that the key signs and its public half verifies.
struct TypedKeyReader: Sendable, CustomStringConvertible {
    let name: String
    let family: TypedKeyFixture.Family
    let isPrivate: Bool
    let der: @Sendable ([UInt8]) throws(CryptoError) -> [UInt8]
    let pem: @Sendable (String) throws(CryptoError) -> [UInt8]

    var description: String { name }

    /// `"an RSA public key"`: the start of every refusal's reason.
    var expectedPhrase: String { "expected an \(family.rawValue) \(isPrivate ? "private" : "public") key" }

    static let message = Array("typed key readers".utf8)

    static let all: [TypedKeyReader] = [
        TypedKeyReader(
            name: "RSA.PublicKey",
            family: .rsa,
            isPrivate: false,
            der: { (der) throws(CryptoError) in try RSA.PublicKey(derRepresentation: der).derRepresentation },
            pem: { (pem) throws(CryptoError) in try RSA.PublicKey(pemRepresentation: pem).derRepresentation }
        ),
        TypedKeyReader(
            name: "RSA.PrivateKey",
            family: .rsa,
            isPrivate: true,
            der: { (der) throws(CryptoError) in try signs(RSA.PrivateKey(derRepresentation: der)) },
            pem: { (pem) throws(CryptoError) in try signs(RSA.PrivateKey(pemRepresentation: pem)) }
        ),
        TypedKeyReader(
            name: "ECDSA.PublicKey",
            family: .ec,
            isPrivate: false,
            der: { (der) throws(CryptoError) in try ECDSA.PublicKey(derRepresentation: der).derRepresentation },
            pem: { (pem) throws(CryptoError) in try ECDSA.PublicKey(pemRepresentation: pem).derRepresentation }
        ),
        TypedKeyReader(
            name: "ECDSA.PrivateKey",
            family: .ec,
            isPrivate: true,
            der: { (der) throws(CryptoError) in try signs(ECDSA.PrivateKey(derRepresentation: der)) },
            pem: { (pem) throws(CryptoError) in try signs(ECDSA.PrivateKey(pemRepresentation: pem)) }
        ),
        TypedKeyReader(
            name: "Ed25519.PublicKey",
            family: .ed25519,
            isPrivate: false,
            der: { (der) throws(CryptoError) in try Ed25519.PublicKey(derRepresentation: der).derRepresentation },
            pem: { (pem) throws(CryptoError) in try Ed25519.PublicKey(pemRepresentation: pem).derRepresentation }
        ),
        TypedKeyReader(
            name: "Ed25519.PrivateKey",
            family: .ed25519,
            isPrivate: true,
            der: { (der) throws(CryptoError) in try signs(Ed25519.PrivateKey(derRepresentation: der)) },
            pem: { (pem) throws(CryptoError) in try signs(Ed25519.PrivateKey(pemRepresentation: pem)) }
        ),
    ]

    private static func signs(_ key: RSA.PrivateKey) throws(CryptoError) -> [UInt8] {
        let signature = try key.signature(for: message, digest: .sha256, padding: .pss)
        #expect(key.publicKey.isValidSignature(signature, for: message, digest: .sha256, padding: .pss))
        return key.publicKey.derRepresentation
    }

    private static func signs(_ key: ECDSA.PrivateKey) throws(CryptoError) -> [UInt8] {
        #expect(key.publicKey.isValidSignature(try key.signature(for: message), for: message))
        return key.publicKey.derRepresentation
    }

    private static func signs(_ key: Ed25519.PrivateKey) -> [UInt8] {
        #expect(key.publicKey.isValidSignature(key.signature(for: message), for: message))
        return key.publicKey.derRepresentation
    }

    /// The code a refusal of `form` (of `family`) must have: the other visibility and, for DER, a
    /// certificate are `invalid_key`; a key of another family `unsupported_key`; `nil`: accepted.
    func refusal(of form: TypedKeyFixture.Form, from family: TypedKeyFixture.Family) -> CryptoError.Code? {
        if form.isPrivate != isPrivate || (form.isCertificate && !form.isPEM) { return .invalidKey }
        return family == self.family ? nil : .unsupportedKey
    }
}
