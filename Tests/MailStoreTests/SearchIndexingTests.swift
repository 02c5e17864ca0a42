import Foundation
import GRDB
import MailCore
import Testing
@testable import MailStore

/// The full-text index is filled after the delivery's commit; search stays complete.
@Suite("Search indexing after the commit")
struct SearchIndexingTests {
    /// Limits under which the background indexer never gets the writer while a test runs
    /// (it waits for an hour of quiet), so whatever gets indexed, search indexed.
    static var heldIndexerLimits: MailStoreLimits {
        var limits = MailStoreLimits()
        limits.searchIndexQuietPeriod = .seconds(3_600)
        limits.searchIndexMaximumDelay = .seconds(3_600)
        return limits
    }

    static func search(_ store: SQLiteMailStore, _ field: TextSearchField, _ text: String, in mailbox: MailboxID) async throws -> [UInt32] {
        try await store.search(TextSearchQuery([TextSearchTerm(field, text)]), in: mailbox).map(\.rawValue)
    }

    @Test func searchRightAfterDeliveryFindsTheMessageAndIndexesOnlyItsMailbox() async throws {
        try await withStore(limits: Self.heldIndexerLimits) { fixture in
            let store = fixture.store
            let wendy = try await fixture.account("wendy")
            let xavier = try await fixture.account("xavier")
            let saved = try await store.deliver(.bytes(testMessage(subject: "Platypus sighting")), to: [DeliveryTarget(account: wendy.id)])
            _ = try await store.deliver(.bytes(testMessage(subject: "Platypus elsewhere")), to: [DeliveryTarget(account: xavier.id)])
            #expect(try await store.statistics().blobsAwaitingIndexing == 2)

            #expect(try await Self.search(store, .subject, "platypus", in: fixture.inbox(of: wendy)) == [saved.saved[0].uid.rawValue])
            // Only the searched mailbox's content was indexed; the rest still waits.
            #expect(try await store.statistics().blobsAwaitingIndexing == 1)
            #expect(store.blobsIndexed == 1)
            #expect(try await store.checkInvariants().isEmpty)
        }
    }

    @Test func contentLeftQueuedAtCloseIsIndexedAfterReopening() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var store = try await SQLiteMailStore.open(directory: directory, limits: Self.heldIndexerLimits, analyzer: headerAnalyzer)
        try await store.addDomain("example.test")
        let account = try await store.createAccount(address("yara@example.test"), credential: "c")
        for index in 0 ..< 20 {
            _ = try await store.deliver(.bytes(testMessage(subject: "reopened number\(index)")), to: [DeliveryTarget(account: account.id)])
        }
        #expect(try await store.searchIndexBacklog() == 20)
        #expect(try await store.checkInvariants().isEmpty)
        await store.close()

        // The background indexer drains the queue by itself after the next open.
        store = try await SQLiteMailStore.open(directory: directory, analyzer: headerAnalyzer)
        try await waitUntil(seconds: 30) { try await store.searchIndexBacklog() == 0 }
        #expect(store.blobsIndexed == 20)
        #expect(store.indexerTransactionsCommitted >= 1)
        let inbox = try await store.mailbox(named: .inbox, of: account.id).id
        #expect(try await Self.search(store, .subject, "reopened", in: inbox) == Array(1 ... 20))
        #expect(try await Self.search(store, .subject, "number7", in: inbox) == [8])
        #expect(try await store.checkInvariants(verifyContent: true).isEmpty)
        await store.close()
    }

    @Test func everyDeliveryIsFoundAndIndexedOnceWhileSearchesAndTheIndexerRace() async throws {
        var limits = MailStoreLimits()
        limits.searchIndexBatchSize = 8
        try await withStore(limits: limits) { fixture in
            let store = fixture.store
            let account = try await fixture.account("zoe")
            let inbox = try await fixture.inbox(of: account)
            let deliveries = 240
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0 ..< 8 {
                    group.addTask {
                        for index in stride(from: task, to: deliveries, by: 8) {
                            _ = try await store.deliver(.bytes(testMessage(subject: "zebra crossing \(index)", body: "stripes \(index)")),
                                                        to: [DeliveryTarget(account: account.id)])
                        }
                    }
                }
                // Searches index the same queue as the background indexer at the same time.
                for _ in 0 ..< 3 {
                    group.addTask {
                        for _ in 0 ..< 5 {
                            _ = try await store.search(TextSearchQuery([TextSearchTerm(.body, "stripes")]), in: inbox)
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await Self.search(store, .subject, "zebra", in: inbox) == Array(1 ... UInt32(deliveries)))
            try await waitUntil(seconds: 30) { try await store.searchIndexBacklog() == 0 }
            #expect(store.blobsIndexed == deliveries)
            #expect(try await store.statistics().blobs == deliveries)
            #expect(try await store.checkInvariants().isEmpty)
        }
    }

    @Test func deletedMessagesLeaveTheQueueAndTheIndex() async throws {
        try await withStore(limits: Self.heldIndexerLimits) { fixture in
            let store = fixture.store
            let account = try await fixture.account("abel")
            let inbox = try await fixture.inbox(of: account)
            // Expunged while still queued: the queue entry goes in the expunge's commit.
            _ = try await store.append(.bytes(testMessage(subject: "fleeting queued")), to: inbox, flags: .none)
            #expect(try await store.searchIndexBacklog() == 1)
            _ = try await store.expunge(.all, in: inbox, onlyDeleted: false)
            #expect(try await store.searchIndexBacklog() == 0)
            #expect(try await Self.search(store, .subject, "fleeting", in: inbox).isEmpty)

            // Expunged once indexed: the index row goes.
            let indexed = try await store.append(.bytes(testMessage(subject: "fleeting indexed")), to: inbox, flags: .none)
            #expect(try await Self.search(store, .subject, "fleeting", in: inbox) == [indexed.uid.rawValue])
            _ = try await store.expunge(.all, in: inbox, onlyDeleted: false)
            #expect(try await Self.search(store, .subject, "fleeting", in: inbox).isEmpty)
            #expect(try await store.checkInvariants().isEmpty)

            // An account deleted with queued content.
            let other = try await fixture.account("bea")
            _ = try await store.deliver(.bytes(testMessage(subject: "doomed")), to: [DeliveryTarget(account: other.id)])
            #expect(try await store.searchIndexBacklog() == 1)
            try await store.deleteAccount(address("bea@example.test"))
            #expect(try await store.searchIndexBacklog() == 0)
            #expect(try await store.statistics().blobs == 0)
            #expect(try await store.checkInvariants().isEmpty)
        }
    }

    @Test func sharedContentIsIndexedOnceForEveryMailbox() async throws {
        try await withStore(limits: Self.heldIndexerLimits) { fixture in
            let store = fixture.store
            let carl = try await fixture.account("carl")
            let dora = try await fixture.account("dora")
            let receipt = try await store.deliver(.bytes(testMessage(subject: "shared newsletter")),
                                                  to: [DeliveryTarget(account: carl.id), DeliveryTarget(account: dora.id)])
            #expect(try await store.searchIndexBacklog() == 1)
            #expect(try await Self.search(store, .subject, "newsletter", in: fixture.inbox(of: carl)) == [receipt.saved[0].uid.rawValue])
            #expect(try await Self.search(store, .subject, "newsletter", in: fixture.inbox(of: dora)) == [receipt.saved[1].uid.rawValue])
            #expect(store.blobsIndexed == 1)
            #expect(try await store.checkInvariants().isEmpty)
        }
    }

    @Test func theInvariantsCheckTheIndexAgainstTheQueue() async throws {
        try await withStore(limits: Self.heldIndexerLimits) { fixture in
            let store = fixture.store
            let account = try await fixture.account("ivan")
            let inbox = try await fixture.inbox(of: account)
            _ = try await store.append(.bytes(testMessage(subject: "checked")), to: inbox, flags: .none)
            #expect(try await store.checkInvariants().isEmpty)

            // Lost from the queue before it was indexed: never searchable.
            try await store.pool.write { db in try db.execute(sql: "DELETE FROM search_pending") }
            #expect(try await store.checkInvariants().map(\.description) == ["blob #1 is neither indexed nor queued for indexing"])
            // Both indexed and queued: it would be indexed twice.
            try await store.pool.write { db in
                try db.execute(sql: "INSERT INTO search_pending(blob_id) VALUES (1)")
                try db.execute(sql: "INSERT INTO blob_text(rowid, subject) VALUES (1, 'checked')")
            }
            #expect(try await store.checkInvariants().map(\.description) == ["blob #1 is both indexed and queued for indexing"])
            // Queued or indexed without a blob.
            try await store.pool.write { db in
                try db.execute(sql: "DELETE FROM search_pending")
                try db.execute(sql: "INSERT INTO search_pending(blob_id) VALUES (99)")
                try db.execute(sql: "INSERT INTO blob_text(rowid, subject) VALUES (98, 'stray')")
            }
            #expect(Set(try await store.checkInvariants().map(\.description))
                == ["indexing queue entry #99 has no blob", "full-text row #98 has no blob and is not listed for removal"])
        }
    }

    @Test func deletedContentLeavesTheIndexThroughTheIndexerAndReusedIDsNeverMatchOldText() async throws {
        try await withStore(limits: Self.heldIndexerLimits) { fixture in
            let store = fixture.store
            let account = try await fixture.account("yuri")
            let inbox = try await fixture.inbox(of: account)
            for subject in ["first walrus", "second walrus", "third walrus"] {
                _ = try await store.append(.bytes(testMessage(subject: subject)), to: inbox, flags: .none)
            }
            #expect(try await Self.search(store, .subject, "walrus", in: inbox) == [1, 2, 3])
            func count(_ table: String) async throws -> Int? {
                try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") }
            }

            // The expunge's commit only lists the index rows; meanwhile they match nothing.
            _ = try await store.expunge(UIDSet([UID(1), UID(2)]), in: inbox, onlyDeleted: false)
            #expect(try await count("search_stale") == 2)
            #expect(try await count("blob_text") == 3)
            #expect(try await Self.search(store, .subject, "walrus", in: inbox) == [3])
            #expect(try await store.checkInvariants().isEmpty)

            // With every blob gone SQLite hands id 1 out again: its old row goes in that commit.
            _ = try await store.expunge(UIDSet([UID(3)]), in: inbox, onlyDeleted: false)
            _ = try await store.append(.bytes(testMessage(subject: "fourth seal")), to: inbox, flags: .none)
            #expect(try await count("search_stale") == 2)
            #expect(try await Self.search(store, .subject, "walrus", in: inbox) == [])
            #expect(try await Self.search(store, .subject, "seal", in: inbox) == [4])
            #expect(try await store.checkInvariants().isEmpty)

            // The indexer removes the rest.
            #expect(try await store.pool.write { db in try SearchIndexSQL.removeStale(db, limit: 10) } == 2)
            #expect(try await count("search_stale") == 0)
            #expect(try await count("blob_text") == 1)
            #expect(try await store.checkInvariants().isEmpty)
        }
    }

    @Test func theBackgroundLoopRemovesStaleIndexRows() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("zoe")
            let inbox = try await fixture.inbox(of: account)
            for number in 0 ..< 5 {
                _ = try await store.append(.bytes(testMessage(subject: "note \(number)")), to: inbox, flags: .none)
            }
            #expect(try await Self.search(store, .subject, "note", in: inbox).count == 5)
            _ = try await store.expunge(UIDSet([UID(1), UID(2), UID(3)]), in: inbox, onlyDeleted: false)
            var remaining: Int?
            for _ in 0 ..< 500 {
                remaining = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM search_stale") }
                if remaining == 0 { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(remaining == 0)
            #expect(try await store.checkInvariants().isEmpty)
        }
    }

    @Test func batchesTakeAtMostTheirCountAndOctetsButAlwaysOne() {
        let entries = [PendingEntry(blobID: 1, inlineOctets: 400), PendingEntry(blobID: 2, inlineOctets: 0),
                       PendingEntry(blobID: 3, inlineOctets: 500), PendingEntry(blobID: 4, inlineOctets: 700)][...]
        #expect(PendingEntry.batch(entries, count: 3, octets: 10_000) == 0 ..< 3)
        #expect(PendingEntry.batch(entries, count: 10, octets: 900) == 0 ..< 3)
        #expect(PendingEntry.batch(entries, count: 10, octets: 100) == 0 ..< 1)
        #expect(PendingEntry.batch(entries, fromEnd: true, count: 2, octets: 10_000) == 2 ..< 4)
        #expect(PendingEntry.batch(entries, fromEnd: true, count: 10, octets: 1_200) == 1 ..< 4)
        #expect(PendingEntry.batch(entries, fromEnd: true, count: 10, octets: 100) == 3 ..< 4)
        #expect(PendingEntry.batch(entries.prefix(0), count: 10, octets: 100).isEmpty)
    }
}
