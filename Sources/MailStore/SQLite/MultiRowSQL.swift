import GRDB

/// Multi-row statements (`INSERT ... VALUES (...), (...), ...`) for the batched save path.
///
/// Rows go in chunks of 64, 16, 4 and 1 so that only four statements per shape are ever
/// prepared and cached, whatever the batch size.
enum MultiRowSQL {
    static let chunkSizes = [64, 16, 4, 1]

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

    /// Runs `head` + `rows` copies of `row` + `tail` for every chunk of `values` (one array
    /// of column values per row), calling `consume` with each chunk's statement after
    /// binding it; `consume` runs or iterates it.
    static func forEachChunk(
        _ db: Database, head: String, row: String, tail: String, values: [[(any DatabaseValueConvertible)?]],
        _ consume: (Statement) throws -> Void
    ) throws {
        var start = 0
        for size in chunks(of: values.count) {
            let sql = head + Array(repeating: row, count: size).joined(separator: ", ") + tail
            let statement = try db.cachedStatement(sql: sql)
            statement.setUncheckedArguments(StatementArguments(values[start ..< start + size].flatMap { $0 }))
            try consume(statement)
            start += size
        }
    }
}
