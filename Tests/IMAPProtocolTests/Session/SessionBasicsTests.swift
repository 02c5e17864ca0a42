import Foundation
import MailCore
import MailStore
import Testing
@testable import IMAPProtocol

@Suite("IMAP session: greeting, capabilities, states and limits")
struct SessionBasicsTests {
    @Test("the greeting carries the capabilities; before TLS LOGIN is disabled and PLAIN is not offered")
    func greetingBeforeTLS() async throws {
        try await withSessionStore { fixture in
            var driver = IMAPSessionDriver(fixture, tls: false)
            let greeting = await driver.start()
            #expect(greeting.hasPrefix("* OK [CAPABILITY IMAP4rev1 IMAP4rev2 STARTTLS LOGINDISABLED AUTH=SCRAM-SHA-256 SASL-IR"))
            #expect(!greeting.contains("AUTH=PLAIN"))
            let capability = await driver.command("a CAPABILITY")
            #expect(capability.responseLines.first?.contains("LOGINDISABLED") == true)
            #expect(capability.responseLines.last == "a OK CAPABILITY completed")
        }
    }

    @Test("over TLS: no STARTTLS, no LOGINDISABLED, PLAIN offered; after login no AUTH= at all")
    func capabilitiesOverTLSAndAfterLogin() async throws {
        try await withSessionStore { fixture in
            try await fixture.addUser("bob")
            var driver = IMAPSessionDriver(fixture, tls: true)
            let greeting = await driver.start()
            #expect(!greeting.contains("STARTTLS"))
            #expect(!greeting.contains("LOGINDISABLED"))
            #expect(greeting.contains("AUTH=PLAIN"))
            let login = await driver.command("a LOGIN bob@example.test secret")
            #expect(login.hasPrefix("a OK [CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL+"))
            #expect(!login.contains("AUTH="))
            #expect(login.contains("QRESYNC") && login.contains("UIDPLUS") && login.contains("MOVE"))
        }
    }

    @Test("an operator's plaintext option allows LOGIN without TLS")
    func plaintextOption() async throws {
        try await withSessionStore { fixture in
            try await fixture.addUser("bob")
            var driver = IMAPSessionDriver(fixture, configuration: .testing { $0.allowsPlaintextAuthentication = true },
                                           tls: false)
            let greeting = await driver.start()
            #expect(!greeting.contains("LOGINDISABLED"))
            #expect(greeting.contains("STARTTLS"))
            #expect(await driver.command("a LOGIN bob@example.test secret").contains("a OK"))
        }
    }

    @Test("NOOP, ID and LOGOUT work in every state")
    func anyStateCommands() async throws {
        try await withSessionStore { fixture in
            try await fixture.addUser("bob")
            var driver = IMAPSessionDriver(fixture)
            _ = await driver.start()
            #expect(await driver.command("a NOOP") == "a OK NOOP completed\r\n")
            #expect(await driver.command("b ID (\"name\" \"test\")") == "* ID (\"name\" \"Martlet\")\r\nb OK ID completed\r\n")
            _ = await driver.command("c LOGIN bob@example.test secret")
            #expect(await driver.command("d NOOP") == "d OK NOOP completed\r\n")
            _ = await driver.command("e SELECT INBOX")
            #expect(await driver.command("f NOOP") == "f OK NOOP completed\r\n")
            #expect(await driver.command("g LOGOUT") == "* BYE Logging out\r\ng OK LOGOUT completed\r\n")
            #expect(driver.closed)
            #expect(driver.session.state == .logout)
            #expect(await driver.command("h NOOP") == "")
        }
    }

    @Test("commands in the wrong state are answered BAD", arguments: [
        "SELECT INBOX", "CREATE x", "LIST \"\" *", "STATUS INBOX (MESSAGES)", "ENABLE CONDSTORE", "IDLE",
        "NAMESPACE", "EXPUNGE", "FETCH 1 FLAGS",
    ])
    func beforeLogin(command: String) async throws {
        try await withSessionStore { fixture in
            var driver = IMAPSessionDriver(fixture)
            _ = await driver.start()
            let reply = await driver.command("t \(command)")
            #expect(reply == "t BAD Log in first\r\n")
            #expect(driver.requests.isEmpty)
        }
    }

    @Test("selected-state commands need a selected mailbox", arguments: [
        "CLOSE", "UNSELECT", "EXPUNGE", "UID EXPUNGE 1", "CHECK", "FETCH 1 FLAGS", "STORE 1 +FLAGS (\\Seen)",
        "COPY 1 Trash", "MOVE 1 Trash", "UID SEARCH ALL",
    ])
    func withoutSelection(command: String) async throws {
        try await withLoggedInSession { fixture, account, driver in
            #expect(await driver.command("t \(command)") == "t BAD No mailbox selected\r\n")
        }
    }

    @Test("LOGIN, AUTHENTICATE and STARTTLS after login are BAD; ENABLE while selected is BAD")
    func afterLogin() async throws {
        try await withLoggedInSession { fixture, account, driver in
            #expect(await driver.command("a LOGIN bob@example.test secret") == "a BAD Already logged in\r\n")
            #expect(await driver.command("b AUTHENTICATE PLAIN") == "b BAD Already logged in\r\n")
            #expect(await driver.command("c STARTTLS") == "c BAD TLS is already active\r\n")
            #expect(await driver.command("d NOOP") == "d OK NOOP completed\r\n", "the parser resumed after STARTTLS")
            _ = await driver.command("e SELECT INBOX")
            #expect(await driver.command("f ENABLE QRESYNC") == "f BAD ENABLE is not allowed while a mailbox is selected\r\n")
        }
    }

    @Test("ENABLE answers what it turned on, once; QRESYNC implies CONDSTORE")
    func enable() async throws {
        try await withLoggedInSession { fixture, account, driver in
            #expect(await driver.command("a ENABLE QRESYNC X-UNKNOWN utf8=accept")
                == "* ENABLED QRESYNC UTF8=ACCEPT\r\na OK ENABLE completed\r\n")
            #expect(await driver.command("b ENABLE QRESYNC CONDSTORE") == "* ENABLED\r\nb OK ENABLE completed\r\n")
            #expect(driver.session.enabled.condStore && driver.session.enabled.qresync && driver.session.enabled.usesUTF8)
        }
    }

    @Test("too many commands before login close the connection")
    func commandsBeforeLogin() async throws {
        try await withSessionStore { fixture in
            var limits = Limits()
            limits.maxCommandsBeforeLogin = 3
            var driver = IMAPSessionDriver(fixture, configuration: .testing { $0.limits = limits })
            _ = await driver.start()
            for index in 1...3 { #expect(await driver.command("a\(index) NOOP").contains("OK")) }
            #expect(await driver.command("a4 NOOP") == "* BYE Too many commands before login\r\n")
            #expect(driver.closed)
        }
    }

    @Test("too many bad commands close the connection")
    func badCommands() async throws {
        try await withSessionStore { fixture in
            try await fixture.addUser("bob")
            var limits = Limits()
            limits.maxBadCommands = 3
            var driver = IMAPSessionDriver(fixture, configuration: .testing { $0.limits = limits })
            await driver.logIn("bob")
            _ = await driver.command("a FROB")
            _ = await driver.command("b EXPUNGE")
            let last = await driver.command("c ")
            #expect(last.hasSuffix("* BYE Too many invalid commands\r\n"))
            #expect(driver.closed)
        }
    }

    @Test("the idle timeout is short before login and 30 minutes after; timing out and shutting down say BYE")
    func timeouts() async throws {
        try await withSessionStore { fixture in
            try await fixture.addUser("bob")
            var driver = IMAPSessionDriver(fixture)
            _ = await driver.start()
            #expect(driver.session.idleTimeoutSeconds == 60)
            _ = await driver.command("a LOGIN bob@example.test secret")
            #expect(driver.session.idleTimeoutSeconds == 1800)
            await driver.perform(driver.session.timedOut())
            let bye = driver.takeOutput()
            #expect(bye == "* BYE Autologout; idle for too long\r\n")
            #expect(driver.closed)

            var other = IMAPSessionDriver(fixture)
            _ = await other.start()
            await other.perform(other.session.shutDown())
            let shutdown = other.takeOutput()
            #expect(shutdown == "* BYE Server shutting down\r\n")
            #expect(other.closed)
        }
    }

    @Test("pipelined commands are answered in order, in one write")
    func pipelining() async throws {
        try await withSessionStore { fixture in
            try await fixture.addUser("bob")
            var driver = IMAPSessionDriver(fixture)
            _ = await driver.start()
            let reply = await driver.send("a NOOP\r\nb LOGIN bob@example.test secret\r\nc SELECT INBOX\r\nd NOOP\r\n")
            let tags = reply.responseLines.compactMap { line in line.hasPrefix("*") ? nil : line.split(separator: " ").first }
            #expect(tags == ["a", "b", "c", "d"])
        }
    }
}

@Suite("IMAP session: COMPRESS and output pieces")
struct SessionCompressionTests {
    @Test("COMPRESS DEFLATE, where offered after login: OK, then the octets after it are handed back to inflate")
    func compress() async throws {
        try await withSessionStore { fixture in
            try await fixture.addUser("bob")
            var driver = IMAPSessionDriver(fixture, configuration: .testing { $0.offersCompression = true })
            let greeting = await driver.start()
            #expect(!greeting.contains("COMPRESS=DEFLATE"), "not before login")
            #expect(await driver.command("a COMPRESS DEFLATE") == "a BAD Log in first\r\n")
            let login = await driver.command("b LOGIN bob@example.test secret")
            #expect(login.contains("COMPRESS=DEFLATE"))
            #expect(await driver.send("c COMPRESS DEFLATE\r\nd NOOP\r\n") == "c OK DEFLATE active\r\nd OK NOOP completed\r\n")
            #expect(driver.session.isCompressionActive)
            #expect(await driver.command("e COMPRESS DEFLATE") == "e NO [COMPRESSIONACTIVE] Compression is already active\r\n")
        }
    }

    @Test("a large answer is handed over in pieces of about the configured size")
    func outputPieces() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            for index in 0..<40 { try await fixture.deliver(to: account, subject: "message \(index)") }
            var driver = IMAPSessionDriver(fixture, configuration: .testing { $0.outputChunkSize = 256 })
            await driver.logIn("bob")
            _ = await driver.command("a SELECT INBOX")
            let actions = driver.session.receive(Array("b STORE 1:* +FLAGS (\\Seen)\r\n".utf8))
            #expect(actions.count == 1)
            guard case .execute(let request) = actions.first, let executor = driver.executor else {
                Issue.record("expected a store request")
                return
            }
            let answer = driver.session.executed(await executor.execute(request))
            let pieces = answer.compactMap { action -> [UInt8]? in if case .send(let bytes) = action { bytes } else { nil } }
            #expect(pieces.count > 3)
            #expect(pieces.dropLast().allSatisfy { $0.count >= 256 && $0.count < 512 })
            let text = String(decoding: pieces.joined(), as: UTF8.self)
            #expect(text.responseLines.count == 41)
        }
    }
}
