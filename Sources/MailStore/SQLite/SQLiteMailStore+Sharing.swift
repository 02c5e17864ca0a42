internal import GRDB
import MailCore

/// Access control lists (RFC 4314) in `mailbox_acl`, and subscriptions to other accounts'
/// mailboxes in `shared_subscription`.
extension SQLiteMailStore {
    /// `mailbox_acl.grantee_id` of `anyone`.
    static let anyoneGranteeID: Int64 = 0

    public func rights(of viewer: AccountID, on mailbox: MailboxID) async throws(MailStoreError) -> MailboxRights {
        if viewer == mailbox.account { return .all }
        return try await read { db in try Self.grantedRights(db, viewer: viewer, mailbox: mailbox) }
    }

    public func grants(on mailbox: MailboxID) async throws(MailStoreError) -> [MailboxGrant] {
        try await read { db in
            _ = try MailboxSQL.require(db, mailbox)
            var grants = [MailboxGrant]()
            for row in try Row.fetchAll(db, sql: "SELECT grantee_id, rights FROM mailbox_acl WHERE mailbox_id = ?",
                                        arguments: [mailbox.rawValue]) {
                let granteeID: Int64 = row[0]
                let rights = MailboxRights(rawValue: UInt16(truncatingIfNeeded: row[1] as Int64))
                if granteeID == Self.anyoneGranteeID {
                    grants.append(MailboxGrant(grantee: .anyone, granteeAddress: nil, rights: rights))
                } else if let account = try DirectorySQL.account(db, id: AccountID(rawValue: granteeID)) {
                    grants.append(MailboxGrant(grantee: .account(account.id), granteeAddress: account.address, rights: rights))
                }
            }
            return grants.sorted { ($0.granteeAddress?.description ?? "") < ($1.granteeAddress?.description ?? "") }
        }
    }

    public func setRights(_ rights: MailboxRights, of grantee: MailboxGrantee, on mailbox: MailboxID) async throws(MailStoreError) {
        let granteeID: Int64
        switch grantee {
        case .anyone: granteeID = Self.anyoneGranteeID
        case .account(let account):
            guard account != mailbox.account else {
                throw .invalidGrant("the owner always has every right on its own mailboxes")
            }
            granteeID = account.rawValue
        }
        try await write { db, _ in
            _ = try MailboxSQL.require(db, mailbox)
            if case .account(let account) = grantee { try Self.requireAccount(db, account) }
            if rights.isEmpty {
                try db.execute(sql: "DELETE FROM mailbox_acl WHERE mailbox_id = ? AND grantee_id = ?",
                               arguments: [mailbox.rawValue, granteeID])
            } else {
                try db.execute(sql: """
                    INSERT INTO mailbox_acl(mailbox_id, grantee_id, rights) VALUES (?, ?, ?)
                    ON CONFLICT (mailbox_id, grantee_id) DO UPDATE SET rights = excluded.rights
                    """, arguments: [mailbox.rawValue, granteeID, Int64(rights.rawValue)])
            }
        }
    }

    public func sharedMailboxes(visibleTo viewer: AccountID) async throws(MailStoreError) -> [SharedMailbox] {
        let lookup = Int64(MailboxRights.lookup.rawValue)
        return try await read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(MailboxRow.columns),
                    coalesce((SELECT rights FROM mailbox_acl WHERE mailbox_id = mailbox.id AND grantee_id = ?), 0),
                    coalesce((SELECT rights FROM mailbox_acl WHERE mailbox_id = mailbox.id AND grantee_id = ?), 0),
                    EXISTS (SELECT 1 FROM shared_subscription WHERE account_id = ? AND mailbox_id = mailbox.id)
                FROM mailbox
                WHERE mailbox.account_id != ? AND mailbox.id IN (
                    SELECT mailbox_id FROM mailbox_acl WHERE grantee_id IN (?, ?) AND rights & ? != 0)
                """, arguments: [viewer.rawValue, Self.anyoneGranteeID, viewer.rawValue, viewer.rawValue,
                                 viewer.rawValue, Self.anyoneGranteeID, lookup])
            var owners = [AccountID: EmailAddress]()
            var shared = [SharedMailbox]()
            for row in rows {
                let mailbox = try MailboxRow(row: row)
                let own = UInt16(truncatingIfNeeded: row[8] as Int64)
                let anyone = UInt16(truncatingIfNeeded: row[9] as Int64)
                let subscribed: Bool = row[10]
                if owners[mailbox.account] == nil {
                    guard let owner = try DirectorySQL.account(db, id: mailbox.account) else { continue }
                    owners[mailbox.account] = owner.address
                }
                guard let owner = owners[mailbox.account] else { continue }
                let info = MailboxInfo(id: mailbox.mailboxID, name: mailbox.name, specialUse: mailbox.specialUse,
                                       isSubscribed: subscribed, uidValidity: mailbox.uidValidity)
                shared.append(SharedMailbox(owner: owner, info: info, rights: MailboxRights(rawValue: own | anyone)))
            }
            return shared.sorted { ($0.owner.description, $0.info.name) < ($1.owner.description, $1.info.name) }
        }
    }

    public func setSharedSubscription(_ subscribed: Bool, mailbox: MailboxID, for viewer: AccountID) async throws(MailStoreError) {
        try await write { db, _ in
            _ = try MailboxSQL.require(db, mailbox)
            if subscribed {
                try db.execute(sql: "INSERT OR IGNORE INTO shared_subscription(account_id, mailbox_id) VALUES (?, ?)",
                               arguments: [viewer.rawValue, mailbox.rawValue])
            } else {
                try db.execute(sql: "DELETE FROM shared_subscription WHERE account_id = ? AND mailbox_id = ?",
                               arguments: [viewer.rawValue, mailbox.rawValue])
            }
        }
    }

    /// The union of the rights granted to `viewer` and to `anyone` on another account's mailbox.
    static func grantedRights(_ db: Database, viewer: AccountID, mailbox: MailboxID) throws -> MailboxRights {
        let statement = try db.cachedStatement(sql: """
            SELECT rights FROM mailbox_acl JOIN mailbox ON mailbox.id = mailbox_acl.mailbox_id
            WHERE mailbox_acl.mailbox_id = ? AND mailbox.account_id = ? AND grantee_id IN (?, ?)
            """)
        var rights = MailboxRights()
        for value in try Int64.fetchAll(statement, arguments: [mailbox.rawValue, mailbox.account.rawValue,
                                                               viewer.rawValue, anyoneGranteeID]) {
            rights.formUnion(MailboxRights(rawValue: UInt16(truncatingIfNeeded: value)))
        }
        return rights
    }
}
