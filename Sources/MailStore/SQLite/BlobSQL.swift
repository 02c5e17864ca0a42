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
    static func release(_ db: Database, _ counts: [Int64: Int], context: WriteContext) throws {
        let update = try db.cachedStatement(sql: "UPDATE blob SET refcount = refcount - ? WHERE id = ? RETURNING refcount, content IS NULL, sha256")
        for (id, count) in counts {
            guard let row = try Row.fetchOne(update, arguments: [count, id]) else { continue }
            let remaining: Int64 = row[0]
            guard remaining <= 0 else { continue }
            let storedAsFile: Bool = row[1]
            let hash: Data = row[2]
            try deleteRow(db, id: id, context: context)
            if storedAsFile, let digest = BlobDigest(bytes: Array(hash)) {
                context.unneededBlobFiles.append(digest)
            }
        }
    }

    /// Deletes a blob row, and its place in the indexer's queue if it was not indexed yet;
    /// an index row is listed in `search_stale` for the indexer to remove (Schema v4 says why).
    static func deleteRow(_ db: Database, id: Int64, context: WriteContext) throws {
        let unqueue = try db.cachedStatement(sql: "DELETE FROM search_pending WHERE blob_id = ?")
        try unqueue.execute(arguments: [id])
        if db.changesCount == 0 {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO search_stale(blob_id) VALUES (?)").execute(arguments: [id])
            context.queuedForIndexing = true
        }
        try db.cachedStatement(sql: "DELETE FROM blob WHERE id = ?").execute(arguments: [id])
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
