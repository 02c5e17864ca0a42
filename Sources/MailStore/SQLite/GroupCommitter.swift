import GRDB
import Synchronization

/// Serializes every write of the store and batches concurrent ones into shared
/// transactions (group commit).
///
/// While one transaction runs and commits (one fsync of the WAL), new requests queue; the
/// next transaction takes all of them (up to a limit). Each request runs in its own
/// savepoint, so one failing request does not undo the others. A caller is answered only
/// after the transaction holding its request has committed, and the effects of the batch
/// (change-feed events) are handed over in commit order before anyone is answered.
final class GroupCommitter: Sendable {
    /// A queued request. `execute` runs it on the writer; `abandon` answers it when its
    /// transaction failed.
    private struct Request: Sendable {
        let execute: @Sendable (Database) -> Completion
        let abandon: @Sendable (MailStoreError) -> Void
    }

    /// What to do for one executed request once the transaction has committed.
    private struct Completion: Sendable {
        let effects: WriteEffects
        let answer: @Sendable () -> Void
    }

    private struct State {
        var queue: [Request] = []
        var isDraining = false
        var isClosed = false
        /// Callers of `closeAndWait` waiting for the queue to empty.
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
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
                execute: { db in
                    let context = WriteContext()
                    var produced: Value?
                    do {
                        try db.inSavepoint {
                            produced = try work(db, context)
                            return .commit
                        }
                    } catch {
                        let failure = MailStoreError(wrapping: error)
                        return Completion(effects: .none) { continuation.resume(returning: .failure(failure)) }
                    }
                    guard let value = produced else {
                        return Completion(effects: .none) {
                            continuation.resume(returning: .failure(.storageFailure("a write produced no result")))
                        }
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
        case .startDrain: Task { await self.drain() }
        }
    }

    private func drain() async {
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
                for waiter in waiters { waiter.resume() }
                return
            }
            await commit(batch)
        }
    }

    private func commit(_ batch: [Request]) async {
        let completions: [Completion]
        let t0 = ContinuousClock.now
        do {
            completions = try await pool.write { db in
                let t1 = ContinuousClock.now
                let r = batch.map { $0.execute(db) }
                let t2 = ContinuousClock.now
                db.afterNextTransaction(onCommit: { _ in TRACE("batch \(batch.count) sql \(t2 - t1) commit \(ContinuousClock.now - t2) queue \(t1 - t0)") })
                return r }
        } catch {
            let failure = MailStoreError(wrapping: error)
            for request in batch { request.abandon(failure) }
            return
        }
        afterCommit(completions.map(\.effects))
        for completion in completions { completion.answer() }
    }
}

import Foundation
func TRACE(_ s: String) { if ProcessInfo.processInfo.environment["TRACE"] != nil { FileHandle.standardError.write(Data((s + "\n").utf8)) } }
