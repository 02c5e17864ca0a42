import Foundation
import MailCore
import MailStore
import Testing
@testable import IMAPProtocol

/// RFC 8474 through the session and a real store: MAILBOXID on SELECT and CREATE, FETCH
/// and SEARCH of EMAILID and THREADID.
@Suite("IMAP session: OBJECTID (RFC 8474)")
struct SessionObjectIDTests {
    /// The single identifier in `response` after `item`, e.g. `EMAILID (` → what follows up to `)`.
    private func identifier(after item: String, in response: String) -> String? {
        guard let start = response.range(of: item + " (") else { return nil }
        let rest = response[start.upperBound...]
        guard let end = rest.firstIndex(of: ")") else { return nil }
        return String(rest[..<end])
    }

    @Test("SELECT, EXAMINE and CREATE report the MAILBOXID that STATUS reports")
    func mailboxIDs() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            let inbox = try await fixture.mailbox("INBOX", of: account)
            var driver = IMAPSessionDriver(fixture)
            await driver.logIn("bob")
            let selected = await driver.command("s SELECT INBOX")
            #expect(selected.contains("* OK [MAILBOXID (M\(inbox.id.rawValue))] "), "\(selected)")
            let examined = await driver.command("e EXAMINE INBOX")
            #expect(examined.contains("* OK [MAILBOXID (M\(inbox.id.rawValue))] "), "\(examined)")

            let created = await driver.command("c CREATE Projects")
            let projects = try await fixture.mailbox("Projects", of: account)
            #expect(created == "c OK [MAILBOXID (M\(projects.id.rawValue))] CREATE completed\r\n")
            #expect(projects.id != inbox.id)
            let status = await driver.command("t STATUS Projects (MAILBOXID)")
            #expect(status.hasPrefix("* STATUS Projects (MAILBOXID (M\(projects.id.rawValue)))\r\n"), "\(status)")
            // A rename keeps the identifier (RFC 8474 §4.2).
            _ = await driver.command("r RENAME Projects Work")
            let renamed = await driver.command("u STATUS Work (MAILBOXID)")
            #expect(renamed.hasPrefix("* STATUS Work (MAILBOXID (M\(projects.id.rawValue)))\r\n"), "\(renamed)")
            let failed = await driver.command("d CREATE Work")
            #expect(failed.hasPrefix("d NO [ALREADYEXISTS]"), "\(failed)")
        }
    }

    @Test("FETCH EMAILID and THREADID give the same identifiers after UID COPY and UID MOVE; SEARCH finds them")
    func fetchAndSearchAcrossCopyAndMove() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            try await fixture.deliver(to: account, subject: "one")
            try await fixture.deliver(to: account, subject: "two")
            var driver = IMAPSessionDriver(fixture)
            driver.messageCommands = StoreMessageCommands()
            await driver.logIn("bob")
            _ = await driver.command("c1 CREATE Archive")
            _ = await driver.command("c2 CREATE Other")
            _ = await driver.command("s SELECT INBOX")

            let fetched = await driver.command("f UID FETCH 2 (EMAILID THREADID)")
            let emailID = try #require(identifier(after: "EMAILID", in: fetched), "\(fetched)")
            let threadID = try #require(identifier(after: "THREADID", in: fetched), "\(fetched)")
            #expect(fetched == "* 2 FETCH (UID 2 EMAILID (\(emailID)) THREADID (\(threadID)))\r\nf OK UID FETCH completed\r\n")
            let first = await driver.command("g FETCH 1 EMAILID")
            #expect(identifier(after: "EMAILID", in: first) != emailID, "\(first)")

            #expect(await driver.command("h UID SEARCH EMAILID \(emailID)") == "* SEARCH 2\r\nh OK UID SEARCH completed\r\n")
            #expect(await driver.command("i SEARCH THREADID \(threadID)") == "* SEARCH 2\r\ni OK SEARCH completed\r\n")
            #expect(await driver.command("j SEARCH NOT EMAILID \(emailID)") == "* SEARCH 1\r\nj OK SEARCH completed\r\n")
            #expect(await driver.command("k SEARCH EMAILID E0") == "* SEARCH\r\nk OK SEARCH completed\r\n")

            _ = await driver.command("l UID COPY 2 Archive")
            _ = await driver.command("m UID MOVE 2 Other")
            for name in ["Archive", "Other"] {
                _ = await driver.command("n SELECT \(name)")
                let copied = await driver.command("o FETCH 1 (EMAILID THREADID)")
                #expect(copied == "* 1 FETCH (EMAILID (\(emailID)) THREADID (\(threadID)))\r\no OK FETCH completed\r\n")
                #expect(await driver.command("p SEARCH EMAILID \(emailID)") == "* SEARCH 1\r\np OK SEARCH completed\r\n")
            }
        }
    }
}
