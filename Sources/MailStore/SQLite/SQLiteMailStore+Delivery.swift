import Foundation
internal import GRDB
import MailCore

extension SQLiteMailStore {
    public func makeSpoolFile() async throws(MailStoreError) -> SpoolFile {
        let path = layout.newSpoolPath(prefix: StoreLayout.spoolFilePrefix)
        try await fileIO.run { () throws(MailStoreError) in try DurableFiles.createEmptyFile(path) }
        return SpoolFile(path: path)
    }

    public func appendToSpoolFile(_ file: SpoolFile, _ bytes: [UInt8]) async throws(MailStoreError) {
        let path = file.path
        try await fileIO.run { () throws(MailStoreError) in try DurableFiles.append(bytes, to: path) }
    }

    @discardableResult
    public func deliver(_ message: IncomingMessage, to targets: [DeliveryTarget]) async throws(MailStoreError) -> DeliveryReceipt {
        let receipt = try await accept(message, localTargets: targets, outbound: nil)
        return DeliveryReceipt(saved: receipt.saved, sha256: receipt.sha256, size: receipt.size)
    }

    @discardableResult
    public func append(_ message: IncomingMessage, to mailbox: MailboxID, flags: MessageFlags) async throws(MailStoreError) -> SavedMessage {
        do {
            try Keywords.validate(flags, limits: limits)
        } catch {
            await discardSpoolFile(of: message)
            throw error
        }
        let receipt = try await save(message, to: [.mailbox(mailbox, flags)])
        guard let saved = receipt.saved.first else { throw .storageFailure("an append saved nothing") }
        return saved
    }

    @discardableResult
    public func accept(_ message: IncomingMessage, localTargets: [DeliveryTarget],
                       outbound: OutboundEnvelope?) async throws(MailStoreError) -> AcceptanceReceipt {
        var unique: [DeliveryTarget] = []
        var seen: Set<DeliveryTarget> = []
        do {
            for target in localTargets where seen.insert(target).inserted {
                try Keywords.validate(target.flags, limits: limits)
                unique.append(target)
            }
        } catch {
            await discardSpoolFile(of: message)
            throw error
        }
        let queued = outbound.flatMap { $0.recipients.isEmpty ? nil : $0 }
        guard !unique.isEmpty || queued != nil else {
            await discardSpoolFile(of: message)
            throw .noDeliveryTargets
        }
        let destinations = unique.map { SaveDestination.named($0.account, $0.mailbox, $0.flags) }
        let receipt = try await save(message, to: destinations, outbound: queued)
        if queued != nil { queueActivity.signal() }
        return AcceptanceReceipt(saved: receipt.saved, queueID: queued?.queueID, sha256: receipt.sha256, size: receipt.size)
    }

    /// Prepares the message in the caller's task, saves it through the group committer,
    /// and cleans up after the commit whatever its outcome.
    private func save(_ message: IncomingMessage, to destinations: [SaveDestination],
                      outbound: OutboundEnvelope? = nil) async throws(MailStoreError) -> DeliveryReceipt {
        let (prepared, spoolFileToRemove) = try await prepare(message)
        let saved: [SavedMessage]
        do {
            saved = try await committer.submit(SaveRequest(prepared: prepared, destinations: destinations,
                                                           saveDate: nowMilliseconds, outbound: outbound))
        } catch {
            await finishPreparation(prepared.digest, spoolFileToRemove: spoolFileToRemove)
            throw error
        }
        await finishPreparation(prepared.digest, spoolFileToRemove: spoolFileToRemove)
        return DeliveryReceipt(saved: saved, sha256: prepared.digest.hex, size: prepared.size)
    }

    /// Reads, hashes and parses the message (its structure only: the text is extracted
    /// later by the search indexer) and makes its content durable if it goes to a file.
    /// Takes a lease on the content, which `finishPreparation` gives back.
    /// Returns the spool file to remove after the commit (when its content went inline).
    ///
    /// Octets given in memory are stored with CRLF line ends (a bare LF becomes CRLF), so
    /// that the sizes and byte ranges IMAP serves count the line ends it sends (RFC 9051
    /// §2.3.3); octets already in CRLF form are stored as they are, without a copy. A spool
    /// file is trusted to hold CRLF line ends (SMTP's DATA and BDAT deliver them) and is
    /// adopted as it is.
    func prepare(_ message: IncomingMessage) async throws(MailStoreError) -> (PreparedMessage, String?) {
        let limit = limits.maximumMessageSize
        let bytes: [UInt8]
        let spoolPath: String?
        switch message.source {
        case .bytes(let octets):
            guard octets.count <= limit else { throw .messageTooLarge(size: octets.count, limit: limit) }
            bytes = LineEndings.normalizedToCRLF(octets)
            guard bytes.count <= limit else { throw .messageTooLarge(size: bytes.count, limit: limit) }
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
        let structure = analyzer.structure(bytes)
        let digest = BlobDigest.of(bytes)
        let inline = bytes.count <= limits.inlineBlobThreshold
        let prepared = PreparedMessage(
            digest: digest, size: bytes.count, inlineContent: inline ? bytes : nil,
            structure: structure.encoded(), threadRoot: ThreadRoot.of(bytes, structure: structure),
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
}
