/// Gives the verifier contiguous UTF-8 without copying when the string already is contiguous
/// (native `String`s and their substrings are), and with one copy otherwise.
///
/// The result travels through two local optionals rather than as the generic closure's return
/// value: returned, it would make the unspecialized standard-library call look up
/// `Optional<Result<R, JWTError>>` metadata on every verification, and held as an
/// `Optional<Result<R, JWTError>>` it was copied and destroyed through the standard library's
/// unspecialized value witnesses (measured: four witness calls per verification). Inlinable for
/// the inlinable `verify` entry points.
@usableFromInline
enum JWTTokenBytes {
    @inlinable @inline(__always)
    static func with<S: StringProtocol, R>(
        _ token: S,
        _ body: (UnsafeBufferPointer<UInt8>) throws(JWTError) -> R
    ) throws(JWTError) -> R {
        var value: R?
        var failure: JWTError?
        let direct: Bool? = token.utf8.withContiguousStorageIfAvailable { buffer in
            do throws(JWTError) { value = try body(buffer) } catch { failure = error }
            return true
        }
        if direct != nil { return try unwrap(&value, failure) }
        return try with(bytes: Array(token.utf8), body)
    }

    @inlinable @inline(__always)
    static func with<C: Collection<UInt8>, R>(
        bytes token: C,
        _ body: (UnsafeBufferPointer<UInt8>) throws(JWTError) -> R
    ) throws(JWTError) -> R {
        var value: R?
        var failure: JWTError?
        let direct: Bool? = token.withContiguousStorageIfAvailable { buffer in
            do throws(JWTError) { value = try body(buffer) } catch { failure = error }
            return true
        }
        if direct == nil {
            Array(token).withUnsafeBufferPointer { buffer in
                do throws(JWTError) { value = try body(buffer) } catch { failure = error }
            }
        }
        return try unwrap(&value, failure)
    }

    /// The value the body produced (moved out, not copied), or its error.
    @inlinable @inline(__always)
    static func unwrap<R>(_ value: inout R?, _ failure: JWTError?) throws(JWTError) -> R {
        if let value = value.take() { return value }
        // The bodies run exactly once and either return or throw.
        throw failure ?? JWTError(.malformed, "the token could not be read")
    }
}
