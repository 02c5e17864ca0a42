import Locking
import Synchronization

/// Fills the full-text index in the background: one loop per store, started at open,
/// stopped at close.
///
/// Why the index is not filled in the delivery's commit: FTS5 costs about 1 µs per distinct
/// word of a message inside the writer's transaction (SQLite itself; measured from Python
/// too), and extracting the text (decoding every text part) costs as much again in the
/// delivering task. Measured on the 2-core machine, 4 KB messages, 16 delivering tasks,
/// every delivery fsync-durable: about 850 deliveries/s with the text indexed in each
/// delivery's commit; with the indexing deferred, 4,700 to 5,500/s, and the indexer then
/// catches up at about 1,500 to 1,800 messages/s. So a delivery commits its message with
/// a row in `search_pending`, which is cheap, and this loop moves that content into
/// `blob_text` later. It reads and parses batches of up to 256 on a thread of lower
/// priority (`LowPriorityThread`) and writes them through the group committer with idle
/// priority: when the writer has been quiet for a moment or the batch has waited too long,
/// and giving way to deliveries that queue up meanwhile. Large batches index faster (FTS5
/// writes one segment per transaction): measured 850 messages/s in batches of 16, 1,150/s
/// in batches of 64, 1,550/s in batches of 256.
/// Dovecot's `indexer-worker` fills its full-text index asynchronously in the same way.
///
/// Why search stays complete: `search` first indexes whatever is still queued for the
/// messages of the mailbox it searches (`indexPendingContent(ofMailbox:)`), so a message is
/// found as soon as its delivery has returned. The queue is durable: what a crash or a
/// close leaves in it is indexed after the next open. Each batch's transaction moves only
/// blobs still queued, so a blob is never indexed twice, and one deleted meanwhile is
/// skipped; deleting a blob removes its queue entry or its index row in the same commit.
final class SearchIndexer: Sendable {
    /// What one batch of the loop found.
    enum BatchOutcome {
        /// It indexed a batch; there may be more.
        case indexed
        /// The queue is empty.
        case queueEmpty
        /// It failed; the loop tries again after `retryDelay`.
        case failed
    }

    private let wakeups: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let loop = Locked<Task<Void, Never>?>(nil)
    private let thread = Locked<LowPriorityThread?>(nil)
    private let isStopping = Atomic<Bool>(false)

    init() {
        (wakeups, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    deinit {
        continuation.finish()
    }

    /// Starts the loop: `indexBatch` indexes one batch from the head of the queue. It runs
    /// now (for what a previous run left) and after every `wake`, until the queue is empty.
    /// After a failure it pauses for `retryDelay` and tries again, so that a lasting error
    /// (a full disk) costs one batch's parsing per pause, not one per commit.
    func start(retryDelay: Duration, _ indexBatch: @escaping @Sendable () async -> BatchOutcome) {
        thread.withLock { $0 = LowPriorityThread(name: "martlet.store.indexer") }
        let task = Task { [wakeups, weak self] in
            for await _ in wakeups {
                batches: while self?.isStopping.load(ordering: .relaxed) == false {
                    switch await indexBatch() {
                    case .indexed: continue
                    case .queueEmpty: break batches
                    case .failed:
                        do {
                            try await Task.sleep(for: retryDelay)
                        } catch {
                            break batches
                        }
                    }
                }
            }
        }
        loop.withLock { $0 = task }
        wake()
    }

    /// Tells the loop that commits have queued content.
    func wake() {
        continuation.yield()
    }

    /// Runs `work` (reading and parsing) on the indexer's low-priority thread, or in the
    /// caller's task when the loop was never started.
    func runInBackground<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        if let thread = thread.withLock({ $0 }) { return await thread.run(work) }
        return work()
    }

    /// Ends the loop after its current batch and waits for it.
    func stop() async {
        isStopping.store(true, ordering: .relaxed)
        continuation.finish()
        let task = loop.withLock { $0 }
        task?.cancel()
        await task?.value
        thread.withLock { $0 }?.close()
    }
}
