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
        let martlet = try MartletExecutable()
        let folder = try TemporaryDirectory(prefix: "martlet-smtp")
        defer { folder.remove() }
        let data = folder.appending("data")
        let portBase = 43000
        let server = try RunningProcess(martlet.url, ["dev", "--data", data, "--port-base", "\(portBase)"])
        defer { server.stop() }
        let ready = try await server.waitForLine(containing: "Ready.")
        let passwordLine = try #require(ready.first { $0.contains("password:") })
        let password = try #require(passwordLine.split(separator: " ").dropFirst().first.map(String.init))

        let script = try #require(Bundle.module.path(forResource: "smtp_interop", ofType: "py"))
        let client = try RunningProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script],
                                        environment: ProcessInfo.processInfo.environment.merging(
                                            ["PORT_BASE": "\(portBase)", "DEMO_PASSWORD": password]) { $1 })
        let status = try await client.waitForExit(timeout: 120)
        #expect(status == 0, "\(client.lines.joined(separator: "\n"))\n\(client.standardError)")
        #expect(client.lines.contains("done"))

        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)

        let store = try await SQLiteMailStore.open(directory: data)
        let account = try #require(try await store.account(for: EmailAddress(parsing: "demo@localhost")))
        let inbox = try await store.mailbox(named: .inbox, of: account.id)
        let snapshot = try await store.snapshot(of: inbox.id)
        var texts: [String] = []
        for message in snapshot.messages {
            texts.append(String(decoding: try await store.content(of: message.uid, in: inbox.id).bytes, as: UTF8.self))
        }
        await store.close()
        // 8-bit, bounce to DEMO@LOCALHOST., PLAIN, LOGIN, SMTPUTF8, 465, BDAT: nothing else.
        #expect(texts.count == 7, "\(texts)")
        let eightBit = try #require(texts.first { $0.contains("Subject: 8-bit") })
        #expect(eightBit.hasPrefix("Return-Path: <someone@example.org>\r\nReceived: from "))
        #expect(eightBit.contains("with ESMTPS id "))
        #expect(eightBit.hasSuffix("\r\n\r\nGrüße\r\n.\r\n..two dots\r\n"))
        let bounce = try #require(texts.first { $0.contains("Subject: bounce") })
        #expect(bounce.hasPrefix("Return-Path: <>\r\n"))
        let submitted = try #require(texts.first { $0.contains("Subject: via PLAIN") })
        #expect(submitted.contains("with ESMTPSA id "))
        #expect(submitted.contains("(authenticated as demo@localhost)"))
        #expect(submitted.contains("\r\nDate: ") && submitted.contains("\r\nMessage-ID: <"))
        #expect(texts.contains { $0.contains("with UTF8SMTPSA id ") })
        #expect(texts.contains { $0.hasSuffix("Subject: chunked\r\n\r\nBDAT body\r\n") })
        #expect(!texts.contains { $0.contains("Subject: spoof") || $0.contains("Subject: relay") })
    }
}
