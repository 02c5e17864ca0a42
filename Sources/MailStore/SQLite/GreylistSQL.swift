internal import GRDB

/// SQL about the `greylist` table (schema v7): one row per triplet or client network.
enum GreylistSQL {
    /// The rows of those `keys` that exist.
    static func records(_ db: Database, keys: [String]) throws -> [String: GreylistRecord] {
        guard !keys.isEmpty else { return [:] }
        let placeholders = Array(repeating: "?", count: keys.count).joined(separator: ", ")
        let rows = try Row.fetchAll(db, sql: "SELECT triplet, first_seen, passed, last_seen FROM greylist WHERE triplet IN (\(placeholders))",
                                    arguments: StatementArguments(keys))
        var records: [String: GreylistRecord] = [:]
        for row in rows {
            records[row[0]] = GreylistRecord(firstSeen: row[1], passed: row[2], lastSeen: row[3])
        }
        return records
    }

    /// Creates or replaces the rows of `records`.
    static func save(_ db: Database, _ records: [String: GreylistRecord]) throws {
        for (key, record) in records {
            try db.execute(sql: """
                INSERT INTO greylist(triplet, first_seen, passed, last_seen) VALUES (?, ?, ?, ?)
                ON CONFLICT(triplet) DO UPDATE SET first_seen = excluded.first_seen, passed = excluded.passed,
                    last_seen = excluded.last_seen
                """, arguments: [key, record.firstSeen, record.passed, record.lastSeen])
        }
    }

    /// Deletes the rows last seen before `cutoff` (through the `greylist_last_seen` index).
    static func expire(_ db: Database, lastSeenBefore cutoff: Int64) throws -> Int {
        try db.execute(sql: "DELETE FROM greylist WHERE last_seen < ?", arguments: [cutoff])
        return db.changesCount
    }
}
