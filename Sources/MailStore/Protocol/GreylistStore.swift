/// What the greylist remembers about one key: a triplet (client network, sender, recipient)
/// or a client network's record of passed retries (RFC 6647 greylisting). Times are
/// milliseconds since 1970.
public struct GreylistRecord: Sendable, Hashable {
    /// When the key was first seen (the start of its retry delay and window).
    public var firstSeen: Int64
    /// How many times it passed greylisting.
    public var passed: Int
    /// When it was last seen; records not seen for the lifetime are expired.
    public var lastSeen: Int64

    /// A record.
    public init(firstSeen: Int64, passed: Int, lastSeen: Int64) {
        self.firstSeen = firstSeen
        self.passed = passed
        self.lastSeen = lastSeen
    }
}

/// The greylist's records, shared by every node of the store. Writes are durable when the
/// methods return.
public protocol GreylistStore: Sendable {
    /// The records of those `keys` that exist.
    func greylistRecords(_ keys: [String]) async throws(MailStoreError) -> [String: GreylistRecord]
    /// Creates or replaces records.
    func saveGreylistRecords(_ records: [String: GreylistRecord]) async throws(MailStoreError)
    /// Deletes the records last seen before `lastSeenBefore` (ms); returns how many.
    @discardableResult
    func expireGreylistRecords(lastSeenBefore: Int64) async throws(MailStoreError) -> Int
}
