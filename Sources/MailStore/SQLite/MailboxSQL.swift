import Foundation
internal import GRDB
import MailCore

/// One row of the `mailbox` table.
struct MailboxRow: Sendable {
    let id: Int64
    let account: AccountID
    let name: MailboxName
    let specialUse: SpecialUse?
    let isSubscribed: Bool
    let uidValidity: UIDValidity
    let uidNext: UID
    let highestModSequence: ModSequence

    var mailboxID: MailboxID { MailboxID(account: account, rawValue: id) }

    var info: MailboxInfo {
        MailboxInfo(id: mailboxID, name: name, specialUse: specialUse, isSubscribed: isSubscribed, uidValidity: uidValidity)
    }

    static let columns = "id, account_id, name, special_use, subscribed, uid_validity, uid_next, highest_modseq"

    init(row: Row) throws {
        id = row[0]
        account = AccountID(rawValue: row[1])
        let text: String = row[2]
        do {
            name = try MailboxName(text)
        } catch {
            throw MailStoreError.storageFailure("stored mailbox name '\(text)' is invalid: \(error)")
        }
        specialUse = (row[3] as String?).flatMap(SpecialUse.init(rawValue:))
        isSubscribed = row[4]
        uidValidity = UIDValidity(rawValue: UInt32(truncatingIfNeeded: row[5] as Int64))
        uidNext = UID(UInt32(clamping: row[6] as Int64))
        highestModSequence = ModSequence(UInt64(clamping: row[7] as Int64))
    }
}

/// The little a delivery needs to know about the mailbox it saves into.
struct MailboxTarget: Sendable {
    let id: Int64
    let account: AccountID
    let name: MailboxName
    let uidValidity: UIDValidity

    var mailboxID: MailboxID { MailboxID(account: account, rawValue: id) }
}

extension MailboxRow {
    var target: MailboxTarget { MailboxTarget(id: id, account: account, name: name, uidValidity: uidValidity) }
}

/// SQL about mailboxes, run inside a database access.
enum MailboxSQL {
    /// The default mailboxes of a new account (RFC 6154 roles).
    static let defaultMailboxes: [(String, SpecialUse?)] = [
        ("INBOX", nil), ("Drafts", .drafts), ("Sent", .sent), ("Trash", .trash), ("Junk", .junk), ("Archive", .archive),
    ]

    static func find(_ db: Database, account: AccountID, name: MailboxName) throws -> MailboxRow? {
        let statement = try db.cachedStatement(sql: "SELECT \(MailboxRow.columns) FROM mailbox WHERE account_id = ? AND name = ?")
        return try Row.fetchOne(statement, arguments: [account.rawValue, name.rawValue]).map(MailboxRow.init(row:))
    }

    static func require(_ db: Database, account: AccountID, name: MailboxName) throws -> MailboxRow {
        guard let row = try find(db, account: account, name: name) else { throw MailStoreError.mailboxNotFound(name.rawValue) }
        return row
    }

    /// The mailbox with this identifier; it must belong to the identifier's account.
    static func require(_ db: Database, _ mailbox: MailboxID) throws -> MailboxRow {
        let statement = try db.cachedStatement(sql: "SELECT \(MailboxRow.columns) FROM mailbox WHERE id = ? AND account_id = ?")
        guard let row = try Row.fetchOne(statement, arguments: [mailbox.rawValue, mailbox.account.rawValue]) else {
            throw MailStoreError.mailboxNotFound(mailbox.description)
        }
        return try MailboxRow(row: row)
    }

    static func all(_ db: Database, account: AccountID) throws -> [MailboxRow] {
        try Row.fetchAll(db, sql: "SELECT \(MailboxRow.columns) FROM mailbox WHERE account_id = ? ORDER BY name", arguments: [account.rawValue])
            .map(MailboxRow.init(row:))
    }

    /// A UIDVALIDITY no mailbox of this store has had: a store-wide counter that is at
    /// least the current time in seconds, so values also grow across re-created stores.
    static func nextUIDValidity(_ db: Database, now: Date) throws -> UIDValidity {
        let seconds = Int64(max(1, min(now.timeIntervalSince1970.rounded(.down), Double(UInt32.max) - 1_000_000)))
        let value = try Int64.fetchOne(db, sql: """
            INSERT INTO counter(name, value) VALUES ('uid_validity', ?)
            ON CONFLICT(name) DO UPDATE SET value = max(value + 1, excluded.value)
            RETURNING value
            """, arguments: [seconds]) ?? seconds
        guard value > 0, value <= Int64(UInt32.max) else {
            throw MailStoreError.storageFailure("the UIDVALIDITY counter is exhausted")
        }
        return UIDValidity(rawValue: UInt32(value))
    }

    /// Creates one mailbox; the caller has checked that the name is free.
    static func insert(_ db: Database, account: AccountID, name: MailboxName, specialUse: SpecialUse?,
                       subscribed: Bool, now: Date, context: WriteContext?) throws -> MailboxRow {
        let validity = try nextUIDValidity(db, now: now)
        try db.execute(sql: """
            INSERT INTO mailbox(account_id, name, special_use, subscribed, uid_validity, uid_next, highest_modseq)
            VALUES (?, ?, ?, ?, ?, 1, 1)
            """, arguments: [account.rawValue, name.rawValue, specialUse?.rawValue, subscribed, Int64(validity.rawValue)])
        let row = try require(db, account: account, name: name)
        context?.publish(.mailboxCreated(row.mailboxID, name: name), to: account)
        return row
    }

    /// Creates `name` and every missing superior, checking the per-account limit.
    /// Throws `mailboxExists` if `name` itself exists.
    static func create(_ db: Database, account: AccountID, name: MailboxName, specialUse: SpecialUse?,
                       limit: Int, now: Date, context: WriteContext) throws -> MailboxRow {
        if try find(db, account: account, name: name) != nil { throw MailStoreError.mailboxExists(name.rawValue) }
        try createMissingSuperiors(of: name, db, account: account, limit: limit, now: now, context: context)
        try checkCount(db, account: account, adding: 1, limit: limit)
        return try insert(db, account: account, name: name, specialUse: specialUse, subscribed: false, now: now, context: context)
    }

    static func createMissingSuperiors(of name: MailboxName, _ db: Database, account: AccountID, limit: Int,
                                       now: Date, context: WriteContext) throws {
        var superiors: [MailboxName] = []
        var current = name.parent
        while let superior = current {
            superiors.append(superior)
            current = superior.parent
        }
        for superior in superiors.reversed() where try find(db, account: account, name: superior) == nil {
            try checkCount(db, account: account, adding: 1, limit: limit)
            _ = try insert(db, account: account, name: superior, specialUse: nil, subscribed: false, now: now, context: context)
        }
    }

    static func checkCount(_ db: Database, account: AccountID, adding: Int, limit: Int) throws {
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM mailbox WHERE account_id = ?", arguments: [account.rawValue]) ?? 0
        if count + adding > limit { throw MailStoreError.tooManyMailboxes(limit: limit) }
    }

    /// Takes `count` UIDs and one new MODSEQ for new messages of a mailbox.
    static func allocate(_ db: Database, mailbox: Int64, uids count: Int) throws -> (first: UID, modSequence: ModSequence) {
        let statement = try db.cachedStatement(sql: """
            UPDATE mailbox SET uid_next = uid_next + ?, highest_modseq = highest_modseq + 1
            WHERE id = ? RETURNING uid_next, highest_modseq
            """)
        guard let row = try Row.fetchOne(statement, arguments: [count, mailbox]) else {
            throw MailStoreError.mailboxNotFound("#\(mailbox)")
        }
        let next: Int64 = row[0]
        let first = next - Int64(count)
        guard first >= 1, next - 1 <= Int64(UInt32.max) else {
            throw MailStoreError.storageFailure("mailbox #\(mailbox) has used up its UIDs")
        }
        return (UID(UInt32(first)), ModSequence(UInt64(row[1] as Int64)))
    }

    /// Takes one new MODSEQ for a mailbox.
    static func nextModSequence(_ db: Database, mailbox: Int64) throws -> ModSequence {
        let statement = try db.cachedStatement(sql: "UPDATE mailbox SET highest_modseq = highest_modseq + 1 WHERE id = ? RETURNING highest_modseq")
        guard let value = try Int64.fetchOne(statement, arguments: [mailbox]) else {
            throw MailStoreError.mailboxNotFound("#\(mailbox)")
        }
        return ModSequence(UInt64(value))
    }

    /// Deletes a mailbox with its messages, expunge log, access control list and the
    /// subscriptions of other accounts to it.
    static func delete(_ db: Database, _ row: MailboxRow, context: WriteContext) throws {
        var released: [Int64: Int] = [:]
        for blob in try Int64.fetchAll(db, sql: "SELECT blob_id FROM message WHERE mailbox_id = ?", arguments: [row.id]) {
            released[blob, default: 0] += 1
        }
        try db.execute(sql: "DELETE FROM message WHERE mailbox_id = ?", arguments: [row.id])
        try db.execute(sql: "DELETE FROM expunged WHERE mailbox_id = ?", arguments: [row.id])
        try db.execute(sql: "DELETE FROM mailbox_acl WHERE mailbox_id = ?", arguments: [row.id])
        try db.execute(sql: "DELETE FROM shared_subscription WHERE mailbox_id = ?", arguments: [row.id])
        try db.execute(sql: "DELETE FROM mailbox WHERE id = ?", arguments: [row.id])
        try BlobSQL.release(db, released, context: context)
        context.publish(.mailboxDeleted(row.mailboxID, name: row.name), to: row.account)
    }
}
