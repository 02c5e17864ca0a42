/// Maintenance the operator and the tests run.
public protocol StoreMaintenance: Sendable {
    /// Removes content nothing refers to: stale spool files, blob files left by a crash
    /// between their write and their commit, and unreferenced content. Files are removed
    /// only once they are old enough that no delivery can still be writing them.
    @discardableResult
    func collectGarbage() async throws(MailStoreError) -> GarbageCollectionReport
    /// Checks the store's invariants and returns what is wrong (empty when all hold).
    /// With `verifyContent`, every stored message's SHA-256 is recomputed.
    func checkInvariants(verifyContent: Bool) async throws(MailStoreError) -> [InvariantViolation]
    /// Counts of what the store holds.
    func statistics() async throws(MailStoreError) -> StoreStatistics
}

/// Counts of what a store holds.
public struct StoreStatistics: Hashable, Sendable {
    /// Local domains.
    public var domains = 0
    public var accounts = 0
    public var mailboxes = 0
    /// Messages in all mailboxes (a message delivered to three accounts counts three times).
    public var messages = 0
    /// Stored contents: each is shared by the copies of one delivery and by COPY and MOVE;
    /// content kept in a file is stored once whoever delivers it again.
    public var blobs = 0
    /// Contents kept inside the database.
    public var inlineBlobs = 0
    /// Octets of all distinct contents.
    public var blobOctets = 0
    /// Distinct contents whose text is not in the full-text index yet (search indexes
    /// what it needs first, so this is a backlog, not a gap).
    public var blobsAwaitingIndexing = 0
    public init() {}
}

/// What a garbage collection removed.
public struct GarbageCollectionReport: Hashable, Sendable {
    public var spoolFilesRemoved = 0
    public var orphanBlobFilesRemoved = 0
    public var unreferencedBlobsRemoved = 0
    public init() {}
}

/// One broken invariant, described for a human.
public struct InvariantViolation: Hashable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
