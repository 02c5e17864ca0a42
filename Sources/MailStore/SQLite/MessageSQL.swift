import Foundation
internal import GRDB
import MailCore

/// One row of the `message` table.
struct MessageRow: Sendable {
    let uid: UID
    let modSequence: ModSequence
    let flags: MessageFlags
    let internalDate: Int64
    let saveDate: Int64
    let size: Int
    let blobID: Int64

    static let columns = "uid, modseq, flags, keywords, internal_date, save_date, size, blob_id"

    init(row: Row) {
        uid = UID(UInt32(clamping: row[0] as Int64))
        modSequence = ModSequence(UInt64(clamping: row[1] as Int64))
        flags = MessageFlags(system: SystemFlags(rawValue: UInt8(truncatingIfNeeded: row[2] as Int64)),
                             keywords: Keywords.decode(row[3]))
        internalDate = row[4]
        saveDate = row[5]
        size = row[6]
        blobID = row[7]
    }

    var summary: MessageSummary {
        MessageSummary(uid: uid, modSequence: modSequence, flags: flags,
                       internalDate: SQLiteMailStore.date(milliseconds: internalDate),
                       saveDate: SQLiteMailStore.date(milliseconds: saveDate), size: size)
    }
}

/// How keywords sit in their column: sorted, separated by single spaces.
enum Keywords {
    static func encode(_ keywords: Set<String>) -> String { keywords.sorted().joined(separator: " ") }

    static func decode(_ text: String) -> Set<String> {
        Set(text.split(separator: " ").map(String.init))
    }

    /// Checks keywords against RFC 9051's `flag-keyword` (an atom) and the limits.
    static func validate(_ flags: MessageFlags, limits: MailStoreLimits) throws(MailStoreError) {
        guard flags.keywords.count <= limits.maximumKeywordsPerMessage else {
            throw .tooManyKeywords(limit: limits.maximumKeywordsPerMessage)
        }
        for keyword in flags.keywords {
            let octets = Array(keyword.utf8)
            guard !octets.isEmpty, octets.count <= limits.maximumKeywordLength, octets.first != UInt8(ascii: "\\"),
                  octets.allSatisfy(isAtomOctet) else { throw .invalidKeyword(keyword) }
        }
    }

    /// RFC 9051 §9 `ATOM-CHAR`: any CHAR except atom-specials (`(){ %*"\]` and controls).
    private static func isAtomOctet(_ octet: UInt8) -> Bool {
        guard octet > 0x20, octet < 0x7F else { return false }
        return !"(){%*\"\\]".utf8.contains(octet)
    }
}

/// SQL about message rows, run inside a database access.
enum MessageSQL {
    static func insert(_ db: Database, mailbox: Int64, uid: UID, modSequence: ModSequence, flags: MessageFlags,
                       internalDate: Int64, saveDate: Int64, size: Int, blobID: Int64) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO message(mailbox_id, uid, modseq, flags, keywords, internal_date, save_date, size, blob_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            mailbox, Int64(uid.rawValue), Int64(modSequence.rawValue), Int64(flags.system.rawValue),
            Keywords.encode(flags.keywords), internalDate, saveDate, size, blobID,
        ])
    }

    /// The messages of a mailbox whose UIDs are in `uids`, ascending.
    static func select(_ db: Database, mailbox: Int64, uids: UIDSet, limits: MailStoreLimits) throws -> [MessageRow] {
        guard uids.ranges.count <= limits.maximumUIDRanges else {
            throw MailStoreError.tooManyUIDRanges(limit: limits.maximumUIDRanges)
        }
        let statement = try db.cachedStatement(sql: """
            SELECT \(MessageRow.columns) FROM message WHERE mailbox_id = ? AND uid BETWEEN ? AND ? ORDER BY uid
            """)
        var rows: [MessageRow] = []
        for range in uids.ranges {
            let cursor = try Row.fetchCursor(statement, arguments: [
                mailbox, Int64(range.lowerBound.rawValue), Int64(range.upperBound.rawValue),
            ])
            while let row = try cursor.next() { rows.append(MessageRow(row: row)) }
        }
        return rows
    }

    /// Deletes messages, logs them as expunged under one new MODSEQ and releases their
    /// content. Returns the MODSEQ, or nil if `rows` is empty.
    static func expunge(_ db: Database, _ rows: [MessageRow], from mailbox: MailboxRow, context: WriteContext) throws -> ModSequence? {
        guard !rows.isEmpty else { return nil }
        let modSequence = try MailboxSQL.nextModSequence(db, mailbox: mailbox.id)
        // One statement per run of consecutive UIDs (a POP3 QUIT or an EXPUNGE after
        // "delete all" removes long runs), not one per message. Every UID of a run is one
        // of `rows`, so the range deletes exactly those.
        let delete = try db.cachedStatement(sql: "DELETE FROM message WHERE mailbox_id = ? AND uid BETWEEN ? AND ?")
        let log = try db.cachedStatement(sql: """
            WITH RECURSIVE run(uid) AS (VALUES(?) UNION ALL SELECT uid + 1 FROM run WHERE uid < ?)
            INSERT INTO expunged(mailbox_id, modseq, uid) SELECT ?, ?, uid FROM run
            """)
        for (first, last) in consecutiveRuns(rows.map { Int64($0.uid.rawValue) }) {
            try delete.execute(arguments: [mailbox.id, first, last])
            try log.execute(arguments: [first, last, mailbox.id, Int64(modSequence.rawValue)])
        }
        var released: [Int64: Int] = [:]
        for row in rows { released[row.blobID, default: 0] += 1 }
        try BlobSQL.release(db, released, context: context)
        context.publish(.messagesExpunged(mailbox.mailboxID, uids: rows.map(\.uid), modSequence: modSequence), to: mailbox.account)
        return modSequence
    }

    /// The runs of consecutive values among `values` (distinct), ascending.
    static func consecutiveRuns(_ values: [Int64]) -> [(first: Int64, last: Int64)] {
        var runs: [(first: Int64, last: Int64)] = []
        for value in values.sorted() {
            if let last = runs.last?.last, value == last + 1 {
                runs[runs.count - 1].last = value
            } else {
                runs.append((value, value))
            }
        }
        return runs
    }

    /// Copies messages into another mailbox with new UIDs (one new MODSEQ for all).
    static func copy(_ db: Database, _ rows: [MessageRow], to destination: MailboxRow, saveDate: Int64,
                     context: WriteContext) throws -> [UIDMapping] {
        guard !rows.isEmpty else { return [] }
        let (first, modSequence) = try MailboxSQL.allocate(db, mailbox: destination.id, uids: rows.count)
        var mappings: [UIDMapping] = []
        mappings.reserveCapacity(rows.count)
        var added: [Int64: Int] = [:]
        for (offset, row) in rows.enumerated() {
            let uid = UID(first.rawValue + UInt32(offset))
            try insert(db, mailbox: destination.id, uid: uid, modSequence: modSequence, flags: row.flags,
                       internalDate: row.internalDate, saveDate: saveDate, size: row.size, blobID: row.blobID)
            added[row.blobID, default: 0] += 1
            mappings.append(UIDMapping(source: row.uid, destination: uid))
        }
        try BlobSQL.addReferences(db, added)
        context.publish(.messagesAdded(destination.mailboxID, uids: mappings.map(\.destination), highestModSequence: modSequence),
                        to: destination.account)
        return mappings
    }
}
