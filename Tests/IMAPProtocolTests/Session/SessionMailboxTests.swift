import Foundation
import MailCore
import MailStore
import Testing
@testable import IMAPProtocol

@Suite("IMAP session: CREATE, DELETE, RENAME, subscriptions, LIST, LSUB, NAMESPACE, STATUS")
struct SessionMailboxTests {
    @Test("CREATE makes a mailbox with its superiors; creating it twice, or INBOX, says ALREADYEXISTS")
    func create() async throws {
        try await withLoggedInSession { fixture, account, driver in
            let created = await driver.command("a CREATE Projects/2024/")
            _ = try await fixture.mailbox("Projects", of: account)
            let leaf = try await fixture.mailbox("Projects/2024", of: account)
            // The tagged OK carries the new mailbox's MAILBOXID (RFC 8474 §4.1).
            #expect(created == "a OK [MAILBOXID (M\(leaf.id.rawValue))] CREATE completed\r\n")
            #expect(await driver.command("b CREATE Projects/2024").hasPrefix("b NO [ALREADYEXISTS] "))
            #expect(await driver.command("c CREATE inbox") == "c NO [ALREADYEXISTS] INBOX always exists\r\n")
        }
    }

    @Test("names cannot escape the account: relative levels and empty levels are refused")
    func hostileNames() async throws {
        try await withLoggedInSession { fixture, account, driver in
            #expect(await driver.command("a CREATE \"../alice/INBOX\"").hasPrefix("a NO [CANNOT] "))
            #expect(await driver.command("b CREATE \"a//b\"").hasPrefix("b NO [CANNOT] "))
            #expect(await driver.command("c SELECT \"x/./y\"").hasPrefix("c NO [CANNOT] "))
            #expect(await driver.command("d CREATE \"&Jjo\"").hasPrefix("d BAD "), "invalid modified UTF-7")
            #expect(driver.requests.isEmpty)
        }
    }

    @Test("CREATE with a special use (CREATE-SPECIAL-USE); an unknown use is NO [USEATTR]")
    func createSpecialUse() async throws {
        try await withLoggedInSession { fixture, account, driver in
            let created = await driver.command("a CREATE Important (USE (\\Flagged))")
            let important = try await fixture.mailbox("Important", of: account)
            #expect(created == "a OK [MAILBOXID (M\(important.id.rawValue))] CREATE completed\r\n")
            #expect(important.specialUse == .flagged)
            #expect(await driver.command("b CREATE Other (USE (\\Frobbed))").hasPrefix("b NO [USEATTR] "))
        }
    }

    @Test("DELETE: INBOX and missing mailboxes are refused; deleting the selected mailbox deselects it")
    func delete() async throws {
        try await withLoggedInSession { fixture, account, driver in
            #expect(await driver.command("a DELETE INBOX") == "a NO [CANNOT] INBOX cannot be deleted\r\n")
            #expect(await driver.command("b DELETE Nowhere").hasPrefix("b NO [NONEXISTENT] "))
            _ = await driver.command("c CREATE Parent/Child")
            #expect(await driver.command("d DELETE Parent").hasPrefix("d NO [HASCHILDREN] "))
            _ = await driver.command("e SELECT Parent/Child")
            #expect(await driver.command("f DELETE Parent/Child")
                == "* OK [CLOSED] The selected mailbox was deleted\r\nf OK DELETE completed\r\n")
            #expect(driver.session.state == .authenticated)
        }
    }

    @Test("RENAME moves a subtree; RENAME INBOX moves its messages and leaves it empty")
    func rename() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            try await fixture.deliver(to: account)
            try await fixture.deliver(to: account)
            var driver = IMAPSessionDriver(fixture)
            await driver.logIn("bob")
            _ = await driver.command("a CREATE Old/Sub")
            #expect(await driver.command("b RENAME Old New") == "b OK RENAME completed\r\n")
            _ = try await fixture.mailbox("New/Sub", of: account)
            #expect(await driver.command("c RENAME Missing Other").hasPrefix("c NO [NONEXISTENT] "))
            #expect(await driver.command("d RENAME New Trash").hasPrefix("d NO [ALREADYEXISTS] "))
            #expect(await driver.command("e RENAME INBOX Saved") == "e OK RENAME completed\r\n")
            #expect(await driver.command("f STATUS Saved (MESSAGES)") == "* STATUS Saved (MESSAGES 2)\r\nf OK STATUS completed\r\n")
            #expect(await driver.command("g STATUS INBOX (MESSAGES)") == "* STATUS INBOX (MESSAGES 0)\r\ng OK STATUS completed\r\n")
        }
    }

    @Test("LIST with % and *, attributes for children and special uses; the empty pattern gives the delimiter")
    func list() async throws {
        try await withLoggedInSession { fixture, account, driver in
            _ = await driver.command("a CREATE Archive/2024")
            let top = await driver.command("b LIST \"\" %")
            #expect(top.responseLines == [
                "* LIST (\\HasChildren \\Archive) \"/\" \"Archive\"",
                "* LIST (\\HasNoChildren \\Drafts) \"/\" \"Drafts\"",
                "* LIST (\\HasNoChildren) \"/\" \"INBOX\"",
                "* LIST (\\HasNoChildren \\Junk) \"/\" \"Junk\"",
                "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"",
                "* LIST (\\HasNoChildren \\Trash) \"/\" \"Trash\"",
                "b OK LIST completed",
            ])
            #expect(await driver.command("c LIST \"Archive/\" *").responseLines
                == ["* LIST (\\HasNoChildren) \"/\" \"Archive/2024\"", "c OK LIST completed"])
            #expect(await driver.command("d LIST \"\" \"\"") == "* LIST (\\Noselect) \"/\" \"\"\r\nd OK LIST completed\r\n")
            #expect(await driver.command("e LIST \"\" inbox").responseLines.first == "* LIST (\\HasNoChildren) \"/\" \"INBOX\"")
            #expect(await driver.command("f LIST \"\" Nothing*") == "f OK LIST completed\r\n")
        }
    }

    @Test("LIST-EXTENDED: SPECIAL-USE selection, RETURN (SUBSCRIBED), several patterns, SUBSCRIBED RECURSIVEMATCH")
    func listExtended() async throws {
        try await withLoggedInSession { fixture, account, driver in
            let special = await driver.command("a LIST (SPECIAL-USE) \"\" *")
            #expect(special.responseLines.count == 6)
            #expect(!special.contains("INBOX"))
            _ = await driver.command("b CREATE Lists/Swift")
            _ = await driver.command("c UNSUBSCRIBE Lists")
            _ = await driver.command("d SUBSCRIBE Lists/Swift")
            let subscribed = await driver.command("e LIST (SUBSCRIBED RECURSIVEMATCH) \"\" %")
            #expect(subscribed.contains("* LIST (\\HasChildren) \"/\" \"Lists\" (\"CHILDINFO\" (\"SUBSCRIBED\"))"))
            #expect(subscribed.contains("* LIST (\\HasNoChildren \\Subscribed) \"/\" \"INBOX\""))
            let patterns = await driver.command("f LIST \"\" (INBOX Drafts) RETURN (SUBSCRIBED CHILDREN)")
            #expect(patterns.responseLines == [
                "* LIST (\\HasNoChildren \\Drafts \\Subscribed) \"/\" \"Drafts\"",
                "* LIST (\\HasNoChildren \\Subscribed) \"/\" \"INBOX\"",
                "f OK LIST completed",
            ])
            #expect(await driver.command("g LIST (RECURSIVEMATCH) \"\" *").hasPrefix("g BAD "))
        }
    }

    @Test("LIST RETURN (STATUS ...) follows each mailbox with its STATUS (RFC 5819)")
    func listStatus() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            try await fixture.deliver(to: account)
            var driver = IMAPSessionDriver(fixture)
            await driver.logIn("bob")
            let reply = await driver.command("a LIST \"\" INBOX RETURN (STATUS (MESSAGES UNSEEN SIZE))")
            let lines = reply.responseLines
            #expect(lines.count == 3)
            #expect(lines[0] == "* LIST (\\HasNoChildren) \"/\" \"INBOX\"")
            #expect(lines[1].hasPrefix("* STATUS INBOX (MESSAGES 1 UNSEEN 1 SIZE "))
        }
    }

    @Test("SUBSCRIBE, UNSUBSCRIBE and LSUB, with a \\Noselect superior for a subscribed inferior")
    func lsub() async throws {
        try await withLoggedInSession { fixture, account, driver in
            _ = await driver.command("a CREATE Team/Notes")
            #expect(await driver.command("b UNSUBSCRIBE Team") == "b OK UNSUBSCRIBE completed\r\n")
            #expect(await driver.command("c SUBSCRIBE Team/Notes") == "c OK SUBSCRIBE completed\r\n")
            let lsub = await driver.command("d LSUB \"\" T%")
            #expect(lsub.responseLines == ["* LSUB (\\Noselect) \"/\" \"Team\"", "* LSUB () \"/\" \"Trash\"", "d OK LSUB completed"])
            #expect(await driver.command("e LSUB \"\" Team/*").responseLines == ["* LSUB () \"/\" \"Team/Notes\"", "e OK LSUB completed"])
            #expect(await driver.command("f SUBSCRIBE Missing").hasPrefix("f NO [NONEXISTENT] "))
        }
    }

    @Test("STATUS answers every item asked, in order; a missing mailbox is NONEXISTENT")
    func status() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            try await fixture.deliver(to: account, flags: MessageFlags(system: [.seen]))
            try await fixture.deliver(to: account, flags: MessageFlags(system: [.deleted]))
            let inbox = try await fixture.store.status(of: fixture.mailbox("INBOX", of: account).id)
            var driver = IMAPSessionDriver(fixture)
            await driver.logIn("bob")
            let reply = await driver.command("a STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN DELETED SIZE HIGHESTMODSEQ RECENT)")
            #expect(reply == "* STATUS INBOX (MESSAGES 2 UIDNEXT 3 UIDVALIDITY \(inbox.uidValidity) UNSEEN 1 DELETED 1 "
                + "SIZE \(inbox.size) HIGHESTMODSEQ \(inbox.highestModSequence) RECENT 0)\r\na OK STATUS completed\r\n")
            #expect(driver.session.enabled.condStore, "STATUS HIGHESTMODSEQ enables CONDSTORE")
            #expect(await driver.command("b STATUS Nowhere (MESSAGES)").hasPrefix("b NO [NONEXISTENT] "))
        }
    }

    @Test("mailbox names: modified UTF-7 for IMAP4rev1 clients, UTF-8 after ENABLE UTF8=ACCEPT")
    func internationalNames() async throws {
        try await withLoggedInSession { fixture, account, driver in
            let created = await driver.command("a CREATE &AMk-t&AOk-")
            let ete = try await fixture.mailbox("Été", of: account)
            #expect(created == "a OK [MAILBOXID (M\(ete.id.rawValue))] CREATE completed\r\n")
            #expect(await driver.command("b LIST \"\" &AMk-*").responseLines.first == "* LIST (\\HasNoChildren) \"/\" \"&AMk-t&AOk-\"")
            _ = await driver.command("c ENABLE UTF8=ACCEPT")
            #expect(await driver.command("d LIST \"\" É*").responseLines.first == "* LIST (\\HasNoChildren) \"/\" \"Été\"")
            #expect(await driver.command("e STATUS Été (MESSAGES)") == "* STATUS \"Été\" (MESSAGES 0)\r\ne OK STATUS completed\r\n")
        }
    }
}
