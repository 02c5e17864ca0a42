import Foundation
internal import GRDB
import MailCore

extension SQLiteMailStore {
    public func snapshot(of mailbox: MailboxID, changedSince: ModSequence?) async throws(MailStoreError) -> MailboxSnapshot {
        try await read { db in
            try Self.snapshot(db, of: try MailboxSQL.require(db, mailbox), id: mailbox, changedSince: changedSince)
        }
    }

    public func snapshot(ofMailboxNamed name: MailboxName, of account: AccountID) async throws(MailStoreError) -> (MailboxInfo, MailboxSnapshot) {
        try await read { db in
            let row = try MailboxSQL.require(db, account: account, name: name)
            let info = row.info
            return (info, try Self.snapshot(db, of: row, id: info.id, changedSince: nil))
        }
    }

    /// Every message of the mailbox of `row` (or those changed since `changedSince`).
    private static func snapshot(_ db: Database, of row: MailboxRow, id mailbox: MailboxID,
                                 changedSince: ModSequence?) throws -> MailboxSnapshot {
        let rows: RowCursor
        if let changedSince {
            rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT \(MessageRow.columns) FROM message WHERE mailbox_id = ? AND modseq > ? ORDER BY uid
                """), arguments: [row.id, Int64(clamping: changedSince.rawValue)])
        } else {
            rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT \(MessageRow.columns) FROM message WHERE mailbox_id = ? ORDER BY uid"),
                                       arguments: [row.id])
        }
        // Summaries straight from the cursor, without an array of rows in between.
        var summaries = [MessageSummary]()
        while let message = try rows.next() { summaries.append(MessageRow(row: message).summary) }
        return MailboxSnapshot(mailbox: mailbox, uidValidity: row.uidValidity, uidNext: row.uidNext,
                               highestModSequence: row.highestModSequence, messages: summaries)
    }

    public func snapshot(of mailbox: MailboxID, uids: UIDSet, changedSince: ModSequence?) async throws(MailStoreError) -> MailboxSnapshot {
        try await read { db in
            let row = try MailboxSQL.require(db, mailbox)
            // One range of the primary key (mailbox_id, uid) per UID range; `+modseq` keeps the
            // planner from scanning the mailbox through the MODSEQ index instead.
            let statement = try db.cachedStatement(sql: """
                SELECT \(MessageRow.columns) FROM message WHERE mailbox_id = ? AND uid BETWEEN ? AND ? AND +modseq > ? ORDER BY uid
                """)
            let since = Int64(clamping: changedSince?.rawValue ?? 0)
            var summaries = [MessageSummary]()
            for range in uids.ranges {
                let rows = try Row.fetchCursor(statement, arguments: [row.id, Int64(range.lowerBound.rawValue),
                                                                      Int64(range.upperBound.rawValue), since])
                while let message = try rows.next() { summaries.append(MessageRow(row: message).summary) }
            }
            return MailboxSnapshot(mailbox: mailbox, uidValidity: row.uidValidity, uidNext: row.uidNext,
                                   highestModSequence: row.highestModSequence, messages: summaries)
        }
    }

    public func expunged(from mailbox: MailboxID, since modSequence: ModSequence) async throws(MailStoreError) -> ExpungedSince {
        try await read { db in
            let row = try MailboxSQL.require(db, mailbox)
            let uids = try Int64.fetchAll(db, sql: "SELECT uid FROM expunged WHERE mailbox_id = ? AND modseq > ? ORDER BY uid",
                                          arguments: [row.id, Int64(clamping: modSequence.rawValue)])
            return ExpungedSince(mailbox: mailbox, uidValidity: row.uidValidity, highestModSequence: row.highestModSequence,
                                 uids: uids.map { UID(UInt32(clamping: $0)) })
        }
    }

    public func content(of uid: UID, in mailbox: MailboxID) async throws(MailStoreError) -> MessageContent {
        guard let content = try await messageContents(of: [uid], in: mailbox, part: .whole).first else {
            throw .messageNotFound(uid)
        }
        return content
    }

    public func structure(of uid: UID, in mailbox: MailboxID) async throws(MailStoreError) -> MessageStructure {
        try await read { db in try Self.storedMessage(db, uid: uid, in: mailbox, content: .none).structure }
    }

    public func contents(of uids: [UID], in mailbox: MailboxID) async throws(MailStoreError) -> [MessageContent] {
        try await messageContents(of: uids, in: mailbox, part: .whole)
    }

    public func headers(of uids: [UID], in mailbox: MailboxID) async throws(MailStoreError) -> [MessageContent] {
        try await messageContents(of: uids, in: mailbox, part: .header)
    }

    /// The messages among `uids` with the octets of `part`: inline content is read in the
    /// transaction, files together afterwards off the cooperative pool. A file that vanished
    /// was expunged since the read (its message is left out), else it is damaged.
    private func messageContents(of uids: [UID], in mailbox: MailboxID, part: StoredContent) async throws(MailStoreError) -> [MessageContent] {
        guard !uids.isEmpty else { return [] }
        let stored = try await read { db in try Self.storedMessages(db, uids: uids, in: mailbox, content: part) }
        let layout = self.layout
        let limit = limits.maximumMessageSize
        let files = !stored.contains(where: { $0.inlineContent == nil }) ? [:] : try await fileIO.run { () throws(MailStoreError) -> [Int: [UInt8]] in
            var read = [Int: [UInt8]]()
            for (index, message) in stored.enumerated() where message.inlineContent == nil {
                let path = layout.blobPath(of: message.digest)
                read[index] = try? part == .whole ? DurableFiles.readFile(path, limit: max(limit, message.message.size))
                    : DurableFiles.readPrefix(path, count: message.expectedCount(of: part))
            }
            return read
        }
        var contents = [MessageContent]()
        contents.reserveCapacity(stored.count)
        for (index, message) in stored.enumerated() {
            guard let bytes = message.inlineContent ?? files[index] else {
                if (try? await read({ db in try Self.storedMessage(db, uid: message.message.uid, in: mailbox, content: .none) })) != nil {
                    throw .blobDamaged(sha256: message.digest.hex)
                }
                continue
            }
            guard bytes.count == message.expectedCount(of: part) else { throw .blobDamaged(sha256: message.digest.hex) }
            contents.append(MessageContent(summary: message.message.summary, structure: message.structure, bytes: bytes))
        }
        return contents
    }

    public func structures(of uids: [UID], in mailbox: MailboxID) async throws(MailStoreError) -> [UID: MessageStructure] {
        guard !uids.isEmpty else { return [:] }
        let stored = try await read { db in try Self.storedMessages(db, uids: uids, in: mailbox, content: .none) }
        var structures = [UID: MessageStructure]()
        for message in stored { structures[message.message.uid] = message.structure }
        return structures
    }

    @discardableResult
    public func storeFlags(_ change: FlagChange, on uids: UIDSet, in mailbox: MailboxID,
                           unchangedSince: ModSequence?) async throws(MailStoreError) -> FlagStoreResult {
        try Keywords.validate(change.flags, limits: limits)
        let limits = self.limits
        return try await write { db, context in
            let row = try MailboxSQL.require(db, mailbox)
            let messages = try MessageSQL.select(db, mailbox: row.id, uids: uids, limits: limits)
            var failed: [UID] = []
            var pending: [(MessageRow, MessageFlags)] = []
            var updates: [FlagUpdate] = []
            for message in messages {
                // RFC 7162 §3.1.3: a message changed after UNCHANGEDSINCE is left alone.
                if let unchangedSince, message.modSequence > unchangedSince {
                    failed.append(message.uid)
                    continue
                }
                let flags = change.applied(to: message.flags)
                if flags == message.flags {
                    updates.append(FlagUpdate(uid: message.uid, flags: flags, modSequence: message.modSequence, changed: false))
                } else {
                    guard flags.keywords.count <= limits.maximumKeywordsPerMessage else {
                        throw MailStoreError.tooManyKeywords(limit: limits.maximumKeywordsPerMessage)
                    }
                    pending.append((message, flags))
                }
            }
            var highest = row.highestModSequence
            if !pending.isEmpty {
                let modSequence = try MailboxSQL.nextModSequence(db, mailbox: row.id)
                highest = modSequence
                let update = try db.cachedStatement(sql: "UPDATE message SET flags = ?, keywords = ?, modseq = ? WHERE mailbox_id = ? AND uid = ?")
                var changed: [FlagUpdate] = []
                for (message, flags) in pending {
                    try update.execute(arguments: [Int64(flags.system.rawValue), Keywords.encode(flags.keywords),
                                                   Int64(modSequence.rawValue), row.id, Int64(message.uid.rawValue)])
                    changed.append(FlagUpdate(uid: message.uid, flags: flags, modSequence: modSequence, changed: true))
                }
                context.publish(.flagsChanged(mailbox, changed), to: mailbox.account)
                updates.append(contentsOf: changed)
                updates.sort { $0.uid < $1.uid }
            }
            return FlagStoreResult(updates: updates, failedUnchangedSince: failed, highestModSequence: highest)
        }
    }

    @discardableResult
    public func expunge(_ uids: UIDSet, in mailbox: MailboxID, onlyDeleted: Bool) async throws(MailStoreError) -> ExpungeResult {
        let limits = self.limits
        return try await write { db, context in
            let row = try MailboxSQL.require(db, mailbox)
            var messages = try MessageSQL.select(db, mailbox: row.id, uids: uids, limits: limits)
            if onlyDeleted { messages = messages.filter(\.flags.isDeleted) }
            let modSequence = try MessageSQL.expunge(db, messages, from: row, context: context)
            return ExpungeResult(expunged: messages.map(\.uid), modSequence: modSequence ?? row.highestModSequence)
        }
    }

    @discardableResult
    public func copy(_ uids: UIDSet, from source: MailboxID, to destination: MailboxID) async throws(MailStoreError) -> CopyResult {
        try await transfer(uids, from: source, to: destination, removingFromSource: false)
    }

    @discardableResult
    public func move(_ uids: UIDSet, from source: MailboxID, to destination: MailboxID) async throws(MailStoreError) -> CopyResult {
        try await transfer(uids, from: source, to: destination, removingFromSource: true)
    }

    private func transfer(_ uids: UIDSet, from source: MailboxID, to destination: MailboxID,
                          removingFromSource: Bool) async throws(MailStoreError) -> CopyResult {
        let limits = self.limits
        let saveDate = nowMilliseconds
        return try await write { db, context in
            let sourceRow = try MailboxSQL.require(db, source)
            let destinationRow = try MailboxSQL.require(db, destination)
            let messages = try MessageSQL.select(db, mailbox: sourceRow.id, uids: uids, limits: limits)
            // A MOVE within the account changes no usage; a COPY adds every copy (RFC 9208 §3.2).
            if !removingFromSource || sourceRow.account != destinationRow.account {
                try QuotaSQL.requireRoom(db, account: destinationRow.account.rawValue, messages: messages.count,
                                         octets: messages.reduce(0) { $0 + $1.size })
            }
            let mappings = try MessageSQL.copy(db, messages, to: destinationRow, saveDate: saveDate, context: context)
            var sourceExpunge: ExpungeResult?
            if removingFromSource {
                // Re-read the source row: a move within one mailbox has just changed it.
                let currentSource = try MailboxSQL.require(db, source)
                let modSequence = try MessageSQL.expunge(db, messages, from: currentSource, context: context)
                sourceExpunge = ExpungeResult(expunged: messages.map(\.uid), modSequence: modSequence ?? currentSource.highestModSequence)
            }
            return CopyResult(destination: destination, destinationUIDValidity: destinationRow.uidValidity,
                              mappings: mappings, sourceExpunge: sourceExpunge)
        }
    }

    /// How much of a message's content a stored-message query reads.
    enum StoredContent: Sendable {
        /// None: the metadata and structure only.
        case none
        /// All the octets.
        case whole
        /// The octets of the message's own header (up to the end of `root.headerRange`).
        case header

        /// The content column of the query.
        var column: String {
            switch self {
            case .none: "NULL"
            case .whole: "blob.content"
            case .header: "blob.content IS NOT NULL"
            }
        }
    }

    /// A message with its blob's metadata (and inline content if asked).
    struct StoredMessage: Sendable {
        let message: MessageRow
        let digest: BlobDigest
        let structure: MessageStructure
        /// The octets asked for when the content is inline; nil when it is in a file (or
        /// none were asked).
        var inlineContent: [UInt8]?

        /// How many octets `part` of this message has.
        func expectedCount(of part: StoredContent) -> Int {
            switch part {
            case .none: 0
            case .whole: message.size
            case .header: min(max(structure.root.headerRange.upperBound, 0), message.size)
            }
        }
    }

    /// The messages among `uids` that exist, in the order given: one query per run of
    /// consecutive UIDs (a POP3 read-ahead or a FETCH of a range is one query, not one per
    /// message), the mailbox looked up once.
    static func storedMessages(_ db: Database, uids: [UID], in mailbox: MailboxID, content: StoredContent) throws -> [StoredMessage] {
        let mailboxRow = try MailboxSQL.require(db, mailbox).id
        let statement = try db.cachedStatement(sql: storedMessageQuery(content: content)
            + " WHERE message.mailbox_id = ? AND message.uid BETWEEN ? AND ?")
        let prefixReader = content == .header ? InlineContentPrefixReader(db) : nil
        var byUID = [UInt32: StoredMessage](minimumCapacity: uids.count)
        for (first, last) in MessageSQL.consecutiveRuns(Array(Set(uids.map { Int64($0.rawValue) }))) {
            let rows = try Row.fetchCursor(statement, arguments: [mailboxRow, first, last])
            while let row = try rows.next() {
                var stored = try storedMessage(from: row, content: content)
                if let prefixReader, row[10] as Bool {
                    stored.inlineContent = try prefixReader.prefix(ofBlob: stored.message.blobID,
                                                                   count: stored.expectedCount(of: .header))
                }
                byUID[stored.message.uid.rawValue] = stored
            }
        }
        return uids.compactMap { byUID[$0.rawValue] }
    }

    static func storedMessage(_ db: Database, uid: UID, in mailbox: MailboxID, content: StoredContent) throws -> StoredMessage {
        guard let found = try storedMessages(db, uids: [uid], in: mailbox, content: content).first else {
            throw MailStoreError.messageNotFound(uid)
        }
        return found
    }

    /// The columns `storedMessage(from:content:)` reads, without the WHERE clause.
    private static func storedMessageQuery(content: StoredContent) -> String {
        """
        SELECT message.uid, message.modseq, message.flags, message.keywords, message.internal_date, message.save_date,
               message.size, message.blob_id, blob.sha256, blob.structure, \(content.column)
        FROM message JOIN blob ON blob.id = message.blob_id
        """
    }

    /// The message of a row; with `.whole`, its inline octets copied once, straight from
    /// SQLite's buffer.
    private static func storedMessage(from found: Row, content: StoredContent) throws -> StoredMessage {
        let message = MessageRow(row: found)
        let hash: Data = found[8]
        guard let digest = BlobDigest(bytes: Array(hash)) else { throw MailStoreError.blobDamaged(sha256: "?") }
        let encoded: Data = found[9]
        let structure: MessageStructure
        do {
            structure = try MessageStructure(decoding: Array(encoded))
        } catch {
            throw MailStoreError.structureDamaged(message.uid)
        }
        let inline = content == .whole ? try found.withUnsafeData(atIndex: 10) { data in data.map { Array($0) } } : nil
        return StoredMessage(message: message, digest: digest, structure: structure, inlineContent: inline)
    }
}
