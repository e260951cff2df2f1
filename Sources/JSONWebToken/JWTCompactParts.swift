internal import Base64URL
internal import StrictJSON

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The positions of the two dots of a compact JWS, found without splitting or copying.
struct JWTCompactParts {
    /// Index of the first `.` (end of the header segment).
    let firstDot: Int
    /// Index of the second `.` (end of the payload segment).
    let secondDot: Int

    init(_ token: UnsafeBufferPointer<UInt8>) throws(JWTError) {
        // libc's memchr scans a vector register at a time: three calls cost less than one pass of
        // a Swift byte loop over a 200-byte token (measured ~600 -> ~100 instructions).
        guard let base = token.baseAddress,
            let first = Self.indexOfDot(base, from: 0, to: token.count),
            let second = Self.indexOfDot(base, from: first + 1, to: token.count)
        else {
            throw JWTError(.malformed, "a compact JWS has exactly three segments separated by '.'")
        }
        guard Self.indexOfDot(base, from: second + 1, to: token.count) == nil else {
            throw JWTError(.malformed, "a compact JWS has exactly three segments; found more")
        }
        firstDot = first
        secondDot = second
    }

    @inline(__always)
    private static func indexOfDot(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard start < end, let found = memchr(base + start, Int32(UInt8(ascii: ".")), end - start) else {
            return nil
        }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    func header(_ token: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: token[0..<firstDot])
    }

    func payload(_ token: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: token[(firstDot + 1)..<secondDot])
    }

    func signature(_ token: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: token[(secondDot + 1)...])
    }

    /// `header.payload`: the JWS signing input, straight from the token bytes.
    func signingInput(_ token: UnsafeBufferPointer<UInt8>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: token[0..<secondDot]))
    }

    /// The decoded length of a base64url segment, or `malformed` for a length no encoding has.
    @inline(__always)
    static func decodedLength(_ segment: UnsafeBufferPointer<UInt8>, name: String) throws(JWTError) -> Int {
        do {
            return try Base64URL.decodedLength(forEncodedLength: segment.count)
        } catch {
            throw JWTError(.malformed, "the \(name) is not valid base64url (\(error.code.rawValue))")
        }
    }

    /// Decodes a base64url segment into `output` (at least its decoded length); returns the count.
    static func decode(
        _ segment: UnsafeBufferPointer<UInt8>,
        into output: UnsafeMutableBufferPointer<UInt8>,
        name: String
    ) throws(JWTError) -> Int {
        do {
            return try Base64URL.decode(segment, into: output)
        } catch {
            throw base64Error(error, name: name)
        }
    }

    /// `malformed` for a segment the decoder refused: the code, the offending byte if any, the
    /// offset, and the rule for padding and trailing bits, which a bare code does not make plain.
    @inline(never)
    static func base64Error(_ error: Base64DecodingError, name: String) -> JWTError {
        var detail = error.code.rawValue
        if let byte = error.byte {
            detail += " " + ByteLiteral.hex(byte)
        }
        detail += " at \(error.offset)"
        if error.byte == UInt8(ascii: "=") {
            detail += ": base64url has no = padding"
        } else if error.code == .nonCanonical {
            detail += ": unused trailing bits must be zero"
        }
        return JWTError(.malformed, "the \(name) is not valid base64url (\(detail))")
    }

    /// Decodes a base64url segment into temporary memory and hands the bytes to `body`.
    @inline(__always)
    static func withDecoded<R>(
        _ segment: UnsafeBufferPointer<UInt8>,
        name: String,
        _ body: (UnsafeBufferPointer<UInt8>) throws(JWTError) -> R
    ) throws(JWTError) -> R {
        let length = try decodedLength(segment, name: name)
        // Capacity 1 at least: a zero-size allocation is still a valid (empty) buffer to decode into.
        let result: Result<R, JWTError> = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(length, 1)) {
            output in
            do throws(JWTError) {
                let written = try decode(segment, into: output, name: name)
                return .success(try body(UnsafeBufferPointer(rebasing: output[0..<written])))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses bytes as one strict JSON object.
    static func parseObject(
        _ bytes: UnsafeBufferPointer<UInt8>,
        maxDepth: Int,
        name: String
    ) throws(JWTError) -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONParser(options: .init(maxDepth: maxDepth)).parse(bytes)
        } catch {
            throw JWTError(
                .malformed,
                "the \(name) is not strict JSON (\(error.code.rawValue) at byte \(error.offset))"
            )
        }
        guard case .object(let object) = value else {
            throw JWTError(.malformed, "the \(name) must be a JSON object")
        }
        return object
    }

    /// Parses bytes as one strict JSON object into a tape and hands it to `body`.
    ///
    /// Spelled out here rather than calling `JSONTape.parse` so that it is specialized in this
    /// module (the generic version costs thousands of instructions per call in metadata look-ups).
    @inline(__always)
    static func withObjectTape<R>(
        _ bytes: UnsafeBufferPointer<UInt8>,
        maxDepth: Int,
        name: String,
        _ body: (JSONTape) throws(JWTError) -> R
    ) throws(JWTError) -> R {
        let depthLimit = JSONTape.depthLimit(maxDepth)
        let capacity = JSONTape.initialCapacity(forByteCount: bytes.count)
        let result: Result<R, JWTError> = withUnsafeTemporaryAllocation(of: JSONTape.Entry.self, capacity: capacity) {
            entries in
            withUnsafeTemporaryAllocation(of: JSONTape.BuilderFrame.self, capacity: depthLimit + 1) { frames in
                let built: JSONTape.BuiltTape
                do throws(JSONError) {
                    built = try JSONTape.build(bytes, depthLimit: depthLimit, entries: entries, frames: frames)
                } catch {
                    return .failure(
                        JWTError(
                            .malformed,
                            "the \(name) is not strict JSON (\(error.code.rawValue) at byte \(error.offset))"
                        )
                    )
                }
                defer { built.release() }
                let tape = JSONTape(bytes: bytes, entries: built.entries)
                guard tape[tape.root].kind == .object else {
                    return .failure(JWTError(.malformed, "the \(name) must be a JSON object"))
                }
                do throws(JWTError) {
                    return .success(try body(tape))
                } catch {
                    return .failure(error)
                }
            }
        }
        return try result.get()
    }
}
