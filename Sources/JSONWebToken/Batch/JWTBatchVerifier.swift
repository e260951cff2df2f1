/// Verifies many tokens at once across cores, with results in input order.
///
/// Each token is checked exactly as by ``JWTKeyCollection/verify(_:as:options:)`` (or by a
/// ``CachingJWTVerifier``); the batch only spreads the work: a fixed number of workers pull small
/// chunks of indices from a shared counter, so uneven token costs still keep every core busy.
///
/// Two ways to run:
/// - ``verify(_:with:as:options:)`` (async): a task group of ``workerCount`` child tasks (with one
///   worker, the calling task itself), which yield their threads between chunks of at most 64
///   tokens, so other tasks (a timeout, the caller's cancellation) still run while a batch occupies
///   every core. Cancellation is looked at between chunks: once the calling task is cancelled, each
///   worker finishes the chunk it is in and starts no other, and every token of the chunks not
///   started gets a `cancelled` error (the array still has one result per token, in order).
/// - ``verifyBlocking(_:with:as:options:)``: ``workerCount`` plain threads; for synchronous callers
///   such as a command-line tool. Do not call it from async code (it blocks the calling thread).
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
public struct JWTBatchVerifier: Sendable {
    /// How many tokens are verified at the same time, at most (a batch uses no more workers than it
    /// has tokens).
    public let workerCount: Int

    /// The largest ``workerCount``: four per online processor, at least 64. Verification keeps a
    /// core busy, so more workers gain nothing; without a bound, a huge count started one thread
    /// (or child task) per token.
    public static var maximumWorkerCount: Int { max(64, 4 * WorkerThreads.processorCount) }

    /// - Parameter workerCount: defaults to the number of online processors; values below 1 count
    ///   as 1, values above ``maximumWorkerCount`` as that maximum.
    public init(workerCount: Int? = nil) {
        self.workerCount = min(max(1, workerCount ?? WorkerThreads.processorCount), Self.maximumWorkerCount)
    }

    /// Verifies every token with `keys`; result `i` belongs to token `i`.
    public func verify<Token: StringProtocol & Sendable, Claims: Decodable & Sendable>(
        _ tokens: [Token],
        with keys: JWTKeyCollection,
        as type: Claims.Type,
        options: JWTValidationOptions? = nil
    ) async -> [Result<VerifiedJWT<Claims>, JWTError>] {
        let options = options ?? keys.options
        return await runCancellable(tokens.count) { index in
            Result { () throws(JWTError) in try keys.verify(tokens[index], as: type, options: options) }
        }
    }

    /// Verifies every token through a caching verifier; result `i` belongs to token `i`.
    public func verify<Token: StringProtocol & Sendable, Claims: Decodable & Sendable>(
        _ tokens: [Token],
        with verifier: CachingJWTVerifier<Claims>
    ) async -> [Result<VerifiedJWT<Claims>, JWTError>] {
        await runCancellable(tokens.count) { index in
            Result { () throws(JWTError) in try verifier.verify(tokens[index]) }
        }
    }

    /// ``run(_:_:)`` for token results: after cancellation, tokens of unstarted chunks get a `cancelled` error.
    private func runCancellable<Claims: Sendable>(
        _ count: Int,
        _ body: @escaping @Sendable (Int) -> Result<VerifiedJWT<Claims>, JWTError>
    ) async -> [Result<VerifiedJWT<Claims>, JWTError>] {
        await runTasks(count, body) { _ in
            .failure(JWTError(.cancelled, "the batch was cancelled before this token was verified"))
        }
    }

    /// Like ``verify(_:with:as:options:)`` on ``workerCount`` threads, blocking until all are done.
    public func verifyBlocking<Token: StringProtocol & Sendable, Claims: Decodable & Sendable>(
        _ tokens: [Token],
        with keys: JWTKeyCollection,
        as type: Claims.Type,
        options: JWTValidationOptions? = nil
    ) -> [Result<VerifiedJWT<Claims>, JWTError>] {
        let options = options ?? keys.options
        return runBlocking(tokens.count) { index in
            Result { () throws(JWTError) in try keys.verify(tokens[index], as: type, options: options) }
        }
    }

    /// Runs `body` for every index in `0..<count` on the worker task group; results in index order.
    /// Useful for batches of anything else that is verified synchronously.
    ///
    /// Every index runs even if the calling task is cancelled (there is no generic "cancelled"
    /// output); `body` runs inside the child tasks, so it can check `Task.isCancelled` itself.
    public func run<Output: Sendable>(
        _ count: Int,
        _ body: @escaping @Sendable (Int) -> Output
    ) async -> [Output] {
        await runTasks(count, body, ifCancelled: nil)
    }

    /// The task group behind ``run(_:_:)``: with `ifCancelled`, indices not yet started when the
    /// calling task is cancelled get `ifCancelled(index)` instead of `body(index)`.
    private func runTasks<Output: Sendable>(
        _ count: Int,
        _ body: @escaping @Sendable (Int) -> Output,
        ifCancelled: (@Sendable (Int) -> Output)?
    ) async -> [Output] {
        let workers = min(workerCount, max(count, 1))
        let queue = IndexedWorkQueue<Output>(count: max(count, 0), workers: workers)
        if workers == 1 {
            await queue.drainYielding(body, ifCancelled: ifCancelled)
            return queue.finish()
        }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<workers {
                group.addTask { await queue.drainYielding(body, ifCancelled: ifCancelled) }
            }
        }
        return queue.finish()
    }

    /// Runs `body` for every index in `0..<count` on ``workerCount`` threads; results in index order.
    public func runBlocking<Output: Sendable>(
        _ count: Int,
        _ body: @escaping @Sendable (Int) -> Output
    ) -> [Output] {
        let workers = min(workerCount, max(count, 1))
        let queue = IndexedWorkQueue<Output>(count: max(count, 0), workers: workers)
        WorkerThreads.run(count: workers) { queue.drain(body) }
        return queue.finish()
    }
}
