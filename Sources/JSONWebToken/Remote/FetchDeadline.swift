#if !VERIFYKIT_PTHREAD_LOCKS
internal import Synchronization
#endif
/// Runs a fetch with a time limit and returns as soon as the fetch finishes or the limit passes,
/// whichever is first.
///
/// A task group would wait for its child to finish even after cancelling it, so a fetch that
/// ignores cancellation (a client without cancellation support) would hold every waiting request
/// hostage. Here the fetch and the timer are unstructured tasks that race to resume one
/// continuation; the loser is cancelled and its result dropped.
///
/// The timer is a task too: a fetch that blocks its thread (a synchronous read) rather than
/// suspending is bounded only while the cooperative pool has a thread left for the timer (one per
/// core, so two such fetches on a two-core machine stall it until a read returns).
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
enum FetchDeadline {
    /// Thrown in place of the fetch's result when the limit passed first.
    struct TimedOut: Error, CustomStringConvertible {
        let limit: Duration
        var description: String { "no answer within \(limit)" }
    }

    /// Fetches that ran over their limit and have not returned yet (they ignore cancellation).
    final class Abandoned: Sendable {
        private let live = ShardLock(0)

        var count: Int { live.withLock { $0 } }
        fileprivate func add() { live.withLock { $0 += 1 } }
        fileprivate func remove() { live.withLock { $0 -= 1 } }
    }

    static func run<Value: Sendable>(
        limit: Duration,
        abandoned: Abandoned,
        _ fetch: @escaping @Sendable () async throws -> Value
    ) async -> Result<Value, any Error> {
        await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, any Error>, Never>) in
            let race = Race(continuation)
            let worker = Task {
                let result: Result<Value, any Error>
                do { result = .success(try await fetch()) } catch { result = .failure(error) }
                // Lost to the timer, which counted this fetch as abandoned: it has returned now.
                if !race.finish(with: result) { abandoned.remove() }
            }
            let timer = Task {
                // Cancelled when the fetch finished first: then `finish` below is a no-op anyway.
                try? await Task.sleep(for: limit)
                race.finish(with: .failure(TimedOut(limit: limit)), countingAbandonedIn: abandoned)
            }
            race.hold(worker: worker, timer: timer)
        }
    }

    /// The continuation, resumed once, and the two tasks, so the winner can cancel the loser.
    private final class Race<Value: Sendable>: Sendable {
        private struct State {
            var continuation: CheckedContinuation<Result<Value, any Error>, Never>?
            var worker: Task<Void, Never>?
            var timer: Task<Void, Never>?
        }
        private let state: ShardLock<State>

        init(_ continuation: CheckedContinuation<Result<Value, any Error>, Never>) {
            state = ShardLock(State(continuation: continuation))
        }

        /// Stores the tasks; if the race is already over, cancels both (one has finished anyway).
        func hold(worker: Task<Void, Never>, timer: Task<Void, Never>) {
            let over = state.withLock { state in
                state.worker = worker
                state.timer = timer
                return state.continuation == nil
            }
            if over {
                worker.cancel()
                timer.cancel()
            }
        }

        /// Resumes the continuation with `result` if nobody has yet, and cancels both tasks.
        /// `abandoned`, given by the timer, counts the fetch it beat, under this race's lock: so the
        /// fetch, returning later, cannot take itself off the count before it is on it.
        @discardableResult
        func finish(with result: Result<Value, any Error>, countingAbandonedIn abandoned: Abandoned? = nil) -> Bool {
            let (continuation, worker, timer) = state.withLock { state in
                defer { state = State() }
                if state.continuation != nil { abandoned?.add() }
                return (state.continuation, state.worker, state.timer)
            }
            guard let continuation else { return false }
            worker?.cancel()
            timer?.cancel()
            continuation.resume(returning: result)
            return true
        }
    }
}
