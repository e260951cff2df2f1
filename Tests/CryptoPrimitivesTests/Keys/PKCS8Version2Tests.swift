import CryptoPrimitives
import Foundation
import Testing

/// An RFC 5958 version 2 private key (PKCS#8 with the public key inside) is `unsupported_key` for
/// every key type and entry point, whichever libcrypto is linked. OpenSSL 3.0 cannot parse one, but
/// OpenSSL 3.5 reads it and ignores the public key: while the refusal was left to OpenSSL, an RSA or
/// EC version 2 key loaded on 3.5, even one carrying another key's public key.
@Suite("PKCS#8 version 2 keys are unsupported with any OpenSSL")
struct PKCS8Version2Tests {
    typealias DER = StrictPrivateKeyDERTests

    /// A fresh private key of `kind` and its typed DER reader.
    static func makeKey(_ kind: String) throws -> (key: CryptoKey, read: ([UInt8]) throws -> Void) {
        switch kind {
        case "RSA": (CryptoKey(try RSA.PrivateKey(keySize: 2048)), { _ = try RSA.PrivateKey(derRepresentation: $0) })
        case "EC": (CryptoKey(try ECDSA.PrivateKey(curve: .p256)), { _ = try ECDSA.PrivateKey(derRepresentation: $0) })
        default: (CryptoKey(Ed25519.PrivateKey()), { _ = try Ed25519.PrivateKey(derRepresentation: $0) })
        }
    }

    /// `key`'s PKCS#8 rewritten as version 2 with the public key of `owner` in `[1]`.
    static func version2(of key: CryptoKey, publicKeyOf owner: CryptoKey) throws -> [UInt8] {
        let info = try #require(key.privateKeyInfoDER)
        let fields = DER.children(DER.element(info[...]).contents)
        try #require(fields.count == 3, "version, algorithm, private key")
        let spki = try #require(owner.publicKeyInfoDER)
        let spkiFields = DER.children(DER.element(spki[...]).contents)
        try #require(spkiFields.count == 2, "algorithm, public key")
        // The BIT STRING's contents (unused-bits byte, then the key) become the [1] IMPLICIT contents.
        let bits = Array(DER.element(spkiFields[1][...]).contents)
        return DER.encode(0x30, [0x02, 0x01, 0x01] + fields[1] + fields[2] + DER.encode(0x81, bits))
    }

    @Test(
        "with its own or another key's public key, through CryptoKey DER and PEM and the typed reader",
        arguments: ["RSA", "EC", "Ed25519"]
    )
    func refused(kind: String) throws {
        let (key, read) = try Self.makeKey(kind)
        let other = try Self.makeKey(kind).key
        for (owner, carried) in [(key, "its own public key"), (other, "another key's public key")] {
            let der = try Self.version2(of: key, publicKeyOf: owner)
            let pem = PEMDocument(label: "PRIVATE KEY", derBytes: der).pemRepresentation
            let entries: [(String, () throws -> Void)] = [
                ("CryptoKey DER", { _ = try CryptoKey(derRepresentation: der) }),
                ("CryptoKey PEM", { _ = try CryptoKey(pemRepresentation: pem) }),
                ("typed reader", { try read(der) }),
            ]
            for (entry, attempt) in entries {
                let context = "\(kind) with \(carried), \(entry)"
                let error = #expect(throws: CryptoError.self, "\(context)") { try attempt() }
                #expect(error?.code == .unsupportedKey, "\(context): \(String(describing: error))")
                #expect(error?.reason.contains("version 2") == true, "\(context): \(error?.reason ?? "")")
            }
        }
    }
}
