import Foundation
import MailCore
import MailStore
import Testing
@testable import IMAPProtocol

@Suite("IMAP session: APPEND, STORE, EXPUNGE, COPY, MOVE")
struct SessionMessageTests {
    @Test("APPEND with flags and a date: continuation, then OK [APPENDUID]")
    func append() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            let inbox = try await fixture.mailbox("INBOX", of: account)
            var driver = IMAPSessionDriver(fixture)
            await driver.logIn("bob")
            let message = sessionTestMessage()
            let announce = await driver.command("a APPEND INBOX (\\Seen $Work) \"05-Jan-2024 10:00:00 +0000\" {\(message.count)}")
            #expect(announce == "+ Ready for literal data\r\n")
            let done = await driver.sendBytes(message + Array("\r\n".utf8))
            #expect(done == "a OK [APPENDUID \(inbox.uidValidity) 1] APPEND completed\r\n")
            let snapshot = try await fixture.store.snapshot(of: inbox.id)
            #expect(snapshot.messages.first?.flags == MessageFlags(system: [.seen], keywords: ["$Work"]))
            #expect(snapshot.messages.first?.internalDate == Date(timeIntervalSince1970: 1_704_448_800))
        }
    }

    @Test("APPEND to a missing mailbox: NO [TRYCREATE] before the client sends the data")
    func appendTryCreate() async throws {
        try await withLoggedInSession { fixture, account, driver in
            let reply = await driver.command("a APPEND Missing {10}")
            #expect(reply.hasPrefix("a NO [TRYCREATE] "))
            #expect(!reply.contains("+ "))
            #expect(await driver.command("b NOOP") == "b OK NOOP completed\r\n")
        }
    }

    @Test("a large APPEND is spooled to a file piece by piece (bare LF stored as CRLF), and saved whole")
    func appendSpooled() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            let inbox = try await fixture.mailbox("INBOX", of: account)
            var driver = IMAPSessionDriver(fixture, configuration: .testing { $0.appendMemoryThreshold = 1024 })
            await driver.logIn("bob")
            let line = String(repeating: "y", count: 70) + "\n"
            let message = Array(("Subject: big\n\n" + String(repeating: line, count: 300)).utf8)
            #expect(await driver.command("a APPEND INBOX {\(message.count)+}") == "")
            var offset = 0
            while offset < message.count {
                let end = min(message.count, offset + 997)
                #expect(await driver.sendBytes(Array(message[offset..<end])) == "")
                offset = end
            }
            #expect(await driver.send("\r\n").hasPrefix("a OK [APPENDUID "))
            let spoolWrites = driver.requests.filter { if case .writeSpool = $0 { true } else { false } }
            #expect(spoolWrites.count > 1)
            let saved = try await fixture.store.content(of: UID(1), in: inbox.id)
            let expected = Array(String(decoding: message, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
            #expect(saved.bytes == expected)
        }
    }

    @Test("MULTIAPPEND saves every message and reports their UIDs")
    func multiappend() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            let inbox = try await fixture.mailbox("INBOX", of: account)
            var driver = IMAPSessionDriver(fixture)
            await driver.logIn("bob")
            let first = sessionTestMessage(subject: "one")
            let second = sessionTestMessage(subject: "two")
            let text = "a APPEND INBOX {\(first.count)+}\r\n" + String(decoding: first, as: UTF8.self)
                + " (\\Flagged) {\(second.count)+}\r\n" + String(decoding: second, as: UTF8.self) + "\r\n"
            #expect(await driver.send(text) == "a OK [APPENDUID \(inbox.uidValidity) 1:2] APPEND completed\r\n")
            #expect(try await fixture.store.snapshot(of: inbox.id).messages.map(\.flags.system) == [[], [.flagged]])
        }
    }

    @Test("APPEND before login is refused and its data skipped")
    func appendBeforeLogin() async throws {
        try await withSessionStore { fixture in
            var driver = IMAPSessionDriver(fixture)
            _ = await driver.start()
            #expect(await driver.send("a APPEND INBOX {5+}\r\nhello\r\nb NOOP\r\n") == "a BAD Log in first\r\nb OK NOOP completed\r\n")
        }
    }

    @Test("STORE answers FETCH FLAGS; UID STORE adds UID; .SILENT answers nothing; an unknown system flag is BAD")
    func store() async throws {
        try await withSelectedInbox(messages: 3) { fixture, account, driver in
            #expect(await driver.command("b STORE 1:2 +FLAGS (\\Seen)")
                == "* 1 FETCH (FLAGS (\\Seen))\r\n* 2 FETCH (FLAGS (\\Seen))\r\nb OK STORE completed\r\n")
            #expect(await driver.command("c UID STORE 3 FLAGS ($Junk)")
                == "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Junk)\r\n* 3 FETCH (UID 3 FLAGS ($Junk))\r\nc OK UID STORE completed\r\n")
            let replace = await driver.command("d UID STORE 3 FLAGS (\\Answered)")
            #expect(replace == "* 3 FETCH (UID 3 FLAGS (\\Answered))\r\nd OK UID STORE completed\r\n")
            #expect(await driver.command("e STORE 1 -FLAGS.SILENT (\\Seen)") == "e OK STORE completed\r\n")
            #expect(await driver.command("f STORE 1 +FLAGS (\\Bogus)") == "f BAD Unknown system flag \\Bogus\r\n")
            #expect(await driver.command("g STORE 4 +FLAGS (\\Seen)") == "g BAD Invalid message sequence number\r\n")
            #expect(await driver.command("h UID STORE 99 +FLAGS (\\Seen)") == "h OK UID STORE completed\r\n")
        }
    }

    @Test("a keyword new to the mailbox is announced with a FLAGS response first")
    func newKeyword() async throws {
        try await withSelectedInbox(messages: 1) { fixture, account, driver in
            #expect(await driver.command("b STORE 1 +FLAGS ($Important)")
                == "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Important)\r\n* 1 FETCH (FLAGS ($Important))\r\nb OK STORE completed\r\n")
        }
    }

    @Test("STORE UNCHANGEDSINCE: messages changed since are left alone and listed in MODIFIED (RFC 7162 §3.1.3)")
    func conditionalStore() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            for _ in 1...3 { try await fixture.deliver(to: account) }
            let inbox = try await fixture.mailbox("INBOX", of: account)
            let before = try await fixture.store.status(of: inbox.id).highestModSequence
            try await fixture.store.storeFlags(.add(MessageFlags(system: [.flagged])), on: UIDSet([UID(2)]), in: inbox.id)
            var driver = IMAPSessionDriver(fixture)
            await driver.logIn("bob")
            _ = await driver.command("a SELECT INBOX")
            let reply = await driver.command("b STORE 1:3 (UNCHANGEDSINCE \(before)) +FLAGS.SILENT (\\Deleted)")
            let lines = reply.responseLines
            #expect(lines.count == 3)
            #expect(lines[0].hasPrefix("* 1 FETCH (MODSEQ ("), "with .SILENT under CONDSTORE only MODSEQ is sent")
            #expect(lines[1].hasPrefix("* 3 FETCH (MODSEQ ("))
            #expect(lines[2] == "b OK [MODIFIED 2] STORE completed")
            let uidReply = await driver.command("c UID STORE 2 (UNCHANGEDSINCE \(before)) +FLAGS (\\Seen)")
            #expect(uidReply == "c OK [MODIFIED 2] UID STORE completed\r\n")
        }
    }

    @Test("EXPUNGE removes \\Deleted messages with EXPUNGE responses; UID EXPUNGE only the given ones")
    func expunge() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            for index in 1...5 {
                try await fixture.deliver(to: account, flags: index == 3 ? .none : MessageFlags(system: [.deleted]))
            }
            var driver = IMAPSessionDriver(fixture)
            await driver.logIn("bob")
            _ = await driver.command("a SELECT INBOX")
            #expect(await driver.command("b UID EXPUNGE 4:5") == "* 4 EXPUNGE\r\n* 4 EXPUNGE\r\nb OK UID EXPUNGE completed\r\n")
            #expect(await driver.command("c EXPUNGE") == "* 1 EXPUNGE\r\n* 1 EXPUNGE\r\nc OK EXPUNGE completed\r\n")
            #expect(driver.session.selected?.uids == [UID(3)])
            #expect(await driver.command("d EXPUNGE") == "d OK EXPUNGE completed\r\n")
        }
    }

    @Test("under QRESYNC expunges are told with VANISHED and EXPUNGE completes with HIGHESTMODSEQ")
    func expungeVanished() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            for _ in 1...3 { try await fixture.deliver(to: account, flags: MessageFlags(system: [.deleted])) }
            var driver = IMAPSessionDriver(fixture)
            await driver.logIn("bob")
            _ = await driver.command("a ENABLE QRESYNC")
            _ = await driver.command("b SELECT INBOX")
            let reply = await driver.command("c EXPUNGE")
            #expect(reply.hasPrefix("* VANISHED 1:3\r\nc OK [HIGHESTMODSEQ "))
        }
    }

    @Test("COPY answers COPYUID; MOVE sends COPYUID untagged, then the expunges; a missing target is TRYCREATE")
    func copyAndMove() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            for _ in 1...3 { try await fixture.deliver(to: account) }
            let trash = try await fixture.mailbox("Trash", of: account)
            var driver = IMAPSessionDriver(fixture)
            await driver.logIn("bob")
            _ = await driver.command("a SELECT INBOX")
            #expect(await driver.command("b COPY 1,3 Trash") == "b OK [COPYUID \(trash.uidValidity) 1,3 1:2] COPY completed\r\n")
            #expect(await driver.command("c UID MOVE 2:3 Trash")
                == "* OK [COPYUID \(trash.uidValidity) 2:3 3:4] Moved\r\n* 2 EXPUNGE\r\n* 2 EXPUNGE\r\nc OK UID MOVE completed\r\n")
            #expect(await driver.command("d MOVE 1 Nowhere").hasPrefix("d NO [TRYCREATE] "))
            #expect(await driver.command("e MOVE 2 Trash") == "e BAD Invalid message sequence number\r\n")
            #expect(try await fixture.store.status(of: trash.id).messages == 4)
        }
    }

    @Test("FETCH, SEARCH, SORT and THREAD answer NO until a handler is installed; the seam gets the session's view")
    func messageCommandsSeam() async throws {
        try await withSelectedInbox(messages: 2) { fixture, account, driver in
            #expect(await driver.command("b FETCH 1:* FLAGS") == "b NO [CANNOT] FETCH is not available yet\r\n")
            #expect(await driver.command("c UID SEARCH ALL") == "c NO [CANNOT] UID SEARCH is not available yet\r\n")
            guard case .messageCommand(let context) = driver.requests.last else {
                Issue.record("no message command request")
                return
            }
            #expect(context.messageUIDs == [UID(1), UID(2)])
            #expect(context.tag == "c")
        }
    }

    @Test("SEARCH, SORT and THREAD are marked as evaluating the whole mailbox (run off the event loop); FETCH and the rest are not")
    func wholeMailboxRequests() async throws {
        try await withSelectedInbox(messages: 2) { _, _, driver in
            for (line, whole) in [("a FETCH 1:* FLAGS", false), ("b UID SEARCH TEXT x", true), ("c SORT (DATE) UTF-8 ALL", true),
                                  ("d THREAD REFERENCES UTF-8 ALL", true), ("e STORE 1 +FLAGS (\\Seen)", false)] {
                _ = await driver.command(line)
                #expect(driver.requests.last?.evaluatesWholeMailbox == whole, "\(line)")
            }
        }
    }
}
