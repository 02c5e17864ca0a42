/// An account's storage limits and what it uses now (RFC 9208's STORAGE and MESSAGE
/// resources; one quota root per account covers all its mailboxes).
public struct AccountQuota: Hashable, Sendable {
    /// The most octets its messages may hold; nil for no limit.
    public var storageLimit: Int?
    /// The most messages it may hold; nil for no limit.
    public var messageLimit: Int?
    /// The octets its messages hold (every copy counts, as a client sees them).
    public var storageUsed: Int
    /// The messages it holds.
    public var messagesUsed: Int

    /// A value with the given fields.
    public init(storageLimit: Int?, messageLimit: Int?, storageUsed: Int, messagesUsed: Int) {
        self.storageLimit = storageLimit
        self.messageLimit = messageLimit
        self.storageUsed = storageUsed
        self.messagesUsed = messagesUsed
    }

    /// Whether `messages` more messages of `octets` in all fit.
    public func admits(messages: Int, octets: Int) -> Bool {
        if let storageLimit, storageUsed + octets > storageLimit { return false }
        if let messageLimit, messagesUsed + messages > messageLimit { return false }
        return true
    }

    /// Whether a limit is reached already (no further message fits).
    public var isFull: Bool { !admits(messages: 1, octets: 0) || storageLimit.map { storageUsed >= $0 } == true }
}
