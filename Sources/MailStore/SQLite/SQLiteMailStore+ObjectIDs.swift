internal import GRDB
import MailCore

/// RFC 8474 object identifiers of messages, derived from each message's content row
/// (``ObjectIDSecret``).
extension SQLiteMailStore {
    public func objectIDs(of uids: [UID], in mailbox: MailboxID) async throws(MailStoreError) -> [UID: MessageObjectIDs] {
        guard !uids.isEmpty else { return [:] }
        return try await read { db in
            let secret = try ObjectIDSQL.secret(db)
            var identifiers = [UID: MessageObjectIDs](minimumCapacity: uids.count)
            try ObjectIDSQL.forEachMessage(db, uids: uids, in: mailbox) { uid, content, root in
                identifiers[uid] = MessageObjectIDs(
                    emailID: secret.emailID(account: mailbox.account, content: content),
                    threadID: secret.threadID(account: mailbox.account, root: root, content: content))
            }
            return identifiers
        }
    }

    /// Derives the identifier of each message of the mailbox and keeps those equal to the
    /// one asked for; an identifier of the other kind matches nothing.
    public func search(_ query: ObjectIDQuery, in mailbox: MailboxID) async throws(MailStoreError) -> [UID] {
        try await read { db in
            let secret = try ObjectIDSQL.secret(db)
            var matches = [UID]()
            try ObjectIDSQL.forEachMessage(db, uids: nil, in: mailbox) { uid, content, root in
                let matched = switch query {
                case .emailID(let wanted): secret.emailID(account: mailbox.account, content: content) == wanted
                case .threadID(let wanted): secret.threadID(account: mailbox.account, root: root, content: content) == wanted
                }
                if matched { matches.append(uid) }
            }
            return matches
        }
    }
}
