import Foundation
import GRDB
import MailCore

extension SQLiteMailStore {
    public func makeSpoolFile() async throws(MailStoreError) -> SpoolFile {
        let path = layout.newSpoolPath(prefix: StoreLayout.spoolFilePrefix)
        try await fileIO.run { () throws(MailStoreError) in try DurableFiles.createEmptyFile(path) }
        return SpoolFile(path: path)
    }

    @discardableResult
    public func deliver(_ message: IncomingMessage, to targets: [DeliveryTarget]) async throws(MailStoreError) -> DeliveryReceipt {
        var unique: [DeliveryTarget] = []
        var seen: Set<DeliveryTarget> = []
        for target in targets where seen.insert(target).inserted {
            try Keywords.validate(target.flags, limits: limits)
            unique.append(target)
        }
        guard !unique.isEmpty else {
            await discardSpoolFile(of: message)
            throw .noDeliveryTargets
        }
        let saveDate = nowMilliseconds
        let distinctTargets = unique
        return try await save(message) { prepared, db, context in
            var saved: [SavedMessage] = []
            saved.reserveCapacity(distinctTargets.count)
            var placed: [(MailboxTarget, UID, ModSequence, MessageFlags)] = []
            for target in distinctTargets {
                guard let allocation = try MailboxSQL.allocateOne(db, account: target.account, name: target.mailbox)
                    ?? MailboxSQL.allocateOne(db, account: target.account, name: .inbox) else {
                    throw MailStoreError.accountNotFound(target.account.description)
                }
                placed.append((allocation.0, allocation.1, allocation.2, target.flags))
            }
            let blobID = try BlobSQL.reference(db, prepared, references: placed.count, context: context)
            for (mailbox, uid, modSequence, flags) in placed {
                saved.append(try Self.insertNew(db, prepared, blobID: blobID, into: mailbox, uid: uid, modSequence: modSequence,
                                                flags: flags, saveDate: saveDate, context: context))
            }
            return saved
        }
    }

    @discardableResult
    public func append(_ message: IncomingMessage, to mailbox: MailboxID, flags: MessageFlags) async throws(MailStoreError) -> SavedMessage {
        do {
            try Keywords.validate(flags, limits: limits)
        } catch {
            await discardSpoolFile(of: message)
            throw error
        }
        let saveDate = nowMilliseconds
        let receipt = try await save(message) { prepared, db, context in
            let row = try MailboxSQL.require(db, mailbox)
            let (uid, modSequence) = try MailboxSQL.allocate(db, mailbox: row.id, uids: 1)
            let blobID = try BlobSQL.reference(db, prepared, references: 1, context: context)
            return [try Self.insertNew(db, prepared, blobID: blobID, into: row.target, uid: uid, modSequence: modSequence,
                                       flags: flags, saveDate: saveDate, context: context)]
        }
        guard let saved = receipt.saved.first else { throw .storageFailure("an append saved nothing") }
        return saved
    }

    /// Prepares the message in the caller's task, runs `insert` on the writer, and cleans
    /// up after the commit whatever its outcome.
    private func save(
        _ message: IncomingMessage,
        insert: @escaping @Sendable (PreparedMessage, Database, WriteContext) throws -> [SavedMessage]
    ) async throws(MailStoreError) -> DeliveryReceipt {
        let (prepared, spoolFileToRemove) = try await prepare(message)
        let saved: [SavedMessage]
        do {
            saved = try await write { db, context in try insert(prepared, db, context) }
        } catch {
            await finishPreparation(prepared.digest, spoolFileToRemove: spoolFileToRemove)
            throw error
        }
        await finishPreparation(prepared.digest, spoolFileToRemove: spoolFileToRemove)
        return DeliveryReceipt(saved: saved, sha256: prepared.digest.hex, size: prepared.size)
    }

    private static func insertNew(_ db: Database, _ prepared: PreparedMessage, blobID: Int64, into mailbox: MailboxTarget,
                                  uid: UID, modSequence: ModSequence, flags: MessageFlags, saveDate: Int64,
                                  context: WriteContext) throws -> SavedMessage {
        try MessageSQL.insert(db, mailbox: mailbox.id, uid: uid, modSequence: modSequence, flags: flags,
                              internalDate: milliseconds(prepared.internalDate), saveDate: saveDate,
                              size: prepared.size, blobID: blobID)
        context.publish(.messagesAdded(mailbox.mailboxID, uids: [uid], highestModSequence: modSequence), to: mailbox.account)
        return SavedMessage(mailbox: mailbox.mailboxID, mailboxName: mailbox.name, uidValidity: mailbox.uidValidity,
                            uid: uid, modSequence: modSequence)
    }

    /// Reads, hashes and parses the message and makes its content durable if it goes to a
    /// file. Takes a lease on the content, which `finishPreparation` gives back.
    /// Returns the spool file to remove after the commit (when its content went inline).
    func prepare(_ message: IncomingMessage) async throws(MailStoreError) -> (PreparedMessage, String?) {
        let limit = limits.maximumMessageSize
        let bytes: [UInt8]
        let spoolPath: String?
        switch message.source {
        case .bytes(let octets):
            guard octets.count <= limit else { throw .messageTooLarge(size: octets.count, limit: limit) }
            bytes = octets
            spoolPath = nil
        case .spooled(let file):
            guard layout.isSpoolFilePath(file.path) else { throw .invalidSpoolFile(file.path) }
            spoolPath = file.path
            do {
                bytes = try await fileIO.run { () throws(MailStoreError) -> [UInt8] in
                    try DurableFiles.readFile(file.path, limit: limit)
                }
            } catch {
                await discardSpoolFile(of: message)
                throw error
            }
        }
        let analysis = analyzer.analyze(bytes)
        let digest = BlobDigest.of(bytes)
        let inline = bytes.count <= limits.inlineBlobThreshold
        let prepared = PreparedMessage(
            digest: digest, size: bytes.count, inlineContent: inline ? bytes : nil,
            structure: analysis.structure.encoded(), searchText: indexedText(analysis.searchText),
            internalDate: message.internalDate ?? clock())
        leases.acquire(digest)
        if inline { return (prepared, spoolPath) }
        do {
            let layout = self.layout
            try await fileIO.run { () throws(MailStoreError) in
                try Self.storeBlobFile(bytes, digest: digest, spoolPath: spoolPath, layout: layout)
            }
        } catch {
            await finishPreparation(digest, spoolFileToRemove: spoolPath)
            throw error
        }
        return (prepared, nil)
    }

    func finishPreparation(_ digest: BlobDigest, spoolFileToRemove: String?) async {
        leases.release(digest)
        if let path = spoolFileToRemove {
            _ = try? await fileIO.run { () throws(MailStoreError) in try DurableFiles.removeFile(path) }
        }
    }

    private func discardSpoolFile(of message: IncomingMessage) async {
        guard case .spooled(let file) = message.source, layout.isSpoolFilePath(file.path) else { return }
        _ = try? await fileIO.run { () throws(MailStoreError) in try DurableFiles.removeFile(file.path) }
    }

    /// Makes the blob file for `digest` durable: written to a temporary file (or taken
    /// from the spool file), fsynced, renamed into place, directory fsynced. If a complete
    /// file is already there (same content delivered before), it is reused.
    static func storeBlobFile(_ bytes: [UInt8], digest: BlobDigest, spoolPath: String?, layout: StoreLayout) throws(MailStoreError) {
        let path = layout.blobPath(of: digest)
        if let existing = DurableFiles.regularFileInfo(path), existing.size == bytes.count {
            if let spoolPath { try DurableFiles.removeFile(spoolPath) }
        } else {
            if let spoolPath {
                try DurableFiles.syncFile(spoolPath)
                try DurableFiles.renameFile(spoolPath, to: path)
            } else {
                let temporary = layout.newSpoolPath(prefix: StoreLayout.temporaryFilePrefix)
                do {
                    try DurableFiles.writeNewFile(temporary, bytes: bytes)
                    try DurableFiles.renameFile(temporary, to: path)
                } catch {
                    try? DurableFiles.removeFile(temporary)
                    throw error
                }
            }
        }
        // The name must be durable before a commit refers to it; a file found in place may
        // come from a delivery that has not synced its directory yet.
        try DurableFiles.syncDirectory(layout.shardDirectory(of: digest))
    }

    /// The parser's text, each field cut to the indexing limit.
    private func indexedText(_ text: SearchableText) -> SearchableText {
        let limit = limits.maximumIndexedTextLength
        func cut(_ value: String) -> String {
            value.utf8.count <= limit ? value : String(decoding: value.utf8.prefix(limit), as: UTF8.self)
        }
        var result = SearchableText()
        result.subject = cut(text.subject)
        result.from = cut(text.from)
        result.to = cut(text.to)
        result.cc = cut(text.cc)
        result.bcc = cut(text.bcc)
        result.body = cut(text.body)
        return result
    }
}
