import Foundation
import MailCore
import MailStore
import Testing
@testable import IMAPProtocol

@Suite("IMAP session: other sessions' changes, IDLE, and the RFC 9051 §7.5.1 rule")
struct SessionUpdatesTests {
    @Test("a delivery shows as EXISTS at the next NOOP, not before")
    func newMessage() async throws {
        try await withSelectedInbox(messages: 1) { fixture, account, driver in
            try await fixture.deliver(to: account)
            #expect(try await driver.syncChanges() == "", "nothing is sent between commands")
            #expect(await driver.command("b NOOP") == "* 2 EXISTS\r\nb OK NOOP completed\r\n")
            #expect(await driver.command("c NOOP") == "c OK NOOP completed\r\n")
        }
    }

    @Test("two sessions see each other's flag changes and expunges, in order")
    func twoSessions() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            for _ in 1...3 { try await fixture.deliver(to: account) }
            var first = IMAPSessionDriver(fixture)
            var second = IMAPSessionDriver(fixture)
            await first.logIn("bob")
            await second.logIn("bob")
            _ = await first.command("a SELECT INBOX")
            _ = await second.command("a SELECT INBOX")
            _ = await second.command("b STORE 2 +FLAGS (\\Deleted)")
            _ = await second.command("c EXPUNGE")
            _ = await second.command("d STORE 1 +FLAGS (\\Flagged)")
            _ = try await first.syncChanges()
            #expect(await first.command("b NOOP")
                == "* 2 FETCH (FLAGS (\\Deleted))\r\n* 2 EXPUNGE\r\n* 1 FETCH (FLAGS (\\Flagged))\r\nb OK NOOP completed\r\n")
            #expect(first.session.selected?.uids == [UID(1), UID(3)])
            _ = try await second.syncChanges()
            #expect(await second.command("e NOOP") == "e OK NOOP completed\r\n", "no echo of its own changes")
        }
    }

    @Test("no EXPUNGE while answering STORE, FETCH or SEARCH that are not UID commands; the UID forms and NOOP may")
    func expungeHeldDuringNonUIDCommands() async throws {
        try await withSelectedInbox(messages: 3) { fixture, account, driver in            let inbox = try await fixture.mailbox("INBOX", of: account)
            try await fixture.store.expunge(UIDSet([UID(1)]), in: inbox.id, onlyDeleted: false)
            try await fixture.deliver(to: account)
            _ = try await driver.syncChanges()
            let store = await driver.command("b STORE 3 +FLAGS (\\Seen)")
            #expect(store == "* 4 EXISTS\r\n* 3 FETCH (FLAGS (\\Seen))\r\nb OK STORE completed\r\n",
                    "sequence number 3 still means UID 3: the expunge of UID 1 is held, the new message told")
            #expect(await driver.command("c FETCH 1 FLAGS").hasSuffix("c NO [CANNOT] FETCH is not available yet\r\n"))
            #expect(driver.session.selected?.uids == [UID(1), UID(2), UID(3), UID(4)])
            let uidStore = await driver.command("d UID STORE 3 +FLAGS (\\Flagged)")
            #expect(uidStore == "* 1 EXPUNGE\r\n* 2 FETCH (UID 3 FLAGS (\\Flagged \\Seen))\r\nd OK UID STORE completed\r\n")
            #expect(driver.session.selected?.uids == [UID(2), UID(3), UID(4)])
        }
    }

    @Test("under QRESYNC another session's expunge arrives as VANISHED, and FETCH carries UID and MODSEQ")
    func vanishedFromAnotherSession() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            for _ in 1...4 { try await fixture.deliver(to: account) }
            let inbox = try await fixture.mailbox("INBOX", of: account)
            var driver = IMAPSessionDriver(fixture)
            await driver.logIn("bob")
            _ = await driver.command("a ENABLE QRESYNC")
            _ = await driver.command("b SELECT INBOX")
            try await fixture.store.expunge(UIDSet([UID(2), UID(3)]), in: inbox.id, onlyDeleted: false)
            let flags = try await fixture.store.storeFlags(.add(MessageFlags(system: [.seen])), on: UIDSet([UID(4)]), in: inbox.id)
            _ = try await driver.syncChanges()
            #expect(await driver.command("c NOOP")
                == "* VANISHED 2:3\r\n* 2 FETCH (UID 4 FLAGS (\\Seen) MODSEQ (\(flags.highestModSequence)))\r\nc OK NOOP completed\r\n")
        }
    }

    @Test("IDLE: `+ idling`, updates pushed as they come, DONE ends it")
    func idle() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            try await fixture.deliver(to: account)
            let inbox = try await fixture.mailbox("INBOX", of: account)
            var driver = IMAPSessionDriver(fixture)
            await driver.logIn("bob")
            _ = await driver.command("a SELECT INBOX")
            #expect(await driver.command("b IDLE") == "+ idling\r\n")
            #expect(driver.session.isIdling)
            try await fixture.deliver(to: account)
            #expect(try await driver.syncChanges() == "* 2 EXISTS\r\n")
            try await fixture.store.expunge(UIDSet([UID(1)]), in: inbox.id, onlyDeleted: false)
            #expect(try await driver.syncChanges() == "* 1 EXPUNGE\r\n")
            #expect(await driver.command("NOOP") == "* BAD expected DONE to end IDLE\r\n")
            #expect(await driver.command("done") == "b OK IDLE terminated\r\n")
            #expect(!driver.session.isIdling)
            #expect(await driver.command("c NOOP") == "c OK NOOP completed\r\n")
        }
    }

    @Test("IDLE tells updates held before it at once")
    func idleAfterHeldUpdates() async throws {
        try await withLoggedInSession { fixture, account, driver in
            _ = await driver.command("a SELECT INBOX")
            try await fixture.deliver(to: account)
            _ = try await driver.syncChanges()
            #expect(await driver.command("b IDLE") == "+ idling\r\n* 1 EXISTS\r\n")
        }
    }

    @Test("changes arriving while a store answer is awaited are held and told after it")
    func changesDuringAwait() async throws {
        try await withSelectedInbox(messages: 1) { fixture, account, driver in
            _ = await driver.command("b IDLE")
            driver.answersRequests = false
            #expect(await driver.command("DONE") == "b OK IDLE terminated\r\n")
            #expect(await driver.command("c STATUS Trash (MESSAGES)") == "")
            #expect(driver.session.awaiting == .storeResponse)
            try await fixture.deliver(to: account)
            #expect(try await driver.syncChanges() == "")
            driver.answersRequests = true
            let request = try #require(driver.unansweredRequests.last)
            let executor = try #require(driver.executor)
            await driver.perform(driver.session.executed(await executor.execute(request)))
            let status = driver.takeOutput()
            #expect(status == "* STATUS Trash (MESSAGES 0)\r\nc OK STATUS completed\r\n")
            #expect(await driver.command("d NOOP") == "* 2 EXISTS\r\nd OK NOOP completed\r\n")
        }
    }

    @Test("when the change feed overflows the session re-reads the mailbox and tells the difference")
    func resynchronization() async throws {
        try await withSelectedInbox(messages: 4) { fixture, account, driver in            let inbox = try await fixture.mailbox("INBOX", of: account)
            try await fixture.store.expunge(UIDSet([UID(2)]), in: inbox.id, onlyDeleted: false)
            try await fixture.store.storeFlags(.add(MessageFlags(system: [.answered])), on: UIDSet([UID(3)]), in: inbox.id)
            try await fixture.deliver(to: account)
            await driver.perform(driver.session.storeChanged(.resyncNeeded))
            #expect(driver.session.selected?.needsResync == true)
            let reply = await driver.command("b NOOP")
            #expect(reply == "* 2 EXPUNGE\r\n* 4 EXISTS\r\n* 2 FETCH (FLAGS (\\Answered))\r\nb OK NOOP completed\r\n")
            #expect(driver.requests.contains { if case .snapshot = $0 { true } else { false } })
            #expect(driver.session.selected?.uids == [UID(1), UID(3), UID(4), UID(5)])
            _ = try await driver.syncChanges()
            #expect(await driver.command("c NOOP") == "c OK NOOP completed\r\n", "late feed events are not told twice")
        }
    }

    @Test("too many held updates are dropped for a re-read, so memory stays bounded")
    func heldUpdatesBounded() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            var driver = IMAPSessionDriver(fixture, configuration: .testing { $0.maximumPendingUpdates = 3 })
            await driver.logIn("bob")
            _ = await driver.command("a SELECT INBOX")
            for _ in 1...5 { try await fixture.deliver(to: account) }
            _ = try await driver.syncChanges()
            #expect(driver.session.selected?.needsResync == true)
            #expect(await driver.command("b NOOP") == "* 5 EXISTS\r\nb OK NOOP completed\r\n")
        }
    }

    @Test("another session deleting the selected mailbox ends the connection")
    func selectedMailboxDeleted() async throws {
        try await withLoggedInSession { fixture, account, driver in
            _ = await driver.command("a CREATE Doomed")
            _ = await driver.command("b SELECT Doomed")
            try await fixture.store.deleteMailbox(MailboxName("Doomed"), of: account.id)
            #expect(try await driver.syncChanges() == "* BYE The selected mailbox was deleted\r\n")
            #expect(driver.closed)
        }
    }
}
