import Foundation
internal import GRDB
import MailCore

extension SQLiteMailStore {
    public func snapshot(of mailbox: MailboxID, changedSince: ModSequence?) async throws(MailStoreError) -> MailboxSnapshot {
        try await read { db in
            let row = try MailboxSQL.require(db, mailbox)
            let rows: [Row]
            if let changedSince {
                rows = try Row.fetchAll(db, sql: """
                    SELECT \(MessageRow.columns) FROM message WHERE mailbox_id = ? AND modseq > ? ORDER BY uid
                    """, arguments: [row.id, Int64(clamping: changedSince.rawValue)])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT \(MessageRow.columns) FROM message WHERE mailbox_id = ? ORDER BY uid",
                                        arguments: [row.id])
            }
            return MailboxSnapshot(mailbox: mailbox, uidValidity: row.uidValidity, uidNext: row.uidNext,
                                   highestModSequence: row.highestModSequence,
                                   messages: rows.map { MessageRow(row: $0).summary })
        }
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
        let stored = try await read { db in try Self.storedMessage(db, uid: uid, in: mailbox, withContent: true) }
        let bytes: [UInt8]
        if let inline = stored.inlineContent {
            bytes = inline
        } else {
            let path = layout.blobPath(of: stored.digest)
            let limit = max(limits.maximumMessageSize, stored.message.size)
            do {
                bytes = try await fileIO.run { () throws(MailStoreError) -> [UInt8] in try DurableFiles.readFile(path, limit: limit) }
            } catch {
                // The message may have been expunged (and its file removed) since the read.
                let stillThere = (try? await read { db in
                    try Self.storedMessage(db, uid: uid, in: mailbox, withContent: false)
                }) != nil
                throw stillThere ? .blobDamaged(sha256: stored.digest.hex) : .messageNotFound(uid)
            }
        }
        guard bytes.count == stored.message.size else { throw .blobDamaged(sha256: stored.digest.hex) }
        return MessageContent(summary: stored.message.summary, structure: stored.structure, bytes: bytes)
    }

    public func structure(of uid: UID, in mailbox: MailboxID) async throws(MailStoreError) -> MessageStructure {
        try await read { db in try Self.storedMessage(db, uid: uid, in: mailbox, withContent: false).structure }
    }

    public func contents(of uids: [UID], in mailbox: MailboxID) async throws(MailStoreError) -> [MessageContent] {
        guard !uids.isEmpty else { return [] }
        let stored = try await read { db in try Self.storedMessages(db, uids: uids, in: mailbox, withContent: true) }
        let layout = self.layout
        let limit = limits.maximumMessageSize
        // Files are read together off the cooperative pool; one that vanished was expunged
        // since the read (its message is left out), else it is damaged.
        let files = !stored.contains(where: { $0.inlineContent == nil }) ? [:] : try await fileIO.run { () throws(MailStoreError) -> [Int: [UInt8]] in
            var read = [Int: [UInt8]]()
            for (index, message) in stored.enumerated() where message.inlineContent == nil {
                read[index] = try? DurableFiles.readFile(layout.blobPath(of: message.digest), limit: max(limit, message.message.size))
            }
            return read
        }
        var contents = [MessageContent]()
        contents.reserveCapacity(stored.count)
        for (index, message) in stored.enumerated() {
            guard let bytes = message.inlineContent ?? files[index] else {
                if (try? await read({ db in try Self.storedMessage(db, uid: message.message.uid, in: mailbox, withContent: false) })) != nil {
                    throw .blobDamaged(sha256: message.digest.hex)
                }
                continue
            }
            guard bytes.count == message.message.size else { throw .blobDamaged(sha256: message.digest.hex) }
            contents.append(MessageContent(summary: message.message.summary, structure: message.structure, bytes: bytes))
        }
        return contents
    }

    public func structures(of uids: [UID], in mailbox: MailboxID) async throws(MailStoreError) -> [UID: MessageStructure] {
        guard !uids.isEmpty else { return [:] }
        let stored = try await read { db in try Self.storedMessages(db, uids: uids, in: mailbox, withContent: false) }
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

    /// A message with its blob's metadata (and inline content if asked).
    struct StoredMessage: Sendable {
        let message: MessageRow
        let digest: BlobDigest
        let structure: MessageStructure
        let inlineContent: [UInt8]?
    }

    /// The messages among `uids` that exist, in the order given: one query per run of
    /// consecutive UIDs (a POP3 read-ahead or a FETCH of a range is one query, not one per
    /// message), the mailbox looked up once.
    static func storedMessages(_ db: Database, uids: [UID], in mailbox: MailboxID, withContent: Bool) throws -> [StoredMessage] {
        let mailboxRow = try MailboxSQL.require(db, mailbox).id
        let statement = try db.cachedStatement(sql: storedMessageQuery(withContent: withContent)
            + " WHERE message.mailbox_id = ? AND message.uid BETWEEN ? AND ?")
        var byUID = [UInt32: StoredMessage](minimumCapacity: uids.count)
        for (first, last) in MessageSQL.consecutiveRuns(Array(Set(uids.map { Int64($0.rawValue) }))) {
            let rows = try Row.fetchCursor(statement, arguments: [mailboxRow, first, last])
            while let row = try rows.next() {
                let stored = try storedMessage(from: row)
                byUID[stored.message.uid.rawValue] = stored
            }
        }
        return uids.compactMap { byUID[$0.rawValue] }
    }

    static func storedMessage(_ db: Database, uid: UID, in mailbox: MailboxID, withContent: Bool) throws -> StoredMessage {
        let mailboxRow = try MailboxSQL.require(db, mailbox).id
        let statement = try db.cachedStatement(sql: storedMessageQuery(withContent: withContent)
            + " WHERE message.mailbox_id = ? AND message.uid = ?")
        guard let found = try Row.fetchOne(statement, arguments: [mailboxRow, Int64(uid.rawValue)]) else {
            throw MailStoreError.messageNotFound(uid)
        }
        return try storedMessage(from: found)
    }

    /// The columns `storedMessage(from:)` reads, without the WHERE clause.
    private static func storedMessageQuery(withContent: Bool) -> String {
        """
        SELECT message.uid, message.modseq, message.flags, message.keywords, message.internal_date, message.save_date,
               message.size, message.blob_id, blob.sha256, blob.structure, \(withContent ? "blob.content" : "NULL")
        FROM message JOIN blob ON blob.id = message.blob_id
        """
    }

    private static func storedMessage(from found: Row) throws -> StoredMessage {
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
        let content: Data? = found[10]
        return StoredMessage(message: message, digest: digest, structure: structure, inlineContent: content.map { Array($0) })
    }
}
