internal import GRDB

/// Multi-row statements (`INSERT ... VALUES (...), (...), ...`) for the batched save path.
///
/// Rows go in chunks of 64, 16, 4 and 1 so that only four statements per shape are ever
/// prepared and cached, whatever the batch size. A shape builds its four SQL texts once;
/// its rows come as one flat array of values, so nothing on the writer boxes each value
/// on its way to the statement.
struct MultiRowSQL: Sendable {
    static let chunkSizes = [64, 16, 4, 1]

    /// Values per row.
    let columns: Int
    /// The SQL for each chunk size, in the order of `chunkSizes`.
    private let texts: [String]

    /// A statement of `head`, then `row` (with `columns` placeholders) repeated, then `tail`.
    init(head: String, columns: Int, tail: String = "") {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        self.columns = columns
        texts = Self.chunkSizes.map { size in head + Array(repeating: row, count: size).joined(separator: ", ") + tail }
    }

    /// Splits `count` rows into chunk lengths, largest first.
    static func chunks(of count: Int) -> [Int] {
        var remaining = count
        var result: [Int] = []
        for size in chunkSizes {
            while remaining >= size {
                result.append(size)
                remaining -= size
            }
        }
        return result
    }

    /// Binds every chunk of `values` (`columns` values per row, row after row) to its
    /// statement and calls `consume` with it; `consume` runs or iterates it.
    func forEachChunk(_ db: Database, values: [DatabaseValue], _ consume: (Statement) throws -> Void) throws {
        guard values.count % columns == 0 else {
            throw MailStoreError.storageFailure("a multi-row statement got \(values.count) values for rows of \(columns)")
        }
        var start = 0
        for size in Self.chunks(of: values.count / columns) {
            guard let index = Self.chunkSizes.firstIndex(of: size) else { continue }
            let statement = try db.cachedStatement(sql: texts[index])
            let end = start + size * columns
            statement.setUncheckedArguments(StatementArguments(values[start ..< end]))
            try consume(statement)
            start = end
        }
    }
}
