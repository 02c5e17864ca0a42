import Foundation
internal import GRDB

extension SQLiteMailStore {
    public func claimDueRecipients(now: Date, owner: String, leaseEnds: Date,
                                   limit: Int) async throws(MailStoreError) -> [QueueClaim] {
        let nowValue = Self.milliseconds(now)
        let leaseValue = Self.milliseconds(leaseEnds)
        return try await write { db, _ in
            try QueueSQL.claim(db, now: nowValue, owner: owner, leaseEnds: leaseValue, limit: limit)
        }
    }

    public func queuedContent(of queueID: String) async throws(MailStoreError) -> [UInt8] {
        let stored = try await read { db in try QueueSQL.content(db, queueID: queueID) }
        if let inline = stored.inline { return inline }
        let path = layout.blobPath(of: stored.digest)
        let limit = max(limits.maximumMessageSize, stored.size)
        let bytes = try await fileIO.run { () throws(MailStoreError) -> [UInt8] in try DurableFiles.readFile(path, limit: limit) }
        guard bytes.count == stored.size else { throw .blobDamaged(sha256: stored.digest.hex) }
        return bytes
    }

    @discardableResult
    public func recordAttempts(_ results: [DeliveryAttemptResult]) async throws(MailStoreError) -> [QueueEntry] {
        guard !results.isEmpty else { return [] }
        return try await write { db, context in try QueueSQL.record(db, results, context: context) }
    }

    public func markDelayNotified(queueID: String, positions: [Int]) async throws(MailStoreError) {
        try await write { db, _ in try QueueSQL.markDelayNotified(db, queueID: queueID, positions: positions) }
    }

    public func queueEntries() async throws(MailStoreError) -> [QueueEntry] {
        try await read { db in try QueueSQL.entries(db) }
    }

    public func queueEntry(_ queueID: String) async throws(MailStoreError) -> QueueEntry? {
        try await read { db in try QueueSQL.entry(db, queueID: queueID) }
    }

    @discardableResult
    public func flushQueue(_ queueID: String?, now: Date) async throws(MailStoreError) -> Int {
        let nowValue = Self.milliseconds(now)
        let flushed = try await write { db, _ in try QueueSQL.flush(db, queueID: queueID, now: nowValue) }
        queueActivity.signal()
        return flushed
    }

    public func removeFromQueue(_ queueID: String) async throws(MailStoreError) {
        try await write { db, context in try QueueSQL.remove(db, queueID: queueID, context: context) }
    }
}
