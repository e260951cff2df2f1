internal import CLibcrypto

/// Runs `body` on `count` bytes of fresh heap memory (at least one) that are wiped with
/// `OPENSSL_cleanse` and freed afterwards: scratch for secrets, which an `Array` would leave in
/// freed memory (and might copy on the way).
func withWipedScratch<R>(count: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) throws -> R) rethrows -> R {
    let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(count, 1))
    scratch.initialize(repeating: 0)
    defer {
        OPENSSL_cleanse(scratch.baseAddress, scratch.count)
        scratch.deallocate()
    }
    return try body(UnsafeMutableBufferPointer(rebasing: scratch[..<count]))
}
