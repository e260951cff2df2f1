/// Gives the verifier contiguous UTF-8 without copying when the string already is contiguous
/// (native `String`s and their substrings are), and with one copy otherwise.
///
/// The result travels through a local variable rather than as the generic closure's return
/// value: returned, it would make the unspecialized standard-library call look up
/// `Optional<Result<R, JWTError>>` metadata on every verification. Inlinable for the
/// inlinable `verify` entry points.
@usableFromInline
enum JWTTokenBytes {
    @inlinable
    static func with<S: StringProtocol, R>(
        _ token: S,
        _ body: (UnsafeBufferPointer<UInt8>) throws(JWTError) -> R
    ) throws(JWTError) -> R {
        var result: Result<R, JWTError>?
        let direct: Bool? = token.utf8.withContiguousStorageIfAvailable { buffer in
            result = Result { () throws(JWTError) in try body(buffer) }
            return true
        }
        if direct != nil, let result { return try result.get() }
        return try with(bytes: Array(token.utf8), body)
    }

    @inlinable
    static func with<C: Collection<UInt8>, R>(
        bytes token: C,
        _ body: (UnsafeBufferPointer<UInt8>) throws(JWTError) -> R
    ) throws(JWTError) -> R {
        var result: Result<R, JWTError>?
        let direct: Bool? = token.withContiguousStorageIfAvailable { buffer in
            result = Result { () throws(JWTError) in try body(buffer) }
            return true
        }
        if direct != nil, let result { return try result.get() }
        let copy = Array(token)
        copy.withUnsafeBufferPointer { buffer in
            result = Result { () throws(JWTError) in try body(buffer) }
        }
        // `withUnsafeBufferPointer` always runs its closure.
        guard let result else { throw JWTError(.malformed, "the token could not be read") }
        return try result.get()
    }
}
