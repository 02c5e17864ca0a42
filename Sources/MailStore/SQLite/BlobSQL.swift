import Foundation
import GRDB
import MailCore

/// A message made ready for the writer: hashed, parsed, and its content either in memory
/// (to be stored inline) or already durable in its blob file.
struct PreparedMessage: Sendable {
    let digest: BlobDigest
    let size: Int
    /// The octets when they go inline; nil when the blob file holds them.
    let inlineContent: [UInt8]?
    let structure: [UInt8]
    let searchText: SearchableText
    let internalDate: Date
}

/// SQL about blob rows and the full-text index, run on the writer.
enum BlobSQL {
    /// Adds `references` references to the content of `message`, inserting its row and its
    /// full-text index row when the content is new. Returns the blob id.
    static func reference(_ db: Database, _ message: PreparedMessage, references: Int, context: WriteContext) throws -> Int64 {
        let digest = Data(message.digest.bytes)
        // One statement for both cases; rows at refcount 0 never outlive their transaction
        // (`release` deletes them), so "refcount equals what we added" means "just inserted".
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO blob(sha256, size, refcount, structure, content) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(sha256) DO UPDATE SET refcount = refcount + excluded.refcount
            RETURNING id, refcount, content IS NULL
            """)
        guard let row = try Row.fetchOne(upsert, arguments: [
            digest, message.size, references, Data(message.structure), message.inlineContent.map { Data($0) },
        ]) else {
            throw MailStoreError.storageFailure("storing content \(message.digest) returned no row")
        }
        let id: Int64 = row[0]
        let refcount: Int64 = row[1]
        let storedAsFile: Bool = row[2]
        if refcount != Int64(references) {
            if message.inlineContent == nil && !storedAsFile {
                // The content was already inline; the file this delivery wrote is not needed.
                context.unneededBlobFiles.append(message.digest)
            }
            return id
        }
        let text = message.searchText
        let index = try db.cachedStatement(sql: """
            INSERT INTO blob_text(rowid, subject, sender, recipient_to, recipient_cc, recipient_bcc, body)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        try index.execute(arguments: [id, text.subject, text.from, text.to, text.cc, text.bcc, text.body])
        return id
    }

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
            try deleteRow(db, id: id)
            if storedAsFile, let digest = BlobDigest(bytes: Array(hash)) {
                context.unneededBlobFiles.append(digest)
            }
        }
    }

    static func deleteRow(_ db: Database, id: Int64) throws {
        try db.cachedStatement(sql: "DELETE FROM blob_text WHERE rowid = ?").execute(arguments: [id])
        try db.cachedStatement(sql: "DELETE FROM blob WHERE id = ?").execute(arguments: [id])
    }
}
