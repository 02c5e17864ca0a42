import Foundation
import GRDB
import MailCore
import Testing
@testable import MailStore

@Suite("Schema migrations")
struct MigrationTests {
    /// A store made by the first schema (content unique by hash, text indexed in the
    /// delivery's commit) opens with its messages intact and takes new deliveries.
    @Test func aVersionOneStoreKeepsItsMessages() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let layout = StoreLayout(root: directory)
        let old = testMessage(subject: "from version one")
        do {
            let queue = try DatabaseQueue(path: layout.databasePath)
            try Schema.migrator.migrate(queue, upTo: "v1-directory-mailboxes-messages")
            let structure = Data(MessageParser().parse(old).structure.encoded())
            try await queue.write { db in
                try Self.insertAccount(db, localPart: "hana", uidNext: 2)
                try db.execute(sql: "INSERT INTO blob(id, sha256, size, refcount, structure, content) VALUES (1, ?, ?, 1, ?, ?)",
                               arguments: [Data(BlobDigest.of(old).bytes), old.count, structure, Data(old)])
                try db.execute(sql: """
                    INSERT INTO message(mailbox_id, uid, modseq, flags, keywords, internal_date, save_date, size, blob_id)
                        VALUES (1, 1, 1, 0, '', 0, 0, ?, 1);
                    INSERT INTO blob_text(rowid, subject, sender, recipient_to, recipient_cc, recipient_bcc, body)
                        VALUES (1, 'from version one', '', '', '', '', '');
                    """, arguments: [old.count])
            }
            try queue.close()
        }

        let store = try await SQLiteMailStore.open(directory: directory, analyzer: headerAnalyzer)
        let account = try #require(try await store.account(for: address("hana@example.test")))
        let inbox = try await store.mailbox(named: .inbox, of: account.id).id
        #expect(try await store.content(of: UID(1), in: inbox).bytes == old)
        #expect(try await store.search(TextSearchQuery([TextSearchTerm(.subject, "version")]), in: inbox) == [UID(1)])
        let saved = try await store.deliver(.bytes(testMessage(subject: "after the migration")), to: [DeliveryTarget(account: account.id)])
        #expect(saved.saved.map(\.uid) == [UID(2)])
        #expect(try await store.search(TextSearchQuery([TextSearchTerm(.subject, "migration")]), in: inbox) == [UID(2)])
        #expect(try await store.checkInvariants(verifyContent: true).isEmpty)
        await store.close()
    }

    /// Inserts, into a store of an older schema, the domain `example.test` (#1), the account
    /// `localPart@example.test` (#1) and its INBOX (#1) with the given next UID.
    static func insertAccount(_ db: Database, localPart: String, uidNext: Int) throws {
        try db.execute(sql: """
            INSERT INTO domain(id, name) VALUES (1, 'example.test');
            INSERT INTO account(id, domain_id, lookup_key, local_part, credential) VALUES (1, 1, ?, ?, 'c');
            INSERT INTO mailbox(id, account_id, name, special_use, subscribed, uid_validity, uid_next, highest_modseq)
                VALUES (1, 1, 'INBOX', NULL, 1, 7, ?, 1);
            """, arguments: ["\(localPart)@example.test", localPart, uidNext])
    }
}
