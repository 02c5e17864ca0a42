import Dispatch
internal import GRDB
import Locking

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
///
/// Requests of `idle` priority (the background search indexer's) each run alone in a
/// transaction of their own, so they never make a delivery's transaction longer, and only
/// when the writer has been quiet for a while, or when one has waited too long (so that
/// a steady stream of deliveries cannot hold the indexer off for ever).
final class GroupCommitter: Sendable {
    /// How urgently a request wants the writer.
    enum Priority {
        /// In arrival order, batched with the other queued requests.
        case normal
        /// Alone, after normal requests (see `IdleScheduling`).
        case idle
    }

    /// When idle requests run: once no normal transaction has ended for `quietPeriod`, or
    /// once the oldest has waited `maximumDelay`, whatever is queued.
    struct IdleScheduling: Sendable {
        var quietPeriod: Duration
        var maximumDelay: Duration
    }

    /// A queued request. `execute` runs it on the writer (in a savepoint when `isolated`;
    /// otherwise a failure is thrown as `RequestFailure`); `abandon` answers it when its
    /// transaction failed.
    private struct Request: Sendable {
        let execute: @Sendable (Database, _ isolated: Bool) throws -> Completion
        let abandon: @Sendable (MailStoreError) -> Void
        /// For a save: the work, so that the saves of a batch run together, and how to
        /// answer from their joint result.
        let joint: JointSave?
    }

    /// A save that can run together with the other saves of its batch (`SaveBatch`).
    private struct JointSave: Sendable {
        let save: SaveRequest
        let finish: @Sendable ([SavedMessage], WriteEffects) -> Completion
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
        var idleQueue: [(request: Request, enqueued: ContinuousClock.Instant)] = []
        /// When the last normal transaction ended (idle work waits for a quiet writer).
        var lastNormalCommit: ContinuousClock.Instant?
        /// Transactions committed so far (for tests and metrics), and how many of them ran
        /// an idle request.
        var transactions = 0
        var idleTransactions = 0
        /// The drainer is waiting for the queue to fill (see `awaitArrivals`) or for the
        /// writer to be quiet.
        var isAwaitingArrivals = false
        var isDraining = false
        var isClosed = false
        /// Idle requests are refused (the store is closing: background work stops first).
        var isClosedToIdle = false
        /// Callers of `closeAndWait` waiting for the queue to empty.
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Locked(State())
    private let drainQueue = DispatchQueue(label: "martlet.store.group-commit")
    /// Signalled on enqueue while the drainer waits for a fuller batch or a quiet writer.
    private let arrivals = DispatchSemaphore(value: 0)
    private let maximumWait: Duration
    /// Publishes and answers committed batches in commit order, off the writer's thread.
    private let answerQueue = DispatchQueue(label: "martlet.store.group-commit-answers")
    private let pool: DatabasePool
    private let maximumBatch: Int
    private let idleScheduling: IdleScheduling
    private let afterCommit: @Sendable ([WriteEffects]) -> Void

    init(pool: DatabasePool, maximumBatch: Int, maximumWait: Duration, idleScheduling: IdleScheduling,
         afterCommit: @escaping @Sendable ([WriteEffects]) -> Void) {
        self.pool = pool
        self.maximumBatch = max(1, maximumBatch)
        self.maximumWait = max(.zero, maximumWait)
        self.idleScheduling = IdleScheduling(quietPeriod: max(.zero, idleScheduling.quietPeriod),
                                             maximumDelay: max(.zero, idleScheduling.maximumDelay))
        self.afterCommit = afterCommit
    }

    /// Runs `work` in a shared write transaction and returns its result once that
    /// transaction is durable.
    func submit<Value: Sendable>(priority: Priority = .normal,
                                 _ work: @escaping @Sendable (Database, WriteContext) throws -> Value) async throws(MailStoreError) -> Value {
        let result: Result<Value, MailStoreError> = await withCheckedContinuation { continuation in
            enqueue(Self.request(work, answering: continuation, joint: nil), priority: priority)
        }
        return try result.get()
    }

    /// Saves a prepared message (a delivery or an APPEND); the saves of one batch run
    /// together with few statements. Returns once the transaction is durable.
    func submit(_ save: SaveRequest) async throws(MailStoreError) -> [SavedMessage] {
        let result: Result<[SavedMessage], MailStoreError> = await withCheckedContinuation { continuation in
            let joint = JointSave(save: save) { saved, effects in
                Completion(effects: effects) { continuation.resume(returning: .success(saved)) }
            }
            let alone: @Sendable (Database, WriteContext) throws -> [SavedMessage] = { db, context in
                guard let outcome = try SaveBatch.execute(db, [save]).first else {
                    throw MailStoreError.storageFailure("a save produced no result")
                }
                context.absorb(outcome.context)
                return outcome.saved
            }
            enqueue(Self.request(alone, answering: continuation, joint: joint), priority: .normal)
        }
        return try result.get()
    }

    /// A request that runs `work` alone (in a savepoint when isolated) and answers
    /// `continuation`.
    private static func request<Value: Sendable>(
        _ work: @escaping @Sendable (Database, WriteContext) throws -> Value,
        answering continuation: CheckedContinuation<Result<Value, MailStoreError>, Never>,
        joint: JointSave?
    ) -> Request {
        Request(
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
            abandon: { error in continuation.resume(returning: .failure(error)) },
            joint: joint)
    }

    /// Transactions committed so far.
    var transactionsCommitted: Int { state.withLock { $0.transactions } }

    /// Whether normal requests wait for the writer (an idle request running now may cut
    /// its work short for them).
    var hasQueuedRequests: Bool { state.withLock { !$0.queue.isEmpty } }

    /// Transactions committed so far that ran an idle request.
    var idleTransactionsCommitted: Int { state.withLock { $0.idleTransactions } }

    /// Refuses idle requests from now on and answers the queued ones with `closed`.
    func refuseIdleRequests() {
        let (abandoned, drainerWaits) = state.withLock { state in
            state.isClosedToIdle = true
            defer { state.idleQueue.removeAll() }
            return (state.idleQueue.map(\.request), state.isAwaitingArrivals)
        }
        // A drainer waiting for a quiet writer must not sleep on for requests now gone.
        if drainerWaits { arrivals.signal() }
        for request in abandoned { request.abandon(.closed) }
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

    private func enqueue(_ request: Request, priority: Priority) {
        enum Decision { case refused, queued, queuedWhileAwaited, startDrain }
        let decision: Decision = state.withLock { state in
            if state.isClosed || (priority == .idle && state.isClosedToIdle) { return .refused }
            switch priority {
            case .normal: state.queue.append(request)
            case .idle: state.idleQueue.append((request, ContinuousClock.now))
            }
            if state.isDraining { return state.isAwaitingArrivals ? .queuedWhileAwaited : .queued }
            state.isDraining = true
            return .startDrain
        }
        switch decision {
        case .refused: request.abandon(.closed)
        case .queued: break
        case .queuedWhileAwaited: arrivals.signal()
        case .startDrain: drainQueue.async { self.drain() }
        }
    }

    /// Waits a little for the queue to fill up to `expected` requests: after a batch is
    /// answered, its callers come back within a fraction of a millisecond, and a commit
    /// costs about the same (its fsync) whether it carries a few of them or all. Starting
    /// with those that arrived first would split the next batches into a large one and a
    /// small one, again and again, each paying a whole commit.
    private func awaitArrivals(expected: Int) {
        guard maximumWait > .zero, expected > 1 else { return }
        let clock = ContinuousClock()
        let deadline = clock.now + maximumWait
        defer { state.withLock { $0.isAwaitingArrivals = false } }
        while true {
            let enough = state.withLock { state in
                state.isAwaitingArrivals = state.queue.count < expected
                return !state.isAwaitingArrivals
            }
            let remaining = deadline - clock.now
            guard !enough, remaining > .zero else { return }
            _ = arrivals.wait(timeout: .now() + .nanoseconds(Self.nanoseconds(remaining)))
        }
    }

    /// What the drainer does next.
    private enum Step {
        case normal([Request])
        case idle(Request)
        /// Idle work waits for the writer to be quiet (or for its deadline) this long.
        case waitForQuiet(Duration)
        case stop([CheckedContinuation<Void, Never>])
    }

    private func drain() {
        var previousBatch = 0
        let clock = ContinuousClock()
        while true {
            // Wait for a batch as large as the last one (a drop in load costs one wait).
            let queued = state.withLock { $0.queue.count }
            if queued > 0, queued < previousBatch { awaitArrivals(expected: previousBatch) }
            let now = clock.now
            let step = state.withLock { state -> Step in
                if let oldest = state.idleQueue.first, now - oldest.enqueued >= idleScheduling.maximumDelay {
                    return .idle(state.idleQueue.removeFirst().request)
                }
                if !state.queue.isEmpty {
                    let count = min(state.queue.count, maximumBatch)
                    let batch = Array(state.queue.prefix(count))
                    state.queue.removeFirst(count)
                    return .normal(batch)
                }
                if let oldest = state.idleQueue.first {
                    let quietSince = state.lastNormalCommit.map { now - $0 } ?? idleScheduling.quietPeriod
                    if quietSince >= idleScheduling.quietPeriod { return .idle(state.idleQueue.removeFirst().request) }
                    state.isAwaitingArrivals = true
                    let overdue = idleScheduling.maximumDelay - (now - oldest.enqueued)
                    return .waitForQuiet(min(idleScheduling.quietPeriod - quietSince, overdue))
                }
                state.isDraining = false
                let waiters = state.idleWaiters
                state.idleWaiters = []
                return .stop(waiters)
            }
            switch step {
            case .normal(let batch):
                previousBatch = batch.count
                commit(batch, isIdle: false)
                let finished = clock.now
                state.withLock { $0.lastNormalCommit = finished }
            case .idle(let request):
                commit([request], isIdle: true)
            case .waitForQuiet(let duration):
                _ = arrivals.wait(timeout: .now() + .nanoseconds(Self.nanoseconds(duration)))
                state.withLock { $0.isAwaitingArrivals = false }
            case .stop(let waiters):
                // After the answers of every batch before.
                answerQueue.async { for waiter in waiters { waiter.resume() } }
                return
            }
        }
    }

    private static func nanoseconds(_ duration: Duration) -> Int {
        let value = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
        return Int(max(0, min(value, 60_000_000_000)))
    }

    private func commit(_ batch: [Request], isIdle: Bool) {
        let completions: [Completion]
        do {
            completions = try pool.write { db in try Self.runOptimistically(batch, db) }
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
        state.withLock { state in
            state.transactions += 1
            if isIdle { state.idleTransactions += 1 }
        }
        answerQueue.async { [afterCommit] in
            afterCommit(completions.map(\.effects))
            for completion in completions { completion.answer() }
        }
    }

    /// Runs every request of the batch straight in the transaction; consecutive saves run
    /// together. Any failure is thrown as `RequestFailure`.
    private static func runOptimistically(_ batch: [Request], _ db: Database) throws -> [Completion] {
        var completions: [Completion] = []
        completions.reserveCapacity(batch.count)
        var saves: [JointSave] = []
        func runSaves() throws {
            guard !saves.isEmpty else { return }
            let outcomes: [(saved: [SavedMessage], context: WriteContext)]
            do {
                outcomes = try SaveBatch.execute(db, saves.map(\.save))
            } catch {
                throw RequestFailure(error: MailStoreError(wrapping: error))
            }
            for (joint, outcome) in zip(saves, outcomes) {
                completions.append(joint.finish(outcome.saved, outcome.context.effects))
            }
            saves.removeAll(keepingCapacity: true)
        }
        for request in batch {
            if let joint = request.joint {
                saves.append(joint)
            } else {
                try runSaves()
                completions.append(try request.execute(db, false))
            }
        }
        try runSaves()
        return completions
    }

    private func abandon(_ batch: [Request], _ error: any Error) {
        let failure = MailStoreError(wrapping: error)
        for request in batch { request.abandon(failure) }
    }
}

