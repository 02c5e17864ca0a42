import Foundation
internal import GRDB
import MailCore

extension SQLiteMailStore {
    public func mailboxes(of account: AccountID) async throws(MailStoreError) -> [MailboxInfo] {
        try await read { db in try MailboxSQL.all(db, account: account).map(\.info) }
    }

    public func mailbox(named name: MailboxName, of account: AccountID) async throws(MailStoreError) -> MailboxInfo {
        try await read { db in try MailboxSQL.require(db, account: account, name: name).info }
    }

    @discardableResult
    public func createMailbox(_ name: MailboxName, of account: AccountID, specialUse: SpecialUse?) async throws(MailStoreError) -> MailboxInfo {
        let limit = limits.maximumMailboxesPerAccount
        let now = clock()
        return try await write { db, context in
            try Self.requireAccount(db, account)
            return try MailboxSQL.create(db, account: account, name: name, specialUse: specialUse, limit: limit,
                                         now: now, context: context).info
        }
    }

    public func deleteMailbox(_ name: MailboxName, of account: AccountID) async throws(MailStoreError) {
        guard !name.isInbox else { throw .cannotDeleteInbox }
        try await write { db, context in
            let row = try MailboxSQL.require(db, account: account, name: name)
            let hasChildren = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM mailbox WHERE account_id = ? AND substr(name, 1, ?) = ?)
                """, arguments: [account.rawValue, name.rawValue.utf8.count + 1, name.rawValue + "/"]) ?? false
            if hasChildren { throw MailStoreError.mailboxHasChildren(name.rawValue) }
            try MailboxSQL.delete(db, row, context: context)
        }
    }

    public func renameMailbox(_ name: MailboxName, to newName: MailboxName, of account: AccountID) async throws(MailStoreError) {
        guard name != newName else { throw .invalidRename(from: name.rawValue, to: newName.rawValue, reason: "the names are the same") }
        guard !newName.isDescendant(of: name) else {
            throw .invalidRename(from: name.rawValue, to: newName.rawValue, reason: "a mailbox cannot move below itself")
        }
        let limit = limits.maximumMailboxesPerAccount
        let now = clock()
        let saveDate = Self.milliseconds(now)
        try await write { db, context in
            let row = try MailboxSQL.require(db, account: account, name: name)
            if try MailboxSQL.find(db, account: account, name: newName) != nil {
                throw MailStoreError.mailboxExists(newName.rawValue)
            }
            if name.isInbox {
                try Self.renameInbox(db, inbox: row, to: newName, limit: limit, now: now, saveDate: saveDate, context: context)
            } else {
                try Self.renameSubtree(db, root: row, to: newName, limit: limit, now: now, context: context)
            }
        }
    }

    public func setSubscribed(_ subscribed: Bool, mailbox name: MailboxName, of account: AccountID) async throws(MailStoreError) {
        try await write { db, context in
            let row = try MailboxSQL.require(db, account: account, name: name)
            try db.execute(sql: "UPDATE mailbox SET subscribed = ? WHERE id = ?", arguments: [subscribed, row.id])
            context.publish(.mailboxSubscriptionChanged(row.mailboxID, subscribed: subscribed), to: account)
        }
    }

    public func status(of mailbox: MailboxID) async throws(MailStoreError) -> MailboxStatus {
        try await read { db in
            let row = try MailboxSQL.require(db, mailbox)
            let seen = Int64(SystemFlags.seen.rawValue)
            let deleted = Int64(SystemFlags.deleted.rawValue)
            let counts = try Row.fetchOne(db, sql: """
                SELECT count(*), total(flags & ? = 0), total(flags & ? != 0), total(size),
                    total(CASE WHEN flags & ? != 0 THEN size ELSE 0 END) FROM message WHERE mailbox_id = ?
                """, arguments: [seen, deleted, deleted, row.id])
            return MailboxStatus(
                mailbox: mailbox,
                messages: counts?[0] ?? 0,
                unseen: Int(counts?[1] as Double? ?? 0),
                deleted: Int(counts?[2] as Double? ?? 0),
                uidNext: row.uidNext,
                uidValidity: row.uidValidity,
                highestModSequence: row.highestModSequence,
                size: Int(counts?[3] as Double? ?? 0),
                deletedSize: Int(counts?[4] as Double? ?? 0))
        }
    }

    static func requireAccount(_ db: Database, _ account: AccountID) throws {
        guard try DirectorySQL.account(db, id: account) != nil else { throw MailStoreError.accountNotFound(account.description) }
    }

    /// Renames a mailbox and its inferiors; identifiers and UIDVALIDITY stay.
    private static func renameSubtree(_ db: Database, root: MailboxRow, to newName: MailboxName, limit: Int,
                                      now: Date, context: WriteContext) throws {
        let account = root.account
        let subtree = try MailboxSQL.all(db, account: account).filter { $0.id == root.id || $0.name.isDescendant(of: root.name) }
        var renames: [(MailboxRow, MailboxName)] = []
        for row in subtree {
            guard let target = row.name.replacingAncestor(root.name, with: newName) else {
                throw MailStoreError.invalidRename(from: row.name.rawValue, to: newName.rawValue, reason: "the new name is too long or too deep")
            }
            if row.id != root.id, try MailboxSQL.find(db, account: account, name: target) != nil {
                throw MailStoreError.mailboxExists(target.rawValue)
            }
            renames.append((row, target))
        }
        try MailboxSQL.createMissingSuperiors(of: newName, db, account: account, limit: limit, now: now, context: context)
        // Two steps so that no intermediate state collides with the UNIQUE(account, name) key.
        // The temporary names start with a control character, which no MailboxName has.
        let update = try db.cachedStatement(sql: "UPDATE mailbox SET name = ? WHERE id = ?")
        for (row, _) in renames {
            try update.execute(arguments: ["\u{1}renaming/\(row.id)", row.id])
        }
        for (row, target) in renames {
            try update.execute(arguments: [target.rawValue, row.id])
            context.publish(.mailboxRenamed(row.mailboxID, from: row.name, to: target), to: account)
        }
    }

    /// RFC 9051 §6.3.6: renaming INBOX moves its messages to a new mailbox with the new
    /// name and leaves INBOX empty; INBOX's inferiors are not renamed.
    private static func renameInbox(_ db: Database, inbox: MailboxRow, to newName: MailboxName, limit: Int,
                                    now: Date, saveDate: Int64, context: WriteContext) throws {
        let destination = try MailboxSQL.create(db, account: inbox.account, name: newName, specialUse: nil, limit: limit,
                                                now: now, context: context)
        let rows = try Row.fetchAll(db, sql: "SELECT \(MessageRow.columns) FROM message WHERE mailbox_id = ? ORDER BY uid",
                                    arguments: [inbox.id]).map(MessageRow.init(row:))
        _ = try MessageSQL.copy(db, rows, to: destination, saveDate: saveDate, context: context)
        _ = try MessageSQL.expunge(db, rows, from: inbox, context: context)
    }
}
