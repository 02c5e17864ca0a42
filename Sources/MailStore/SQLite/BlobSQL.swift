import Foundation
internal import GRDB
import MailCore

/// SQL about blob rows and the full-text index, run on the writer (new content is
/// inserted by `SaveBatch`, its text by `SearchIndexer`).
enum BlobSQL {
    /// Adds references to existing blobs (COPY).
    static func addReferences(_ db: Database, _ counts: [Int64: Int]) throws {
        let update = try db.cachedStatement(sql: "UPDATE blob SET refcount = refcount + ? WHERE id = ?")
        for (id, count) in counts { try update.execute(arguments: [count, id]) }
    }

    /// Drops references; content no message refers to any more is deleted with its index
    /// row, and its file is noted for removal after the commit.
    ///
    /// Set-based: one statement to read the counts, one per distinct count of the rows
    /// that stay, and three for all the rows deleted, whatever their number: an expunge of a
    /// whole POP3 maildrop costs a few statements, not six per message.
    static func release(_ db: Database, _ counts: [Int64: Int], context: WriteContext) throws {
        guard !counts.isEmpty else { return }
        // The counts are read first, so that a row losing its last reference is deleted
        // without an UPDATE: SQLite rewrites the whole record on any change, inline content
        // included (an UPDATE of 500 4 KB rows took 22 ms, most of an expunge).
        let lookup = try db.cachedStatement(sql: """
            SELECT id, refcount, content IS NULL, sha256 FROM blob WHERE id IN (SELECT value FROM json_each(?))
            """)
        var unreferenced: [Int64] = []
        var stillReferenced: [Int: [Int64]] = [:]
        let rows = try Row.fetchCursor(lookup, arguments: [jsonArray(Array(counts.keys))])
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let refcount: Int64 = row[1]
            let count = counts[id] ?? 0
            guard refcount - Int64(count) <= 0 else {
                stillReferenced[count, default: []].append(id)
                continue
            }
            unreferenced.append(id)
            let storedAsFile: Bool = row[2]
            let hash: Data = row[3]
            if storedAsFile, let digest = BlobDigest(bytes: Array(hash)) {
                context.unneededBlobFiles.append(digest)
            }
        }
        let update = try db.cachedStatement(sql: "UPDATE blob SET refcount = refcount - ? WHERE id IN (SELECT value FROM json_each(?))")
        for (count, ids) in stillReferenced { try update.execute(arguments: [count, jsonArray(ids)]) }
        try deleteRows(db, ids: unreferenced, context: context)
    }

    /// Deletes blob rows, and their places in the indexer's queue where they were not
    /// indexed yet; the index rows of the others are listed in `search_stale` for the
    /// indexer to remove (Schema v4 says why).
    static func deleteRows(_ db: Database, ids: [Int64], context: WriteContext) throws {
        guard !ids.isEmpty else { return }
        let all = jsonArray(ids)
        let unqueue = try db.cachedStatement(sql: """
            DELETE FROM search_pending WHERE blob_id IN (SELECT value FROM json_each(?)) RETURNING blob_id
            """)
        let neverIndexed = Set(try Int64.fetchAll(unqueue, arguments: [all]))
        let indexed = neverIndexed.isEmpty ? ids : ids.filter { !neverIndexed.contains($0) }
        if !indexed.isEmpty {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO search_stale(blob_id) SELECT value FROM json_each(?)")
                .execute(arguments: [indexed.count == ids.count ? all : jsonArray(indexed)])
            context.queuedForIndexing = true
        }
        try db.cachedStatement(sql: "DELETE FROM blob WHERE id IN (SELECT value FROM json_each(?))").execute(arguments: [all])
    }

    /// A list of ids as a JSON array, for `json_each` (SQLite has no array parameters).
    static func jsonArray(_ ids: [Int64]) -> String {
        var text = "["
        text.reserveCapacity(ids.count * 8 + 2)
        for (index, id) in ids.enumerated() {
            if index > 0 { text += "," }
            text += String(id)
        }
        return text + "]"
    }

    /// Removes the stale index row of an id that new content was just given, if any, so
    /// the new content's row can take its place.
    static func reclaimStaleIndexRow(_ db: Database, id: Int64) throws {
        try db.cachedStatement(sql: "DELETE FROM search_stale WHERE blob_id = ?").execute(arguments: [id])
        if db.changesCount > 0 {
            try db.cachedStatement(sql: "DELETE FROM blob_text WHERE rowid = ?").execute(arguments: [id])
        }
    }
}
