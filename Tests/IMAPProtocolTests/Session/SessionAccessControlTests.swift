import Foundation
import MailCore
import MailStore
import Testing
@testable import IMAPProtocol

/// ACL (RFC 4314) and the shared namespace: alice shares mailboxes with bob, who reaches them
/// as `Shared/alice@example.test/...` with exactly the rights granted.
@Suite("IMAP session: ACL commands and shared mailboxes")
struct SessionAccessControlTests {
    static let sharedInbox = "\"Shared/alice@example.test/INBOX\""

    /// Alice and bob, each with a logged-in session on one store; alice's INBOX holds one message.
    func withAliceAndBob(_ body: (SessionStoreFixture, inout IMAPSessionDriver, inout IMAPSessionDriver) async throws -> Void)
        async throws {
        try await withSessionStore { fixture in
            let alice = try await fixture.addUser("alice")
            try await fixture.addUser("bob")
            try await fixture.deliver(to: alice, subject: "For the team")
            var aliceSession = IMAPSessionDriver(fixture)
            aliceSession.messageCommands = StoreMessageCommands()
            await aliceSession.logIn("alice")
            var bobSession = IMAPSessionDriver(fixture)
            bobSession.messageCommands = StoreMessageCommands()
            await bobSession.logIn("bob")
            try await body(fixture, &aliceSession, &bobSession)
        }
    }

    @Test("ACL and RIGHTS=texk are advertised; NAMESPACE has the other users' namespace")
    func capabilitiesAndNamespace() async throws {
        try await withLoggedInSession { _, _, driver in
            let capability = await driver.command("a CAPABILITY")
            #expect(capability.contains(" ACL ") && capability.contains(" RIGHTS=texk"), "\(capability)")
            #expect(await driver.command("b NAMESPACE")
                == "* NAMESPACE ((\"\" \"/\")) ((\"Shared/\" \"/\")) NIL\r\nb OK NAMESPACE completed\r\n")
        }
    }

    @Test("the owner has every right: MYRIGHTS, GETACL, LISTRIGHTS; its own rights cannot change")
    func ownerRights() async throws {
        try await withLoggedInSession { _, _, driver in
            #expect(await driver.command("a MYRIGHTS INBOX") == "* MYRIGHTS INBOX lrswipkxteacd\r\na OK MYRIGHTS completed\r\n")
            #expect(await driver.command("b GETACL INBOX")
                == "* ACL INBOX bob@example.test lrswipkxteacd\r\nb OK GETACL completed\r\n")
            #expect(await driver.command("c LISTRIGHTS INBOX bob@example.test")
                == "* LISTRIGHTS INBOX bob@example.test lrswipkxteacd\r\nc OK LISTRIGHTS completed\r\n")
            #expect(await driver.command("d SETACL INBOX bob@example.test lr").hasPrefix("d NO [CANNOT] "))
            #expect(await driver.command("e MYRIGHTS Missing").hasPrefix("e NO [NONEXISTENT] "))
        }
    }

    @Test("SETACL replaces, adds and removes; DELETEACL drops the entry; bad rights are BAD, unknown users NO")
    func settingRights() async throws {
        try await withAliceAndBob { _, alice, _ in
            #expect(await alice.command("a SETACL INBOX bob@example.test lr") == "a OK SETACL completed\r\n")
            #expect(await alice.command("b SETACL INBOX bob@example.test +sw") == "b OK SETACL completed\r\n")
            #expect(await alice.command("c SETACL INBOX anyone l") == "c OK SETACL completed\r\n")
            #expect(await alice.command("d GETACL INBOX").responseLines.first
                == "* ACL INBOX alice@example.test lrswipkxteacd anyone l bob@example.test lrsw")
            #expect(await alice.command("e SETACL INBOX bob@example.test -w") == "e OK SETACL completed\r\n")
            // The obsolete `d` stands for x, t and e (RFC 4314 §2.1.1) and is reported with them.
            #expect(await alice.command("f SETACL INBOX bob@example.test +d") == "f OK SETACL completed\r\n")
            #expect(await alice.command("g GETACL INBOX").contains("bob@example.test lrsxted"))
            #expect(await alice.command("h LISTRIGHTS INBOX bob@example.test")
                == "* LISTRIGHTS INBOX bob@example.test \"\" l r s w i p k x t e a\r\n"
                + "h OK LISTRIGHTS completed\r\n")
            #expect(await alice.command("i DELETEACL INBOX bob@example.test") == "i OK DELETEACL completed\r\n")
            #expect(await alice.command("j GETACL INBOX").responseLines.first
                == "* ACL INBOX alice@example.test lrswipkxteacd anyone l")
            #expect(await alice.command("k SETACL INBOX bob@example.test lrz").hasPrefix("k BAD "))
            #expect(await alice.command("l SETACL INBOX carol@example.test lr").hasPrefix("l NO [CANNOT] "))
            #expect(await alice.command("m SETACL INBOX -bob@example.test lr").hasPrefix("m NO [CANNOT] "))
        }
    }

    @Test("without a grant another account's mailbox does not exist; with lookup and read it is listed and opens read-only")
    func readOnlyShare() async throws {
        try await withAliceAndBob { _, alice, bob in
            #expect(await bob.command("a SELECT \(Self.sharedInbox)").hasSuffix("a NO [NONEXISTENT] there is no mailbox Shared/alice@example.test/INBOX\r\n"))
            #expect(await bob.command("b LIST \"\" \"Shared*\"") == "b OK LIST completed\r\n")
            _ = await alice.command("c SETACL INBOX bob@example.test lr")

            #expect(await bob.command("d LIST \"\" %").responseLines.contains("* LIST (\\Noselect \\HasChildren) \"/\" \"Shared\""))
            #expect(await bob.command("e LIST \"\" \"Shared/*\"").responseLines == [
                "* LIST (\\Noselect \\HasChildren) \"/\" \"Shared/alice@example.test\"",
                "* LIST (\\HasNoChildren) \"/\" \"Shared/alice@example.test/INBOX\"",
                "e OK LIST completed",
            ])
            #expect(await bob.command("f STATUS \(Self.sharedInbox) (MESSAGES)")
                == "* STATUS Shared/alice@example.test/INBOX (MESSAGES 1)\r\nf OK STATUS completed\r\n")
            let select = await bob.command("g SELECT \(Self.sharedInbox)")
            #expect(select.contains("* OK [PERMANENTFLAGS ()] "), "\(select)")
            #expect(select.hasSuffix("g OK [READ-ONLY] SELECT completed\r\n"), "\(select)")
            #expect(await bob.command("h MYRIGHTS \(Self.sharedInbox)").hasPrefix("* MYRIGHTS Shared/alice@example.test/INBOX lr\r\n"))
            let fetch = await bob.command("i FETCH 1 (BODY[HEADER.FIELDS (SUBJECT)])")
            #expect(fetch.contains("Subject: For the team"), "\(fetch)")
            #expect(await bob.command("j STORE 1 +FLAGS (\\Seen)").hasPrefix("j NO [READ-ONLY] "))
            #expect(await bob.command("k GETACL \(Self.sharedInbox)").hasPrefix("k NO [NOPERM] "))
            #expect(await bob.command("l SETACL \(Self.sharedInbox) bob@example.test lrswi").hasPrefix("l NO [NOPERM] "))
            // Bob's FETCH of the body did not set \Seen: he lacks `s`.
            _ = await alice.command("m SELECT INBOX")
            #expect(await alice.command("n FETCH 1 FLAGS").hasPrefix("* 1 FETCH (FLAGS ())"))
        }
    }

    @Test("each right allows its own flags and commands only (RFC 4314 §4)")
    func rightsPerCommand() async throws {
        try await withAliceAndBob { fixture, alice, bob in
            _ = await alice.command("a SETACL INBOX bob@example.test lrs")
            let select = await bob.command("b SELECT \(Self.sharedInbox)")
            #expect(select.contains("* OK [PERMANENTFLAGS (\\Seen)] "), "\(select)")
            #expect(select.hasSuffix("b OK [READ-WRITE] SELECT completed\r\n"))
            #expect(await bob.command("c STORE 1 +FLAGS.SILENT (\\Seen)") == "c OK STORE completed\r\n")
            #expect(await bob.command("d STORE 1 +FLAGS (\\Flagged)").hasPrefix("d NO [NOPERM] "))
            #expect(await bob.command("e STORE 1 FLAGS (\\Seen)").hasPrefix("e NO [NOPERM] "))
            #expect(await bob.command("f EXPUNGE").hasPrefix("f NO [NOPERM] "))
            #expect(await bob.command("g MOVE 1 INBOX").hasPrefix("g NO [NOPERM] "))
            #expect(await bob.command("h COPY 1 INBOX").hasPrefix("h OK [COPYUID "), "COPY out needs only `r`")
            #expect(await bob.command("i COPY 1 \(Self.sharedInbox)").hasPrefix("i NO [NOPERM] "), "COPY in needs `i`")
            #expect(await bob.command("j APPEND \(Self.sharedInbox) {5}").hasPrefix("j NO [NOPERM] "))

            // With `i` and `t` too: APPEND keeps only the flags bob may set, \Deleted can be
            // stored, but without `e` CLOSE does not expunge.
            // Rights are read at SELECT: bob selects again to use the new ones.
            _ = await alice.command("k SETACL INBOX bob@example.test +it")
            _ = await bob.command("k2 SELECT \(Self.sharedInbox)")
            let message = String(decoding: sessionTestMessage(subject: "From bob"), as: UTF8.self)
            _ = await bob.command("l APPEND \(Self.sharedInbox) (\\Seen \\Flagged $Work) {\(message.utf8.count)}")
            #expect(await bob.send(message + "\r\n").hasPrefix("l OK [APPENDUID "))
            #expect(await bob.command("m STORE 1 +FLAGS (\\Deleted)").contains("FLAGS (\\Deleted \\Seen)"))
            #expect(await bob.command("n CLOSE") == "n OK CLOSE completed\r\n")

            let aliceAccount = try #require(try await fixture.store.account(for: EmailAddress(parsing: "alice@example.test")))
            let inbox = try await fixture.mailbox("INBOX", of: aliceAccount)
            let messages = try await fixture.store.snapshot(of: inbox.id).messages
            #expect(messages.map(\.flags) == [MessageFlags(system: [.seen, .deleted]), MessageFlags(system: [.seen])])
        }
    }

    @Test("with `e` bob expunges; with `k` he creates below the shared mailbox, which inherits its ACL; `x` deletes")
    func expungeCreateDelete() async throws {
        try await withAliceAndBob { _, alice, bob in
            _ = await alice.command("a SETACL INBOX bob@example.test lrstekx")
            _ = await bob.command("b SELECT \(Self.sharedInbox)")
            _ = await bob.command("c STORE 1 +FLAGS.SILENT (\\Deleted)")
            #expect(await bob.command("d EXPUNGE") == "* 1 EXPUNGE\r\nd OK EXPUNGE completed\r\n")
            #expect(await bob.command("e CREATE \"Shared/alice@example.test/INBOX/Team\"").hasPrefix("e OK [MAILBOXID ("))
            #expect(await alice.command("f GETACL INBOX/Team").contains("bob@example.test lrskxtecd"))
            #expect(await bob.command("g CREATE \"Shared/alice@example.test/Top\"").hasPrefix("g NO [NOPERM] "))
            #expect(await bob.command("h CREATE Shared").hasPrefix("h NO [ALREADYEXISTS] "))
            #expect(await bob.command("i RENAME \"Shared/alice@example.test/INBOX/Team\" Mine").hasPrefix("i NO [CANNOT] "))
            #expect(await bob.command("j RENAME \"Shared/alice@example.test/INBOX/Team\" \"Shared/alice@example.test/INBOX/Crew\"")
                == "j OK RENAME completed\r\n")
            #expect(await bob.command("k DELETE \"Shared/alice@example.test/INBOX/Crew\"") == "k OK DELETE completed\r\n")
            #expect(await alice.command("l LIST \"\" INBOX/*") == "l OK LIST completed\r\n")
        }
    }

    @Test("a shared mailbox's subscription is the viewer's; revoking the rights hides the mailbox again")
    func subscriptionAndRevocation() async throws {
        try await withAliceAndBob { _, alice, bob in
            _ = await alice.command("a SETACL INBOX anyone lr")
            #expect(await bob.command("b SUBSCRIBE \(Self.sharedInbox)") == "b OK SUBSCRIBE completed\r\n")
            #expect(await bob.command("c LSUB \"\" \"Shared/*\"").responseLines
                == ["* LSUB () \"/\" \"Shared/alice@example.test/INBOX\"", "c OK LSUB completed"])
            #expect(await bob.command("d LIST (SUBSCRIBED) \"\" \"Shared/*\"").responseLines
                == ["* LIST (\\HasNoChildren \\Subscribed) \"/\" \"Shared/alice@example.test/INBOX\"", "d OK LIST completed"])
            #expect(await alice.command("e LSUB \"\" INBOX").responseLines == ["* LSUB () \"/\" \"INBOX\"", "e OK LSUB completed"],
                    "alice's own subscription is untouched")
            #expect(await alice.command("f DELETEACL INBOX anyone") == "f OK DELETEACL completed\r\n")
            #expect(await bob.command("g EXAMINE \(Self.sharedInbox)").hasSuffix("g NO [NONEXISTENT] there is no mailbox Shared/alice@example.test/INBOX\r\n"))
            #expect(await bob.command("h LSUB \"\" \"Shared/*\"") == "h OK LSUB completed\r\n")
        }
    }

    @Test("the executor checks the rights itself, whatever the session believes")
    func executorChecksRights() async throws {
        try await withAliceAndBob { fixture, alice, bob in
            _ = await alice.command("a SETACL INBOX bob@example.test lr")
            let aliceAccount = try #require(try await fixture.store.account(for: EmailAddress(parsing: "alice@example.test")))
            let inbox = try await fixture.mailbox("INBOX", of: aliceAccount)
            let executor = try #require(bob.executor)
            let stored = await executor.execute(.storeFlags(.add(MessageFlags(system: .deleted)), UIDSet([UID(1)]), in: inbox.id,
                                                            unchangedSince: nil))
            guard case .failed(.permissionDenied) = stored else { Issue.record("\(stored)"); return }
            let expunged = await executor.execute(.expunge(UIDSet([UID(1)]), in: inbox.id, onlyDeleted: false))
            guard case .failed(.permissionDenied) = expunged else { Issue.record("\(expunged)"); return }
            _ = await alice.command("b DELETEACL INBOX bob@example.test")
            let snapshot = await executor.execute(.snapshot(inbox.id))
            guard case .failed(.mailboxNotFound) = snapshot else { Issue.record("\(snapshot)"); return }
        }
    }
}
