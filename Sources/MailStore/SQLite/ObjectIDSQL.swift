import Foundation
internal import GRDB
import MailCore

/// SQL about RFC 8474 object identifiers: the store's secret and the thread roots of
/// content (Schema v10).
enum ObjectIDSQL {
    /// Records the thread roots of new content, as (blob id, root) rows.
    static let threadRootInsert = MultiRowSQL(head: "INSERT INTO blob_thread(blob_id, root) VALUES ", columns: 2)

    /// The secret that keys the identifiers.
    static func secret(_ db: Database) throws -> ObjectIDSecret {
        let statement = try db.cachedStatement(sql: "SELECT secret FROM object_id_secret WHERE id = 1")
        guard let stored = try Data.fetchOne(statement), let secret = ObjectIDSecret(bytes: Array(stored)) else {
            throw MailStoreError.storageFailure("the object identifier secret is missing or damaged")
        }
        return secret
    }

    /// Calls `body` with the UID, content digest and thread root of each message of the
    /// mailbox (of those among `uids` when given), ascending by UID: one query per run of
    /// consecutive UIDs, no message octets read.
    static func forEachMessage(_ db: Database, uids: [UID]?, in mailbox: MailboxID,
                               _ body: (UID, BlobDigest, ThreadRoot?) throws -> Void) throws {
        let mailboxRow = try MailboxSQL.require(db, mailbox).id
        let query = """
            SELECT message.uid, blob.sha256, blob_thread.root FROM message
            JOIN blob ON blob.id = message.blob_id LEFT JOIN blob_thread ON blob_thread.blob_id = message.blob_id
            WHERE message.mailbox_id = ?
            """
        let runs = uids.map { MessageSQL.consecutiveRuns(Array(Set($0.map { Int64($0.rawValue) }))) }
        let statement = try db.cachedStatement(sql: query + (runs == nil ? "" : " AND message.uid BETWEEN ? AND ?") + " ORDER BY message.uid")
        for run in runs ?? [(first: 0, last: 0)] {
            let arguments: StatementArguments = runs == nil ? [mailboxRow] : [mailboxRow, run.first, run.last]
            let rows = try Row.fetchCursor(statement, arguments: arguments)
            while let row = try rows.next() {
                let hash: Data = row[1]
                guard let digest = BlobDigest(bytes: Array(hash)) else { throw MailStoreError.blobDamaged(sha256: "?") }
                let root: Data? = row[2]
                try body(UID(UInt32(clamping: row[0] as Int64)), digest, root.flatMap { ThreadRoot(bytes: Array($0)) })
            }
        }
    }

    /// Records the thread root of every content row stored before Schema v10: from the
    /// header of inline content, from the cached envelope (In-Reply-To and Message-ID, not
    /// References) of content kept in files, which a migration does not read.
    static func recordThreadRootsOfStoredContent(_ db: Database) throws {
        var roots = [DatabaseValue]()
        let rows = try Row.fetchCursor(db, sql: "SELECT id, structure, content FROM blob")
        while let row = try rows.next() {
            let encoded: Data = row[1]
            guard let structure = try? MessageStructure(decoding: Array(encoded)) else { continue }
            let content: Data? = row[2]
            let root = if let content {
                ThreadRoot.of(Array(content), structure: structure)
            } else {
                ThreadRoot.of(firstReference: nil, envelope: structure.envelope)
            }
            guard let root else { continue }
            roots.append(contentsOf: [(row[0] as Int64).databaseValue, Data(root.bytes).databaseValue])
        }
        try threadRootInsert.forEachChunk(db, values: roots) { try $0.execute() }
    }
}
