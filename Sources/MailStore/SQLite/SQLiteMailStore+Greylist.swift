internal import GRDB

extension SQLiteMailStore: GreylistStore {
    public func greylistRecords(_ keys: [String]) async throws(MailStoreError) -> [String: GreylistRecord] {
        try await read { db in try GreylistSQL.records(db, keys: keys) }
    }

    public func saveGreylistRecords(_ records: [String: GreylistRecord]) async throws(MailStoreError) {
        guard !records.isEmpty else { return }
        try await write { db, _ in try GreylistSQL.save(db, records) }
    }

    @discardableResult
    public func expireGreylistRecords(lastSeenBefore cutoff: Int64) async throws(MailStoreError) -> Int {
        try await write { db, _ in try GreylistSQL.expire(db, lastSeenBefore: cutoff) }
    }
}
