/// Every mutation for one algorithm.
enum Catalogue {
    static func all(_ context: AlgorithmContext) -> [Mutation] {
        header(context) + payload(context) + encoding(context) + signature(context) + token() + random()
    }

    /// Encoding mutations on the three segments: padding, the standard alphabet, non-canonical
    /// trailing bits, line breaks and other bytes. Header and payload changes are re-signed (the
    /// signing input is the encoded text), the signature segment's are not needed.
    static func encoding(_ context: AlgorithmContext) -> [Mutation] {
        var mutations: [Mutation] = []
        let segments: [(String, WritableKeyPath<Recipe, [Recipe.Edit]>, Part?)] = [
            ("header", \.headerSegmentEdits, .header), ("payload", \.payloadSegmentEdits, .payload),
            ("signature", \.signatureSegmentEdits, nil),
        ]
        for (name, edits, part) in segments {
            let context = context
            func add(_ label: String, modulo3: Int? = nil, long: Bool = false, _ edit: @escaping Recipe.Edit) {
                mutations.append(
                    Mutation("\(name) segment \(label)") { recipe in
                        if let part, let modulo3 { recipe[keyPath: part.lengthModulo3] = modulo3 }
                        if let part, long {
                            // Long enough for the edit to apply (the header alone is under 64 characters).
                            let x = Recipe.freshName("x", in: recipe[keyPath: part.members])
                            recipe[keyPath: part.members].append(
                                Member(x, JSONText.string(String(repeating: "l", count: 80)))
                            )
                        }
                        recipe[keyPath: edits].append(edit)
                    }
                )
            }
            add("with = padding", modulo3: 1) { segment in
                let missing: Int = (4 - segment.count % 4) % 4
                return segment + [UInt8](repeating: UInt8(ascii: "="), count: missing)
            }
            add("with one = too few", modulo3: 1) { $0.count % 4 == 2 ? $0 + [UInt8(ascii: "=")] : $0 }
            add("with == on a full group", modulo3: 0) { $0 + Array("==".utf8) }
            add("padding as %3D", modulo3: 1) { segment in
                let missing: Int = (4 - segment.count % 4) % 4
                var padded = segment
                for _ in 0..<missing { padded += Array("%3D".utf8) }
                return padded
            }
            add("non-canonical trailing bits (4 unused)", modulo3: 1, Base64Edit.setUnusedBits)
            add("non-canonical trailing bits (2 unused)", modulo3: 2, Base64Edit.setUnusedBits)
            add("length 1 mod 4 (extra A)") { $0 + [UInt8(ascii: "A")] }
            add("empty") { _ in [] }
            for (label, bytes) in [
                ("LF", [0x0A]), ("CRLF", [0x0D, 0x0A]), ("space", [0x20]), ("tab", [0x09]), ("*", [0x2A]),
                ("= inside", [0x3D]), ("%", [0x25]), ("é (C3 A9)", [0xC3, 0xA9]), ("NUL", [0x00]),
            ] as [(String, [UInt8])] {
                add("with \(label) in the middle", ByteEdit.insert(bytes, atFraction: 0.5))
            }
            add("with a line break every 64 characters", long: true) { bytes in
                var wrapped: [UInt8] = []
                for (offset, byte) in bytes.enumerated() {
                    if offset > 0 && offset % 64 == 0 { wrapped += [0x0D, 0x0A] }
                    wrapped.append(byte)
                }
                return wrapped
            }
            add("with a trailing LF") { $0 + [0x0A] }
            mutations.append(
                Mutation("\(name) segment in the standard alphabet (+ and /)") { recipe in
                    if let part {
                        // Bytes whose encoding has `-` and `_` at every alignment.
                        let x = Recipe.freshName("x", in: recipe[keyPath: part.members])
                        recipe[keyPath: part.members].append(Member(x, "\"~~~~~~??????\""))
                    } else {
                        // Claims whose signature has a `-` or `_` (unless another mutation changes them).
                        recipe.setPayload("jti", JSONText.string(context.urlSafeCharacterJTI))
                    }
                    recipe[keyPath: edits].append(Base64Edit.standardAlphabet)
                }
            )
        }
        return mutations
    }

    /// Whole-token mutations: segment counts, surrounding bytes, swaps, size.
    static func token() -> [Mutation] {
        var mutations: [Mutation] = []
        func add(_ label: String, _ edit: @escaping Recipe.Edit) {
            mutations.append(Mutation("token \(label)") { $0.tokenEdits.append(edit) })
        }
        add("with a trailing dot") { $0 + [0x2E] }
        add("with a leading dot") { [0x2E] + $0 }
        add("with a fourth segment") { $0 + Array(".AAAA".utf8) }
        add("with five segments (JWE shape)") { $0 + Array(".AAAA.AAAA".utf8) }
        add("without the signature segment") { token in token.lastIndex(of: 0x2E).map { Array(token[..<$0]) } ?? token }
        add("with the dots doubled") { token in
            token.flatMap { (byte: UInt8) -> [UInt8] in byte == 0x2E ? [0x2E, 0x2E] : [byte] }
        }
        add("with the dots percent-encoded") { token in
            token.flatMap { (byte: UInt8) -> [UInt8] in byte == 0x2E ? Array("%2E".utf8) : [byte] }
        }
        for (label, bytes) in [
            ("space", [0x20]), ("LF", [0x0A]), ("CRLF", [0x0D, 0x0A]), ("NUL", [0x00]), ("tab", [0x09]),
        ] as [(String, [UInt8])] {
            add("with a leading \(label)", ByteEdit.prefix(bytes))
            add("with a trailing \(label)", ByteEdit.suffix(bytes))
        }
        add("with a Bearer prefix", ByteEdit.prefix(Array("Bearer ".utf8)))
        add("twice, joined by a dot") { $0 + [0x2E] + $0 }
        add("with header and payload swapped") { token in
            let parts = token.split(separator: 0x2E, omittingEmptySubsequences: false)
            guard parts.count == 3 else { return token }
            return Array(parts[1]) + [0x2E] + Array(parts[0]) + [0x2E] + Array(parts[2])
        }
        add("upper-cased") { $0.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 } }
        add("empty") { _ in [] }
        add("only dots") { _ in Array("..".utf8) }
        return mutations
    }

    /// Random byte damage anywhere in the token (mostly for crashes; the signature catches most).
    static func random() -> [Mutation] {
        [
            Mutation(
                "random: one byte replaced by a random byte",
                random: { recipe, rng, _ in
                    let position = Double(rng.int(0...999)) / 1000
                    let byte = rng.byte()
                    recipe.tokenEdits.append { token in
                        guard !token.isEmpty else { return token }
                        var token = token
                        token[Int(Double(token.count) * position)] = byte
                        return token
                    }
                }
            ),
            Mutation(
                "random: one bit flipped",
                random: { recipe, rng, _ in
                    let position = Double(rng.int(0...999)) / 1000
                    let bit = UInt8(1) << UInt8(rng.int(0...7))
                    recipe.tokenEdits.append { token in
                        guard !token.isEmpty else { return token }
                        var token = token
                        token[Int(Double(token.count) * position)] ^= bit
                        return token
                    }
                }
            ),
            Mutation(
                "random: one byte inserted",
                random: { recipe, rng, _ in
                    let position = Double(rng.int(0...1000)) / 1000
                    let byte = rng.byte()
                    recipe.tokenEdits.append(ByteEdit.insert([byte], atFraction: position))
                }
            ),
            Mutation(
                "random: one byte deleted",
                random: { recipe, rng, _ in
                    let position = Double(rng.int(0...999)) / 1000
                    recipe.tokenEdits.append { token in
                        guard !token.isEmpty else { return token }
                        var token = token
                        token.remove(at: Int(Double(token.count) * position))
                        return token
                    }
                }
            ),
            Mutation(
                "random: truncated",
                random: { recipe, rng, _ in
                    let position = Double(rng.int(0...999)) / 1000
                    recipe.tokenEdits.append { Array($0.prefix(Int(Double($0.count) * position))) }
                }
            ),
        ]
    }
}

/// Base64url-specific edits.
enum Base64Edit {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Sets the lowest unused bit of the last character (a segment of length 2 or 3 mod 4).
    static func setUnusedBits(_ segment: [UInt8]) -> [UInt8] {
        guard segment.count % 4 >= 2, let last = segment.last, let value = alphabet.firstIndex(of: last) else {
            return segment
        }
        var segment = segment
        segment[segment.count - 1] = alphabet[value | 1]
        return segment
    }

    /// `-` and `_` written as the standard alphabet's `+` and `/`.
    static func standardAlphabet(_ segment: [UInt8]) -> [UInt8] {
        segment.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "+") : $0 == UInt8(ascii: "_") ? UInt8(ascii: "/") : $0 }
    }
}
