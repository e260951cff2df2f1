#if VERIFYKIT_PTHREAD_LOCKS
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The cache's lock in ThreadSanitizer builds (`make test-tsan` defines `VERIFYKIT_PTHREAD_LOCKS`).
///
/// On Linux, `Synchronization.Mutex` locks with raw futex calls that ThreadSanitizer does not
/// see, so every access it orders is reported as a race, and the noise would hide a real one.
/// A pthread mutex is intercepted by the sanitizer; the API is the subset of `Mutex` the cache uses.
///
/// `@unchecked Sendable`: `value` is only touched between `pthread_mutex_lock` and `_unlock`.
final class ShardLock<Value: ~Copyable>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    init(_ value: consuming sending Value) {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        self.value = value
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    func withLock<Result: ~Copyable, E: Error>(_ body: (inout Value) throws(E) -> Result) throws(E) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
#else
import Synchronization

/// The cache's lock: `Synchronization.Mutex` (see the `VERIFYKIT_PTHREAD_LOCKS` variant for
/// ThreadSanitizer builds).
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
typealias ShardLock<Value: ~Copyable> = Mutex<Value>
#endif
