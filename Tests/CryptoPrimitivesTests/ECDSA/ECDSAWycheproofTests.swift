import CryptoPrimitives
import HexCoding
import Testing

/// A Wycheproof ECDSA P1363 group: one public key as SPKI and as coordinates.
struct ECDSAGroup: Decodable, Sendable {
    struct PublicKey: Decodable, Sendable {
        let curve: String
        let wx: String
        let wy: String
    }
    let publicKey: PublicKey
    let publicKeyDer: String
    let sha: String
    let tests: [WycheproofTest]
}

@Suite("ECDSA Wycheproof")
struct ECDSAWycheproofTests {
    static let files: [(String, ECCurve)] = [
        ("ecdsa_secp256r1_sha256_p1363_test.json", .p256),
        ("ecdsa_secp384r1_sha384_p1363_test.json", .p384),
        ("ecdsa_secp521r1_sha512_p1363_test.json", .p521),
    ]

    @Test(
        "P1363 vectors",
        .enabled(if: Wycheproof.isAvailable, Comment(rawValue: Wycheproof.missingReason)),
        arguments: files
    )
    func p1363(file: String, curve: ECCurve) throws {
        var keys: [String: ECDSA.PublicKey?] = [:]
        try Wycheproof.run(file, groups: ECDSAGroup.self, tests: \.tests) { group, test in
            #expect(group.sha == curve.algorithm.digest?.rawValue)
            let key: ECDSA.PublicKey?
            if let cached = keys[group.publicKeyDer] {
                key = cached
            } else {
                // Every key in these files is a valid point: one that does not load is a failure,
                // not an "invalid" verdict (14 groups per curve hold only invalid vectors, and
                // would otherwise pass without their signatures ever being checked).
                do {
                    key = try ECDSA.PublicKey(derRepresentation: Hex.decode(group.publicKeyDer))
                } catch {
                    Issue.record("\(file): tcId \(test.tcId)'s group key does not load: \(error)")
                    key = nil
                }
                if let key {
                    #expect(key.curve == curve)
                    // The same key from JWK-style coordinates (Wycheproof gives them minimal, with
                    // a sign byte: normalise to the fixed size first).
                    let size = curve.coordinateByteCount
                    let x = try Self.fixed(Hex.decode(group.publicKey.wx), size: size)
                    let y = try Self.fixed(Hex.decode(group.publicKey.wy), size: size)
                    let fromCoordinates = try ECDSA.PublicKey(curve: curve, x: x, y: y)
                    #expect(fromCoordinates.derRepresentation == key.derRepresentation)
                    #expect(key.x == x && key.y == y)
                }
                keys[group.publicKeyDer] = key
            }
            guard let key else { return false }
            return key.isValidSignature(try Hex.decode(test.sig ?? ""), for: try Hex.decode(test.msg))
        }
    }

    static func fixed(_ bytes: [UInt8], size: Int) -> [UInt8] {
        let minimal = Array(bytes.drop(while: { $0 == 0 }))
        return [UInt8](repeating: 0, count: max(0, size - minimal.count)) + minimal
    }
}
