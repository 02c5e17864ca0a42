import Foundation
internal import GRDB
import MailCore

/// A blob waiting for the search indexer, as read before its text is extracted.
struct PendingContent: Sendable {
    let blobID: Int64
    let digest: BlobDigest
    let size: Int
    /// The octets when the blob is inline; nil when its file holds them.
    let inlineContent: [UInt8]?
}

/// The text of one blob, ready to go into the full-text index.
struct ExtractedText: Sendable {
    let blobID: Int64
    let text: SearchableText

    /// The octets the text holds (to bound what one batch carries).
    var octets: Int {
        text.subject.utf8.count + text.from.utf8.count + text.to.utf8.count + text.cc.utf8.count
            + text.bcc.utf8.count + text.body.utf8.count
    }
}

/// A queued blob and the octets it holds in the database (0 when it is a file).
struct PendingEntry: Sendable {
    let blobID: Int64
    let inlineOctets: Int

    /// The positions of the first entries (or the last ones), at most `count`, whose
    /// inline octets together stay within `octets` (at least one entry): what one batch
    /// loads into memory.
    static func batch(_ entries: ArraySlice<PendingEntry>, fromEnd: Bool = false, count: Int, octets: Int) -> Range<Int> {
        guard !entries.isEmpty else { return entries.startIndex ..< entries.startIndex }
        let limit = max(1, count)
        var total = 0
        if fromEnd {
            var start = entries.endIndex
            while start > entries.startIndex, entries.endIndex - start < limit {
                total += entries[start - 1].inlineOctets
                if start < entries.endIndex, total > octets { break }
                start -= 1
            }
            return start ..< entries.endIndex
        }
        var end = entries.startIndex
        while end < entries.endIndex, end - entries.startIndex < limit {
            total += entries[end].inlineOctets
            if end > entries.startIndex, total > octets { break }
            end += 1
        }
        return entries.startIndex ..< end
    }
}

/// SQL about the search indexer's queue (`search_pending`) and the full-text index.
enum SearchIndexSQL {
    /// The first blobs of the queue, in blob order.
    static func pending(_ db: Database, limit: Int) throws -> [PendingEntry] {
        try entries(db, sql: """
            SELECT search_pending.blob_id, CASE WHEN blob.content IS NULL THEN 0 ELSE blob.size END
            FROM search_pending JOIN blob ON blob.id = search_pending.blob_id ORDER BY search_pending.blob_id LIMIT ?
            """, arguments: [limit])
    }

    /// The queued blobs that messages of one mailbox refer to, in blob order. The queue is
    /// looked at first: finding a mailbox's blobs reads all its messages (there is no index
    /// on `message.blob_id`), which a search of a large mailbox must not pay when nothing
    /// waits.
    static func pending(_ db: Database, mailbox: Int64) throws -> [PendingEntry] {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM search_pending)") == true else { return [] }
        return try entries(db, sql: """
            SELECT search_pending.blob_id, CASE WHEN blob.content IS NULL THEN 0 ELSE blob.size END
            FROM search_pending JOIN blob ON blob.id = search_pending.blob_id
            WHERE search_pending.blob_id IN (SELECT blob_id FROM message WHERE mailbox_id = ?) ORDER BY search_pending.blob_id
            """, arguments: [mailbox])
    }

    private static func entries(_ db: Database, sql: String, arguments: StatementArguments) throws -> [PendingEntry] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { PendingEntry(blobID: $0[0], inlineOctets: $0[1]) }
    }

    /// The blobs among `ids` that are still queued, with their inline content.
    static func load(_ db: Database, ids: [Int64]) throws -> [PendingContent] {
        guard !ids.isEmpty else { return [] }
        let statement = try db.cachedStatement(sql: """
            SELECT search_pending.blob_id, blob.sha256, blob.size, blob.content
            FROM search_pending JOIN blob ON blob.id = search_pending.blob_id
            WHERE search_pending.blob_id IN (SELECT value FROM json_each(?)) ORDER BY search_pending.blob_id
            """)
        let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
        return try Row.fetchAll(statement, arguments: [list]).map { row in
            let hash: Data = row[1]
            guard let digest = BlobDigest(bytes: Array(hash)) else { throw MailStoreError.blobDamaged(sha256: "?") }
            let content: Data? = row[3]
            return PendingContent(blobID: row[0], digest: digest, size: row[2], inlineContent: content.map { Array($0) })
        }
    }

    /// Moves blobs from the queue into the full-text index, in order, stopping early once
    /// at least `minimumOctets` of text are written and `shouldYield` says so. A blob no
    /// longer queued (deleted since it was read, or indexed by another indexer meanwhile)
    /// is skipped, so no blob is ever indexed twice. Returns how many texts were dealt with
    /// (indexed or skipped) and how many were indexed.
    static func insert(_ db: Database, _ texts: ArraySlice<ExtractedText>, minimumOctets: Int = .max,
                       shouldYield: () -> Bool = { false }) throws -> (dealt: Int, indexed: Int) {
        let take = try db.cachedStatement(sql: "DELETE FROM search_pending WHERE blob_id = ?")
        let insert = try db.cachedStatement(sql: """
            INSERT INTO blob_text(rowid, subject, sender, recipient_to, recipient_cc, recipient_bcc, body)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        var dealt = 0
        var indexed = 0
        var octets = 0
        for entry in texts {
            if dealt > 0, octets >= minimumOctets, shouldYield() { break }
            dealt += 1
            octets += entry.octets
            try take.execute(arguments: [entry.blobID])
            guard db.changesCount > 0 else { continue }
            let text = entry.text
            try insert.execute(arguments: [entry.blobID, text.subject, text.from, text.to, text.cc, text.bcc, text.body])
            indexed += 1
        }
        return (dealt, indexed)
    }

    /// Removes up to `limit` index rows of deleted content (`search_stale`), oldest ids
    /// first, stopping early when `shouldYield` says so after at least one. Returns how many
    /// were removed.
    static func removeStale(_ db: Database, limit: Int, shouldYield: () -> Bool = { false }) throws -> Int {
        let ids = try Int64.fetchAll(db, sql: "SELECT blob_id FROM search_stale ORDER BY blob_id LIMIT ?", arguments: [limit])
        let unlist = try db.cachedStatement(sql: "DELETE FROM search_stale WHERE blob_id = ?")
        let remove = try db.cachedStatement(sql: "DELETE FROM blob_text WHERE rowid = ?")
        var removed = 0
        for id in ids {
            if removed > 0, shouldYield() { break }
            try unlist.execute(arguments: [id])
            try remove.execute(arguments: [id])
            removed += 1
        }
        return removed
    }

    /// How many blobs wait for the indexer.
    static func pendingCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM search_pending") ?? 0
    }
}
