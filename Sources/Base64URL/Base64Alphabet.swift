/// The shared encoding and decoding loops, parameterised by alphabet.
///
/// Both loops are generic over the input collection so that one implementation serves the
/// `UnsafeBufferPointer` fast path (into which the generic code is specialised) and the fallback for
/// non-contiguous collections.
struct Base64Alphabet: Sendable {
    /// "base64" or "base64url", for error messages.
    let name: String
    /// Whether `=` in the input is misplaced padding (standard) or simply not in the alphabet (url).
    let padded: Bool
    /// The 64 output characters.
    let characters: [UInt8]
    /// Six-bit value for each byte, 0xFF for bytes outside the alphabet.
    let values: [UInt8]
    /// Four 256-entry tables, one per position in a group of four characters: the character's six
    /// bits already in place in the group's three output bytes as they lie in memory (the 24-bit
    /// group shifted up by 8 and stored big-endian), or ``invalidBits`` outside the alphabet. A
    /// group then costs four look-ups, three ORs, one test and one four-byte store, no byte swap.
    let groupBits: [UInt32]

    /// Set in a `groupBits` entry for a byte outside the alphabet: the fourth byte in memory, which
    /// valid groups never use (the store of the next group overwrites it).
    /// A literal per byte order, so the loops test against a constant.
    #if _endian(little)
    static let invalidBits: UInt32 = 0xFF00_0000
    #else
    static let invalidBits: UInt32 = 0x0000_00FF
    #endif

    private init(name: String, padded: Bool, last2: String) {
        self.name = name
        self.padded = padded
        characters = Array(("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" + last2).utf8)
        var values = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in characters.enumerated() {
            values[Int(character)] = UInt8(value)
        }
        self.values = values
        var groupBits = [UInt32](repeating: Self.invalidBits, count: 4 * 256)
        for position in 0..<4 {
            for (value, character) in characters.enumerated() {
                groupBits[position * 256 + Int(character)] = (UInt32(value) &<< (26 - 6 * position)).bigEndian
            }
        }
        self.groupBits = groupBits
    }

    static let standard = Base64Alphabet(name: "base64", padded: true, last2: "+/")
    static let url = Base64Alphabet(name: "base64url", padded: false, last2: "-_")

    // MARK: Lengths

    /// Unpadded encoded length, or nil if negative or not representable.
    static func unpaddedLength(forByteCount count: Int) -> Int? {
        guard count >= 0 else { return nil }
        let remainder = count % 3
        let (groups, overflow) = (count / 3).multipliedReportingOverflow(by: 4)
        let (length, overflow2) = groups.addingReportingOverflow(remainder == 0 ? 0 : remainder + 1)
        return overflow || overflow2 ? nil : length
    }

    /// Padded encoded length, or nil if negative or not representable.
    static func paddedLength(forByteCount count: Int) -> Int? {
        guard count >= 0 else { return nil }
        let (groups, overflow) = (count / 3).multipliedReportingOverflow(by: 4)
        let (length, overflow2) = groups.addingReportingOverflow(count % 3 == 0 ? 0 : 4)
        return overflow || overflow2 ? nil : length
    }

    /// Decoded length of an unpadded body whose length is not 4n+1. Cannot overflow: the result is
    /// smaller than `count`.
    static func decodedLength(forUnpaddedLength count: Int) -> Int {
        let remainder = count % 4
        return count / 4 * 3 + (remainder == 0 ? 0 : remainder - 1)
    }

    // MARK: Encoding

    /// Encodes `input` (exactly `count` elements) into `output`, which must hold the encoded length.
    /// Returns the number of characters written.
    func encode(
        _ input: some Collection<UInt8>,
        count: Int,
        pad: Bool,
        into output: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        characters.withUnsafeBufferPointer { alphabet in
            var index = input.startIndex
            var out = 0
            for _ in 0..<(count / 3) {
                let b0 = input[index]
                input.formIndex(after: &index)
                let b1 = input[index]
                input.formIndex(after: &index)
                let b2 = input[index]
                input.formIndex(after: &index)
                output[out] = alphabet[Int(b0 &>> 2)]
                output[out &+ 1] = alphabet[Int((b0 & 0x03) &<< 4 | b1 &>> 4)]
                output[out &+ 2] = alphabet[Int((b1 & 0x0F) &<< 2 | b2 &>> 6)]
                output[out &+ 3] = alphabet[Int(b2 & 0x3F)]
                out &+= 4
            }
            switch count % 3 {
            case 1:
                let b0 = input[index]
                output[out] = alphabet[Int(b0 &>> 2)]
                output[out &+ 1] = alphabet[Int((b0 & 0x03) &<< 4)]
                out &+= 2
                if pad {
                    output[out] = UInt8(ascii: "=")
                    output[out &+ 1] = UInt8(ascii: "=")
                    out &+= 2
                }
            case 2:
                let b0 = input[index]
                input.formIndex(after: &index)
                let b1 = input[index]
                output[out] = alphabet[Int(b0 &>> 2)]
                output[out &+ 1] = alphabet[Int((b0 & 0x03) &<< 4 | b1 &>> 4)]
                output[out &+ 2] = alphabet[Int((b1 & 0x0F) &<< 2)]
                out &+= 3
                if pad {
                    output[out] = UInt8(ascii: "=")
                    out &+= 1
                }
            default:
                break
            }
            return out
        }
    }

    func encodeToString(_ input: some Collection<UInt8>, pad: Bool) -> String {
        let count = input.count
        // A length that overflows Int cannot be allocated; String's own allocation limit applies.
        let length = (pad ? Self.paddedLength(forByteCount: count) : Self.unpaddedLength(forByteCount: count)) ?? .max
        let encoded = input.withContiguousStorageIfAvailable { buffer in
            String(unsafeUninitializedCapacity: length) { encode(buffer, count: count, pad: pad, into: $0) }
        }
        if let encoded {
            return encoded
        }
        return String(unsafeUninitializedCapacity: length) { encode(input, count: count, pad: pad, into: $0) }
    }

    func encodeToBytes(_ input: some Collection<UInt8>, pad: Bool) -> [UInt8] {
        let count = input.count
        let length = (pad ? Self.paddedLength(forByteCount: count) : Self.unpaddedLength(forByteCount: count)) ?? .max
        guard length > 0 else { return [] }  // see `Base64URL.decodeToArray`
        let encoded = input.withContiguousStorageIfAvailable { buffer in
            [UInt8](unsafeUninitializedCapacity: length) { output, written in
                written = encode(buffer, count: count, pad: pad, into: output)
            }
        }
        if let encoded {
            return encoded
        }
        return [UInt8](unsafeUninitializedCapacity: length) { output, written in
            written = encode(input, count: count, pad: pad, into: output)
        }
    }

    // MARK: Decoding

    /// Decodes the first `count` characters of `input` as unpadded text into `output`.
    ///
    /// The caller has rejected `count % 4 == 1`. Checks the output size, every character (left to
    /// right) and the unused trailing bits. Returns the number of bytes written.
    func decodeUnpadded(
        _ input: some Collection<UInt8>,
        count: Int,
        into output: UnsafeMutableBufferPointer<UInt8>
    ) throws(Base64DecodingError) -> Int {
        let decodedLength = Self.decodedLength(forUnpaddedLength: count)
        guard output.count >= decodedLength else {
            throw outputTooSmall()
        }
        let contiguous: Base64DecodingError?? = input.withContiguousStorageIfAvailable { buffer in
            decodeContiguous(buffer, count: count, into: output)
                ? nil : contiguousFailure(buffer, count: count, into: output)
        }
        let failure = contiguous ?? decodeByIndex(input, count: count, into: output)
        if let failure {
            throw failure
        }
        return decodedLength
    }

    /// ``decodeUnpadded(_:count:into:)`` for a buffer, without the generic contiguity check.
    ///
    /// Inlined with the loop into its one caller, `Base64URL.decode(_:into:)`: as four nested
    /// calls (this, the loop, its table closure, the tail) the verifier paid about 200
    /// instructions per segment in prologues and optional-error copies.
    @inline(__always)
    func decodeUnpadded(
        _ input: UnsafeBufferPointer<UInt8>,
        into output: UnsafeMutableBufferPointer<UInt8>
    ) throws(Base64DecodingError) -> Int {
        let count = input.count
        let decodedLength = Self.decodedLength(forUnpaddedLength: count)
        guard output.count >= decodedLength else {
            throw outputTooSmall()
        }
        guard decodeContiguous(input, count: count, into: output) else {
            throw contiguousFailure(input, count: count, into: output)
        }
        return decodedLength
    }

    @inline(never)
    private func outputTooSmall() -> Base64DecodingError {
        Base64DecodingError(code: .outputTooSmall, offset: 0, encoding: name)
    }

    /// The error for contiguous input that ``decodeContiguous(_:count:into:)`` refused. The general
    /// loop applies the same rules in the same order (characters left to right, then the unused
    /// trailing bits), so it reports the first fault; out of line, so that building the error
    /// costs the success path nothing.
    @inline(never)
    private func contiguousFailure(
        _ input: UnsafeBufferPointer<UInt8>,
        count: Int,
        into output: UnsafeMutableBufferPointer<UInt8>
    ) -> Base64DecodingError {
        if let failure = decodeByIndex(input, count: count, into: output) {
            return failure
        }
        // Both loops apply the same rules; should they ever disagree, refuse rather than accept.
        assertionFailure("the contiguous base64 loop refused input the general loop accepts")
        return Base64DecodingError(code: .invalidCharacter, offset: 0, encoding: name)
    }

    /// The loop for contiguous input (every token the verifier reads): raw pointers, pre-shifted
    /// tables, and a four-byte store per group whose spare byte the next group overwrites.
    /// Returns whether the input is valid; it only tells valid from invalid, and
    /// ``contiguousFailure(_:count:into:)`` says why.
    @inline(__always)
    private func decodeContiguous(
        _ input: UnsafeBufferPointer<UInt8>,
        count: Int,
        into output: UnsafeMutableBufferPointer<UInt8>
    ) -> Bool {
        guard let source = input.baseAddress, let target = output.baseAddress else {
            // Empty input (an empty output for a longer one is already ruled out by the length check).
            return true
        }
        return groupBits.withUnsafeBufferPointer { tables in
            guard let table = tables.baseAddress else { return false }
            @inline(__always) func bits(_ at: UnsafePointer<UInt8>) -> UInt32 {
                table[Int(at[0])] | table[256 &+ Int(at[1])] | table[512 &+ Int(at[2])] | table[768 &+ Int(at[3])]
            }
            var read = source
            var write = UnsafeMutableRawPointer(target)
            let groups = count / 4
            if groups > 0 {
                // Every group but the last stores four bytes, one past its own three, which the
                // next group's store overwrites. Four groups per step share one validity test.
                let lastGroup = source + (groups &- 1) &* 4
                while lastGroup - read >= 16 {
                    let first = bits(read)
                    let second = bits(read + 4)
                    let third = bits(read + 8)
                    let fourth = bits(read + 12)
                    guard (first | second | third | fourth) & Self.invalidBits == 0 else { return false }
                    write.storeBytes(of: first, as: UInt32.self)
                    write.storeBytes(of: second, toByteOffset: 3, as: UInt32.self)
                    write.storeBytes(of: third, toByteOffset: 6, as: UInt32.self)
                    write.storeBytes(of: fourth, toByteOffset: 9, as: UInt32.self)
                    read += 16
                    write += 12
                }
                while read < lastGroup {
                    let group = bits(read)
                    guard group & Self.invalidBits == 0 else { return false }
                    write.storeBytes(of: group, as: UInt32.self)
                    read += 4
                    write += 3
                }
                let bitsOfLast = bits(read)
                guard bitsOfLast & Self.invalidBits == 0 else { return false }
                // The 24-bit group shifted up by 8, in native byte order.
                let last = UInt32(bigEndian: bitsOfLast)
                write.storeBytes(of: UInt8(truncatingIfNeeded: last &>> 24), as: UInt8.self)
                write.storeBytes(of: UInt8(truncatingIfNeeded: last &>> 16), toByteOffset: 1, as: UInt8.self)
                write.storeBytes(of: UInt8(truncatingIfNeeded: last &>> 8), toByteOffset: 2, as: UInt8.self)
                read += 4
                write += 3
            }
            // A final group of 2 or 3 characters, through the same tables: its value sits in the
            // top bits as in a full group, so the unused bits are those just below its bytes.
            let remainder = count &- groups &* 4
            guard remainder >= 2 else { return true }
            var tail = table[Int(read[0])] | table[256 &+ Int(read[1])]
            if remainder == 3 {
                tail |= table[512 &+ Int(read[2])]
            }
            guard tail & Self.invalidBits == 0 else { return false }
            let value = UInt32(bigEndian: tail)
            write.storeBytes(of: UInt8(truncatingIfNeeded: value &>> 24), as: UInt8.self)
            if remainder == 2 {
                // One byte uses 8 of the 12 bits; the low 4 bits of the second character are unused.
                return value & 0x00F0_0000 == 0
            }
            // Two bytes use 16 of the 18 bits; the low 2 bits of the third character are unused.
            write.storeBytes(of: UInt8(truncatingIfNeeded: value &>> 16), toByteOffset: 1, as: UInt8.self)
            return value & 0x0000_C000 == 0
        }
    }

    /// The general loop, for collections that are not contiguous.
    private func decodeByIndex(
        _ input: some Collection<UInt8>,
        count: Int,
        into output: UnsafeMutableBufferPointer<UInt8>
    ) -> Base64DecodingError? {
        values.withUnsafeBufferPointer { table in
            var index = input.startIndex
            var out = 0
            var offset = 0
            for _ in 0..<(count / 4) {
                let c0 = input[index]
                input.formIndex(after: &index)
                let c1 = input[index]
                input.formIndex(after: &index)
                let c2 = input[index]
                input.formIndex(after: &index)
                let c3 = input[index]
                input.formIndex(after: &index)
                let v0 = table[Int(c0)]
                let v1 = table[Int(c1)]
                let v2 = table[Int(c2)]
                let v3 = table[Int(c3)]
                // Invalid entries are 0xFF, so one test covers all four on the common path.
                guard (v0 | v1 | v2 | v3) & 0xC0 == 0 else {
                    return characterError(in: (c0, c1, c2, c3), values: (v0, v1, v2, v3), at: offset)
                }
                let bits = UInt32(v0) &<< 18 | UInt32(v1) &<< 12 | UInt32(v2) &<< 6 | UInt32(v3)
                output[out] = UInt8(truncatingIfNeeded: bits &>> 16)
                output[out &+ 1] = UInt8(truncatingIfNeeded: bits &>> 8)
                output[out &+ 2] = UInt8(truncatingIfNeeded: bits)
                out &+= 3
                offset &+= 4
            }
            let remainder = count % 4
            guard remainder >= 2 else { return nil }
            let c0 = input[index]
            input.formIndex(after: &index)
            let c1 = input[index]
            let c2 = remainder == 3 ? input[input.index(after: index)] : UInt8(ascii: "A")
            return finishGroup((c0, c1, c2), remainder: remainder, table: table, into: output, at: out, offset: offset)
        }
    }

    /// Decodes a final group of two or three characters (`c2` is a placeholder `A` for two) and
    /// checks that the bits the output does not use are zero.
    private func finishGroup(
        _ characters: (UInt8, UInt8, UInt8),
        remainder: Int,
        table: UnsafeBufferPointer<UInt8>,
        into output: UnsafeMutableBufferPointer<UInt8>,
        at out: Int,
        offset: Int
    ) -> Base64DecodingError? {
        let (c0, c1, c2) = characters
        let v0 = table[Int(c0)]
        let v1 = table[Int(c1)]
        let v2 = table[Int(c2)]
        guard (v0 | v1 | v2) & 0xC0 == 0 else {
            return characterError(in: (c0, c1, c2, UInt8(ascii: "A")), values: (v0, v1, v2, 0), at: offset)
        }
        output[out] = v0 &<< 2 | v1 &>> 4
        if remainder == 2 {
            // One byte uses 8 of the 12 bits; the low 4 bits of the second character are unused.
            guard v1 & 0x0F == 0 else {
                return Base64DecodingError(code: .nonCanonical, offset: offset &+ 1, encoding: name)
            }
        } else {
            // Two bytes use 16 of the 18 bits; the low 2 bits of the third character are unused.
            guard v2 & 0x03 == 0 else {
                return Base64DecodingError(code: .nonCanonical, offset: offset &+ 2, encoding: name)
            }
            output[out &+ 1] = v1 &<< 4 | v2 &>> 2
        }
        return nil
    }
    /// Builds the error for the first invalid character of a group; kept out of the loop body.
    private func characterError(
        in characters: (UInt8, UInt8, UInt8, UInt8),
        values: (UInt8, UInt8, UInt8, UInt8),
        at offset: Int
    ) -> Base64DecodingError {
        let (position, byte): (Int, UInt8) =
            if values.0 & 0xC0 != 0 {
                (0, characters.0)
            } else if values.1 & 0xC0 != 0 {
                (1, characters.1)
            } else if values.2 & 0xC0 != 0 {
                (2, characters.2)
            } else {
                (3, characters.3)
            }
        let code: Base64DecodingError.Code =
            padded && byte == UInt8(ascii: "=") ? .invalidPadding : .invalidCharacter
        return Base64DecodingError(code: code, offset: offset &+ position, byte: byte, encoding: name)
    }
}
