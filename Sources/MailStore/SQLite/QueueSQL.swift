import Foundation
internal import GRDB

/// SQL of the outbound queue: `queue_message` (one row per queued message, holding one
/// reference to its blob) and `queue_recipient` (one row per recipient with its state and
/// its runner's lease). Run inside reads and writes of `SQLiteMailStore`.
enum QueueSQL {
    /// Inserts a queue entry for content `blobID` (whose refcount the caller counted).
    static func insert(_ db: Database, _ envelope: OutboundEnvelope, blobID: Int64, size: Int, created: Int64) throws {
        let message = try db.cachedStatement(sql: """
            INSERT INTO queue_message(queue_id, sender, envelope_id, return_full, eight_bit, smtputf8, blob_id, size, created, expires)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(queue_id) DO NOTHING RETURNING id
            """)
        let returnFull: Int64? = envelope.returnsFullMessage.map { $0 ? 1 : 0 }
        guard let messageID = try Int64.fetchOne(message, arguments: [
            envelope.queueID, envelope.sender, envelope.envelopeID, returnFull, envelope.has8BitContent,
            envelope.requiresSMTPUTF8, blobID, size, created, SQLiteMailStore.milliseconds(envelope.expires),
        ]) else {
            throw MailStoreError.queueEntryExists(envelope.queueID)
        }
        let recipient = try db.cachedStatement(sql: """
            INSERT INTO queue_recipient(message_id, position, address, domain, notify, original_recipient, state, attempts, next_attempt)
            VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)
            """)
        for (position, entry) in envelope.recipients.enumerated() {
            try recipient.execute(arguments: [
                messageID, position, entry.address, entry.domain, entry.notify?.rawValue, entry.originalRecipient,
                QueuedRecipientState.pending.rawValue, created,
            ])
        }
    }

    /// The entry with its recipients, or nil.
    static func entry(_ db: Database, queueID: String) throws -> QueueEntry? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM queue_message WHERE queue_id = ?", arguments: [queueID]) else {
            return nil
        }
        return try entry(db, row)
    }

    /// Every entry, oldest first.
    static func entries(_ db: Database) throws -> [QueueEntry] {
        try Row.fetchAll(db, sql: "SELECT * FROM queue_message ORDER BY created, id").map { try entry(db, $0) }
    }

    private static func entry(_ db: Database, _ row: Row) throws -> QueueEntry {
        let id: Int64 = row["id"]
        // Columns by position: a message has up to thousands of recipients, and looking each
        // column up by name costs more than reading it.
        let recipientRows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT position, address, notify, original_recipient, state, attempts, next_attempt, last_result, delay_notified
            FROM queue_recipient WHERE message_id = ? ORDER BY position
            """), arguments: [id])
        let recipients = recipientRows.map { recipient in
            let notify: Int? = recipient[2]
            let stateValue: Int = recipient[4]
            return QueuedRecipient(
                position: recipient[0],
                recipient: OutboundRecipient(address: recipient[1], notify: notify.map(DeliveryNotifications.init(rawValue:)),
                                             originalRecipient: recipient[3]),
                state: QueuedRecipientState(rawValue: stateValue) ?? .pending,
                attempts: recipient[5],
                nextAttempt: SQLiteMailStore.date(milliseconds: recipient[6]),
                lastResult: recipient[7],
                delayNotified: recipient[8])
        }
        let returnFull: Int64? = row["return_full"]
        let envelope = OutboundEnvelope(
            queueID: row["queue_id"], sender: row["sender"], recipients: recipients.map(\.recipient),
            envelopeID: row["envelope_id"], returnsFullMessage: returnFull.map { $0 != 0 },
            has8BitContent: row["eight_bit"], requiresSMTPUTF8: row["smtputf8"],
            expires: SQLiteMailStore.date(milliseconds: row["expires"]))
        return QueueEntry(envelope: envelope, size: row["size"], created: SQLiteMailStore.date(milliseconds: row["created"]),
                          recipients: recipients)
    }

    /// Leases the due recipients of up to `limit` (message, domain) groups to `owner`.
    static func claim(_ db: Database, now: Int64, owner: String, leaseEnds: Int64, limit: Int) throws -> [QueueClaim] {
        // The due recipients in the order of the partial index, read only until `limit`
        // groups are found: grouping all of them first would read the whole queue (a queue
        // of a few thousand messages to many recipients each holds hundreds of thousands of
        // rows) for every claim. Equal times come in message order (the index's key ends
        // with the primary key).
        var groups: [(messageID: Int64, domain: String)] = []
        do {
            // The cursor's statement is done with (reset) before the leases are written.
            let due = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT message_id, domain FROM queue_recipient INDEXED BY queue_recipient_due
                WHERE state < 2 AND next_attempt <= ? AND lease_ends <= ? ORDER BY next_attempt
                """), arguments: [now, now])
            var seen = Set<String>()
            while groups.count < limit, let row = try due.next() {
                let messageID: Int64 = row[0]
                let domain: String = row[1]
                if seen.insert("\(messageID) \(domain)").inserted { groups.append((messageID, domain)) }
            }
        }
        let lease = try db.cachedStatement(sql: """
            UPDATE queue_recipient SET lease_owner = ?, lease_ends = ?
            WHERE message_id = ? AND domain = ? AND state < 2 AND next_attempt <= ? AND lease_ends <= ? RETURNING position
            """)
        var claims: [QueueClaim] = []
        for (messageID, domain) in groups {
            let positions = try Int.fetchAll(lease, arguments: [owner, leaseEnds, messageID, domain, now, now]).sorted()
            guard !positions.isEmpty,
                  let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM queue_message WHERE id = ?"), arguments: [messageID])
            else { continue }
            let entry = try entry(db, row)
            claims.append(QueueClaim(entry: entry, domain: domain, positions: positions, owner: owner,
                                     leaseEnds: SQLiteMailStore.date(milliseconds: leaseEnds)))
        }
        return claims
    }

    /// Records attempts; removes the entries that are finished and releases their content.
    /// Returns the touched entries as they stand after the update.
    static func record(_ db: Database, _ results: [DeliveryAttemptResult], context: WriteContext) throws -> [QueueEntry] {
        let update = try db.cachedStatement(sql: """
            UPDATE queue_recipient SET state = ?, attempts = attempts + 1, next_attempt = ?, last_result = ?,
                lease_owner = NULL, lease_ends = 0
            WHERE message_id = (SELECT id FROM queue_message WHERE queue_id = ?) AND position = ? AND state < 2
            """)
        var touched: [String] = []
        for result in results {
            let state: QueuedRecipientState
            let next: Int64
            let text: String
            switch result.outcome {
            case .delivered(let reply):
                (state, next, text) = (.delivered, 0, reply)
            case .deferred(let reason, let retryAt):
                (state, next, text) = (.deferred, SQLiteMailStore.milliseconds(retryAt), reason)
            case .failed(let reason):
                (state, next, text) = (.failed, 0, reason)
            }
            try update.execute(arguments: [state.rawValue, next, text, result.queueID, result.position])
            if !touched.contains(result.queueID) { touched.append(result.queueID) }
        }
        var entries: [QueueEntry] = []
        for queueID in touched {
            guard let entry = try entry(db, queueID: queueID) else { continue }
            entries.append(entry)
            if entry.recipients.allSatisfy(\.state.isFinal) { try remove(db, queueID: queueID, context: context) }
        }
        return entries
    }

    /// Deletes an entry and releases its content reference.
    static func remove(_ db: Database, queueID: String, context: WriteContext) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, blob_id FROM queue_message WHERE queue_id = ?",
                                         arguments: [queueID]) else {
            throw MailStoreError.queueEntryNotFound(queueID)
        }
        let messageID: Int64 = row[0]
        let blobID: Int64 = row[1]
        // Children first: the foreign keys are enforced.
        try db.execute(sql: "DELETE FROM queue_recipient WHERE message_id = ?", arguments: [messageID])
        try db.execute(sql: "DELETE FROM queue_message WHERE id = ?", arguments: [messageID])
        try BlobSQL.release(db, [blobID: 1], context: context)
    }

    /// Makes unfinished recipients due at `now`; returns how many.
    static func flush(_ db: Database, queueID: String?, now: Int64) throws -> Int {
        if let queueID {
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM queue_message WHERE queue_id = ?", arguments: [queueID]) != nil else {
                throw MailStoreError.queueEntryNotFound(queueID)
            }
            try db.execute(sql: """
                UPDATE queue_recipient SET next_attempt = ?, lease_owner = NULL, lease_ends = 0
                WHERE state < 2 AND message_id = (SELECT id FROM queue_message WHERE queue_id = ?)
                """, arguments: [now, queueID])
        } else {
            try db.execute(sql: "UPDATE queue_recipient SET next_attempt = ?, lease_owner = NULL, lease_ends = 0 WHERE state < 2",
                           arguments: [now])
        }
        return db.changesCount
    }

    /// Marks delay notices as sent.
    static func markDelayNotified(_ db: Database, queueID: String, positions: [Int]) throws {
        let update = try db.cachedStatement(sql: """
            UPDATE queue_recipient SET delay_notified = 1
            WHERE message_id = (SELECT id FROM queue_message WHERE queue_id = ?) AND position = ?
            """)
        for position in positions { try update.execute(arguments: [queueID, position]) }
    }

    /// The stored content of an entry: the inline octets, or the digest of its blob file.
    static func content(_ db: Database, queueID: String) throws -> (inline: [UInt8]?, digest: BlobDigest, size: Int) {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT blob.content, blob.sha256, blob.size FROM queue_message JOIN blob ON blob.id = queue_message.blob_id
            WHERE queue_message.queue_id = ?
            """, arguments: [queueID]) else {
            throw MailStoreError.queueEntryNotFound(queueID)
        }
        let content: Data? = row[0]
        let hash: Data = row[1]
        guard let digest = BlobDigest(bytes: Array(hash)) else { throw MailStoreError.storageFailure("queued content has a bad hash") }
        return (content.map { Array($0) }, digest, row[2])
    }
}
