import Locking

/// The POP3 maildrops held by sessions of this process: one session per account at a time
/// (RFC 1939 §8: the server must lock the maildrop; RFC 2449 §8.1.1 answers the second
/// session `[IN-USE]`). IMAP sessions take no lock: they work alongside POP3 on the store.
final class MaildropLocks: Sendable {
    private let held = Locked<Set<String>>([])

    /// Takes the lock of the maildrop named `key` (an account's lookup key); false when
    /// another session holds it.
    func acquire(_ key: String) -> Bool {
        held.withLock { $0.insert(key).inserted }
    }

    /// Gives the lock back.
    func release(_ key: String) {
        _ = held.withLock { $0.remove(key) }
    }

    /// How many maildrops are held.
    var count: Int { held.withLock { $0.count } }
}
