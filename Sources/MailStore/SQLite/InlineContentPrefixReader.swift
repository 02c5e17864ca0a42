internal import GRDB
internal import GRDBSQLite

/// Reads the first octets of inline message content (`blob.content`) through SQLite's
/// incremental blob I/O, which visits only the pages holding them: the header of a 30 KB
/// message costs a page or two, not the whole value and its overflow chain. One handle is
/// opened per reader and moved from row to row (`sqlite3_blob_reopen`); it lives only in
/// the read transaction that made it.
final class InlineContentPrefixReader {
    private let connection: OpaquePointer?
    private var handle: OpaquePointer?

    init(_ db: Database) {
        connection = db.sqliteConnection
    }

    deinit {
        if let handle { sqlite3_blob_close(handle) }
    }

    /// At most `count` octets from the start of the inline content of blob row `id`.
    func prefix(ofBlob id: Int64, count: Int) throws(MailStoreError) -> [UInt8] {
        try position(at: id)
        guard let handle else { throw .storageFailure("no blob handle for blob \(id)") }
        let length = min(max(count, 0), Int(sqlite3_blob_bytes(handle)))
        var failure: Int32 = SQLITE_OK
        let bytes = [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
            failure = sqlite3_blob_read(handle, buffer.baseAddress, Int32(length), 0)
            initialized = failure == SQLITE_OK ? length : 0
        }
        guard failure == SQLITE_OK else { throw readFailure(failure, blob: id) }
        return bytes
    }

    /// Points the handle at row `id`, opening it on first use; a handle a failed move
    /// aborted is closed, so the next call opens a new one.
    private func position(at id: Int64) throws(MailStoreError) {
        let result: Int32
        if let handle {
            result = sqlite3_blob_reopen(handle, id)
            if result != SQLITE_OK {
                sqlite3_blob_close(handle)
                self.handle = nil
            }
        } else {
            result = sqlite3_blob_open(connection, "main", "blob", "content", id, 0, &handle)
        }
        guard result == SQLITE_OK else { throw readFailure(result, blob: id) }
    }

    private func readFailure(_ code: Int32, blob id: Int64) -> MailStoreError {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "code \(code)"
        return .storageFailure("cannot read the content of blob \(id): \(message)")
    }
}
