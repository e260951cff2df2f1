import Dispatch
import JSONWebToken
import Testing
import VerifyKitTestSupport

/// A task executor with one thread: jobs run one at a time, in the order they were enqueued. On it,
/// a task runs until it suspends, so whether another task gets a turn shows whether it suspended.
final class OneThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let queue = DispatchQueue(label: "one-thread-executor")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

@Suite("JWTBatchVerifier yields between chunks", .timeLimit(.minutes(1)))
struct BatchYieldTests {
    @Test("on a one-thread executor, a task woken by the batch's first item runs before the batch ends")
    func otherTasksRunDuringABatch() async {
        let count = 4096  // chunks of 64 with one worker: 64 chances to yield
        let done = LockedValue(0)
        let observed = LockedValue<Int?>(nil)
        let wake = LockedValue<CheckedContinuation<Void, Never>?>(nil)
        let executor = OneThreadExecutor()
        await withTaskExecutorPreference(executor) {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    // Waits for the batch's first item, then records how far the batch had got when
                    // this task next had the thread.
                    await withCheckedContinuation { continuation in wake.withLock { $0 = continuation } }
                    observed.withLock { $0 = done.withLock { $0 } }
                }
                group.addTask {
                    // Starts once the watcher is parked: on one thread, in enqueue order.
                    while wake.withLock({ $0 }) == nil { await Task.yield() }
                    _ = await JWTBatchVerifier(workerCount: 1).run(count) { index in
                        if index == 0 { wake.withLock { $0.take() }?.resume() }
                        return done.withLock { value in
                            value += 1
                            return value
                        }
                    }
                }
            }
        }
        let seen = observed.withLock { $0 }
        #expect(seen != nil)
        #expect((seen ?? count) < count, "the other task ran only after all \(count) items: the batch never yielded")
        #expect(done.withLock { $0 } == count)
    }
}
