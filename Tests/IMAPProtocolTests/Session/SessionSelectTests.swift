import Foundation
import MailCore
import MailStore
import Testing
@testable import IMAPProtocol

@Suite("IMAP session: SELECT, EXAMINE, CLOSE, UNSELECT, CONDSTORE and QRESYNC")
struct SessionSelectTests {
    @Test("SELECT answers FLAGS, EXISTS, RECENT (IMAP4rev1), UNSEEN, UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ, PERMANENTFLAGS")
    func select() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            try await fixture.deliver(to: account, flags: MessageFlags(system: [.seen], keywords: ["$Forwarded"]))
            try await fixture.deliver(to: account)
            let status = try await fixture.store.status(of: fixture.mailbox("INBOX", of: account).id)
            var driver = IMAPSessionDriver(fixture)
            await driver.logIn("bob")
            let reply = await driver.command("a SELECT INBOX")
            #expect(reply.responseLines == [
                "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)",
                "* 2 EXISTS",
                "* 0 RECENT",
                "* OK [UNSEEN 2] First unseen",
                "* OK [UIDVALIDITY \(status.uidValidity)] UIDs valid",
                "* OK [UIDNEXT 3] Predicted next UID",
                "* OK [HIGHESTMODSEQ \(status.highestModSequence)] Highest mod-sequence",
                "* OK [MAILBOXID (M\(status.mailbox.rawValue))] Mailbox identifier",
                "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted",
                "a OK [READ-WRITE] SELECT completed",
            ])
            #expect(driver.session.state == .selected)
            #expect(driver.session.selected?.uids == [UID(1), UID(2)])
        }
    }

    @Test("IMAP4rev2 clients get no RECENT and no UNSEEN, and a LIST of the mailbox (RFC 9051 §6.3.2)")
    func selectRev2() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            try await fixture.deliver(to: account)
            var driver = IMAPSessionDriver(fixture)
            await driver.logIn("bob")
            _ = await driver.command("a ENABLE IMAP4rev2")
            let reply = await driver.command("b SELECT INBOX")
            #expect(!reply.contains("RECENT") && !reply.contains("UNSEEN"))
            #expect(reply.contains("* 1 EXISTS"))
            #expect(reply.responseLines.contains("* LIST (\\HasNoChildren) \"/\" \"INBOX\""), "\(reply)")
            _ = await driver.command("c CREATE Projects/2026")
            let parent = await driver.command("d EXAMINE Projects")
            #expect(parent.responseLines.contains("* LIST (\\HasChildren) \"/\" \"Projects\""), "\(parent)")
        }
    }

    @Test("EXAMINE is read-only: no permanent flags, STORE, EXPUNGE and MOVE are refused")
    func examine() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            try await fixture.deliver(to: account)
            var driver = IMAPSessionDriver(fixture)
            await driver.logIn("bob")
            let reply = await driver.command("a EXAMINE INBOX")
            #expect(reply.contains("* OK [PERMANENTFLAGS ()] No permanent flags permitted"))
            #expect(reply.hasSuffix("a OK [READ-ONLY] EXAMINE completed\r\n"))
            #expect(await driver.command("b STORE 1 +FLAGS (\\Seen)") == "b NO [READ-ONLY] The mailbox is read-only\r\n")
            #expect(await driver.command("c EXPUNGE") == "c NO [READ-ONLY] The mailbox is read-only\r\n")
            #expect(await driver.command("d MOVE 1 Trash") == "d NO [READ-ONLY] The mailbox is read-only\r\n")
            #expect(await driver.command("e COPY 1 Trash").hasPrefix("e OK [COPYUID "))
        }
    }

    @Test("selecting another mailbox closes the first ([CLOSED]); a failed SELECT leaves none selected")
    func reselect() async throws {
        try await withLoggedInSession { fixture, account, driver in
            _ = await driver.command("a SELECT INBOX")
            let second = await driver.command("b SELECT Drafts")
            #expect(second.hasPrefix("* OK [CLOSED] Previous mailbox closed\r\n"))
            #expect(driver.session.selected?.name.rawValue == "Drafts")
            let failed = await driver.command("c SELECT Missing")
            #expect(failed.hasPrefix("* OK [CLOSED] Previous mailbox closed\r\nc NO [NONEXISTENT] "))
            #expect(driver.session.state == .authenticated)
        }
    }

    @Test("CLOSE expunges deleted messages silently; UNSELECT does not expunge")
    func closeAndUnselect() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            try await fixture.deliver(to: account, flags: MessageFlags(system: [.deleted]))
            try await fixture.deliver(to: account)
            try await fixture.deliver(to: account, flags: MessageFlags(system: [.deleted]))
            var driver = IMAPSessionDriver(fixture)
            await driver.logIn("bob")
            _ = await driver.command("a SELECT INBOX")
            #expect(await driver.command("b UNSELECT") == "b OK UNSELECT completed\r\n")
            #expect(await driver.command("c STATUS INBOX (MESSAGES)").hasPrefix("* STATUS INBOX (MESSAGES 3)"))
            _ = await driver.command("d EXAMINE INBOX")
            #expect(await driver.command("e CLOSE") == "e OK CLOSE completed\r\n")
            #expect(await driver.command("f STATUS INBOX (MESSAGES)").hasPrefix("* STATUS INBOX (MESSAGES 3)"),
                    "CLOSE of a read-only mailbox expunges nothing")
            _ = await driver.command("g SELECT INBOX")
            #expect(await driver.command("h CLOSE") == "h OK CLOSE completed\r\n")
            #expect(driver.session.state == .authenticated)
            #expect(await driver.command("i STATUS INBOX (MESSAGES)").hasPrefix("* STATUS INBOX (MESSAGES 1)"))
        }
    }

    @Test("SELECT (CONDSTORE) turns CONDSTORE on: STORE answers carry MODSEQ")
    func condStoreParameter() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            try await fixture.deliver(to: account)
            var driver = IMAPSessionDriver(fixture)
            await driver.logIn("bob")
            _ = await driver.command("a SELECT INBOX (CONDSTORE)")
            #expect(driver.session.enabled.condStore)
            let reply = await driver.command("b STORE 1 +FLAGS (\\Seen)")
            #expect(reply.hasPrefix("* 1 FETCH (FLAGS (\\Seen) MODSEQ ("))
        }
    }

    @Test("QRESYNC needs ENABLE QRESYNC first")
    func qresyncNeedsEnable() async throws {
        try await withLoggedInSession { fixture, account, driver in
            #expect(await driver.command("a SELECT INBOX (QRESYNC (1 1))") == "a BAD QRESYNC must be enabled first\r\n")
        }
    }

    @Test("QRESYNC SELECT after expunges and flag changes: VANISHED (EARLIER) then FETCH of what changed (RFC 7162 §3.2.5)")
    func qresyncSelect() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            for _ in 1...5 { try await fixture.deliver(to: account) }
            let inbox = try await fixture.mailbox("INBOX", of: account)
            let known = try await fixture.store.status(of: inbox.id)
            try await fixture.store.expunge(UIDSet([UID(2), UID(4)]), in: inbox.id, onlyDeleted: false)
            try await fixture.store.storeFlags(.add(MessageFlags(system: [.flagged])), on: UIDSet([UID(5)]), in: inbox.id)
            let now = try await fixture.store.status(of: inbox.id)
            var driver = IMAPSessionDriver(fixture)
            await driver.logIn("bob")
            _ = await driver.command("a ENABLE QRESYNC")
            let reply = await driver.command(
                "b SELECT INBOX (QRESYNC (\(known.uidValidity) \(known.highestModSequence) 1:4))")
            let lines = reply.responseLines
            #expect(lines.contains("* 3 EXISTS"))
            #expect(lines.contains("* VANISHED (EARLIER) 2,4"))
            #expect(lines.contains("* 3 FETCH (UID 5 FLAGS (\\Flagged) MODSEQ (\(now.highestModSequence)))"))
            #expect(lines.last == "b OK [READ-WRITE] SELECT completed")
            let vanishedIndex = try #require(lines.firstIndex(of: "* VANISHED (EARLIER) 2,4"))
            let fetchIndex = try #require(lines.firstIndex { $0.hasPrefix("* 3 FETCH") })
            #expect(vanishedIndex < fetchIndex)

            var stale = IMAPSessionDriver(fixture)
            await stale.logIn("bob")
            _ = await stale.command("a ENABLE QRESYNC")
            let mismatch = await stale.command("b SELECT INBOX (QRESYNC (\(known.uidValidity.rawValue &+ 1) 1))")
            #expect(!mismatch.contains("VANISHED") && !mismatch.contains("FETCH"), "another UIDVALIDITY: a plain SELECT")
        }
    }
}
