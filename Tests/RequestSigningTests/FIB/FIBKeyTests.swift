import CryptoPrimitives
import HexCoding
import RequestSigning
import Testing

@Suite("FIB authorization keys")
struct FIBKeyTests {
    /// RFC 8032 §7.1 TEST 1.
    static let seedHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
    static let publicHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"

    @Test("public keys: 64 hex digits, optional ed0120 prefix in either case, hex in either case")
    func publicKeyForms() throws {
        let plain = try FIB.AuthorizationPublicKey(hex: Self.publicHex)
        #expect(plain.hex == Self.publicHex)
        #expect(plain.multihash == "ed0120" + Self.publicHex.uppercased())
        for form in ["ed0120" + Self.publicHex, "ED0120" + Self.publicHex.uppercased(), Self.publicHex.uppercased()] {
            #expect(try FIB.AuthorizationPublicKey(hex: form) == plain, "\(form)")
        }
    }

    /// A public key whose own encoding begins with the bytes ed 01 20 (a point of the prime-order subgroup,
    /// found by trying encodings with that beginning against libsodium's crypto_core_ed25519_is_valid_point).
    static let prefixLikeHex = "ed01207466270a63a0f6cc9a3b5ad1a3067a64a0b7e626f4ea9e95cd6533ed09"

    @Test("64 digits beginning with ed0120 are the key itself, not the prefix and 58 digits")
    func keyBeginningLikeThePrefix() throws {
        let key = try FIB.AuthorizationPublicKey(hex: Self.prefixLikeHex)
        #expect(key.hex == Self.prefixLikeHex)
        for form in ["ed0120" + Self.prefixLikeHex, Self.prefixLikeHex.uppercased()] {
            #expect(try FIB.AuthorizationPublicKey(hex: form) == key, "\(form)")
        }
    }

    /// Three combining marks (6 UTF-8 bytes) after `ed0120`: 70 bytes, but not the prefix and 64 digits.
    static let markedPublicKey = "ed0120\u{301}\u{301}\u{301}" + String(publicHex.dropLast(6))

    @Test(
        "public keys: wrong length, bad hex or a wrong prefix are invalid_key",
        arguments: [
            "", "00", String(publicHex.dropLast()), String(publicHex.dropLast(2)), publicHex + "00",
            "ed01" + publicHex, "ed0121" + publicHex, "0120" + publicHex, "xx" + publicHex.dropFirst(2),
            " " + publicHex, publicHex + "\n", "ed0120" + publicHex.dropLast(2), markedPublicKey,
        ]
    )
    func publicKeyErrors(_ text: String) {
        #expect(throws: RequestSigningError.invalidKey) { try FIB.AuthorizationPublicKey(hex: text) }
    }

    @Test(
        "public keys of small order are weak_key",
        arguments: [
            "0100000000000000000000000000000000000000000000000000000000000000",
            "0000000000000000000000000000000000000000000000000000000000000000",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        ]
    )
    func weakPublicKeys(_ text: String) {
        #expect(throws: RequestSigningError.weakKey) { try FIB.AuthorizationPublicKey(hex: text) }
        #expect(throws: RequestSigningError.weakKey) { try FIB.AuthorizationPublicKey(hex: "ed0120" + text) }
    }

    @Test("private keys: 64-digit seed or 128-digit seed ‖ public key")
    func privateKeyForms() throws {
        let fromSeed = try FIB.AuthorizationPrivateKey(hex: Self.seedHex)
        let fromPair = try FIB.AuthorizationPrivateKey(hex: Self.seedHex + Self.publicHex)
        let upper = try FIB.AuthorizationPrivateKey(hex: (Self.seedHex + Self.publicHex).uppercased())
        #expect(fromSeed.publicKey.hex == Self.publicHex)
        #expect(fromPair.publicKey.hex == Self.publicHex)
        #expect(upper.publicKey.hex == Self.publicHex)
        #expect(fromSeed.hexRepresentation == Self.seedHex + Self.publicHex)
        let email = "alice@mail.com"
        #expect(fromSeed.signEmail(email) == fromPair.signEmail(email))
    }

    @Test("private keys: Iroha's multihash prefix, 802620 before a seed and 802640 before seed ‖ public key")
    func privateKeyMultihash() throws {
        let plain = try FIB.AuthorizationPrivateKey(hex: Self.seedHex)
        for form in [
            "802620" + Self.seedHex, "802620" + Self.seedHex.uppercased(),
            "802640" + Self.seedHex + Self.publicHex, ("802640" + Self.seedHex + Self.publicHex).uppercased(),
        ] {
            let key = try FIB.AuthorizationPrivateKey(hex: form)
            #expect(key.hexRepresentation == plain.hexRepresentation, "\(form.prefix(6))")
            #expect(key.publicKey == plain.publicKey)
        }
    }

    static let badMultihashKeys: [String] = {
        let seed = seedHex
        let pair = seedHex + publicHex
        let marks = String(repeating: "\u{301}", count: 32)
        let shortSeed = String(seedHex.dropLast(2))
        return [
            "802640" + seed, "802620" + pair, "802600" + seed, "8026ff" + seed, "802620" + shortSeed,
            "802720" + seed, "80262" + seed, "802620802620" + seed,
            // 32 combining marks (64 UTF-8 bytes) join the prefix's last digit into one character:
            // counted in bytes, this is 802640 before 32 bytes, a wrong length byte.
            "802640" + marks + seed,
            "802620" + "\u{200D}" + shortSeed,
        ]
    }()

    @Test("private keys: a public half that does not match the seed is invalid_key")
    func mismatchedPair() throws {
        var wrong = Array(Self.publicHex)
        wrong[10] = wrong[10] == "0" ? "1" : "0"
        #expect(throws: RequestSigningError.invalidKey) {
            try FIB.AuthorizationPrivateKey(hex: Self.seedHex + String(wrong))
        }
        let otherPublic = FIB.AuthorizationPrivateKey().publicKey.hex
        #expect(throws: RequestSigningError.invalidKey) {
            try FIB.AuthorizationPrivateKey(hex: Self.seedHex + otherPublic)
        }
    }

    static let badPlainKeys: [String] = [
        "", String(seedHex.dropLast()), String(seedHex.dropLast(2)), seedHex + "00",
        seedHex + publicHex + "00", "g" + seedHex.dropFirst(), "ed0120" + seedHex,
    ]

    @Test(
        "private keys: bad lengths, hex or multihash length bytes are invalid_key; errors never echo the key",
        arguments: badPlainKeys + badMultihashKeys
    )
    func privateKeyErrors(_ text: String) {
        do {
            _ = try FIB.AuthorizationPrivateKey(hex: text)
            Issue.record("accepted \(text.count) characters")
        } catch {
            #expect(error == .invalidKey)
            #expect(!error.reason.contains(Self.seedHex.prefix(16)))
        }
    }

    @Test("hex with a newline or spaces around it is refused, and the message says so")
    func surroundingWhiteSpace() {
        for padded in [Self.seedHex + "\n", " " + Self.seedHex, Self.seedHex + "\r\n", "\t" + Self.seedHex] {
            let error = #expect(throws: RequestSigningError.invalidKey) { try FIB.AuthorizationPrivateKey(hex: padded) }
            #expect(error?.reason.contains("white space") == true, "\(error?.reason ?? "")")
        }
        for padded in [Self.publicHex + "\n", " ed0120" + Self.publicHex] {
            let error = #expect(throws: RequestSigningError.invalidKey) { try FIB.AuthorizationPublicKey(hex: padded) }
            #expect(error?.reason.contains("white space") == true, "\(error?.reason ?? "")")
        }
    }

    @Test("a key of the wrong length or with bad digits: the message gives the expected form")
    func keyErrorMessagesNameTheForm() {
        for short in [String(Self.publicHex.dropLast(2)), Self.publicHex + "00", "ed0120" + Self.publicHex.dropLast(2)]
        {
            let error = #expect(throws: RequestSigningError.invalidKey) { try FIB.AuthorizationPublicKey(hex: short) }
            #expect(error?.reason.contains("64 hex digits") == true, "\(error?.reason ?? "")")
        }
        // Bad hex after Iroha's prefix: the message says where the digits were read from.
        let prefixed = "802620" + Self.seedHex.dropLast(2) + "zz"
        let error = #expect(throws: RequestSigningError.invalidKey) { try FIB.AuthorizationPrivateKey(hex: prefixed) }
        #expect(error?.reason.contains("after the multihash prefix") == true, "\(error?.reason ?? "")")
        let bare = Self.seedHex.dropLast(2) + "zz"
        let plain = #expect(throws: RequestSigningError.invalidKey) { try FIB.AuthorizationPrivateKey(hex: bare) }
        #expect(plain?.reason.contains("multihash") == false, "\(plain?.reason ?? "")")
    }

    @Test("a binary key read as text: the error gives where, never the byte (which is a byte of the key)")
    func binaryKeyErrorNamesNoByte() {
        // A raw 32-byte seed (or a 64-byte seed ‖ public key) piped where hex is expected: every
        // byte but the hex-looking ones is a secret byte the first time the decoder stops on it.
        let seed: [UInt8] = [0x11, 0x7E, 0x05, 0x6F] + (0..<28).map { UInt8(0x20 + $0) }
        for raw in [seed, seed + seed] {
            let text = String(decoding: raw, as: UTF8.self)
            let error = #expect(throws: RequestSigningError.invalidKey) { try FIB.AuthorizationPrivateKey(hex: text) }
            let reason = error?.reason ?? "0x"
            #expect(!reason.contains("0x"), "\(reason)")
            #expect(reason.contains("offset 0"), "\(reason)")
        }
    }

    @Test("private keys never print their secret")
    func redaction() throws {
        let key = try FIB.AuthorizationPrivateKey(hex: Self.seedHex)
        for text in [key.description, key.debugDescription, String(describing: key), String(reflecting: key)] {
            #expect(!text.contains(Self.seedHex))
            #expect(!text.lowercased().contains(Self.seedHex.prefix(16)))
        }
    }
}
