/// Signature mutations on the raw signature bytes: length, encodings (DER for ECDSA), values out
/// of range (s ≥ n, S ≥ L, zero), malleability (high-S), leading zero bytes for RSA.
extension Catalogue {
    /// The order of P-256's base point.
    static let p256Order: [UInt8] = hex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551")
    /// The order L of Ed25519's base point, little-endian as in a signature's S.
    static let ed25519Order: [UInt8] = hex("EDD3F55C1A631258D69CF7A2DEF9DE1400000000000000000000000000000010")

    static func signature(_ context: AlgorithmContext) -> [Mutation] {
        var mutations: [Mutation] = []
        func add(_ label: String, _ edit: @escaping Recipe.Edit) {
            mutations.append(Mutation("signature \(label)") { $0.signatureEdits.append(edit) })
        }
        add("without its last byte") { Array($0.dropLast()) }
        add("without its first byte") { Array($0.dropFirst()) }
        add("first half only") { Array($0.prefix($0.count / 2)) }
        add("with a zero byte appended") { $0 + [0] }
        add("with a zero byte prepended") { [0] + $0 }
        add("twice") { $0 + $0 }
        add("all zero bytes") { [UInt8](repeating: 0, count: $0.count) }
        add("all FF bytes") { [UInt8](repeating: 0xFF, count: $0.count) }
        mutations.append(Mutation("signature empty") { $0.signatureSource = .empty })
        mutations.append(
            Mutation(
                "signature with one bit flipped",
                random: { recipe, rng, _ in
                    let bit = rng.int(0...10_000)
                    recipe.signatureEdits.append { signature in
                        guard !signature.isEmpty else { return signature }
                        var signature = signature
                        signature[(bit / 8) % signature.count] ^= UInt8(1 << (bit % 8))
                        return signature
                    }
                }
            )
        )
        mutations.append(Mutation("signature of the unmutated token") { $0.signatureSource = .original })

        switch context.family {
        case .eddsa:
            add("S + L (non-canonical S)") { signature in
                guard signature.count == 64 else { return signature }
                let sum = BigEndianMath.add(signature[32...].reversed(), ed25519Order.reversed())
                return Array(signature[..<32]) + sum.dropFirst().reversed()
            }
            add("S with its top bit set") { signature in
                guard signature.count == 64 else { return signature }
                var signature = signature
                signature[63] |= 0x80
                return signature
            }
            add("R = identity point, S = 0") { _ in [1] + [UInt8](repeating: 0, count: 63) }
            add("S = 0") { Array($0.prefix(32)) + [UInt8](repeating: 0, count: 32) }
        case .ecdsa:
            func edit(_ label: String, _ transform: @escaping (_ r: [UInt8], _ s: [UInt8]) -> [UInt8]) {
                add(label) { signature in
                    guard signature.count == 64 else { return signature }
                    return transform(Array(signature[..<32]), Array(signature[32...]))
                }
            }
            let zero = [UInt8](repeating: 0, count: 32)
            edit("DER-encoded (not P1363)") { r, s in
                BigEndianMath.derSequence(BigEndianMath.derInteger(r) + BigEndianMath.derInteger(s))
            }
            edit("high-S (s' = n - s)") { r, s in r + BigEndianMath.subtract(p256Order, s) }
            edit("r = 0") { _, s in zero + s }
            edit("s = 0") { r, _ in r + zero }
            edit("r = s = 0") { _, _ in zero + zero }
            edit("r = n") { _, s in p256Order + s }
            edit("s = n") { r, _ in r + p256Order }
            edit("r and s swapped") { r, s in s + r }
            edit("r and s each with a leading zero byte (66 bytes)") { r, s in [0] + r + [0] + s }
            edit("s = n + s (33-byte s)") { r, s in r + BigEndianMath.add(s, p256Order).drop { $0 == 0 } }
        case .rsa:
            let modulus = context.modulus
            add("s = n") { _ in modulus }
            add("s = n - 1") { _ in BigEndianMath.subtract(modulus, BigEndianMath.padded([1], to: modulus.count)) }
            add("s = 1") { BigEndianMath.padded([1], to: $0.count) }
            add("s + n (one byte longer)") { $0.count == modulus.count ? BigEndianMath.add($0, modulus) : $0 }
            if let jti = context.leadingZeroJTI {
                mutations.append(
                    Mutation("signature with its leading zero byte stripped", standalone: true) { recipe in
                        recipe.setPayload("jti", JSONText.string(jti))
                        recipe.signatureEdits.append { $0.first == 0 ? Array($0.dropFirst()) : $0 }
                    }
                )
                mutations.append(
                    Mutation("signature starting with a zero byte, intact (control)", standalone: true) { recipe in
                        recipe.setPayload("jti", JSONText.string(jti))
                    }
                )
            }
        case .hmac:
            add("truncated to 16 bytes") { Array($0.prefix(16)) }
            add("truncated to 31 bytes") { Array($0.prefix(31)) }
        }
        return mutations
    }

    static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }
}
