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
    /// before (only when fewer than half that many requests are queued).
    public var groupCommitMaximumWait: Duration = .microseconds(500)
    /// Events buffered for one change-feed subscriber before it is told to resync.
    public var changeFeedBufferLimit = 1_000
    /// Spool files older than this are removed by the garbage collector (at open, all are).
    public var spoolFileMaximumAge: TimeInterval = 24 * 3600
    /// Concurrent readers of the database.
    public var maximumDatabaseReaders = 8
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
