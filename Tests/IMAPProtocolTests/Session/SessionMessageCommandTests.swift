import Foundation
import MailCore
import MailStore
import SASL
import TestSupport
import Testing
@testable import IMAPProtocol

/// FETCH, SEARCH, SORT and THREAD answered from a real store by ``StoreMessageCommands``,
/// driven through the session as the server glue drives it.
@Suite("IMAP session: FETCH, SEARCH, SORT and THREAD from the store")
struct SessionMessageCommandTests {
    /// bob's INBOX with messages of the given subjects, selected (or examined) with the
    /// store's message commands installed.
    func withInbox(subjects: [String], examine: Bool = false, handler: StoreMessageCommands = StoreMessageCommands(),
                   _ body: (SessionStoreFixture, Account, inout IMAPSessionDriver) async throws -> Void) async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            for subject in subjects { try await fixture.deliver(to: account, subject: subject) }
            var driver = IMAPSessionDriver(fixture)
            driver.messageCommands = handler
            await driver.logIn("bob")
            let reply = await driver.command("s \(examine ? "EXAMINE" : "SELECT") INBOX")
            #expect(reply.contains("s OK"), "\(reply)")
            try await body(fixture, account, &driver)
        }
    }

    @Test("FETCH of summary items, ENVELOPE and a byte-exact BODY[]; a body fetch sets \\Seen and reports FLAGS")
    func fetchItemsAndImplicitSeen() async throws {
        try await withInbox(subjects: ["one", "two"]) { _, _, driver in
            let summary = await driver.command("a FETCH 1:2 (UID FLAGS RFC822.SIZE)")
            let size = sessionTestMessage(subject: "one").count
            #expect(summary == "* 1 FETCH (UID 1 FLAGS () RFC822.SIZE \(size))\r\n* 2 FETCH (UID 2 FLAGS () RFC822.SIZE \(size))\r\na OK FETCH completed\r\n")
            let envelope = await driver.command("b UID FETCH 2 ENVELOPE")
            #expect(envelope.hasPrefix("* 2 FETCH (UID 2 ENVELOPE (NIL \"two\" "), "\(envelope)")
            let body = await driver.command("c FETCH 1 BODY[]")
            let message = String(decoding: sessionTestMessage(subject: "one"), as: UTF8.self)
            #expect(body == "* 1 FETCH (BODY[] {\(size)}\r\n\(message) FLAGS (\\Seen))\r\nc OK FETCH completed\r\n")
            // PEEK leaves the flags alone; the \Seen set above is not echoed again.
            let peek = await driver.command("d FETCH 2 (BODY.PEEK[HEADER.FIELDS (SUBJECT)] FLAGS)")
            #expect(peek == "* 2 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {16}\r\nSubject: two\r\n\r\n FLAGS ())\r\nd OK FETCH completed\r\n")
            #expect(await driver.command("e NOOP") == "e OK NOOP completed\r\n")
        }
    }

    @Test("the message's header items read its header alone: inline and in a file, with HEADER.FIELDS(.NOT), partial and RFC822.HEADER")
    func headerItemsOfInlineAndFileMessages() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            let inbox = try await fixture.mailbox("INBOX", of: account)
            // The store keeps up to 128 KiB inline: the second message lives in a file.
            let line = String(repeating: "y", count: 78) + "\r\n"
            func header(lines: Int) -> String {
                "From: alice@example.net\r\nTo: bob@example.test\r\nX-Lines: \(lines)\r\n\r\n"
            }
            for lines in [3, 3_000] {
                let message = Array((header(lines: lines) + String(repeating: line, count: lines)).utf8)
                _ = try await fixture.store.append(.bytes(message), to: inbox.id, flags: .none)
            }
            var driver = IMAPSessionDriver(fixture)
            driver.messageCommands = StoreMessageCommands()
            await driver.logIn("bob")
            #expect(await driver.command("s SELECT INBOX").contains("s OK"))
            for number in [1, 2] {
                let header = header(lines: number == 1 ? 3 : 3_000)
                let whole = await driver.command("a FETCH \(number) (BODY.PEEK[HEADER] RFC822.HEADER)")
                #expect(whole == "* \(number) FETCH (BODY[HEADER] {\(header.utf8.count)}\r\n\(header) RFC822.HEADER {\(header.utf8.count)}\r\n\(header))\r\na OK FETCH completed\r\n")
                let fields = await driver.command("b FETCH \(number) BODY.PEEK[HEADER.FIELDS.NOT (FROM TO)]<9.100>")
                let subject = "X-Lines: \(number == 1 ? 3 : 3_000)\r\n\r\n".dropFirst(9)
                #expect(fields == "* \(number) FETCH (BODY[HEADER.FIELDS.NOT (FROM TO)]<9> {\(subject.utf8.count)}\r\n\(subject))\r\nb OK FETCH completed\r\n")
                #expect(await driver.command("c FETCH \(number) FLAGS") == "* \(number) FETCH (FLAGS ())\r\nc OK FETCH completed\r\n")
            }
            // SEARCH HEADER reads the header as well.
            #expect(await driver.command("d SEARCH HEADER X-Lines 3000") == "* SEARCH 2\r\nd OK SEARCH completed\r\n")
        }
    }

    @Test("in a mailbox opened with EXAMINE a body fetch does not set \\Seen")
    func examineDoesNotSetSeen() async throws {
        try await withInbox(subjects: ["one"], examine: true) { _, _, driver in
            let body = await driver.command("a FETCH 1 (BODY[TEXT] FLAGS)")
            #expect(body.contains("FLAGS ()"), "\(body)")
            #expect(!body.contains("\\Seen"), "\(body)")
        }
    }

    @Test("partial fetch <origin.length>, and sequence numbers beyond the mailbox are BAD; 1:* in an empty mailbox is OK")
    func partialAndInvalidNumbers() async throws {
        try await withInbox(subjects: ["one"]) { _, _, driver in
            let partial = await driver.command("a FETCH 1 BODY.PEEK[TEXT]<2.5>")
            #expect(partial == "* 1 FETCH (BODY[TEXT]<2> {5}\r\nst a )\r\na OK FETCH completed\r\n")
            #expect(await driver.command("b FETCH 2 FLAGS") == "b BAD Invalid message sequence number\r\n")
            #expect(await driver.command("c UID FETCH 7:9 FLAGS") == "c OK UID FETCH completed\r\n")
        }
        try await withInbox(subjects: []) { _, _, driver in
            #expect(await driver.command("a FETCH 1:* FLAGS") == "a OK FETCH completed\r\n")
        }
    }

    @Test("a message another session expunged, which this one was not told of, is left out; numbers stay the client's")
    func expungedElsewhereIsOmitted() async throws {
        try await withInbox(subjects: ["one", "two", "three"]) { fixture, account, driver in
            let inbox = try await fixture.mailbox("INBOX", of: account)
            _ = try await fixture.store.expunge(UIDSet([UID(2)]), in: inbox.id, onlyDeleted: false)
            // The expunge is not told during FETCH or SEARCH (RFC 9051 §7.5.1).
            let fetch = await driver.command("a FETCH 1:3 UID")
            #expect(fetch == "* 1 FETCH (UID 1)\r\n* 3 FETCH (UID 3)\r\na OK FETCH completed\r\n")
            let search = await driver.command("b SEARCH 2:3")
            #expect(search == "* SEARCH 3\r\nb OK SEARCH completed\r\n")
            // A text-only key is answered from the index alone, with the same numbering.
            #expect(await driver.command("c SEARCH TEXT hello") == "* SEARCH\r\nc OK SEARCH completed\r\n")
            #expect(await driver.command("d SEARCH SUBJECT three") == "* SEARCH 3\r\nd OK SEARCH completed\r\n")
            #expect(await driver.command("e UID SEARCH SUBJECT two") == "* SEARCH\r\ne OK UID SEARCH completed\r\n")
        }
    }

    @Test("SEARCH with text, flags and sets; ESEARCH with RETURN; SAVE and $ (RFC 5182); UID SEARCH")
    func searchForms() async throws {
        try await withInbox(subjects: ["meeting monday", "lunch", "meeting friday"]) { _, _, driver in
            #expect(await driver.command("a SEARCH SUBJECT meeting") == "* SEARCH 1 3\r\na OK SEARCH completed\r\n")
            _ = await driver.command("b STORE 3 +FLAGS (\\Flagged)")
            #expect(await driver.command("c SEARCH SUBJECT meeting UNFLAGGED") == "* SEARCH 1\r\nc OK SEARCH completed\r\n")
            #expect(await driver.command("d UID SEARCH OR FLAGGED SUBJECT lunch")
                == "* SEARCH 2 3\r\nd OK UID SEARCH completed\r\n")
            #expect(await driver.command("e SEARCH RETURN (MIN MAX COUNT) ALL")
                == "* ESEARCH (TAG \"e\") MIN 1 MAX 3 COUNT 3\r\ne OK SEARCH completed\r\n")
            #expect(await driver.command("f SEARCH RETURN (SAVE) SUBJECT meeting") == "f OK SEARCH completed\r\n")
            #expect(await driver.command("g FETCH $ UID") == "* 1 FETCH (UID 1)\r\n* 3 FETCH (UID 3)\r\ng OK FETCH completed\r\n")
            #expect(await driver.command("h SEARCH BODY nothingmatches") == "* SEARCH\r\nh OK SEARCH completed\r\n")
        }
    }

    @Test("UID FETCH CHANGEDSINCE with VANISHED lists the expunged UIDs first (RFC 7162 §3.2.6)")
    func changedSinceWithVanished() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            for subject in ["a", "b", "c"] { try await fixture.deliver(to: account, subject: subject) }
            var driver = IMAPSessionDriver(fixture)
            driver.messageCommands = StoreMessageCommands()
            await driver.logIn("bob")
            _ = await driver.command("e ENABLE QRESYNC")
            let selected = await driver.command("s SELECT INBOX")
            let modSeq = try #require(selected.responseLines.first { $0.contains("HIGHESTMODSEQ") }?
                .split(separator: " ").dropFirst(3).first.map { String($0.dropLast()) }.flatMap(UInt64.init))
            _ = await driver.command("a STORE 1 +FLAGS (\\Answered)")
            _ = await driver.command("b UID STORE 2 +FLAGS.SILENT (\\Deleted)")
            _ = await driver.command("b UID EXPUNGE 2")
            let reply = await driver.command("c UID FETCH 1:* FLAGS (CHANGEDSINCE \(modSeq) VANISHED)")
            let lines = reply.responseLines
            #expect(lines.first == "* VANISHED (EARLIER) 2", "\(reply)")
            #expect(lines.contains { $0.hasPrefix("* 1 FETCH (UID 1 FLAGS (\\Answered) MODSEQ (") }, "\(reply)")
            #expect(!lines.contains { $0.contains("UID 3") }, "message 3 did not change: \(reply)")
        }
    }

    @Test("FETCH reads only the messages its set names: overlapping and unordered ranges, UID ranges with gaps, $")
    func fetchOfNamedMessages() async throws {
        try await withInbox(subjects: ["a", "b", "c", "d", "e"]) { _, _, driver in
            _ = await driver.command("x UID STORE 2,4 +FLAGS.SILENT (\\Deleted)")
            _ = await driver.command("y UID EXPUNGE 2,4")
            let numbers = await driver.command("a FETCH 3,1:2,2 UID").responseLines
            #expect(numbers == ["* 1 FETCH (UID 1)", "* 2 FETCH (UID 3)", "* 3 FETCH (UID 5)", "a OK FETCH completed"])
            let uids = await driver.command("b UID FETCH 2:4,5,9 UID").responseLines
            #expect(uids == ["* 2 FETCH (UID 3)", "* 3 FETCH (UID 5)", "b OK UID FETCH completed"])
            _ = await driver.command("c SEARCH RETURN (SAVE) UID 1,5")
            #expect(await driver.command("d FETCH $ UID").responseLines
                == ["* 1 FETCH (UID 1)", "* 3 FETCH (UID 5)", "d OK FETCH completed"])
        }
    }

    @Test("SORT by subject and reversed size; THREAD ORDEREDSUBJECT groups by base subject")
    func sortAndThread() async throws {
        try await withInbox(subjects: ["beta", "alpha", "Re: beta"]) { _, _, driver in
            #expect(await driver.command("a SORT (SUBJECT) UTF-8 ALL") == "* SORT 2 1 3\r\na OK SORT completed\r\n")
            // Equal arrival times keep the mailbox order (RFC 5256 §3); sizes differ.
            #expect(await driver.command("b UID SORT (REVERSE SIZE) UTF-8 ALL") == "* SORT 3 2 1\r\nb OK UID SORT completed\r\n")
            let thread = await driver.command("c THREAD ORDEREDSUBJECT UTF-8 ALL")
            #expect(thread == "* THREAD (1 3)(2)\r\nc OK THREAD completed\r\n")
        }
    }

    @Test("a FETCH answer beyond the handler's bound is refused with NO [LIMIT]")
    func outputBound() async throws {
        try await withInbox(subjects: ["one", "two"], handler: StoreMessageCommands(maximumOutputBytes: 100)) { _, _, driver in
            #expect(await driver.command("a FETCH 1:2 BODY.PEEK[]") == "a NO [LIMIT] FETCH answer too large; fetch fewer messages at a time\r\n")
            #expect(await driver.command("b FETCH 1 UID") == "* 1 FETCH (UID 1)\r\nb OK FETCH completed\r\n")
        }
    }
}
