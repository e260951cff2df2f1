#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A fixed set of plain threads for synchronous batch work (no Swift concurrency involved).
enum WorkerThreads {
    /// Online processors (at least 1).
    static var processorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Runs `body` on `count` threads at once — the calling thread plus `count - 1` new ones — and
    /// returns when all have finished. If a thread cannot be created, its share runs on the others
    /// (callers pull work from a shared queue, so nothing is lost).
    static func run(count: Int, _ body: @escaping @Sendable () -> Void) {
        var threads: [pthread_t] = []
        for _ in 1..<max(1, count) {
            let box = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
            var thread = pthread_t()
            let status = pthread_create(
                &thread,
                nil,
                { raw in
                    #if canImport(Darwin)
                    let unmanaged = Unmanaged<ThreadBody>.fromOpaque(raw)
                    #else
                    let unmanaged = Unmanaged<ThreadBody>.fromOpaque(raw!)
                    #endif
                    unmanaged.takeRetainedValue().body()
                    return nil
                },
                box
            )
            if status == 0 {
                threads.append(thread)
            } else {
                Unmanaged<ThreadBody>.fromOpaque(box).release()
            }
        }
        body()
        for thread in threads {
            pthread_join(thread, nil)
        }
    }

    private final class ThreadBody {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
}
