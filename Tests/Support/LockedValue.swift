import Foundation

/// A value behind an `NSLock`, for test helpers shared between threads.
///
/// Not `Synchronization.Mutex`: on Linux ThreadSanitizer does not see its futex calls and reports
/// every access it orders (`make test-tsan` builds the library with pthread-based locks for the
/// same reason).
public final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
