import VerifyKit

enum RequestFuzzing {
    static let frick: BankFrick.Verifier = {
        do {
            return try BankFrick.Verifier(publicKey: RSA.PrivateKey(keySize: 2048).publicKey)
        } catch {
            fatalError("fuzz key: \(error)")
        }
    }()

    static let fibKey = FIB.AuthorizationPrivateKey().publicKey

    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        // Bank Frick: lines of `name: value` as header fields, the rest of the input as the body.
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
        // FIB: keys, signatures and tokens as hex or text.
        _ = try? FIB.AuthorizationPublicKey(hex: text)
        _ = try? FIB.AuthorizationPrivateKey(hex: text)
        if let signature = try? FIB.EmailSignature(hex: text) {
            _ = fibKey.matchingDigest(of: signature, forEmail: "alice@mail.com")
        }
        _ = try? FIB.unverifiedAccessTokenClaims(text)
        _ = try? FIB.unverifiedRefreshTokenClaims(text)
    }
}
