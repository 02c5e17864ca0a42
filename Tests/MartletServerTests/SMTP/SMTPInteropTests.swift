import Foundation
import MailCore
import MailStore
import Testing
import TestSupport

/// The SMTP listeners of `martlet dev` against real clients: Python's smtplib (STARTTLS,
/// AUTH PLAIN and LOGIN, an 8-bit body, SMTPUTF8, implicit TLS) and raw sockets (talking
/// before the greeting, the STARTTLS injection, BDAT), then the store read back byte-exact.
@Suite("SMTP with real clients")
struct SMTPInteropTests {
    @Test func pythonClientsDeliverAndRelayTricksAreRefused() async throws {
        let server = try await DevServer.start(prefix: "martlet-smtp")
        defer { server.cleanUp() }
        let run = try await server.runScript("smtp_interop", timeout: 120)
        #expect(run.status == 0, "\(run.output)")
        try await server.stop()

        let store = try await SQLiteMailStore.open(directory: server.data)
        let account = try #require(try await store.account(for: EmailAddress(parsing: "demo@localhost")))
        let inbox = try await store.mailbox(named: .inbox, of: account.id)
        let snapshot = try await store.snapshot(of: inbox.id)
        var texts: [String] = []
        for message in snapshot.messages {
            texts.append(String(decoding: try await store.content(of: message.uid, in: inbox.id).bytes, as: UTF8.self))
        }
        let queued = try await store.queueEntries()
        await store.close()
        // 8-bit, bounce to DEMO@LOCALHOST., PLAIN, LOGIN, SMTPUTF8, 465, mixed, BDAT, the two
        // swaks messages and the large one: nothing else (not the one cut off).
        #expect(texts.count == 11, "\(texts.map { $0.prefix(300) })")
        #expect(texts.contains { $0.contains("Subject: mixed") })
        // The remote recipient waits in the outbound queue with its envelope.
        let entry = try #require(queued.first)
        #expect(queued.count == 2)
        #expect(queued.last?.envelope.sender == "demo@localhost")
        #expect(queued.last?.recipients.map(\.recipient.address) == ["friend@remote.example"])
        #expect(entry.envelope.sender == "demo@localhost")
        #expect(entry.envelope.envelopeID == "mixed-1")
        #expect(entry.envelope.returnsFullMessage == false)
        #expect(entry.recipients.map(\.recipient.address) == ["friend@remote.example"])
        #expect(entry.recipients.first?.recipient.notify == [.failure, .delay])
        // Not delivered: the test's DNS server does not answer, so the attempt is deferred.
        #expect(entry.recipients.first?.state == .pending || entry.recipients.first?.state == .deferred)
        let eightBit = try #require(texts.first { $0.contains("Subject: 8-bit") })
        #expect(eightBit.hasPrefix("Return-Path: <someone@example.org>\r\nReceived: from "))
        #expect(eightBit.contains("with ESMTPS id "))
        // The TLS version and the cipher suite read from the server's ServerHello (Python's
        // ssl negotiates TLS 1.3, whose suites are the three TLS_*_SHA* of RFC 8446 §B.4).
        #expect(eightBit.contains("\r\n\t(using TLSv1.3 with cipher TLS_"), "\(eightBit.prefix(400))")
        #expect(eightBit.hasSuffix("\r\n\r\nGrüße\r\n.\r\n..two dots\r\n"))
        let bounce = try #require(texts.first { $0.contains("Subject: bounce") })
        #expect(bounce.hasPrefix("Return-Path: <>\r\n"))
        let submitted = try #require(texts.first { $0.contains("Subject: via PLAIN") })
        #expect(submitted.contains("with ESMTPSA id "))
        #expect(submitted.contains("(authenticated as demo@localhost)"))
        #expect(submitted.contains(" with cipher TLS_"))
        #expect(submitted.contains("\r\nDate: ") && submitted.contains("\r\nMessage-ID: <"))
        #expect(texts.contains { $0.contains("with UTF8SMTPSA id ") })
        #expect(texts.contains { $0.hasSuffix("Subject: chunked\r\n\r\nBDAT body\r\n") })
        let swaksRelayed = try #require(texts.first { $0.contains("Subject: swaks pipelined") })
        #expect(swaksRelayed.hasPrefix("Return-Path: <swaks@example.org>\r\n"))
        #expect(swaksRelayed.contains("\r\n\r\nsent by swaks\r\n"))
        let swaksSubmitted = try #require(texts.first { $0.contains("Subject: swaks submitted") })
        #expect(swaksSubmitted.contains("with ESMTPSA id "))
        #expect(!texts.contains { $0.contains("Subject: spoof") || $0.contains("Subject: relay") })
    }
}
