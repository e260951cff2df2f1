internal import CLibcrypto

/// The consistency check an imported RSA private key passes once, before it may sign.
///
/// OpenSSL's `EVP_PKEY_check` starts with Miller–Rabin tests of `p` and `q` whatever their size,
/// before it compares `p·q` with `n`: a JWK whose `p` is a 64 KiB number stalls it for hours, and a
/// genuine 8192-bit key takes 5–6 s. Like BoringSSL, this check does no primality test. It bounds
/// every component by the modulus first, then checks the relations that signing relies on, all in
/// time polynomial in the modulus size:
///
/// - `n` odd, `e` odd and at least 3;
/// - `n = p·q`, with `1 < p, q`;
/// - `0 < d < n`, `e·d ≡ 1 (mod p−1)` and `(mod q−1)`;
/// - `dp = d mod (p−1)`, `dq = d mod (q−1)`, `0 < qi < p` and `qi·q ≡ 1 (mod p)`.
///
/// A composite "prime" that satisfies all of these still fails the signing round trip the
/// private key runs afterwards, except for the Carmichael-like cases in which signing works anyway.
struct RSAPrivateKeyCheck {
    private let n: BigNumber
    private let e: BigNumber
    private let d: BigNumber
    private let p: BigNumber
    private let q: BigNumber
    private let dp: BigNumber
    private let dq: BigNumber
    private let qi: BigNumber

    /// Reads the components of `key`; a key without its CRT values is refused, since every
    /// format this library reads carries them. (Multi-prime keys never get here: the PKCS#1
    /// reader and the JWK reader refuse them as `unsupported_key`.)
    init(_ key: PKey) throws(CryptoError) {
        func component(_ name: UnsafePointer<CChar>) throws(CryptoError) -> BigNumber {
            do {
                return try key.bigNumber(name)
            } catch {
                throw CryptoError(.invalidKey, "the RSA private key lacks \(String(cString: name))")
            }
        }
        n = try component(vk_param_rsa_n())
        e = try component(vk_param_rsa_e())
        d = try component(vk_param_rsa_d())
        p = try component(vk_param_rsa_factor1())
        q = try component(vk_param_rsa_factor2())
        dp = try component(vk_param_rsa_exponent1())
        dq = try component(vk_param_rsa_exponent2())
        qi = try component(vk_param_rsa_coefficient1())
    }

    /// Throws `invalid_key` naming the first private component with more bits than the modulus, as
    /// ``run()`` does; `components` are n, e, d, p, q, dp, dq, qi as big-endian bytes.
    ///
    /// For the import paths, on the bytes before `EVP_PKEY_fromdata` sees them: newer OpenSSL (3.5
    /// here, since openssl/openssl#25190) refuses such a key there with only "invalid keypair",
    /// where 3.0 builds it and leaves the refusal to ``run()``; checking first gives one reason on
    /// every libcrypto.
    static func requireWithinModulus(_ components: [[UInt8]]) throws(CryptoError) {
        let (n, d, p, q, dp, dq, qi) = (
            components[0], components[2], components[3], components[4], components[5], components[6], components[7]
        )
        let modulusBits = bitCount(n)
        for (name, value) in [("p", p), ("q", q), ("d", d), ("dp", dp), ("dq", dq), ("qi", qi)]
        where bitCount(value) > modulusBits {
            throw CryptoError(.invalidKey, "RSA private key component \(name) is larger than the modulus")
        }
    }

    /// The bit length of a big-endian unsigned integer (leading zero bytes allowed).
    private static func bitCount(_ bytes: [UInt8]) -> Int {
        guard let first = bytes.firstIndex(where: { $0 != 0 }) else { return 0 }
        return (bytes.count - first) * 8 - bytes[first].leadingZeroBitCount
    }

    /// Throws `invalid_key` naming the first relation that does not hold.
    func run() throws(CryptoError) {
        // Sizes first: everything after is then bounded by the modulus, whatever the input.
        let modulusBits = n.bitCount
        for (name, value) in [("p", p), ("q", q), ("d", d), ("dp", dp), ("dq", dq), ("qi", qi)]
        where value.bitCount > modulusBits {
            throw CryptoError(.invalidKey, "RSA private key component \(name) is larger than the modulus")
        }
        // As BoringSSL: an odd modulus and an odd e ≥ 3. With e = 1 (and d = 1) every relation
        // below holds and the round trip passes, but a "signature" is then the padded hash itself.
        try require(
            n.withPointer({ BN_is_odd($0) }) == 1 && e.withPointer({ BN_is_odd($0) }) == 1 && e.bitCount >= 2,
            "the modulus and the public exponent must be odd, and the exponent at least 3"
        )
        guard let context = BN_CTX_new() else {
            throw CryptoError.openSSL(.libraryFailure, "cannot allocate a big-number context")
        }
        defer { BN_CTX_free(context) }
        let product = try BigNumber()
        let pMinusOne = try BigNumber()
        let qMinusOne = try BigNumber()
        let scratch = try BigNumber()
        try require(!p.isZero && !q.isZero && !d.isZero && !qi.isZero, "a zero component")
        try require(
            withPointers(product, p, q, context) { r, p, q, ctx in BN_mul(r, p, q, ctx) == 1 }
                && compare(product, n) == 0,
            "p·q is not the modulus"
        )
        try require(compare(d, n) < 0 && compare(qi, p) < 0, "d or qi out of range")
        try require(copyMinusOne(p, into: pMinusOne) && copyMinusOne(q, into: qMinusOne), "p or q is 1")
        try require(!pMinusOne.isZero && !qMinusOne.isZero, "p or q is 1")
        for (exponent, modulus, name) in [(dp, pMinusOne, "dp"), (dq, qMinusOne, "dq")] {
            // dp = d mod (p−1) and e·d ≡ 1 (mod p−1); likewise for q.
            try require(
                withPointers(scratch, d, modulus, context) { r, d, m, ctx in BN_nnmod(r, d, m, ctx) == 1 }
                    && compare(scratch, exponent) == 0,
                "\(name) is not d mod (\(name == "dp" ? "p" : "q")−1)"
            )
            try require(
                withPointers(scratch, e, d, modulus, context) { r, e, d, m, ctx in BN_mod_mul(r, e, d, m, ctx) == 1 }
                    && scratch.withPointer({ BN_is_one($0) }) == 1,
                "e·d is not 1 modulo \(name == "dp" ? "p" : "q")−1"
            )
        }
        try require(
            withPointers(scratch, qi, q, p, context) { r, qi, q, p, ctx in BN_mod_mul(r, qi, q, p, ctx) == 1 }
                && scratch.withPointer({ BN_is_one($0) }) == 1,
            "qi·q is not 1 modulo p"
        )
    }

    private func require(_ condition: Bool, _ what: String) throws(CryptoError) {
        guard condition else {
            clearOpenSSLErrors()
            throw CryptoError(.invalidKey, "the RSA private key components are inconsistent: \(what)")
        }
    }

    private func compare(_ a: BigNumber, _ b: BigNumber) -> Int32 {
        a.withPointer { a in b.withPointer { b in BN_cmp(a, b) } }
    }

    /// `target = value − 1`; false if OpenSSL fails.
    private func copyMinusOne(_ value: BigNumber, into target: BigNumber) -> Bool {
        target.withPointer { target in
            value.withPointer { value in BN_copy(target, value) != nil } && BN_sub_word(target, 1) == 1
        }
    }

    private func withPointers(
        _ result: BigNumber,
        _ a: BigNumber,
        _ b: BigNumber,
        _ context: OpaquePointer,
        _ body: (OpaquePointer, OpaquePointer, OpaquePointer, OpaquePointer) -> Bool
    ) -> Bool {
        result.withPointer { r in a.withPointer { a in b.withPointer { b in body(r, a, b, context) } } }
    }

    private func withPointers(
        _ result: BigNumber,
        _ a: BigNumber,
        _ b: BigNumber,
        _ c: BigNumber,
        _ context: OpaquePointer,
        _ body: (OpaquePointer, OpaquePointer, OpaquePointer, OpaquePointer, OpaquePointer) -> Bool
    ) -> Bool {
        result.withPointer { r in
            a.withPointer { a in b.withPointer { b in c.withPointer { c in body(r, a, b, c, context) } } }
        }
    }
}
