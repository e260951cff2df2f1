import Base64URL
import CryptoPrimitives
import HexCoding
import StrictJSON
import Testing

/// The check an imported RSA private key passes: sizes bounded by the modulus before any
/// arithmetic, each relation between the components, then a signing round trip.
@Suite("RSA private key consistency check")
struct RSAPrivateKeyCheckTests {
    static let key: RSA.PrivateKey = try! RSA.PrivateKey(keySize: 2048)

    /// n, e, d, p, q, dp, dq, qi of ``key``.
    struct Components {
        var n, e, d, p, q, dp, dq, qi: [UInt8]

        init(_ key: RSA.PrivateKey) throws {
            let json = JWK(key: CryptoKey(key)).privateJSON
            func member(_ name: String) throws -> [UInt8] {
                guard case .string(let text)? = json[name] else { throw CryptoError(.invalidKey, "no \(name)") }
                return try Base64URL.decode(text)
            }
            (n, e, d) = (try member("n"), try member("e"), try member("d"))
            (p, q, dp, dq, qi) = (
                try member("p"), try member("q"), try member("dp"), try member("dq"), try member("qi")
            )
        }

        func makeKey() throws(CryptoError) -> RSA.PrivateKey {
            try RSA.PrivateKey(
                modulus: n,
                publicExponent: e,
                privateExponent: d,
                prime1: p,
                prime2: q,
                exponent1: dp,
                exponent2: dq,
                coefficient: qi
            )
        }
    }

    /// The reason the key is refused with, which must be `invalid_key`.
    static func refusal(_ components: Components) -> String? {
        do {
            _ = try components.makeKey()
            return nil
        } catch {
            return error.code == .invalidKey ? error.reason : "\(error.code): \(error.reason)"
        }
    }

    @Test("the genuine components import and give back the same key")
    func genuine() throws {
        let imported = try Components(Self.key).makeKey()
        #expect(imported.derRepresentation == Self.key.derRepresentation)
    }

    @Test("a prime far larger than the modulus is refused by size, before any arithmetic")
    func oversizedPrime() throws {
        var components = try Components(Self.key)
        // 2^32768 + 1: OpenSSL's own check would spend minutes testing it for primality.
        components.p = [1] + [UInt8](repeating: 0, count: 4095) + [1]
        #expect(Self.refusal(components) == "RSA private key component p is larger than the modulus")
        components = try Components(Self.key)
        components.qi = components.n + [0]
        #expect(Self.refusal(components) == "RSA private key component qi is larger than the modulus")
    }

    @Test("each broken relation is named", arguments: ["p·q", "dp", "dq", "e·d", "qi", "d range"])
    func brokenRelation(_ relation: String) throws {
        var components = try Components(Self.key)
        let expected: String
        switch relation {
        case "p·q":
            // Another key's prime: same size, product no longer n.
            components.p = try Components(RSA.PrivateKey(keySize: 2048)).p
            expected = "p·q is not the modulus"
        case "dp":
            (components.dp, components.dq) = (components.dq, components.dp)
            expected = "dp is not d mod (p−1)"
        case "dq":
            components.dq[components.dq.count - 1] ^= 2
            expected = "dq is not d mod (q−1)"
        case "e·d":
            // d, dp and dq still agree with each other, but not with e = 65539.
            components.e = [0x01, 0x00, 0x03]
            expected = "e·d is not 1 modulo p−1"
        case "qi":
            components.qi[components.qi.count - 1] ^= 2
            expected = "qi·q is not 1 modulo p"
        default:
            components.d = components.n
            expected = "d or qi out of range"
        }
        #expect(Self.refusal(components) == "the RSA private key components are inconsistent: \(expected)")
    }

    @Test("e = 1 (with d, dp, dq = 1) satisfies every relation but is refused: its signatures are the padded hash")
    func exponentOne() throws {
        var components = try Components(Self.key)
        (components.e, components.d, components.dp, components.dq) = ([1], [1], [1], [1])
        #expect(
            Self.refusal(components)
                == "the RSA private key components are inconsistent: the modulus and the public exponent must be odd, and the exponent at least 3"
        )
        components = try Components(Self.key)
        components.e = [0x01, 0x00, 0x00]
        #expect(Self.refusal(components)?.contains("must be odd") == true)
    }

    /// qi + p satisfies qi·q ≡ 1 (mod p) as qi does, and an even modulus fails p·q = n as well:
    /// each is refused for what it is, a value out of its range, before the relations are looked at.
    @Test("qi must be below p, and the modulus odd, whatever the relations say")
    func rangesBeforeRelations() throws {
        var components = try Components(Self.key)
        components.qi = Self.sum(components.qi, components.p)
        #expect(Self.refusal(components) == "the RSA private key components are inconsistent: d or qi out of range")
        components = try Components(Self.key)
        components.n[components.n.count - 1] ^= 1
        #expect(
            Self.refusal(components)
                == "the RSA private key components are inconsistent: the modulus and the public exponent must be odd, and the exponent at least 3"
        )
    }

    /// a + b for big-endian unsigned integers, without leading zero octets.
    static func sum(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        let count = max(a.count, b.count) + 1
        let x = [UInt8](repeating: 0, count: count - a.count) + a
        let y = [UInt8](repeating: 0, count: count - b.count) + b
        var result = [UInt8](repeating: 0, count: count)
        var carry = 0
        for index in (0..<count).reversed() {
            let total = Int(x[index]) + Int(y[index]) + carry
            result[index] = UInt8(total & 0xFF)
            carry = total >> 8
        }
        return Array(result.drop { $0 == 0 })
    }

    @Test("a composite 'prime' that passes every relation fails the signing round trip")
    func compositePrime() throws {
        // Made with Python for this test: p is the product of two 256-bit primes, q a 512-bit
        // prime, e = 65537, d = e⁻¹ mod lcm(p−1, q−1), and dp, dq, qi derived as RFC 8017 says.
        // Every relation the arithmetic check tests holds; x^(e·d) ≠ x mod p all the same.
        let components = try Components(
            hex: [
                "n": "99a9716f2ede0aadde92473b19c5dffbe80be333e1f848970d4f90342e5169205088b58c53694954574d69569b68bfdf"
                    + "534a8c48eaa997aaf2edded2681f2149dc8413181c8a83eda301411413b411628f7fff5e2e0e2afefadcd3086dfa"
                    + "e7c00c1f2e87847c557e2cbd7f15983bce29cb449f78bda60f572e62602c933bdf17",
                "d": "0e7a8e681789a2ecc3ee795fbf71f1ab5ec9399021251651ebbcc2adb4d2c55aabbbf5f2855fea54edbb5e60c9f25f35"
                    + "2637fd9e57aaf4d1f4638d7dbab6adccf464f8de94130a5e8dab620d63cf60adf14b33e2577ab85d1945aa27430c"
                    + "0a9e902dab0bab7db99f0d4629dfb1cdae5e75eb01ef5fe05435ce728b5ca10878e1",
                "p": "a85a0cf78fb0cfd69e850443073849021683369a3cd8d8ee4df9da09817803dbc4e6bd184e0189032479e655ffc251bf"
                    + "5252461657e39dc7c5515b6bf8092d45",
                "q": "e9a9861895abe6a22d08347e4a9a4eac56a5be6b958793794f25c1e753b75ab68f7a2ccb3d62f0b2989d1c67068669c5"
                    + "770fce421e8899b362384f70dc853aab",
                "dp": "85e8c301b3a0df61064c25bcaf247d2615041fcd8572b2f2b2c17746325e652b4d2e7fe0b2439459148d85c2882267e5"
                    + "b7b44b9d802144225ff83bb0e0e563c5",
                "dq": "a0830fd6fb9a26c8e95e65910bf68c6cdee8e4b24af9e358c6020dfdb708918c2f6ba231cb6d982357ab35c3a03bdd95"
                    + "04811b13589e45d77075763cf57fa019",
                "qi": "5e088c378484c8b7b56e5ff6a67efed850e0f96247f2796dd9d62e97c632e1c44249bfda7caec5882f2a359bac9e1ffc"
                    + "bf38fff206156bdcc341559b7546d089",
            ]
        )
        #expect(
            Self.refusal(components)
                == "the RSA private key components are inconsistent: its signatures do not verify"
        )
    }

    @Test("a consistent key too small to hold a PKCS#1 SHA-256 signature is weak_key: it cannot sign")
    func tooSmallToSign() throws {
        // 400-bit modulus (two 200-bit primes, made with Python for this test): every relation
        // holds, but 62 bytes of DigestInfo and padding do not fit in 50.
        let components = try Components(
            hex: [
                "n":
                    "bc5c4269538f3887e10a4c5ee736e699d3b37e7bdcf414d317bb01fc7ef721e02e975d47150e35bd3696c31bf2c61eb17c77",
                "d":
                    "436aa00873b458aee5805a9a431636ce0ae3fd1ad717f35623d38a3a67c91c121100cc5aecd9c2253aa241bf3b5fee642679",
                "p": "c4603c0520dae7f19751a1783c34a0ab6cc154e3b923790bff",
                "q": "f58cfff4bcc48acb2fd817d2cdb44fa399ac48c7744b49ef89",
                "dp": "73f0b15f01bfdcb32978db916652580dfddec324d3f8da8db7",
                "dq": "8541c5ce1d7b540f3ca1bb1c0dc262cdd821e54548d96b0071",
                "qi": "27068965f2548b47b0b69599384e4e0e5abd90531a73c87789",
            ]
        )
        // Well formed but too small to be used at all: weak_key, with the reason.
        #expect(Self.refusal(components)?.hasPrefix("weak_key: the RSA private key cannot sign: ") == true)
    }

    @Test("PKCS#1 DER with a corrupted CRT value is refused as inconsistent, not as unreadable")
    func corruptedDER() throws {
        var der = try pkcs1DER(Self.key)
        der[der.count - 10] ^= 1
        let error = #expect(throws: CryptoError.self) { try CryptoKey(derRepresentation: der) }
        #expect(error?.code == .invalidKey)
        #expect(error?.reason.hasPrefix("the RSA private key components are inconsistent") == true)
    }

    @Test("private key DER has one encoding: strict lengths and INTEGERs, in PKCS#1 and inside PKCS#8")
    func canonicalPrivateDER() throws {
        func element(_ tag: UInt8, _ body: [UInt8], longForm: Bool = false) -> [UInt8] {
            let count = body.count
            let length: [UInt8] =
                count < 0x80 && !longForm
                ? [UInt8(count)]
                : count < 0x100 ? [0x81, UInt8(count)] : [0x82, UInt8(count >> 8), UInt8(count & 0xFF)]
            return [tag] + length + body
        }
        /// A DER INTEGER holding the unsigned big-endian `value` (sign byte added when needed).
        func integer(_ value: [UInt8]) -> [UInt8] {
            element(0x02, value.first.map { $0 & 0x80 != 0 } == true ? [0] + value : value)
        }
        let c = try Components(Self.key)
        func pkcs1(version: [UInt8] = [0x02, 0x01, 0x00], fields: [[UInt8]]? = nil, extra: [UInt8] = []) -> [UInt8] {
            let body = fields ?? [c.n, c.e, c.d, c.p, c.q, c.dp, c.dq, c.qi].map(integer)
            return element(0x30, version + body.joined() + extra)
        }
        func pkcs8(_ inner: [UInt8]) -> [UInt8] {
            let algorithm: [UInt8] = [
                0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00,
            ]
            return element(0x30, [0x02, 0x01, 0x00] + algorithm + element(0x04, inner))
        }
        let canonical = pkcs1()
        #expect(try pkcs1DER(Self.key) == canonical, "the test's encoder matches OpenSSL's")
        for der in [canonical, pkcs8(canonical)] {
            #expect(try RSA.PrivateKey(derRepresentation: der).derRepresentation == Self.key.derRepresentation)
            #expect(try CryptoKey(derRepresentation: der).isPrivate)
        }
        var fields = [c.n, c.e, c.d, c.p, c.q, c.dp, c.dq, c.qi].map(integer)
        fields[3] = element(0x02, [0] + fields[3].dropFirst(2))  // p with a redundant zero byte
        var negative = [c.n, c.e, c.d, c.p, c.q, c.dp, c.dq, c.qi].map(integer)
        negative[0] = element(0x02, c.n)  // n without its sign byte reads as negative
        let longLength = element(0x02, Array(integer(c.e).dropFirst(2)), longForm: true)
        var longLengthFields = [c.n, c.e, c.d, c.p, c.q, c.dp, c.dq, c.qi].map(integer)
        longLengthFields[1] = longLength
        let refused: [(String, [UInt8], CryptoError.Code)] = [
            ("non-minimal INTEGER", pkcs1(fields: fields), .invalidKey),
            ("negative modulus", pkcs1(fields: negative), .invalidKey),
            ("long-form length for a short INTEGER", pkcs1(fields: longLengthFields), .invalidKey),
            ("inner key with a non-minimal INTEGER, in PKCS#8", pkcs8(pkcs1(fields: fields)), .invalidKey),
            ("unknown version", pkcs1(version: [0x02, 0x01, 0x02]), .invalidKey),
            ("elements after the coefficient", pkcs1(extra: [0x02, 0x01, 0x03]), .invalidKey),
            ("trailing bytes", canonical + [0x00], .invalidKey),
            ("version 1 (multi-prime)", pkcs1(version: [0x02, 0x01, 0x01], extra: [0x30, 0x00]), .unsupportedKey),
        ]
        for (what, der, code) in refused {
            for entry in ["RSA.PrivateKey", "CryptoKey"] {
                let error = #expect(throws: CryptoError.self, "\(what) via \(entry)") {
                    if entry == "CryptoKey" {
                        _ = try CryptoKey(derRepresentation: der)
                    } else {
                        _ = try RSA.PrivateKey(derRepresentation: der)
                    }
                }
                #expect(error?.code == code, "\(what) via \(entry): \(String(describing: error))")
            }
        }
    }

    /// PKCS#1 `RSAPrivateKey` from the PKCS#8 encoding (its OCTET STRING's contents).
    func pkcs1DER(_ key: RSA.PrivateKey) throws -> [UInt8] {
        let pkcs8 = key.derRepresentation
        // SEQUENCE { INTEGER 0, AlgorithmIdentifier (15 bytes for rsaEncryption), OCTET STRING }:
        // the OCTET STRING starts after 4 (outer header) + 3 + 15 bytes, with a 4-byte header.
        let start = 4 + 3 + 15
        #expect(pkcs8[start] == 0x04 && pkcs8[start + 1] == 0x82)
        return Array(pkcs8[(start + 4)...])
    }
}

extension RSAPrivateKeyCheckTests.Components {
    init(hex: [String: String]) throws {
        func value(_ name: String) throws -> [UInt8] { try Hex.decode(hex[name] ?? "") }
        (n, e, d) = (try value("n"), [0x01, 0x00, 0x01], try value("d"))
        (p, q, dp, dq, qi) = (try value("p"), try value("q"), try value("dp"), try value("dq"), try value("qi"))
    }
}
