import Foundation
import MailCore
import Testing
@testable import MailStore

@Suite("Concurrency: group commit, UIDs, snapshots")
struct ConcurrencyTests {
    @Test func uidsStayStrictlyAscendingAndUniqueUnderEightWriters() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("busy")
            let inbox = try await fixture.inbox(of: account)
            let perWriter = 40
            let results = try await withThrowingTaskGroup(of: [SavedMessage].self) { group in
                for writer in 0 ..< 8 {
                    group.addTask {
                        var saved: [SavedMessage] = []
                        for index in 0 ..< perWriter {
                            let bytes = testMessage(subject: "w\(writer) m\(index)")
                            if writer.isMultiple(of: 2) {
                                let receipt = try await store.deliver(.bytes(bytes), to: [DeliveryTarget(account: account.id)])
                                saved.append(contentsOf: receipt.saved)
                            } else {
                                saved.append(try await store.append(.bytes(bytes), to: inbox, flags: .none))
                            }
                        }
                        return saved
                    }
                }
                var all: [[SavedMessage]] = []
                for try await part in group { all.append(part) }
                return all
            }
            for writer in results {
                // Each writer saw its own UIDs (and MODSEQs) strictly ascending.
                #expect(zip(writer, writer.dropFirst()).allSatisfy { $0.uid < $1.uid && $0.modSequence < $1.modSequence })
            }
            let uids = results.flatMap { $0.map(\.uid) }
            #expect(uids.count == 8 * perWriter)
            #expect(Set(uids).count == uids.count)
            let snapshot = try await store.snapshot(of: inbox, changedSince: nil)
            #expect(snapshot.messages.map(\.uid) == uids.sorted())
            #expect(snapshot.messages.map(\.uid) == (1 ... UInt32(8 * perWriter)).map { UID($0) })
            // A later UID never has an earlier MODSEQ: both follow the commit order (messages
            // saved by one group commit may share a MODSEQ).
            #expect(zip(snapshot.messages, snapshot.messages.dropFirst()).allSatisfy { $0.modSequence <= $1.modSequence })
            #expect(snapshot.uidNext == UID(UInt32(8 * perWriter + 1)))
            #expect(try await store.checkInvariants(verifyContent: true).isEmpty)
        }
    }

    @Test func readersSeeConsistentSnapshotsWhileWritesGoOn() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("reader")
            let inbox = try await fixture.inbox(of: account)
            let archive = try await fixture.mailbox("Archive", of: account)
            let writers = Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for writer in 0 ..< 4 {
                        group.addTask {
                            for index in 0 ..< 40 {
                                // Each delivery adds one message to INBOX and one to Archive in one commit.
                                _ = try await store.deliver(.bytes(testMessage(subject: "\(writer)-\(index)")), to: [
                                    DeliveryTarget(account: account.id),
                                    DeliveryTarget(account: account.id, mailbox: MailboxName("Archive")),
                                ])
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            var checked = 0
            while true {
                let finished = await writersFinished(writers)
                let pair = try await store.read { db in
                    // Both mailboxes in one read transaction must hold the same number of messages.
                    (try MailboxSQL.require(db, inbox).uidNext, try MailboxSQL.require(db, archive).uidNext)
                }
                #expect(pair.0 == pair.1)
                let snapshot = try await store.snapshot(of: inbox, changedSince: nil)
                let count = snapshot.messages.count
                #expect(snapshot.messages.map(\.uid) == (0 ..< count).map { UID(UInt32($0 + 1)) })
                #expect(snapshot.uidNext == UID(UInt32(count + 1)))
                #expect(snapshot.highestModSequence == (snapshot.messages.last?.modSequence ?? ModSequence(1)))
                checked += 1
                if finished { break }
            }
            try await writers.value
            #expect(checked > 1)
            #expect(try await store.status(of: inbox).messages == 160)
            #expect(try await store.status(of: archive).messages == 160)
        }
    }

    private func writersFinished(_ task: Task<Void, any Error>) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { _ = try? await task.value; return true }
            group.addTask { try? await Task.sleep(for: .milliseconds(5)); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}

@Suite("Group commit")
struct GroupCommitTests {
    @Test func concurrentDeliveriesShareTransactionsAndFailuresStayTheirOwn() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("batch")
            let inbox = try await fixture.inbox(of: account)
            let missing = MailboxID(account: account.id, rawValue: 999_999)
            let before = store.committer.transactionsCommitted
            let outcomes = await withTaskGroup(of: (Int, Result<SavedMessage, MailStoreError>).self) { group in
                for index in 0 ..< 48 {
                    group.addTask {
                        let target = index.isMultiple(of: 4) ? missing : inbox
                        do throws(MailStoreError) {
                            return (index, .success(try await store.append(.bytes(testMessage(subject: "\(index)")), to: target, flags: .none)))
                        } catch {
                            return (index, .failure(error))
                        }
                    }
                }
                var all: [(Int, Result<SavedMessage, MailStoreError>)] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            for (index, outcome) in outcomes {
                if index.isMultiple(of: 4) {
                    #expect(throws: MailStoreError.mailboxNotFound(missing.description)) { try outcome.get() }
                } else {
                    #expect((try? outcome.get()) != nil)
                }
            }
            let transactions = store.committer.transactionsCommitted - before
            #expect(transactions < 36, "48 concurrent appends took \(transactions) transactions")
            let snapshot = try await store.snapshot(of: inbox)
            #expect(snapshot.messages.count == 36)
            #expect(snapshot.messages.map(\.uid) == (1 ... 36).map { UID(UInt32($0)) })
            #expect(try await store.checkInvariants(verifyContent: true).isEmpty)
        }
    }

    @Test func theDatabaseIsDurableByConfiguration() async throws {
        try await withStore { fixture in
            let settings = try await fixture.store.write { db, _ in
                (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
            }
            #expect(settings.0 == "wal")
            #expect(settings.1 == 2, "synchronous must be FULL (2)")
        }
    }

    /// Deleted content is not overwritten page by page (SECURE_DELETE, on in Debian's build,
    /// made an expunge of 500 messages commit in 0.6 s instead of 5 ms): FAST (2) on the
    /// writer and on readers.
    @Test func deletionsDoNotRewriteFreedPages() async throws {
        try await withStore { fixture in
            let onWriter = try await fixture.store.write { db, _ in try Int.fetchOne(db, sql: "PRAGMA secure_delete") }
            let onReader = try await fixture.store.read { db in try Int.fetchOne(db, sql: "PRAGMA secure_delete") }
            #expect(onWriter == 2)
            #expect(onReader == 2)
        }
    }
}
