import Foundation

/// Every limit and default of the store, in one place. Each can be changed by the operator.
public struct MailStoreLimits: Sendable, Hashable {
    /// Largest message accepted, in octets.
    public var maximumMessageSize = 50 * 1024 * 1024
    /// Messages up to this size are kept inside the database, so that the commit that
    /// records them also makes their content durable; larger ones become files.
    public var inlineBlobThreshold = 128 * 1024
    /// Targets of one alias source.
    public var maximumAliasTargets = 1_000
    /// How many aliases deep an expansion may go.
    public var maximumAliasDepth = 8
    /// Accounts plus remote addresses one address may expand to.
    public var maximumResolvedRecipients = 1_000
    /// The separator of plus-addressing (`user+tag@`); nil turns plus-addressing off.
    public var subaddressSeparator: Character? = "+"
    /// Mailboxes per account.
    public var maximumMailboxesPerAccount = 10_000
    /// Keywords per message.
    public var maximumKeywordsPerMessage = 64
    /// Length of one keyword, in octets.
    public var maximumKeywordLength = 128
    /// Ranges in one UID set.
    public var maximumUIDRanges = 10_000
    /// Length of the credential string, in octets.
    public var maximumCredentialLength = 4_096
    /// Text of one search term, in octets.
    public var maximumSearchTextLength = 1_024
    /// Terms of one search.
    public var maximumSearchTerms = 32
    /// Text indexed per field of one message, in octets (the rest is not searchable).
    public var maximumIndexedTextLength = 1024 * 1024
    /// Requests one group commit may hold.
    public var maximumGroupCommitBatch = 512
    /// How long a group commit may wait for its batch to fill up to the size of the one
    /// before.
    public var groupCommitMaximumWait: Duration = .microseconds(500)
    /// Contents the search indexer reads and parses in one batch (fewer when they reach
    /// `searchIndexBatchOctets`) and writes in one transaction, unless deliveries queue up
    /// meanwhile (see `searchIndexMinimumOctetsPerTransaction`).
    public var searchIndexBatchSize = 256
    /// Text the background indexer writes in one transaction (at least one message) before
    /// it lets queued deliveries go first, in octets: about 16 messages of 4 KB.
    public var searchIndexMinimumOctetsPerTransaction = 64 * 1024
    /// Octets the search indexer holds for one batch (at least one message): the inline
    /// contents it loads, and again the texts it extracts.
    public var searchIndexBatchOctets = 8 * 1024 * 1024
    /// The background indexer writes when no delivery has committed for this long...
    public var searchIndexQuietPeriod: Duration = .milliseconds(2)
    /// ...or when its batch has waited this long, so that steady traffic cannot hold it off.
    public var searchIndexMaximumDelay: Duration = .milliseconds(250)
    /// How long the background indexer pauses after a failed batch.
    public var searchIndexRetryDelay: Duration = .seconds(1)
    /// Events buffered for one change-feed subscriber before it is told to resync.
    public var changeFeedBufferLimit = 1_000
    /// Spool files, and blob files no row refers to, older than this are removed by
    /// `collectGarbage()` (at an opening that collects garbage, all are).
    public var spoolFileMaximumAge: TimeInterval = 24 * 3600
    /// Concurrent readers of the database.
    public var maximumDatabaseReaders = 8
    /// Kibibytes of database pages each connection may keep in its page cache (SQLite's
    /// cache_size; filled only as pages are read). A search or a FETCH over a large mailbox
    /// then finds the mailbox's rows and index pages in memory instead of copying them from
    /// the kernel's file cache page by page. (A memory map of the file was tried instead: SQLite
    /// maps the file anew whenever it grows, hundreds of times a second under delivery.)
    public var databaseCacheKibibytes = 16_384
    /// Threads that write and read blob files.
    public var fileThreads = 8
    /// How long a writer waits for a lock held by another process, in seconds.
    public var busyTimeout: TimeInterval = 10
    /// How soon after a commit a background checkpoint copies the WAL into the database.
    public var checkpointDelay: Duration = .milliseconds(20)
    /// WAL pages after which the writer checkpoints itself (and the WAL can restart).
    public var writerCheckpointPages = 4_000

    /// The defaults.
    public init() {}
}
