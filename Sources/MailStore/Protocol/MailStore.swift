/// The durable mail store that every session and admin command uses.
///
/// Nothing in it names SQL, GRDB or files: `SQLiteMailStore` is one conformer, a
/// PostgreSQL store will be another. Every method is safe to call from many tasks at once.
/// Every write is durable when the method returns; failures are `MailStoreError`s.
public protocol MailStore: DirectoryStore, MailboxStore, MailboxSharingStore, MessageStore, OutboundQueueStore, ChangeFeedSource, StoreMaintenance,
                           SpamTokenStore, Sendable {}
