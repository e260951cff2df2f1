internal import CLibsodium

/// The one place that starts libsodium and lends Swift bytes to it.
enum Libsodium {
    /// Runs `sodium_init()` once per process. Swift initialises a `static let` lazily and exactly once,
    /// guarded like `dispatch_once`, so every entry point can touch it from any thread without a lock
    /// or mutable global. `sodium_init` only fails when the OS has no randomness source; the functions
    /// used here still work then (with the portable code paths) except key generation.
    static let isInitialized: Bool = sodium_init() >= 0

    /// Makes sure libsodium is initialised; cheap after the first call (one atomic load).
    @inline(__always)
    static func ensureInitialized() {
        _ = isInitialized
    }

    /// Calls `body` with a pointer to `bytes` and their count. Contiguous collections are lent without
    /// copying; others are copied once. The pointer is never null (libsodium dereferences it even for an
    /// empty message on some paths, and passing null with a zero length is undefined in C).
    static func withBytes<R>(
        _ bytes: some Collection<UInt8>,
        _ body: (UnsafePointer<UInt8>, Int) -> R
    ) -> R {
        if let result = bytes.withContiguousStorageIfAvailable({ buffer in
            withNonNullPointer(UnsafeRawBufferPointer(buffer), body)
        }) {
            return result
        }
        return Array(bytes).withUnsafeBytes { withNonNullPointer($0, body) }
    }

    /// `body` with a non-null base address for `buffer` (a stack byte stands in for an empty buffer).
    static func withNonNullPointer<R>(
        _ buffer: UnsafeRawBufferPointer,
        _ body: (UnsafePointer<UInt8>, Int) -> R
    ) -> R {
        if let base = buffer.baseAddress, buffer.count > 0 {
            return body(base.assumingMemoryBound(to: UInt8.self), buffer.count)
        }
        var placeholder: UInt8 = 0
        return withUnsafePointer(to: &placeholder) { body($0, 0) }
    }
}
