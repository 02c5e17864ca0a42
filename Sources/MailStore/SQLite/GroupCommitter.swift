import Dispatch
import GRDB
import Synchronization

/// Serializes every write of the store and batches concurrent ones into shared
/// transactions (group commit).
///
/// While one transaction runs and commits (one fsync of the WAL), new requests queue; the
/// next transaction takes all of them (up to a limit). A caller is answered only after the
/// transaction holding its request has committed, and the effects of the batch (change-feed
/// events) are handed over in commit order before anyone is answered.
///
/// A batch first runs optimistically, every request straight in the one transaction. If a
/// request fails (an unknown mailbox, a limit), the transaction is rolled back and the batch
/// runs again with each request in its own savepoint, so that the failure stays its own.
/// Savepoints cost as much as the rest of a delivery's SQL, hence the optimism.
///
/// The batches run on a thread of their own (a serial dispatch queue) with GRDB's
/// synchronous `write`: the next transaction starts as soon as the previous commit
/// returns, without a hop through Swift's cooperative threads in between.
final class GroupCommitter: Sendable {
    /// A queued request. `execute` runs it on the writer (in a savepoint when `isolated`;
    /// otherwise a failure is thrown as `RequestFailure`); `abandon` answers it when its
    /// transaction failed.
    private struct Request: Sendable {
        let execute: @Sendable (Database, _ isolated: Bool) throws -> Completion
        let abandon: @Sendable (MailStoreError) -> Void
    }

    /// What to do for one executed request once the transaction has committed.
    private struct Completion: Sendable {
        let effects: WriteEffects
        let answer: @Sendable () -> Void
    }

    /// A request failed during an optimistic run.
    private struct RequestFailure: Error {
        let error: MailStoreError
    }

    private struct State {
        var queue: [Request] = []
        var isDraining = false
        var isClosed = false
        /// Callers of `closeAndWait` waiting for the queue to empty.
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    private let drainQueue = DispatchQueue(label: "martlet.store.group-commit")
    /// Publishes and answers committed batches in commit order, off the writer's thread.
    private let answerQueue = DispatchQueue(label: "martlet.store.group-commit-answers")
    private let pool: DatabasePool
    private let maximumBatch: Int
    private let afterCommit: @Sendable ([WriteEffects]) -> Void

    init(pool: DatabasePool, maximumBatch: Int, afterCommit: @escaping @Sendable ([WriteEffects]) -> Void) {
        self.pool = pool
        self.maximumBatch = max(1, maximumBatch)
        self.afterCommit = afterCommit
    }

    /// Runs `work` in a shared write transaction and returns its result once that
    /// transaction is durable.
    func submit<Value: Sendable>(_ work: @escaping @Sendable (Database, WriteContext) throws -> Value) async throws(MailStoreError) -> Value {
        let result: Result<Value, MailStoreError> = await withCheckedContinuation { continuation in
            let request = Request(
                execute: { db, isolated in
                    let context = WriteContext()
                    let value: Value
                    do {
                        if isolated {
                            var produced: Value?
                            try db.inSavepoint {
                                produced = try work(db, context)
                                return .commit
                            }
                            guard let result = produced else { throw MailStoreError.storageFailure("a write produced no result") }
                            value = result
                        } else {
                            value = try work(db, context)
                        }
                    } catch {
                        let failure = MailStoreError(wrapping: error)
                        guard isolated else { throw RequestFailure(error: failure) }
                        return Completion(effects: .none) { continuation.resume(returning: .failure(failure)) }
                    }
                    return Completion(effects: context.effects) { continuation.resume(returning: .success(value)) }
                },
                abandon: { error in continuation.resume(returning: .failure(error)) })
            enqueue(request)
        }
        return try result.get()
    }

    /// Refuses new requests and returns once those already queued have been answered.
    func closeAndWait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { state in
                state.isClosed = true
                if state.isDraining { state.idleWaiters.append(continuation) }
                return !state.isDraining
            }
            if idle { continuation.resume() }
        }
    }

    private func enqueue(_ request: Request) {
        enum Decision { case refused, queued, startDrain }
        let decision: Decision = state.withLock { state in
            if state.isClosed { return .refused }
            state.queue.append(request)
            if state.isDraining { return .queued }
            state.isDraining = true
            return .startDrain
        }
        switch decision {
        case .refused: request.abandon(.closed)
        case .queued: break
        case .startDrain: drainQueue.async { self.drain() }
        }
    }

    private func drain() {
        while true {
            let (batch, waiters) = state.withLock { state -> ([Request], [CheckedContinuation<Void, Never>]) in
                guard !state.queue.isEmpty else {
                    state.isDraining = false
                    let waiters = state.idleWaiters
                    state.idleWaiters = []
                    return ([], waiters)
                }
                let count = min(state.queue.count, maximumBatch)
                let batch = Array(state.queue.prefix(count))
                state.queue.removeFirst(count)
                return (batch, [])
            }
            if batch.isEmpty {
                // After the answers of every batch before.
                answerQueue.async { for waiter in waiters { waiter.resume() } }
                return
            }
            commit(batch)
        }
    }

    private func commit(_ batch: [Request]) {
        let completions: [Completion]
        do {
            completions = try pool.write { db in try batch.map { try $0.execute(db, false) } }
        } catch let failure as RequestFailure where batch.count == 1 {
            // Nothing was committed; the only request gets its own error.
            batch[0].abandon(failure.error)
            return
        } catch is RequestFailure {
            do {
                completions = try pool.write { db in try batch.map { try $0.execute(db, true) } }
            } catch {
                abandon(batch, error)
                return
            }
        } catch {
            abandon(batch, error)
            return
        }
        answerQueue.async { [afterCommit] in
            afterCommit(completions.map(\.effects))
            for completion in completions { completion.answer() }
        }
    }

    private func abandon(_ batch: [Request], _ error: any Error) {
        let failure = MailStoreError(wrapping: error)
        for request in batch { request.abandon(failure) }
    }
}

