import VerifyKit

enum RequestFuzzing {
    static let frickKey: RSA.PrivateKey = {
        do {
            return try RSA.PrivateKey(keySize: 2048)
        } catch {
            fatalError("fuzz key: \(error)")
        }
    }()

    static let frick: BankFrick.Verifier = {
        do {
            return try BankFrick.Verifier(publicKey: frickKey.publicKey)
        } catch {
            fatalError("fuzz key: \(error)")
        }
    }()

    static let fibKey = FIB.AuthorizationPrivateKey().publicKey

    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        // Bank Frick: the first three lines as `name: value` header fields, the whole input as the
        // body (a random signature never verifies, so that only exercises the header parsing).
        let lines = text.split(separator: "\n", maxSplits: 4, omittingEmptySubsequences: false)
        var fields: [(name: String, value: String)] = []
        for line in lines.prefix(3) {
            let pair = line.split(separator: ":", maxSplits: 1)
            fields.append((String(pair.first ?? ""), pair.count > 1 ? String(pair[1]) : ""))
        }
        if let headers = try? BankFrick.SignatureHeaders(fields: fields) {
            _ = frick.isValidSignature(headers, for: bytes)
        }
        _ = try? BankFrick.SignatureHeaders(signature: text, algorithm: lines.first.map(String.init))
        // Inputs starting with "!" are signed for real (RSA signing is slow, so not every input):
        // the headers as sent must read back and verify, and the body must not verify once changed.
        if bytes.first == UInt8(ascii: "!") {
            signedRoundTrip(bytes)
        }
        // FIB private keys: anything accepted is one of the four documented forms.
        if (try? FIB.AuthorizationPrivateKey(hex: text)) != nil {
            let utf8 = Array(text.utf8)
            guard [64, 70, 128, 134].contains(utf8.count), utf8.allSatisfy(isHexDigit) else {
                violated("a FIB private key in an undocumented form was accepted")
            }
        }
        if (try? FIB.AuthorizationPublicKey(hex: text)) != nil {
            let utf8 = Array(text.utf8)
            guard [64, 70].contains(utf8.count), utf8.allSatisfy(isHexDigit) else {
                violated("a FIB public key in an undocumented form was accepted")
            }
        }
        // FIB: keys, signatures and tokens as hex or text.
        if let signature = try? FIB.EmailSignature(hex: text) {
            _ = fibKey.matchingDigest(of: signature, forEmail: "alice@mail.com")
        }
        _ = try? FIB.unverifiedAccessTokenClaims(text)
        _ = try? FIB.unverifiedRefreshTokenClaims(text)
    }

    static func signedRoundTrip(_ body: [UInt8]) {
        let algorithm = BankFrick.SignatureAlgorithm.supported[Int(body.count % 3)]
        guard let signer = try? BankFrick.Signer(privateKey: frickKey) else {
            violated("the fuzzing key fails the default key policy")
        }
        guard let headers = try? signer.signatureHeaders(for: body, algorithm: algorithm) else {
            violated("Bank Frick signing failed")
        }
        guard let received = try? BankFrick.SignatureHeaders(fields: headers.fields) else {
            violated("Bank Frick headers as sent do not read back")
        }
        if !frick.isValidSignature(received, for: body) { violated("a Bank Frick signature does not verify") }
        var changed = body
        changed[changed.count - 1] ^= 0x01
        if frick.isValidSignature(received, for: changed) { violated("a changed Bank Frick body verifies") }
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"):
            true
        default: false
        }
    }
}
