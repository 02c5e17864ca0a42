import Foundation
internal import GRDB
import MailCore
import Synchronization

/// The embedded store: SQLite through a GRDB `DatabasePool` (WAL, `synchronous=FULL`) plus
/// content-addressed blob files, all under one data directory (see `StoreLayout`).
///
/// Every write goes through one `GroupCommitter`, so concurrent writes share commits and
/// their change-feed events come out in commit order. Reads run on their own connections
/// and never wait for the writer. Parsing, hashing and blob files happen in the caller's
/// task before its request reaches the writer. The full-text index is filled by a
/// background `SearchIndexer`; search first indexes what its mailbox still lacks.
///
/// One process owns a data directory: the server. Others (admin commands run while it
/// runs) open it with `collectingGarbage: false` and only change the directory, mailboxes
/// and flags; deliveries and appends come from the owner.
public final class SQLiteMailStore: MailStore {
    let pool: DatabasePool
    let layout: StoreLayout
    /// The limits this store enforces.
    public let limits: MailStoreLimits
    let clock: @Sendable () -> Date
    let analyzer: MessageAnalyzer
    let broker: ChangeBroker
    let committer: GroupCommitter
    let leases: BlobLeases
    let fileIO: FileIOPool
    let checkpointer: BackgroundCheckpointer
    /// A read-only connection of its own for the check a blob file's removal makes under the
    /// lease lock (see `removeBlobFiles`).
    let blobFileCheck: DatabaseQueue
    let indexer: SearchIndexer
    let indexedCount = Atomic<Int>(0)
    /// Whether this instance removes files (spool files, blob files): only the owner does.
    let removesFiles: Bool
    /// Advanced by every process after it changes the directory.
    let directoryGeneration: DirectoryGeneration

    /// The data directory.
    public var directory: String { layout.root }
    public let queueActivity = QueueActivitySignal()

    private init(pool: DatabasePool, checkpointer: BackgroundCheckpointer, blobFileCheck: DatabaseQueue, layout: StoreLayout,
                 limits: MailStoreLimits, clock: @escaping @Sendable () -> Date, analyzer: MessageAnalyzer, removesFiles: Bool) {
        self.checkpointer = checkpointer
        self.blobFileCheck = blobFileCheck
        self.removesFiles = removesFiles
        self.pool = pool
        self.layout = layout
        self.directoryGeneration = DirectoryGeneration(path: layout.directoryGenerationPath)
        self.limits = limits
        self.clock = clock
        self.analyzer = analyzer
        let broker = ChangeBroker(bufferLimit: limits.changeFeedBufferLimit)
        let leases = BlobLeases()
        let fileIO = FileIOPool(threads: limits.fileThreads)
        let indexer = SearchIndexer()
        self.broker = broker
        self.leases = leases
        self.fileIO = fileIO
        self.indexer = indexer
        let idleScheduling = GroupCommitter.IdleScheduling(quietPeriod: limits.searchIndexQuietPeriod,
                                                           maximumDelay: limits.searchIndexMaximumDelay)
        self.committer = GroupCommitter(pool: pool, maximumBatch: limits.maximumGroupCommitBatch,
                                        maximumWait: limits.groupCommitMaximumWait, idleScheduling: idleScheduling) { effects in
            checkpointer.noteCommit()
            broker.publish(effects.flatMap(\.changes))
            if effects.contains(where: \.queuedForIndexing) { indexer.wake() }
            // A second process leaves unneeded files to the owner's garbage collection: it
            // cannot see the owner's deliveries, which may be about to reuse such a file.
            let unneeded = effects.flatMap(\.unneededBlobFiles)
            guard removesFiles, !unneeded.isEmpty else { return }
            Task {
                _ = try? await fileIO.run { () throws(MailStoreError) -> Int in
                    try Self.removeBlobFiles(unneeded, layout: layout, leases: leases, connection: blobFileCheck)
                }
            }
        }
    }

    /// Opens (creating if needed) the store in `directory` and migrates its schema.
    ///
    /// With `collectingGarbage` (the server, which owns the store, opening it before it
    /// accepts mail) it also removes what a crash may have left behind (every spool file,
    /// blob files no row refers to) and starts the background search indexer.
    ///
    /// Without it (an admin command while the server may run, in another process) the
    /// store removes no file at all, neither at open nor when content loses its last
    /// reference (the owner's next collection removes those), and starts no indexer (the
    /// owner's indexes; a search here indexes what it needs itself). Such an instance is
    /// for directory, mailbox and flag changes and for reading; deliveries and appends
    /// belong to the owner.
    public static func open(
        directory: String,
        limits: MailStoreLimits = MailStoreLimits(),
        clock: @escaping @Sendable () -> Date = { Date() },
        analyzer: MessageAnalyzer = .parser(),
        collectingGarbage: Bool = true
    ) async throws(MailStoreError) -> SQLiteMailStore {
        let layout = StoreLayout(root: directory)
        try prepareDirectories(layout)
        var configuration = Configuration()
        configuration.maximumReaderCount = max(1, limits.maximumDatabaseReaders)
        configuration.busyMode = .timeout(limits.busyTimeout)
        configuration.label = "martlet.store"
        let cacheKibibytes = max(64, limits.databaseCacheKibibytes)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA cache_size = -\(cacheKibibytes)")
            // Debian builds SQLite with SECURE_DELETE, which overwrites every freed page with
            // zeros: deleting a message's inline content then writes its overflow pages to the
            // WAL once more, and an expunge of 500 4 KB messages commits 0.6 s instead of 5 ms.
            // FAST still clears deleted content from the b-tree pages a change writes anyway.
            try db.execute(sql: "PRAGMA secure_delete = FAST")
        }
        let pool: DatabasePool
        let checkpointer: BackgroundCheckpointer
        let blobFileCheck: DatabaseQueue
        do {
            pool = try DatabasePool(path: layout.databasePath, configuration: configuration)
            // Durability: every commit fsyncs the WAL (DESIGN rule 2). Set on the writer here,
            // after GRDB's own WAL set-up, which chooses synchronous=NORMAL.
            let writerCheckpointPages = max(100, limits.writerCheckpointPages)
            let (journalMode, synchronous) = try await pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(writerCheckpointPages)")
                return (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
            }
            guard journalMode == "wal", synchronous == 2 else {
                throw MailStoreError.storageFailure(
                    "the database is not durable: journal_mode \(journalMode ?? "?"), synchronous \(synchronous.map(String.init) ?? "?")")
            }
            try Schema.migrator.migrate(pool)
            checkpointer = try BackgroundCheckpointer(path: layout.databasePath, configuration: configuration,
                                                      delay: limits.checkpointDelay)
            var readOnly = configuration
            readOnly.readonly = true
            blobFileCheck = try DatabaseQueue(path: layout.databasePath, configuration: readOnly)
        } catch {
            throw MailStoreError(wrapping: error)
        }
        let store = SQLiteMailStore(pool: pool, checkpointer: checkpointer, blobFileCheck: blobFileCheck, layout: layout,
                                    limits: limits, clock: clock, analyzer: analyzer, removesFiles: collectingGarbage)
        if collectingGarbage {
            do {
                try await store.collectGarbage(removingEverythingLeftOver: true)
            } catch {
                await store.close()
                throw error
            }
            store.indexer.start(retryDelay: limits.searchIndexRetryDelay) { [weak store] in
                guard let store else { return .queueEmpty }
                do {
                    return try await store.indexNextBatchInBackground() ? .indexed : .queueEmpty
                } catch {
                    return .failed
                }
            }
        }
        return store
    }

    /// Refuses further writes, ends every change feed and closes the database. Writes
    /// already submitted finish first; the background indexer stops after its current
    /// batch (what it has not indexed stays queued for the next open).
    public func close() async {
        committer.refuseIdleRequests()
        await indexer.stop()
        await committer.closeAndWait()
        broker.close()
        checkpointer.close()
        try? blobFileCheck.close()
        try? pool.close()
    }

    /// Write transactions committed since the store was opened (each is one fsync of the
    /// WAL; with group commit there are fewer than writes), the search indexer's included.
    public var transactionsCommitted: Int { committer.transactionsCommitted }

    /// The background search indexer's transactions among `transactionsCommitted`.
    public var indexerTransactionsCommitted: Int { committer.idleTransactionsCommitted }

    /// The number of live change-feed subscriptions of an account.
    public func subscriberCount(of account: AccountID) -> Int {
        broker.subscriberCount(of: account)
    }

    public func changes(of account: AccountID) -> ChangeFeed {
        broker.subscribe(to: account)
    }

    // MARK: - Access helpers

    /// Runs a read in its own snapshot.
    func read<Value: Sendable>(_ body: @escaping @Sendable (Database) throws -> Value) async throws(MailStoreError) -> Value {
        // GRDB's `asyncRead`, not its `async` read: that one resumes the caller between
        // waiting for a reader and using it (four thread hand-offs per read); this one goes
        // from the pool's queue to the reader's and resumes the caller once (three).
        let result: Result<Value, MailStoreError> = await withUnsafeContinuation { continuation in
            pool.asyncRead { database in
                do {
                    continuation.resume(returning: .success(try body(database.get())))
                } catch {
                    continuation.resume(returning: .failure(MailStoreError(wrapping: error)))
                }
            }
        }
        return try result.get()
    }

    /// Runs a change of the directory through the group committer and then advances the
    /// directory generation, so every process drops what it cached from the directory.
    func writeDirectory<Value: Sendable>(_ body: @escaping @Sendable (Database, WriteContext) throws -> Value) async throws(MailStoreError) -> Value {
        defer { directoryGeneration.advance() }
        return try await committer.submit(body)
    }

    /// Runs a write through the group committer; returns once it is durable.
    func write<Value: Sendable>(_ body: @escaping @Sendable (Database, WriteContext) throws -> Value) async throws(MailStoreError) -> Value {
        try await committer.submit(body)
    }

    /// Milliseconds since 1970 by the store's clock.
    var nowMilliseconds: Int64 { Self.milliseconds(clock()) }

    static func milliseconds(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded(.down)
        guard value.isFinite else { return 0 }
        return Int64(max(min(value, 9.0e15), -9.0e15))
    }

    static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    private static func prepareDirectories(_ layout: StoreLayout) throws(MailStoreError) {
        try DurableFiles.makeDirectory(layout.root)
        try DurableFiles.makeDirectory(layout.blobDirectory)
        try DurableFiles.makeDirectory(layout.spoolDirectory)
        for shard in layout.shardDirectories { try DurableFiles.makeDirectory(shard) }
        try DurableFiles.syncDirectory(layout.blobDirectory)
        try DurableFiles.syncDirectory(layout.root)
    }

    /// Deletes blob files that no committed row needs and no delivery holds. Runs on a
    /// file thread. Returns how many it removed.
    ///
    /// The check runs on `connection`, not on a reader of the pool: a pool reader goes back
    /// only when the task that used it resumes on one of Swift's cooperative threads, and
    /// deliveries block those threads on the lease lock held here, so waiting for a pool
    /// reader under that lock could deadlock the store.
    static func removeBlobFiles(_ digests: [BlobDigest], layout: StoreLayout, leases: BlobLeases,
                                connection: DatabaseQueue) throws(MailStoreError) -> Int {
        var removed = 0
        for digest in Set(digests) {
            let didRemove = try leases.removeIfUnleased(digest) { () throws(MailStoreError) -> Bool in
                // Checked under the lease lock: a delivery that committed a row for this
                // content after the caller decided the file was unneeded keeps it.
                let stillNeeded: Bool
                do {
                    stillNeeded = try connection.read { db in
                        try Bool.fetchOne(db, sql: "SELECT 1 FROM blob WHERE sha256 = ? AND content IS NULL",
                                          arguments: [Data(digest.bytes)]) ?? false
                    }
                } catch {
                    throw MailStoreError(wrapping: error)
                }
                guard !stillNeeded else { return false }
                let path = layout.blobPath(of: digest)
                guard DurableFiles.regularFileInfo(path) != nil else { return false }
                try DurableFiles.removeFile(path)
                return true
            }
            if didRemove { removed += 1 }
        }
        return removed
    }
}
