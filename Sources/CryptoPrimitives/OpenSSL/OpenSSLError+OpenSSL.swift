internal import CLibcrypto

extension CryptoError {
    /// An error for a failed OpenSSL call. Appends OpenSSL's reason for the most recent failure (a
    /// fixed library string such as "wrong tag", never key material) and empties the thread's error
    /// queue, so the stale entry cannot be mistaken for the cause of a later, unrelated failure.
    static func openSSL(
        _ code: Code,
        _ reason: String,
        file: String = #fileID,
        line: UInt = #line
    ) -> CryptoError {
        let packed = ERR_peek_last_error()
        var detail = ""
        if packed != 0, let text = ERR_reason_error_string(packed) {
            detail = " (OpenSSL: \(String(cString: text)))"
        }
        ERR_clear_error()
        return CryptoError(code, reason + detail, file: file, line: line)
    }
}

/// Empties the thread's OpenSSL error queue after a failure that is an expected answer (a bad
/// signature, a probe that did not match), so it does not linger into the next call.
@inline(__always)
func clearOpenSSLErrors() {
    ERR_clear_error()
}
