import MailStore
import Locking

/// The local accounts recently found for recipient addresses, each kept under the directory
/// version read before it was looked up (`DirectoryStore.directoryVersion`), and valid only
/// while that version is current: any change to the directory, by any process, retires every
/// entry at once. Only addresses whose accounts have no quota limit are kept: whether an
/// account is full changes with every delivery, not with the directory.
///
/// It lets RCPT TO be answered on the connection's event loop, without a store read, for
/// the addresses mail keeps arriving for. Memory is bounded: when full it starts over.
public final class RecipientRouteCache: Sendable {
    private struct Entry {
        let version: UInt64
        let accounts: [LocalRecipient]
    }

    private let entries = Locked<[String: Entry]>([:])
    private let capacity: Int

    /// A cache of at most `capacity` addresses.
    public init(capacity: Int = 10_000) {
        self.capacity = max(1, capacity)
    }

    /// The accounts kept for `lookupKey` under `version`, or nil.
    func accounts(for lookupKey: String, version: UInt64) -> [LocalRecipient]? {
        entries.withLock { entries in
            guard let entry = entries[lookupKey], entry.version == version else { return nil }
            return entry.accounts
        }
    }

    /// Keeps `accounts` for `lookupKey`, looked up after `version` was read.
    func keep(_ accounts: [LocalRecipient], for lookupKey: String, version: UInt64) {
        entries.withLock { entries in
            if entries.count >= capacity, entries[lookupKey] == nil { entries.removeAll(keepingCapacity: true) }
            entries[lookupKey] = Entry(version: version, accounts: accounts)
        }
    }

    /// How many addresses are kept.
    public var count: Int { entries.withLock { $0.count } }
}
