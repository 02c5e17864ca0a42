import Foundation
internal import GRDB
import MailCore

extension SQLiteMailStore {
    /// Removes only files older than `spoolFileMaximumAge`: a younger spool file or blob
    /// file may belong to a delivery under way, in this process or in another one.
    @discardableResult
    public func collectGarbage() async throws(MailStoreError) -> GarbageCollectionReport {
        try await collectGarbage(removingEverythingLeftOver: false)
    }

    /// When the owner opens the store no delivery is running, so every spool file and every
    /// blob file without a row is left over from before, whatever its age.
    @discardableResult
    func collectGarbage(removingEverythingLeftOver: Bool) async throws(MailStoreError) -> GarbageCollectionReport {
        var report = GarbageCollectionReport()
        let layout = self.layout
        let leases = self.leases
        let blobFileCheck = self.blobFileCheck
        let oldest = removingEverythingLeftOver ? Int.max : Int(clock().timeIntervalSince1970 - limits.spoolFileMaximumAge)
        report.spoolFilesRemoved = try await fileIO.run { () throws(MailStoreError) -> Int in
            var removed = 0
            for name in try DurableFiles.names(in: layout.spoolDirectory) {
                let path = layout.spoolDirectory + "/" + name
                guard let info = DurableFiles.regularFileInfo(path) else { continue }
                if info.modified < oldest {
                    try DurableFiles.removeFile(path)
                    removed += 1
                }
            }
            return removed
        }

        // Rows nothing refers to (a release normally deletes them at once).
        let unreferenced = try await write { db, context in
            let rows = try Row.fetchAll(db, sql: "SELECT id, sha256, content IS NULL FROM blob WHERE refcount <= 0")
            for row in rows {
                let hash: Data = row[1]
                if row[2], let digest = BlobDigest(bytes: Array(hash)) { context.unneededBlobFiles.append(digest) }
            }
            try BlobSQL.deleteRows(db, ids: rows.map { $0[0] }, context: context)
            return rows.count
        }
        report.unreferencedBlobsRemoved = unreferenced

        // Files without a file-backed row: written by a delivery whose commit never came.
        for shard in 0 ..< 256 {
            let directory = layout.shardDirectories[shard]
            let names = try await fileIO.run { () throws(MailStoreError) -> [String] in try DurableFiles.names(in: directory) }
            let digests = names.compactMap(BlobDigest.init(hex:))
            guard !digests.isEmpty else { continue }
            let lower = Data([UInt8(shard)])
            let upper = Data([UInt8(shard)] + [UInt8](repeating: 0xFF, count: 32))
            let known: Set<Data> = try await read { db in
                Set(try Data.fetchAll(db, sql: "SELECT sha256 FROM blob WHERE content IS NULL AND sha256 >= ? AND sha256 <= ?",
                                      arguments: [lower, upper]))
            }
            let candidates = digests.filter { digest in
                guard !known.contains(Data(digest.bytes)) else { return false }
                return (DurableFiles.regularFileInfo(layout.blobPath(of: digest))?.modified ?? Int.max) < oldest
            }
            guard !candidates.isEmpty else { continue }
            report.orphanBlobFilesRemoved += try await fileIO.run { () throws(MailStoreError) -> Int in
                try Self.removeBlobFiles(candidates, layout: layout, leases: leases, connection: blobFileCheck)
            }
        }
        return report
    }

    public func statistics() async throws(MailStoreError) -> StoreStatistics {
        try await read { db in
            var statistics = StoreStatistics()
            guard let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM domain), (SELECT count(*) FROM account), (SELECT count(*) FROM mailbox),
                       (SELECT count(*) FROM message), (SELECT count(*) FROM blob),
                       (SELECT count(*) FROM blob WHERE content IS NOT NULL), (SELECT total(size) FROM blob),
                       (SELECT count(*) FROM search_pending)
                """) else { return statistics }
            statistics.domains = row[0]
            statistics.accounts = row[1]
            statistics.mailboxes = row[2]
            statistics.messages = row[3]
            statistics.blobs = row[4]
            statistics.inlineBlobs = row[5]
            statistics.blobOctets = Int(row[6] as Double)
            statistics.blobsAwaitingIndexing = row[7]
            return statistics
        }
    }

    public func checkInvariants(verifyContent: Bool) async throws(MailStoreError) -> [InvariantViolation] {
        var violations = try await read { db in try Self.databaseViolations(db) }
        let blobs = try await read { db in
            try Row.fetchAll(db, sql: "SELECT sha256, size, content IS NULL, CASE WHEN ? THEN content END FROM blob",
                             arguments: [verifyContent]).map { row -> (Data, Int, Bool, Data?) in (row[0], row[1], row[2], row[3]) }
        }
        let layout = self.layout
        let limit = limits.maximumMessageSize
        let fileViolations = try await fileIO.run { () throws(MailStoreError) -> [InvariantViolation] in
            var found: [InvariantViolation] = []
            for (hash, size, storedAsFile, inline) in blobs {
                guard let digest = BlobDigest(bytes: Array(hash)) else {
                    found.append(InvariantViolation("a blob row has a hash of \(hash.count) octets"))
                    continue
                }
                if storedAsFile {
                    let path = layout.blobPath(of: digest)
                    guard let info = DurableFiles.regularFileInfo(path) else {
                        found.append(InvariantViolation("blob \(digest) has no file"))
                        continue
                    }
                    if info.size != size { found.append(InvariantViolation("blob file \(digest) has \(info.size) octets, not \(size)")) }
                    if verifyContent {
                        let bytes = try DurableFiles.readFile(path, limit: max(limit, size))
                        if BlobDigest.of(bytes) != digest { found.append(InvariantViolation("blob file \(digest) does not match its SHA-256")) }
                    }
                } else if verifyContent, let inline {
                    if inline.count != size { found.append(InvariantViolation("inline blob \(digest) has \(inline.count) octets, not \(size)")) }
                    if BlobDigest.of(Array(inline)) != digest { found.append(InvariantViolation("inline blob \(digest) does not match its SHA-256")) }
                }
            }
            return found
        }
        violations.append(contentsOf: fileViolations)
        return violations
    }

    /// Checks that need only SQL. Each query returns one text per violation.
    private static func databaseViolations(_ db: Database) throws -> [InvariantViolation] {
        let checks = [
            """
            SELECT 'mailbox #' || mailbox.id || ': UIDNEXT ' || mailbox.uid_next || ' is not above UID ' || max(message.uid)
            FROM mailbox JOIN message ON message.mailbox_id = mailbox.id
            GROUP BY mailbox.id HAVING max(message.uid) >= mailbox.uid_next
            """,
            """
            SELECT 'mailbox #' || mailbox.id || ': UIDNEXT ' || mailbox.uid_next || ' is not above expunged UID ' || max(expunged.uid)
            FROM mailbox JOIN expunged ON expunged.mailbox_id = mailbox.id
            GROUP BY mailbox.id HAVING max(expunged.uid) >= mailbox.uid_next
            """,
            """
            SELECT 'mailbox #' || mailbox.id || ': HIGHESTMODSEQ ' || mailbox.highest_modseq || ' is below MODSEQ ' || max(message.modseq)
            FROM mailbox JOIN message ON message.mailbox_id = mailbox.id
            GROUP BY mailbox.id HAVING max(message.modseq) > mailbox.highest_modseq
            """,
            """
            SELECT 'mailbox #' || mailbox.id || ': HIGHESTMODSEQ is below expunge MODSEQ ' || max(expunged.modseq)
            FROM mailbox JOIN expunged ON expunged.mailbox_id = mailbox.id
            GROUP BY mailbox.id HAVING max(expunged.modseq) > mailbox.highest_modseq
            """,
            """
            SELECT 'mailbox #' || mailbox_id || ': UID ' || uid || ' is both present and expunged'
            FROM message WHERE EXISTS (SELECT 1 FROM expunged WHERE expunged.mailbox_id = message.mailbox_id AND expunged.uid = message.uid)
            """,
            "SELECT 'message in missing mailbox #' || mailbox_id FROM message WHERE mailbox_id NOT IN (SELECT id FROM mailbox)",
            "SELECT 'expunge log of missing mailbox #' || mailbox_id FROM expunged WHERE mailbox_id NOT IN (SELECT id FROM mailbox)",
            "SELECT 'message ' || mailbox_id || '/' || uid || ' refers to missing blob #' || blob_id FROM message WHERE blob_id NOT IN (SELECT id FROM blob)",
            "SELECT 'message ' || mailbox_id || '/' || uid || ' size differs from its blob' FROM message JOIN blob ON blob.id = message.blob_id WHERE message.size != blob.size",
            "SELECT 'mailbox #' || id || ' of missing account #' || account_id FROM mailbox WHERE account_id NOT IN (SELECT id FROM account)",
            "SELECT 'account #' || id || ' of missing domain #' || domain_id FROM account WHERE domain_id NOT IN (SELECT id FROM domain)",
            "SELECT 'alias ' || source_key || ' of missing domain' FROM alias WHERE domain_id NOT IN (SELECT id FROM domain)",
            "SELECT 'account #' || id || ' has no INBOX' FROM account WHERE id NOT IN (SELECT account_id FROM mailbox WHERE name = 'INBOX')",
            """
            SELECT 'blob #' || id || ': refcount ' || refcount || ' but ' || referenced || ' references' FROM (
                SELECT blob.id, blob.refcount,
                    (SELECT count(*) FROM message WHERE message.blob_id = blob.id)
                    + (SELECT count(*) FROM queue_message WHERE queue_message.blob_id = blob.id) AS referenced
                FROM blob)
            WHERE referenced != refcount
            """,
            "SELECT 'queue entry ' || queue_id || ' refers to missing blob #' || blob_id FROM queue_message WHERE blob_id NOT IN (SELECT id FROM blob)",
            "SELECT 'queue entry ' || queue_id || ' has no recipients' FROM queue_message WHERE id NOT IN (SELECT message_id FROM queue_recipient)",
            "SELECT 'queued recipient of missing queue entry #' || message_id FROM queue_recipient WHERE message_id NOT IN (SELECT id FROM queue_message)",
            """
            SELECT 'blob #' || id || ' is neither indexed nor queued for indexing' FROM blob
            WHERE id NOT IN (SELECT rowid FROM blob_text) AND id NOT IN (SELECT blob_id FROM search_pending)
            """,
            "SELECT 'blob #' || blob_id || ' is both indexed and queued for indexing' FROM search_pending WHERE blob_id IN (SELECT rowid FROM blob_text)",
            """
            SELECT 'full-text row #' || rowid || ' has no blob and is not listed for removal' FROM blob_text
            WHERE rowid NOT IN (SELECT id FROM blob) AND rowid NOT IN (SELECT blob_id FROM search_stale)
            """,
            "SELECT 'blob #' || blob_id || ' exists but is listed as stale in the index' FROM search_stale WHERE blob_id IN (SELECT id FROM blob)",
            "SELECT 'indexing queue entry #' || blob_id || ' has no blob' FROM search_pending WHERE blob_id NOT IN (SELECT id FROM blob)",
            "SELECT 'thread root of missing blob #' || blob_id FROM blob_thread WHERE blob_id NOT IN (SELECT id FROM blob)",
            """
            SELECT 'mailbox #' || id || ' counts ' || message_count || ' messages of ' || total_size || ' octets, not '
                || counted || ' of ' || octets FROM (
                SELECT mailbox.id, mailbox.message_count, mailbox.total_size,
                    (SELECT count(*) FROM message WHERE message.mailbox_id = mailbox.id) AS counted,
                    (SELECT coalesce(sum(size), 0) FROM message WHERE message.mailbox_id = mailbox.id) AS octets
                FROM mailbox)
            WHERE message_count != counted OR total_size != octets
            """,
            "SELECT 'blob #' || id || ' inline content is ' || length(content) || ' octets, not ' || size FROM blob WHERE content IS NOT NULL AND length(content) != size",
        ]
        var violations: [InvariantViolation] = []
        for sql in checks {
            violations.append(contentsOf: try String.fetchAll(db, sql: sql).map(InvariantViolation.init))
        }
        let integrity = try String.fetchAll(db, sql: "PRAGMA quick_check")
        if integrity != ["ok"] { violations.append(contentsOf: integrity.map { InvariantViolation("quick_check: \($0)") }) }
        return violations
    }
}
