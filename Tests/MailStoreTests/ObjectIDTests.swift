import Foundation
import GRDB
import MailCore
import Testing
@testable import MailStore

@Suite("Object identifiers (RFC 8474 EMAILID, THREADID)")
struct ObjectIDTests {
    /// A message with the given identifier fields (each omitted when nil).
    private func message(_ subject: String, messageID: String?, inReplyTo: String? = nil, references: String? = nil) -> [UInt8] {
        var text = "From: alice@example.net\r\nTo: bob@example.test\r\nSubject: \(subject)\r\n"
        if let messageID { text += "Message-ID: <\(messageID)>\r\n" }
        if let inReplyTo { text += "In-Reply-To: <\(inReplyTo)>\r\n" }
        if let references { text += "References: \(references)\r\n" }
        return Array((text + "\r\nBody of \(subject).\r\n").utf8)
    }

    private func identifiers(_ store: SQLiteMailStore, _ uid: UID, in mailbox: MailboxID) async throws -> MessageObjectIDs {
        try #require(try await store.objectIDs(of: [uid], in: mailbox)[uid])
    }

    @Test("EMAILID and THREADID stay the same across COPY and MOVE, and SEARCH finds every copy")
    func stableAcrossCopyAndMove() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("bob")
            let inbox = try await fixture.inbox(of: account)
            let archive = try await store.createMailbox(MailboxName("Kept"), of: account.id, specialUse: nil).id
            let other = try await store.createMailbox(MailboxName("Other"), of: account.id, specialUse: nil).id
            let original = try await store.append(.bytes(message("kept", messageID: "kept@example.net")), to: inbox, flags: .none).uid
            let ids = try await identifiers(store, original, in: inbox)
            #expect(ids.emailID.hasPrefix("E") && ids.emailID.count == 25, "\(ids)")
            #expect(ids.threadID.hasPrefix("T") && ids.threadID.count == 25, "\(ids)")

            let copied = try #require(try await store.copy(UIDSet([original]), from: inbox, to: archive).mappings.first).destination
            #expect(try await identifiers(store, copied, in: archive) == ids)
            let moved = try #require(try await store.move(UIDSet([original]), from: inbox, to: other).mappings.first).destination
            #expect(try await identifiers(store, moved, in: other) == ids)
            #expect(try await store.objectIDs(of: [original], in: inbox).isEmpty)

            #expect(try await store.search(.emailID(ids.emailID), in: archive) == [copied])
            #expect(try await store.search(.emailID(ids.emailID), in: other) == [moved])
            #expect(try await store.search(.threadID(ids.threadID), in: other) == [moved])
            #expect(try await store.search(.emailID(ids.emailID), in: inbox).isEmpty)
            // An identifier of the other kind, or one never given, matches nothing.
            #expect(try await store.search(.threadID(ids.emailID), in: other).isEmpty)
            #expect(try await store.search(.emailID("E000000000000000000000000"), in: other).isEmpty)
        }
    }

    @Test("different content has different EMAILIDs; the same content in another account has another")
    func distinctForDifferentContentAndAccounts() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let bob = try await fixture.account("bob")
            let carol = try await fixture.account("carol")
            let bobInbox = try await fixture.inbox(of: bob)
            let carolInbox = try await fixture.inbox(of: carol)
            let shared = message("same", messageID: "same@example.net")
            let first = try await store.append(.bytes(shared), to: bobInbox, flags: .none).uid
            let second = try await store.append(.bytes(message("different", messageID: "different@example.net")),
                                                to: bobInbox, flags: .none).uid
            let again = try await store.append(.bytes(shared), to: bobInbox, flags: .none).uid
            let carols = try await store.append(.bytes(shared), to: carolInbox, flags: .none).uid
            let ids = try await store.objectIDs(of: [first, second, again], in: bobInbox)
            let firstID = try #require(ids[first]).emailID
            #expect(firstID != ids[second]?.emailID)
            // Identical content saved twice may share its EMAILID (RFC 8474 §5.1).
            #expect(firstID == ids[again]?.emailID)
            #expect(try await store.search(.emailID(firstID), in: bobInbox) == [first, again])
            let carolsIDs = try await identifiers(store, carols, in: carolInbox)
            #expect(carolsIDs.emailID != firstID)
            #expect(carolsIDs.threadID != ids[first]?.threadID)
            #expect(try await store.search(.emailID(firstID), in: carolInbox).isEmpty)
        }
    }

    @Test("after an expunge, new content given the freed content row has a new EMAILID")
    func notReusedAfterExpunge() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("bob")
            let inbox = try await fixture.inbox(of: account)
            let gone = try await store.append(.bytes(message("gone", messageID: "gone@example.net")), to: inbox, flags: .none).uid
            let goneIDs = try await identifiers(store, gone, in: inbox)
            let goneRow = try await store.pool.read { db in try Int64.fetchOne(db, sql: "SELECT blob_id FROM message") }
            try await store.expunge(UIDSet([gone]), in: inbox, onlyDeleted: false)
            let next = try await store.append(.bytes(message("next", messageID: "next@example.net")), to: inbox, flags: .none).uid
            let nextRow = try await store.pool.read { db in try Int64.fetchOne(db, sql: "SELECT blob_id FROM message") }
            // The new content took the freed row id: an id derived from it would repeat.
            #expect(nextRow == goneRow)
            let nextIDs = try await identifiers(store, next, in: inbox)
            #expect(nextIDs.emailID != goneIDs.emailID)
            #expect(nextIDs.threadID != goneIDs.threadID)
            #expect(try await store.search(.emailID(goneIDs.emailID), in: inbox).isEmpty)
            #expect(try await store.search(.threadID(goneIDs.threadID), in: inbox).isEmpty)
        }
    }

    @Test("replies share their thread's THREADID across mailboxes; unrelated messages and messages without identifiers do not")
    func threads() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("bob")
            let inbox = try await fixture.inbox(of: account)
            let sent = try await fixture.mailbox("Sent", of: account)
            let root = try await store.append(.bytes(message("plan", messageID: "root@example.net")), to: inbox, flags: .none).uid
            let reply = try await store.append(.bytes(message("Re: plan", messageID: "reply@example.test",
                                                              inReplyTo: "root@example.net")), to: sent, flags: .none).uid
            let deeper = try await store.append(.bytes(message("Re: Re: plan", messageID: "deeper@example.net", inReplyTo: "reply@example.test",
                                                               references: "<root@example.net> <reply@example.test>")),
                                                to: inbox, flags: .none).uid
            let unrelated = try await store.append(.bytes(message("other", messageID: "other@example.net")), to: inbox, flags: .none).uid
            let bare = try await store.append(.bytes(message("bare", messageID: nil)), to: inbox, flags: .none).uid
            let bare2 = try await store.append(.bytes(message("bare too", messageID: nil)), to: inbox, flags: .none).uid

            let inInbox = try await store.objectIDs(of: [root, deeper, unrelated, bare, bare2], in: inbox)
            let thread = try #require(inInbox[root]).threadID
            #expect(inInbox[deeper]?.threadID == thread)
            #expect(try await identifiers(store, reply, in: sent).threadID == thread)
            #expect(inInbox[unrelated]?.threadID != thread)
            #expect(inInbox[bare]?.threadID != inInbox[bare2]?.threadID)
            #expect(Set([inInbox[bare]?.threadID, inInbox[bare2]?.threadID, inInbox[unrelated]?.threadID]).count == 3)
            #expect(try await store.search(.threadID(thread), in: inbox) == [root, deeper])
            #expect(try await store.search(.threadID(thread), in: sent) == [reply])
        }
    }

    @Test("identifiers survive reopening the store")
    func stableAcrossReopening() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var store = try await SQLiteMailStore.open(directory: directory, analyzer: headerAnalyzer)
        try await store.addDomain("example.test")
        let account = try await store.createAccount(EmailAddress(localPart: "bob", domain: "example.test"), credential: "c")
        var inbox = try await store.mailbox(named: .inbox, of: account.id).id
        let uid = try await store.append(.bytes(message("kept", messageID: "kept@example.net")), to: inbox, flags: .none).uid
        let before = try await identifiers(store, uid, in: inbox)
        await store.close()
        store = try await SQLiteMailStore.open(directory: directory, analyzer: headerAnalyzer)
        inbox = try await store.mailbox(named: .inbox, of: account.id).id
        #expect(try await identifiers(store, uid, in: inbox) == before)
        await store.close()
    }

    @Test("content stored before object identifiers gets its thread root from its header when the store opens")
    func migratedContentHasThreadRoots() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let root = message("plan", messageID: "root@example.net")
        // Only References names the thread: the root must come from the header, not the envelope.
        let reply = message("Re: plan", messageID: "reply@example.test", references: "<root@example.net>")
        do {
            let queue = try DatabaseQueue(path: StoreLayout(root: directory).databasePath)
            try Schema.migrator.migrate(queue, upTo: "v8-spam-training")
            try await queue.write { db in
                try MigrationTests.insertAccount(db, localPart: "bob", uidNext: 3)
                for (id, bytes) in [(1, root), (2, reply)] {
                    let structure = Data(MessageParser().parse(bytes).structure.encoded())
                    try db.execute(sql: """
                        INSERT INTO blob(id, sha256, size, refcount, structure, content) VALUES (?, ?, ?, 1, ?, ?);
                        INSERT INTO search_pending(blob_id) VALUES (?);
                        INSERT INTO message(mailbox_id, uid, modseq, flags, keywords, internal_date, save_date, size, blob_id)
                            VALUES (1, ?, 1, 0, '', 0, 0, ?, ?);
                        """, arguments: [id, Data(BlobDigest.of(bytes).bytes), bytes.count, structure, Data(bytes),
                                         id, id, bytes.count, id])
                }
            }
            try queue.close()
        }
        let store = try await SQLiteMailStore.open(directory: directory, analyzer: headerAnalyzer)
        let account = try #require(try await store.account(for: address("bob@example.test")))
        let inbox = try await store.mailbox(named: .inbox, of: account.id).id
        let ids = try await store.objectIDs(of: [UID(1), UID(2)], in: inbox)
        let thread = try #require(ids[UID(1)]).threadID
        #expect(ids[UID(2)]?.threadID == thread)
        #expect(try await store.search(.threadID(thread), in: inbox) == [UID(1), UID(2)])
        #expect(try await store.checkInvariants(verifyContent: true).isEmpty)
        await store.close()
    }
}
