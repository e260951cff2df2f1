import Synchronization

/// Hands out indices `0..<count` in small chunks to any number of workers and collects one result
/// per index, in input order.
///
/// Workers pull the next chunk from an atomic counter, so a slow token (a big RSA key) does not
/// leave the other workers idle, and each writes only its own slots of the result buffer.
///
/// `@unchecked Sendable`: `results` is written at disjoint indices (each index is handed out
/// exactly once by `next`) and read only by ``finish()``, after every worker has returned.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
final class IndexedWorkQueue<Result>: @unchecked Sendable {
    let count: Int
    private let chunk: Int
    private let next = Atomic<Int>(0)
    private let results: UnsafeMutablePointer<Result>
    private var finished = false

    init(count: Int, workers: Int) {
        self.count = count
        // Enough chunks per worker to balance uneven costs, few enough to keep the counter cold.
        self.chunk = max(1, min(64, count / max(1, workers * 8)))
        self.results = UnsafeMutablePointer<Result>.allocate(capacity: max(count, 1))
    }

    deinit {
        if !finished {
            // Only reached if `finish()` was never called; every slot was filled by then.
            results.deinitialize(count: count)
        }
        results.deallocate()
    }

    /// Runs `body` for chunks of indices until none are left (on a thread of its own).
    func drain(_ body: (Int) -> Result) {
        while runChunk(body, instead: nil) {}
    }

    /// Runs `body` for chunks of indices until none are left, yielding the thread between chunks:
    /// workers that kept their cooperative-pool threads to the end would starve every other task
    /// of the process, the caller's timeout and cancellation included.
    ///
    /// With `ifCancelled`, once the current task is cancelled (asked before every chunk) the
    /// remaining indices get `ifCancelled(index)` instead: every slot is still filled, so
    /// ``finish()`` stays valid, and no more real work starts.
    func drainYielding(_ body: (Int) -> Result, ifCancelled: ((Int) -> Result)?) async {
        while runChunk(body, instead: ifCancelled != nil && Task.isCancelled ? ifCancelled : nil) {
            await Task.yield()
        }
    }

    /// Fills the next chunk's slots with `instead` if given, else with `body`; false when none is left.
    private func runChunk(_ body: (Int) -> Result, instead: ((Int) -> Result)?) -> Bool {
        let start = next.wrappingAdd(chunk, ordering: .relaxed).oldValue
        guard start < count else { return false }
        for index in start..<min(start + chunk, count) {
            (results + index).initialize(to: instead?(index) ?? body(index))
        }
        return true
    }

    /// Moves the results out. Call once, after every `drain` returned.
    func finish() -> [Result] {
        finished = true
        // Not through `unsafeUninitializedCapacity: 0`, which writes the count into the shared
        // empty-array storage (a data race ThreadSanitizer reports when threads do it at once).
        guard count > 0 else { return [] }
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: results, count: count)
            initialized = count
        }
    }
}
