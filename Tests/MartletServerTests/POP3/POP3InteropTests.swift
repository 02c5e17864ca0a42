import Foundation
import MailCore
import MailStore
import Testing
import TestSupport

/// The POP3 listeners of `martlet dev` against real clients: Python's poplib over STLS and
/// port 995 (every command, [IN-USE], QUIT semantics, a drop without QUIT, a delivery
/// during a session) and Debian's fetchmail collecting with keep and with delete.
@Suite("POP3 with real clients")
struct POP3InteropTests {
    @Test func poplibAndFetchmailCollectMail() async throws {
        let server = try await DevServer.start(prefix: "martlet-pop3")
        defer { server.cleanUp() }
        let run = try await server.runScript("pop3_interop", timeout: 240)
        #expect(run.status == 0, "\(run.output)")
        try await server.stop()

        // POP3's deletions were ordinary expunges: INBOX is empty, the store consistent.
        let store = try await SQLiteMailStore.open(directory: server.data)
        let account = try #require(try await store.account(for: EmailAddress(parsing: "demo@localhost")))
        let inbox = try await store.mailbox(named: .inbox, of: account.id)
        #expect(try await store.snapshot(of: inbox.id).messages.isEmpty)
        #expect(try await store.checkInvariants().isEmpty)
        await store.close()
    }

    /// POP3 and IMAP on one maildrop while SMTP delivers (issue 6's concurrency test): an
    /// IMAP expunge during a POP3 session, then collectors racing deliveries; nothing lost
    /// or duplicated, every view valid (see the script).
    @Test func pop3AndIMAPShareTheMaildropWhileMailArrives() async throws {
        let server = try await DevServer.start(prefix: "martlet-pop3-imap")
        defer { server.cleanUp() }
        let run = try await server.runScript("pop3_imap_concurrency", timeout: 240)
        #expect(run.status == 0, "\(run.output)")
        try await server.stop()
        let store = try await SQLiteMailStore.open(directory: server.data)
        #expect(try await store.checkInvariants().isEmpty)
        await store.close()
    }
}
