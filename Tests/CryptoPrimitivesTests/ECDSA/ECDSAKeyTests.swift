import CryptoPrimitives
import Foundation
import HexCoding
import Testing
import VerifyKitTestSupport

@Suite("ECDSA keys and signatures")
struct ECDSAKeyTests {
    static let message = Array("ECDSA test message".utf8)

    @Test("sign → verify round trip; tampering fails", arguments: ECCurve.allCases)
    func roundTrip(curve: ECCurve) throws {
        let key = try ECDSA.PrivateKey(curve: curve)
        #expect(key.curve == curve && key.publicKey.curve == curve)
        let publicKey = key.publicKey
        let signature = try key.signature(for: Self.message)
        #expect(signature.count == 2 * curve.coordinateByteCount)
        #expect(publicKey.isValidSignature(signature, for: Self.message))
        #expect(publicKey.isValidSignature(signature, for: Self.message.lazy.map { $0 }))
        let viaBuffers = signature.withUnsafeBytes { signature in
            Self.message.withUnsafeBytes { publicKey.isValidSignature(signature, for: $0) }
        }
        #expect(viaBuffers)

        #expect(!publicKey.isValidSignature(signature, for: Self.message + [0]))
        for index in [0, signature.count / 2, signature.count - 1] {
            var tampered = signature
            tampered[index] ^= 1
            #expect(!publicKey.isValidSignature(tampered, for: Self.message))
        }
        // Wrong lengths are refused outright, including DER and padded forms.
        #expect(!publicKey.isValidSignature([], for: Self.message))
        #expect(!publicKey.isValidSignature(signature.dropLast(), for: Self.message))
        #expect(!publicKey.isValidSignature(signature + [0], for: Self.message))
        #expect(!publicKey.isValidSignature([0] + signature, for: Self.message))
        #expect(!publicKey.isValidSignature(p1363ToDER(signature), for: Self.message))
        // r = 0 or s = 0 never verify.
        let half = curve.coordinateByteCount
        #expect(!publicKey.isValidSignature([UInt8](repeating: 0, count: half) + signature[half...], for: Self.message))
        #expect(!publicKey.isValidSignature(signature[..<half] + [UInt8](repeating: 0, count: half), for: Self.message))
        #expect(!publicKey.isValidSignature([UInt8](repeating: 0xFF, count: 2 * half), for: Self.message))
        // Another key does not verify it.
        #expect(!(try ECDSA.PrivateKey(curve: curve)).publicKey.isValidSignature(signature, for: Self.message))
    }

    @Test("DER and coordinate round trips", arguments: ECCurve.allCases)
    func exportImport(curve: ECCurve) throws {
        let key = try ECDSA.PrivateKey(curve: curve)
        let reimported = try ECDSA.PrivateKey(derRepresentation: key.derRepresentation)
        #expect(reimported.derRepresentation == key.derRepresentation)
        #expect(reimported.publicKey.derRepresentation == key.publicKey.derRepresentation)
        let fromSPKI = try ECDSA.PublicKey(derRepresentation: key.publicKey.derRepresentation)
        #expect(fromSPKI.x == key.publicKey.x && fromSPKI.y == key.publicKey.y)
        #expect(fromSPKI.x.count == curve.coordinateByteCount && fromSPKI.y.count == curve.coordinateByteCount)
        let fromCoordinates = try ECDSA.PublicKey(curve: curve, x: fromSPKI.x, y: fromSPKI.y)
        #expect(fromCoordinates.derRepresentation == key.publicKey.derRepresentation)
        #expect(fromCoordinates.isValidSignature(try reimported.signature(for: Self.message), for: Self.message))
    }

    @Test(
        "coordinates: wrong sizes and unreduced values are invalid_key, off-curve points weak_key",
        arguments: ECCurve.allCases
    )
    func coordinateChecks(curve: ECCurve) throws {
        let publicKey = try ECDSA.PrivateKey(curve: curve).publicKey
        let (x, y) = (publicKey.x, publicKey.y)
        #expect(throws: CryptoError.invalidKey) { try ECDSA.PublicKey(curve: curve, x: x.dropFirst(), y: y) }
        #expect(throws: CryptoError.invalidKey) { try ECDSA.PublicKey(curve: curve, x: x, y: [0] + y) }
        #expect(throws: CryptoError.invalidKey) { try ECDSA.PublicKey(curve: curve, x: [], y: []) }
        let allOnes = [UInt8](repeating: 0xFF, count: curve.coordinateByteCount)
        #expect(throws: CryptoError.invalidKey) { try ECDSA.PublicKey(curve: curve, x: allOnes, y: y) }
        #expect(throws: CryptoError.invalidKey) { try ECDSA.PublicKey(curve: curve, x: x, y: allOnes) }
        if curve == .p521 {
            // 66 bytes hold y + p as well as y (p = 2^521 − 1): the same point, unreduced, is refused.
            let prime = [0x01] + [UInt8](repeating: 0xFF, count: 65)
            let unreduced = RSAPrivateKeyCheckTests.sum(y, prime)
            try #require(unreduced.count == 66)
            #expect(throws: CryptoError.invalidKey) { try ECDSA.PublicKey(curve: curve, x: x, y: unreduced) }
        }
        var offCurve = y
        offCurve[offCurve.count - 1] ^= 1
        #expect(throws: CryptoError.weakKey) { try ECDSA.PublicKey(curve: curve, x: x, y: offCurve) }
        let zero = [UInt8](repeating: 0, count: curve.coordinateByteCount)
        #expect(throws: CryptoError.weakKey) { try ECDSA.PublicKey(curve: curve, x: zero, y: zero) }
        // The same point carried in SPKI is refused the same way.
        var spki = publicKey.derRepresentation
        spki[spki.count - 1] ^= 1
        #expect(throws: CryptoError.weakKey) { try ECDSA.PublicKey(derRepresentation: spki) }
        // A point of another curve.
        let other = ECCurve.allCases.first { $0 != curve }!
        #expect(throws: CryptoError.invalidKey) { try ECDSA.PublicKey(curve: other, x: x, y: y) }
    }

    @Test(
        "JWK private components: d must match the point and have the scalar size",
        .enabled(if: OpenSSLCLI.isAvailable, Comment(rawValue: OpenSSLCLI.missingReason))
    )
    func privateComponents() throws {
        let cli = try OpenSSLCLI()
        for curve in ECCurve.allCases {
            let key = try ECDSA.PrivateKey(curve: curve)
            try cli.write(key.derRepresentation, to: "key.der")
            let fields = OpenSSLCLI.textFields(
                try cli.run(["pkey", "-inform", "DER", "-in", "key.der", "-text", "-noout"]).output
            )
            let d = ECDSAWycheproofTests.fixed(try #require(fields["priv"]), size: curve.coordinateByteCount)
            let (x, y) = (key.publicKey.x, key.publicKey.y)
            let fromComponents = try ECDSA.PrivateKey(curve: curve, d: d, x: x, y: y)
            #expect(fromComponents.derRepresentation == key.derRepresentation)
            #expect(key.publicKey.isValidSignature(try fromComponents.signature(for: Self.message), for: Self.message))

            let otherPoint = try ECDSA.PrivateKey(curve: curve).publicKey
            #expect(throws: CryptoError.invalidKey) {
                try ECDSA.PrivateKey(curve: curve, d: d, x: otherPoint.x, y: otherPoint.y)
            }
            #expect(throws: CryptoError.invalidKey) {
                try ECDSA.PrivateKey(curve: curve, d: Array(d.dropFirst()), x: x, y: y)
            }
            let zero = [UInt8](repeating: 0, count: curve.coordinateByteCount)
            #expect(throws: CryptoError.invalidKey) { try ECDSA.PrivateKey(curve: curve, d: zero, x: x, y: y) }
        }
    }

    @Test("malformed DER throws invalid_key, never crashes", arguments: ECCurve.allCases)
    func malformedDER(curve: ECCurve) throws {
        let key = try ECDSA.PrivateKey(curve: curve)
        let seed = SeededGenerator.freshSeed()
        for der in malformedVariants(of: key.publicKey.derRepresentation, randomCount: 200, seed: seed) {
            // Truncating only the point can leave a well-formed SPKI with a bad point: either
            // invalid_key (length) or weak_key is acceptable then, never a crash or success.
            do {
                _ = try ECDSA.PublicKey(derRepresentation: der)
                Issue.record("seed \(seed): \(der.count)-byte malformed SPKI accepted")
            } catch {
                #expect(error.code == .invalidKey || error.code == .weakKey, "seed \(seed): \(error)")
            }
        }
        for der in malformedVariants(of: key.derRepresentation, randomCount: 200, seed: seed) {
            #expect(throws: CryptoError.invalidKey, "seed \(seed), \(der.count) bytes") {
                try ECDSA.PrivateKey(derRepresentation: der)
            }
        }
    }

    @Test("RSA keys are unsupported_key")
    func otherKeyTypes() throws {
        let rsa = RSAKeyTests.key
        #expect(throws: CryptoError.unsupportedKey) {
            try ECDSA.PublicKey(derRepresentation: rsa.publicKey.derRepresentation)
        }
        #expect(throws: CryptoError.unsupportedKey) { try ECDSA.PrivateKey(derRepresentation: rsa.derRepresentation) }
    }

    @Test("a compressed point whose x is not below the field prime is invalid_key, as in a JWK")
    func compressedPointOutOfRange() throws {
        // SPKI for P-256 with the compressed point 02 ‖ FF…FF (x ≥ p).
        let algorithm: [UInt8] = [
            0x30, 0x13, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D,
            0x03, 0x01, 0x07,
        ]
        let bits: [UInt8] = [0x03, 0x22, 0x00, 0x02] + [UInt8](repeating: 0xFF, count: 32)
        let spki = [0x30, UInt8(algorithm.count + bits.count)] + algorithm + bits
        let error = #expect(throws: CryptoError.self) { try ECDSA.PublicKey(derRepresentation: spki) }
        #expect(error?.code == .invalidKey)
        // x = 1 is a field element with no point on P-256 (1 − 3 + b is not a square mod p): weak_key.
        var offCurve = spki
        offCurve.replaceSubrange((offCurve.count - 32)..., with: [UInt8](repeating: 0, count: 31) + [1])
        let offCurveError = #expect(throws: CryptoError.self) { try ECDSA.PublicKey(derRepresentation: offCurve) }
        #expect(offCurveError?.code == .weakKey)
    }
}

/// DER `SEQUENCE { INTEGER r, INTEGER s }` for a P1363 signature (independent of the library's).
func p1363ToDER(_ signature: [UInt8]) -> [UInt8] {
    func integer(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var value = Array(bytes.drop(while: { $0 == 0 }))
        if value.isEmpty || value[0] >= 0x80 { value.insert(0, at: 0) }
        return [0x02, UInt8(value.count)] + value
    }
    let half = signature.count / 2
    let content = integer(signature[..<half]) + integer(signature[half...])
    return [0x30] + (content.count >= 0x80 ? [0x81, UInt8(content.count)] : [UInt8(content.count)]) + content
}

/// P1363 r ‖ s from a DER ECDSA signature (short-form and 0x81 lengths only, as ECDSA needs).
func derToP1363(_ der: [UInt8], size: Int) -> [UInt8]? {
    var index = 0
    func length() -> Int? {
        guard index < der.count else { return nil }
        var value = Int(der[index])
        index += 1
        if value == 0x81 {
            guard index < der.count else { return nil }
            value = Int(der[index])
            index += 1
        }
        return value
    }
    func integer() -> [UInt8]? {
        guard index < der.count, der[index] == 0x02 else { return nil }
        index += 1
        guard let count = length(), index + count <= der.count else { return nil }
        let value = Array(der[index..<(index + count)].drop(while: { $0 == 0 }))
        index += count
        guard value.count <= size else { return nil }
        return [UInt8](repeating: 0, count: size - value.count) + value
    }
    guard der.first == 0x30 else { return nil }
    index = 1
    guard length() != nil, let r = integer(), let s = integer(), index == der.count else { return nil }
    return r + s
}
