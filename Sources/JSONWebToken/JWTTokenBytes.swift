/// Gives the verifier contiguous UTF-8 without copying when the string already is contiguous
/// (native `String`s and their substrings are), and with one copy otherwise.
///
/// The result travels through two local optionals rather than as the generic closure's return
/// value: returned, it would make the unspecialized standard-library call look up
/// `Optional<Result<R, JWTError>>` metadata on every verification, and held as an
/// `Optional<Result<R, JWTError>>` it was copied and destroyed through the standard library's
/// unspecialized value witnesses (measured: four witness calls per verification). Inlinable for
/// the inlinable `verify` entry points.
///
/// Size comes first (rule 1), before the copy too: a token without contiguous storage that is over
/// `maxTokenBytes` is refused on its count, so it is neither copied nor (for a random-access
/// collection or a native string) read. The limit is asked for only on that path; contiguous tokens
/// get the same check, with the same error, from the verifier itself.
@usableFromInline
enum JWTTokenBytes {
    @inlinable @inline(__always)
    static func with<S: StringProtocol, R>(
        _ token: S,
        maxTokenBytes: @autoclosure () -> Int,
        _ body: (UnsafeBufferPointer<UInt8>) throws(JWTError) -> R
    ) throws(JWTError) -> R {
        var value: R?
        var failure: JWTError?
        let direct: Bool? = token.utf8.withContiguousStorageIfAvailable { buffer in
            do throws(JWTError) { value = try body(buffer) } catch { failure = error }
            return true
        }
        if direct != nil { return try unwrap(&value, failure) }
        try checkSize(token.utf8.count, limit: maxTokenBytes())
        return try with(bytes: Array(token.utf8), maxTokenBytes: maxTokenBytes(), body)
    }

    @inlinable @inline(__always)
    static func with<C: Collection<UInt8>, R>(
        bytes token: C,
        maxTokenBytes: @autoclosure () -> Int,
        _ body: (UnsafeBufferPointer<UInt8>) throws(JWTError) -> R
    ) throws(JWTError) -> R {
        var value: R?
        var failure: JWTError?
        let direct: Bool? = token.withContiguousStorageIfAvailable { buffer in
            do throws(JWTError) { value = try body(buffer) } catch { failure = error }
            return true
        }
        if direct == nil {
            try checkSize(token.count, limit: maxTokenBytes())
            Array(token).withUnsafeBufferPointer { buffer in
                do throws(JWTError) { value = try body(buffer) } catch { failure = error }
            }
        }
        return try unwrap(&value, failure)
    }

    @inlinable @inline(__always)
    static func unwrap<R>(_ value: inout R?, _ failure: JWTError?) throws(JWTError) -> R {
        if let value = value.take() { return value }
        // The bodies run exactly once and either return or throw.
        throw failure ?? JWTError(.malformed, "the token could not be read")
    }

    /// Rule 1: `token_too_large` for a token of more than `limit` bytes. The one place that says
    /// so, for the verifier's check on contiguous bytes and for the check before a copy alike.
    @inlinable @inline(__always)
    static func checkSize(_ count: Int, limit: Int) throws(JWTError) {
        guard count <= limit else { throw tooLarge(count, limit: limit) }
    }

    /// The error, built apart so that the check stays a comparison on the verification path.
    @usableFromInline @inline(never)
    static func tooLarge(_ count: Int, limit: Int) -> JWTError {
        JWTError(.tokenTooLarge, "the token is \(count) bytes; the limit is \(limit)")
    }
}
