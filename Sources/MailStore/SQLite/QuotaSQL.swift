internal import GRDB

/// SQL about account quotas (schema v6): limits on the account row, usage summed over the
/// account's mailboxes, whose counters triggers keep.
enum QuotaSQL {
    /// The quota of an account.
    static func quota(_ db: Database, account: Int64) throws -> AccountQuota {
        let row = try Row.fetchOne(db, sql: """
            SELECT quota_storage, quota_messages,
                (SELECT coalesce(sum(total_size), 0) FROM mailbox WHERE account_id = account.id),
                (SELECT coalesce(sum(message_count), 0) FROM mailbox WHERE account_id = account.id)
            FROM account WHERE id = ?
            """, arguments: [account])
        guard let row else { throw MailStoreError.accountNotFound("#\(account)") }
        return AccountQuota(storageLimit: row[0], messageLimit: row[1], storageUsed: row[2], messagesUsed: row[3])
    }

    /// Refuses with `overQuota` when `messages` more messages of `octets` in all do not fit
    /// the account's quota.
    static func requireRoom(_ db: Database, account: Int64, messages: Int, octets: Int) throws {
        let limits = try Row.fetchOne(db, sql: "SELECT quota_storage IS NULL AND quota_messages IS NULL FROM account WHERE id = ?",
                                      arguments: [account])
        // Most accounts have no limit: one cheap lookup, no sums.
        guard let unlimited: Bool = limits?[0], !unlimited else { return }
        guard try quota(db, account: account).admits(messages: messages, octets: octets) else {
            throw MailStoreError.overQuota
        }
    }
}
