import Foundation
import MailCore
import MailStore
import Testing
import TestSupport

/// The IMAP listeners of `martlet dev` against real clients: Python's imaplib over STARTTLS
/// and port 993 (mailboxes, every FETCH item, SEARCH, SORT, THREAD, STORE, COPY, MOVE,
/// APPEND, EXPUNGE, IDLE with the delay after an SMTP delivery, two sessions on one
/// mailbox, CONDSTORE and QRESYNC resync), imapclient, and Debian's mbsync syncing a
/// Maildir both ways; then the store read back.
@Suite("IMAP with real clients")
struct IMAPInteropTests {
    @Test func imaplibImapclientAndMbsyncAgreeWithTheServer() async throws {
        let server = try await DevServer.start(prefix: "martlet-imap")
        defer { server.cleanUp() }
        let run = try await server.runScript("imap_interop", timeout: 240)
        #expect(run.status == 0, "\(run.output)")
        try await server.stop()

        let store = try await SQLiteMailStore.open(directory: server.data)
        let account = try #require(try await store.account(for: EmailAddress(parsing: "demo@localhost")))

        // INBOX: mbsync's upload arrived, the message expunged on the server stayed gone,
        // and the flags set over IMAP (a keyword) and from the Maildir (\Flagged) are stored.
        let inbox = try await store.mailbox(named: .inbox, of: account.id)
        var inboxTexts: [(text: String, flags: MessageFlags)] = []
        for message in try await store.snapshot(of: inbox.id).messages {
            let content = try await store.content(of: message.uid, in: inbox.id)
            inboxTexts.append((text: String(decoding: content.bytes, as: UTF8.self), flags: message.flags))
        }
        #expect(inboxTexts.contains { $0.text.contains("Message-ID: <maildir-1@example.org>") }, "\(inboxTexts.map(\.text))")
        #expect(!inboxTexts.contains { $0.text.contains("Message-ID: <report-1@example.net>") })
        let alpha = try #require(inboxTexts.first { $0.text.contains("Message-ID: <alpha-1@example.org>") })
        #expect(alpha.flags.system.contains(.flagged))
        #expect(alpha.flags.system.contains(.answered))
        #expect(alpha.flags.keywords.contains { $0.lowercased() == "$forwarded" }, "\(alpha.flags)")

        // Drafts: the APPENDed draft byte-exact with its flags, and imapclient's append.
        let drafts = try await store.mailbox(named: MailboxName("Drafts"), of: account.id)
        let draft = "From: demo@localhost\r\nTo: friend@example.org\r\nSubject: Draft with flags\r\n"
            + "Date: Fri, 05 Mar 2021 10:11:12 +0100\r\nMessage-ID: <draft-1@localhost>\r\n\r\n"
            + "Not sent yet.\r\n\u{e4} 8-bit line\r\n"
        var draftFound = false
        let draftMessages = try await store.snapshot(of: drafts.id).messages
        for message in draftMessages {
            let content = try await store.content(of: message.uid, in: drafts.id)
            if content.bytes == Array(draft.utf8) {
                draftFound = true
                #expect(message.flags.system == [.draft, .seen], "\(message.flags)")
            }
        }
        #expect(draftFound)
        #expect(draftMessages.count == 2)

        // Archive: the two COPYs, the MOVE from imaplib and the move from imapclient.
        let archive = try await store.mailbox(named: MailboxName("Archive"), of: account.id)
        #expect(try await store.snapshot(of: archive.id).messages.count == 4)

        // The scratch mailboxes the script created are gone again.
        let names = Set(try await store.mailboxes(of: account.id).map(\.name.rawValue))
        #expect(names == ["INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive"], "\(names)")
        #expect(try await store.checkInvariants().isEmpty)
        await store.close()
    }
}
