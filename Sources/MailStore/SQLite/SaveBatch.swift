import Foundation
internal import GRDB
import MailCore

/// A message made ready for the writer: hashed, parsed, and its content either in memory
/// (to be stored inline) or already durable in its blob file. The column values are made
/// here, in the delivering task, so that the writer only binds them.
struct PreparedMessage: Sendable {
    let digest: BlobDigest
    let size: Int
    /// The hash, as the `sha256` column.
    let digestValue: DatabaseValue
    /// The encoded structure, as the `structure` column.
    let structureValue: DatabaseValue
    /// The octets when they go inline; NULL when the blob file holds them.
    let contentValue: DatabaseValue
    /// The thread root, as the `blob_thread.root` column; nil when the content names no
    /// message identifier.
    let threadRootValue: DatabaseValue?
    /// INTERNALDATE in milliseconds since 1970.
    let internalDate: Int64

    init(digest: BlobDigest, size: Int, inlineContent: [UInt8]?, structure: [UInt8], threadRoot: ThreadRoot?,
         internalDate: Date) {
        self.digest = digest
        self.size = size
        digestValue = Data(digest.bytes).databaseValue
        structureValue = Data(structure).databaseValue
        contentValue = inlineContent.map { Data($0).databaseValue } ?? .null
        threadRootValue = threadRoot.map { Data($0.bytes).databaseValue }
        self.internalDate = SQLiteMailStore.milliseconds(internalDate)
    }
}

/// Where one copy of a saved message goes.
enum SaveDestination: Sendable {
    /// A mailbox of an account by name, or the account's INBOX if there is no such mailbox
    /// (a delivery).
    case named(AccountID, MailboxName, MessageFlags)
    /// A mailbox by identifier, which must exist (an APPEND).
    case mailbox(MailboxID, MessageFlags)

    var flags: MessageFlags {
        switch self {
        case .named(_, _, let flags), .mailbox(_, let flags): flags
        }
    }
}

/// One prepared message to save into one or more mailboxes.
struct SaveRequest: Sendable {
    let prepared: PreparedMessage
    let destinations: [SaveDestination]
    let saveDate: Int64
    /// The outbound queue entry to create with the same content, if any.
    var outbound: OutboundEnvelope? = nil

    /// The references this save adds to its content: one per copy, one for a queue entry.
    var contentReferences: Int { destinations.count + (outbound == nil ? 0 : 1) }
}

/// Runs the saves of one group commit with few statements: one UID allocation per
/// mailbox, then multi-row inserts for the content, the content's place in the queue of
/// the search indexer (`search_pending`) and the messages.
/// The result keeps each save's own outcome and effects, in order.
///
/// The messages a batch adds to one mailbox share one new MODSEQ. That keeps RFC 7162's
/// promise: they become visible in one commit, so no client can have seen some of them
/// and not the others, and every later change gets a greater MODSEQ.
enum SaveBatch {
    /// A range of UIDs taken in one mailbox, handed out in order.
    private final class Allocation {
        let target: MailboxTarget
        let modSequence: ModSequence
        var next: UInt32

        init(target: MailboxTarget, first: UID, modSequence: ModSequence) {
            self.target = target
            self.modSequence = modSequence
            self.next = first.rawValue
        }

        func take() -> UID {
            defer { next += 1 }
            return UID(next)
        }
    }

    private enum MailboxKey: Hashable {
        case named(AccountID, String)
        case identified(MailboxID)
    }

    private static let messageInsert = MultiRowSQL(
        head: "INSERT INTO message(mailbox_id, uid, modseq, flags, keywords, internal_date, save_date, size, blob_id) VALUES ",
        columns: 9)
    private static let blobInsert = MultiRowSQL(
        head: "INSERT INTO blob(sha256, size, refcount, structure, content) VALUES ", columns: 5,
        tail: " ON CONFLICT(sha256) WHERE content IS NULL DO UPDATE SET refcount = refcount + excluded.refcount RETURNING id, sha256, refcount")
    private static let pendingInsert = MultiRowSQL(head: "INSERT INTO search_pending(blob_id) VALUES ", columns: 1)

    static func execute(_ db: Database, _ saves: [SaveRequest]) throws -> [(saved: [SavedMessage], context: WriteContext)] {
        try requireQuotaRoom(db, saves)
        let allocations = try allocate(db, saves)
        let blobs = try storeContent(db, saves)
        let contexts = saves.map { _ in WriteContext() }
        var results: [[SavedMessage]] = []
        var rows: [DatabaseValue] = []
        rows.reserveCapacity(saves.count * messageInsert.columns)
        for (index, save) in saves.enumerated() {
            guard let blob = blobs[save.prepared.digest] else {
                throw MailStoreError.storageFailure("content \(save.prepared.digest) was not stored")
            }
            if blob.isNew { contexts[index].queuedForIndexing = true }
            var saved: [SavedMessage] = []
            for (position, destination) in save.destinations.enumerated() {
                let allocation = allocations[index][position]
                let uid = allocation.take()
                let flags = destination.flags
                rows.append(contentsOf: [
                    allocation.target.id.databaseValue, Int64(uid.rawValue).databaseValue,
                    Int64(allocation.modSequence.rawValue).databaseValue, Int64(flags.system.rawValue).databaseValue,
                    Keywords.encode(flags.keywords).databaseValue, save.prepared.internalDate.databaseValue,
                    save.saveDate.databaseValue, save.prepared.size.databaseValue, blob.id.databaseValue,
                ])
                contexts[index].publish(.messagesAdded(allocation.target.mailboxID, uids: [uid], highestModSequence: allocation.modSequence),
                                        to: allocation.target.account)
                saved.append(SavedMessage(mailbox: allocation.target.mailboxID, mailboxName: allocation.target.name,
                                          uidValidity: allocation.target.uidValidity, uid: uid, modSequence: allocation.modSequence))
            }
            if let outbound = save.outbound {
                try QueueSQL.insert(db, outbound, blobID: blob.id, size: save.prepared.size, created: save.saveDate)
            }
            results.append(saved)
        }
        try messageInsert.forEachChunk(db, values: rows) { try $0.execute() }
        return zip(results, contexts).map { ($0, $1) }
    }

    /// APPENDs must fit their account's quota (RFC 9208 §4.1: OVERQUOTA), those of the whole
    /// batch together; when they do not, the committer runs each save alone and only the
    /// one that does not fit fails. Deliveries are checked at RCPT instead (a full account
    /// refuses more mail), so that one full account never fails a delivery to several.
    private static func requireQuotaRoom(_ db: Database, _ saves: [SaveRequest]) throws {
        var added: [Int64: (messages: Int, octets: Int)] = [:]
        for save in saves {
            for case .mailbox(let mailbox, _) in save.destinations {
                let previous = added[mailbox.account.rawValue] ?? (0, 0)
                added[mailbox.account.rawValue] = (previous.messages + 1, previous.octets + save.prepared.size)
            }
        }
        for (account, addition) in added {
            try QuotaSQL.requireRoom(db, account: account, messages: addition.messages, octets: addition.octets)
        }
    }

    /// Takes UIDs: one statement per distinct mailbox, in the order the saves name them.
    /// Returns, per save and destination, the allocation its UID comes from.
    private static func allocate(_ db: Database, _ saves: [SaveRequest]) throws -> [[Allocation]] {
        var order: [MailboxKey] = []
        var counts: [MailboxKey: Int] = [:]
        func key(_ destination: SaveDestination) -> MailboxKey {
            switch destination {
            case .named(let account, let name, _): .named(account, name.rawValue)
            case .mailbox(let mailbox, _): .identified(mailbox)
            }
        }
        for save in saves {
            for destination in save.destinations {
                let key = key(destination)
                if counts[key] == nil { order.append(key) }
                counts[key, default: 0] += 1
            }
        }
        var found: [MailboxKey: Allocation] = [:]
        var missingByAccount: [AccountID: Int] = [:]
        var missingOrder: [AccountID] = []
        for key in order {
            let count = counts[key] ?? 0
            switch key {
            case .named(let account, let name):
                if let allocation = try allocate(db, count: count, account: account, name: name) {
                    found[key] = allocation
                } else {
                    if missingByAccount[account] == nil { missingOrder.append(account) }
                    missingByAccount[account, default: 0] += count
                }
            case .identified(let mailbox):
                guard let allocation = try allocate(db, count: count, mailbox: mailbox) else {
                    throw MailStoreError.mailboxNotFound(mailbox.description)
                }
                found[key] = allocation
            }
        }
        // Deliveries to a mailbox that does not exist go to INBOX (RFC 5228 implicit keep).
        var inboxes: [AccountID: Allocation] = [:]
        for account in missingOrder {
            guard let allocation = try allocate(db, count: missingByAccount[account] ?? 0, account: account, name: "INBOX") else {
                throw MailStoreError.accountNotFound(account.description)
            }
            inboxes[account] = allocation
        }
        return try saves.map { save in
            try save.destinations.map { destination in
                if let allocation = found[key(destination)] { return allocation }
                if case .named(let account, _, _) = destination, let inbox = inboxes[account] { return inbox }
                throw MailStoreError.storageFailure("no UID was allocated for a destination")
            }
        }
    }

    private static func allocate(_ db: Database, count: Int, account: AccountID, name: String) throws -> Allocation? {
        let statement = try db.cachedStatement(sql: """
            UPDATE mailbox SET uid_next = uid_next + ?, highest_modseq = highest_modseq + 1
            WHERE account_id = ? AND name = ? RETURNING id, name, uid_validity, uid_next, highest_modseq
            """)
        return try allocation(statement, arguments: [count, account.rawValue, name], account: account, count: count)
    }

    private static func allocate(_ db: Database, count: Int, mailbox: MailboxID) throws -> Allocation? {
        let statement = try db.cachedStatement(sql: """
            UPDATE mailbox SET uid_next = uid_next + ?, highest_modseq = highest_modseq + 1
            WHERE id = ? AND account_id = ? RETURNING id, name, uid_validity, uid_next, highest_modseq
            """)
        return try allocation(statement, arguments: [count, mailbox.rawValue, mailbox.account.rawValue],
                              account: mailbox.account, count: count)
    }

    private static func allocation(_ statement: Statement, arguments: StatementArguments, account: AccountID,
                                   count: Int) throws -> Allocation? {
        guard let row = try Row.fetchOne(statement, arguments: arguments) else { return nil }
        let nameText: String = row[1]
        let next: Int64 = row[3]
        let first = next - Int64(count)
        guard first >= 1, next - 1 <= Int64(UInt32.max) else {
            throw MailStoreError.storageFailure("mailbox \(nameText) has used up its UIDs")
        }
        let name: MailboxName
        do {
            name = try MailboxName(nameText)
        } catch {
            throw MailStoreError.storageFailure("stored mailbox name '\(nameText)' is invalid: \(error)")
        }
        let target = MailboxTarget(id: row[0], account: account, name: name,
                                   uidValidity: UIDValidity(rawValue: UInt32(truncatingIfNeeded: row[2] as Int64)))
        return Allocation(target: target, first: UID(UInt32(first)), modSequence: ModSequence(UInt64(row[4] as Int64)))
    }

    /// A stored content row.
    private struct StoredBlob {
        let id: Int64
        /// Inserted by this batch (and so queued for the search indexer).
        let isNew: Bool
    }

    /// Adds the references of every save to its content: content in a file that is stored
    /// already (its hash is unique) gains them; any other content is inserted (the saves of
    /// one batch with the same hash share one row), with its thread root, and queued for the
    /// search indexer.
    /// Rows at refcount 0 never outlive their transaction (`release` deletes them), so
    /// "refcount equals what was added" means "just inserted".
    private static func storeContent(_ db: Database, _ saves: [SaveRequest]) throws -> [BlobDigest: StoredBlob] {
        var order: [BlobDigest] = []
        var references: [BlobDigest: (message: PreparedMessage, count: Int)] = [:]
        for save in saves {
            let digest = save.prepared.digest
            if let existing = references[digest] {
                references[digest] = (existing.message, existing.count + save.contentReferences)
            } else {
                order.append(digest)
                references[digest] = (save.prepared, save.contentReferences)
            }
        }
        var rows: [DatabaseValue] = []
        rows.reserveCapacity(order.count * blobInsert.columns)
        for digest in order {
            guard let entry = references[digest] else { continue }
            let message = entry.message
            rows.append(contentsOf: [message.digestValue, message.size.databaseValue, entry.count.databaseValue,
                                     message.structureValue, message.contentValue])
        }
        var stored: [BlobDigest: StoredBlob] = [:]
        var created: [DatabaseValue] = []
        var threadRoots: [DatabaseValue] = []
        try blobInsert.forEachChunk(db, values: rows) { statement in
            let cursor = try Row.fetchCursor(statement)
            while let row = try cursor.next() {
                let hash: Data = row[1]
                guard let digest = BlobDigest(bytes: Array(hash)), let entry = references[digest] else {
                    throw MailStoreError.storageFailure("storing content returned an unknown hash")
                }
                let id: Int64 = row[0]
                let isNew = (row[2] as Int64) == Int64(entry.count)
                stored[digest] = StoredBlob(id: id, isNew: isNew)
                if isNew {
                    created.append(id.databaseValue)
                    if let root = entry.message.threadRootValue { threadRoots.append(contentsOf: [id.databaseValue, root]) }
                    try BlobSQL.reclaimStaleIndexRow(db, id: id)
                }
            }
        }
        try pendingInsert.forEachChunk(db, values: created) { try $0.execute() }
        try ObjectIDSQL.threadRootInsert.forEachChunk(db, values: threadRoots) { try $0.execute() }
        return stored
    }
}
