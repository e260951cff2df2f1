/// Gives the verifier contiguous UTF-8 without copying when the string already is contiguous
/// (native `String`s and their substrings are), and with one copy otherwise.
enum JWTTokenBytes {
    @inline(__always)
    static func with<S: StringProtocol, R>(
        _ token: S,
        _ body: (UnsafeBufferPointer<UInt8>) throws(JWTError) -> R
    ) throws(JWTError) -> R {
        let direct: Result<R, JWTError>? = token.utf8.withContiguousStorageIfAvailable { buffer in
            do throws(JWTError) {
                return .success(try body(buffer))
            } catch {
                return .failure(error)
            }
        }
        if let direct { return try direct.get() }
        return try with(bytes: Array(token.utf8), body)
    }

    @inline(__always)
    static func with<C: Collection<UInt8>, R>(
        bytes token: C,
        _ body: (UnsafeBufferPointer<UInt8>) throws(JWTError) -> R
    ) throws(JWTError) -> R {
        let direct: Result<R, JWTError>? = token.withContiguousStorageIfAvailable { buffer in
            do throws(JWTError) {
                return .success(try body(buffer))
            } catch {
                return .failure(error)
            }
        }
        if let direct { return try direct.get() }
        let copy = Array(token)
        let copied: Result<R, JWTError> = copy.withUnsafeBufferPointer { buffer in
            do throws(JWTError) {
                return .success(try body(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try copied.get()
    }
}
