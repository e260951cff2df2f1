/// Conversion of a fixed-length r ‖ s (IEEE P1363) ECDSA signature to the DER
/// `SEQUENCE { INTEGER r, INTEGER s }` that OpenSSL verifies.
///
/// Written out directly rather than through `ECDSA_SIG` and two `BIGNUM`s: three allocations fewer
/// per verification. The encoding is canonical DER, and OpenSSL re-encodes what it parses and
/// compares, so a mistake here could only reject, never accept. Range checks (0 < r, s < n) are
/// OpenSSL's.
enum ECDSASignatureDER {
    /// Enough for P-521: two 66-byte integers, each with a sign byte and a 2-byte header, plus a
    /// 3-byte sequence header.
    static let maximumByteCount = 3 + 2 * (2 + 1 + 66)

    /// Encodes `p1363` (whose two halves are r and s) into `output`, returning the length written.
    /// Each half must be at most 66 bytes and `output` at least ``maximumByteCount`` bytes.
    static func encode(p1363: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        let half = p1363.count / 2
        precondition(half <= 66 && output.count >= maximumByteCount)
        let r = UnsafeRawBufferPointer(rebasing: p1363[..<half])
        let s = UnsafeRawBufferPointer(rebasing: p1363[half..<(2 * half)])
        let rLength = integerContentLength(r)
        let sLength = integerContentLength(s)
        let contentLength = 2 + rLength + 2 + sLength
        var offset = 0
        output[offset] = 0x30
        offset += 1
        if contentLength >= 0x80 {
            output[offset] = 0x81
            offset += 1
        }
        output[offset] = UInt8(contentLength)
        offset += 1
        offset = writeInteger(r, contentLength: rLength, into: output, at: offset)
        offset = writeInteger(s, contentLength: sLength, into: output, at: offset)
        return offset
    }

    /// Length of the DER INTEGER contents for the unsigned big-endian `value`: minimal bytes, at
    /// least one, plus a leading zero when the top bit is set.
    private static func integerContentLength(_ value: UnsafeRawBufferPointer) -> Int {
        let leadingZeros = value.prefix(while: { $0 == 0 }).count
        let significant = value.count - leadingZeros
        guard significant > 0 else { return 1 }
        return significant + (value[leadingZeros] >= 0x80 ? 1 : 0)
    }

    private static func writeInteger(
        _ value: UnsafeRawBufferPointer,
        contentLength: Int,
        into output: UnsafeMutableRawBufferPointer,
        at start: Int
    ) -> Int {
        var offset = start
        output[offset] = 0x02
        output[offset + 1] = UInt8(contentLength)
        offset += 2
        let leadingZeros = value.prefix(while: { $0 == 0 }).count
        let significant = value.count - leadingZeros
        // Zero padding: either the sign byte or, for the value zero, the single content byte.
        for _ in 0..<(contentLength - significant) {
            output[offset] = 0
            offset += 1
        }
        for index in leadingZeros..<value.count {
            output[offset] = value[index]
            offset += 1
        }
        return offset
    }
}
