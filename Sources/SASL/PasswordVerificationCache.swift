import Crypto
import Locking

/// Remembers passwords that were recently verified against a credential, so that a client
/// logging in again (POP3 and IMAP clients reconnect all the time) does not pay for the
/// key derivation again — the derivation is slow on purpose, to protect the stored
/// credential, not to slow down a user whose password was just checked.
///
/// Like Dovecot's authentication cache it keeps no password: an entry is an HMAC-SHA-256,
/// under a random key that lives only in this process, of the user name, the password and
/// the whole credential. A changed password or credential therefore never matches an old
/// entry, and a memory dump reveals nothing a guesser could test offline without that key.
/// Only successes are remembered; a failed check always runs the full derivation.
/// The cache holds at most `capacity` entries and forgets the oldest first.
public final class PasswordVerificationCache: Sendable {
    /// The number of entries kept when none is given.
    public static let defaultCapacity = 10_000

    /// The most entries kept.
    public let capacity: Int
    private let key: SymmetricKey
    private let state: Locked<Entries>

    private struct Entries {
        var known: Set<[UInt8]> = []
        /// Insertion order, as a ring of `capacity` slots.
        var order: [[UInt8]] = []
        var next = 0
    }

    /// Creates an empty cache with a fresh random key.
    public init(capacity: Int = PasswordVerificationCache.defaultCapacity) {
        self.capacity = max(1, capacity)
        self.key = SymmetricKey(size: .bits256)
        self.state = Locked(Entries())
    }

    /// Whether `password` was verified for `username` against exactly this credential.
    public func contains(username: String, password: String, credential: SCRAMCredential) -> Bool {
        let entry = fingerprint(username: username, password: password, credential: credential)
        return state.withLock { $0.known.contains(entry) }
    }

    /// Remembers that `password` is right for `username` with this credential.
    public func insert(username: String, password: String, credential: SCRAMCredential) {
        let entry = fingerprint(username: username, password: password, credential: credential)
        let capacity = capacity
        state.withLock { entries in
            guard !entries.known.contains(entry) else { return }
            if entries.order.count < capacity {
                entries.order.append(entry)
            } else {
                entries.known.remove(entries.order[entries.next])
                entries.order[entries.next] = entry
                entries.next = (entries.next + 1) % capacity
            }
            entries.known.insert(entry)
        }
    }

    /// The number of entries held.
    public var count: Int { state.withLock { $0.known.count } }

    private func fingerprint(username: String, password: String, credential: SCRAMCredential) -> [UInt8] {
        var authenticator = HMAC<SHA256>(key: key)
        // Every field is length-prefixed, so no two different inputs give the same stream.
        for field in [Array(username.utf8), Array(password.utf8), credential.salt,
                      credential.storedKey, credential.serverKey, Array(String(credential.iterations).utf8)] {
            var length = UInt32(truncatingIfNeeded: field.count).bigEndian
            withUnsafeBytes(of: &length) { authenticator.update(data: $0) }
            authenticator.update(data: field)
        }
        return Array(authenticator.finalize())
    }
}
