internal import GRDB

/// Bans in the `ban` table (migration v7); times are stored in milliseconds like every
/// date of the schema.
extension SQLiteMailStore: BanStore {
    public func saveBan(address: String, reason: String, created: Double, expires: Double) async throws(MailStoreError) {
        try await write { db, _ in
            try db.execute(sql: """
                INSERT INTO ban(address, reason, created, expires) VALUES (?, ?, ?, ?)
                ON CONFLICT(address) DO UPDATE SET reason = excluded.reason, created = excluded.created,
                    expires = excluded.expires
                """, arguments: [address, reason, Int64(created * 1000), Int64(expires * 1000)])
        }
    }

    public func activeBans(at now: Double) async throws(MailStoreError) -> [StoredBan] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT address, reason, created, expires FROM ban WHERE expires > ? ORDER BY expires",
                             arguments: [Int64(now * 1000)]).map { row in
                StoredBan(address: row[0], reason: row[1], created: Double(row[2] as Int64) / 1000,
                          expires: Double(row[3] as Int64) / 1000)
            }
        }
    }

    public func liftBan(address: String, at now: Double) async throws(MailStoreError) -> Bool {
        try await write { db, _ in
            try db.execute(sql: "DELETE FROM ban WHERE address = ? AND expires > ?", arguments: [address, Int64(now * 1000)])
            let lifted = db.changesCount > 0
            try db.execute(sql: "DELETE FROM ban WHERE address = ?", arguments: [address])
            return lifted
        }
    }

    @discardableResult
    public func removeExpiredBans(before now: Double) async throws(MailStoreError) -> Int {
        try await write { db, _ in
            try db.execute(sql: "DELETE FROM ban WHERE expires <= ?", arguments: [Int64(now * 1000)])
            return db.changesCount
        }
    }
}
