import Foundation
import NIOCore
import NIOPosix
import TestSupport
import Testing
@testable import martlet_bench

/// martlet-bench against tiny loopback servers the tests start: the real clients, event
/// loops and report, without depending on any installed server.
@Suite("End to end against loopback responders")
struct EndToEndTests {
    @Test func smtpSendsEveryMessagePipelined() async throws {
        let received = SMTPScript.Received()
        let responder = try await LoopbackResponder(group: MultiThreadedEventLoopGroup.singleton) { SMTPScript(received: received) }
        let command = try #require(try MartletBenchCommand.parseAsRoot([
            "smtp", "--host", "127.0.0.1", "--port", "\(responder.port)", "--users", "u%d@loop.test", "--user-count", "4",
            "--password", "x", "--clients", "3", "--messages", "30", "--messages-per-session", "4", "--size", "2000",
        ]) as? SMTPCommand)
        let report = try await command.report()
        try await responder.close()

        #expect(report.operations == 30)
        #expect(report.errors.total == 0, "\(report.errors.examples)")
        #expect(report.stoppedBy == "count")
        #expect(report.byOperation["connect"]?.count == report.counts["sessions"])
        let messages = received.messages.withLock { $0 }
        #expect(messages.count == 30)
        let identifiers = messages.compactMap { $0.first { $0.hasPrefix("Message-ID:") } }
        #expect(Set(identifiers).count == 30)
        #expect(messages.allSatisfy { $0.contains("") && $0.first?.hasPrefix("From: ") == true })
        #expect(messages.allSatisfy { abs($0.reduce(0) { $0 + $1.utf8.count + 2 } - 2000) < 200 })
    }

    @Test func pop3RetrievesAndDeletesEveryMessage() async throws {
        let maildrops = POP3Script.Maildrops(["u1@loop.test": 4, "u2@loop.test": 6])
        let responder = try await LoopbackResponder(group: MultiThreadedEventLoopGroup.singleton) { POP3Script(maildrops: maildrops) }
        let command = try #require(try MartletBenchCommand.parseAsRoot([
            "pop3", "--host", "127.0.0.1", "--port", "\(responder.port)", "--users", "u%d@loop.test", "--user-count", "2",
            // The run ends when both maildrops are empty; the duration only bounds a stalled run
            // (the whole suite on two busy cores once needed more than 30 s).
            "--password", "secret", "--clients", "2", "--messages-per-session", "3", "--duration", "120", "--json",
        ]) as? POP3Command)
        let report = try await command.report()
        try await responder.close()

        #expect(report.operations == 10)
        #expect(report.byOperation["dele"]?.count == 10)
        #expect(report.errors.total == 0, "\(report.errors.examples)")
        #expect(report.counts["clients-found-empty-maildrop"] == 2)
        // Sessions of at most 3 messages, numbered from 1 each time: u1 gets 1,2,3,1 and u2 1,2,3,1,2,3.
        // Each message loses one byte to dot-unstuffing.
        let expectedBytes = ([1, 2, 3, 1] + [1, 2, 3, 1, 2, 3]).map { POP3Script.message($0).utf8.count - 1 }.reduce(0, +)
        #expect(report.counts["bytes-retrieved"] == expectedBytes)
        #expect(maildrops.counts.withLock { $0 } == ["u1@loop.test": 0, "u2@loop.test": 0])
    }

    @Test func wrongPasswordIsCountedNotFatal() async throws {
        let maildrops = POP3Script.Maildrops(["u1@loop.test": 1])
        let responder = try await LoopbackResponder(group: MultiThreadedEventLoopGroup.singleton) { POP3Script(maildrops: maildrops) }
        // The run is the built executable in a process of its own: in this process its client
        // shares Swift concurrency's two threads with every test running at the same time,
        // and under a sanitizer a 30-s run once saw no login at all.
        let bench = try #require(BuiltProducts.executable(named: "martlet-bench"))
        let result = try await ChildProcess.run(bench, [
            "pop3", "--host", "127.0.0.1", "--port", "\(responder.port)", "--users", "u%d@loop.test", "--user-count", "1",
            "--password", "wrong", "--clients", "1", "--duration", "20", "--json",
        ], timeout: 120)
        try await responder.close()
        let report = try JSONDecoder.snakeCase.decode(BenchReport.self, from: Data(result.standardOutput.utf8))
        #expect(report.operations == 0)
        #expect((report.errors.byKind["pop3-err"] ?? 0) > 0, "\(report.errors.byKind) \(report.errors.examples)")
        #expect(report.stoppedBy == "duration")
    }

    @Test func plaintextSentAfterTheSTARTTLSReplyIsRefused() async throws {
        let received = SMTPScript.Received()
        let responder = try await LoopbackResponder(group: MultiThreadedEventLoopGroup.singleton) {
            SMTPScript(received: received, starttlsAnswer: "220 2.0.0 go ahead\r\n250-injected\r\n250 PIPELINING\r\n")
        }
        let endpoint = ClientConnection.Endpoint(
            host: "127.0.0.1", port: responder.port, tls: try TLSClientContext.make(), implicitTLS: false, timeout: .seconds(10))
        await #expect(throws: BenchError.dataBeforeTLS("250-injected\r\n250 PIPELINING\r\n".utf8.count)) {
            _ = try await SMTPClientSession.open(endpoint, group: MultiThreadedEventLoopGroup.singleton, startTLS: true, heloName: "t")
        }
        try await responder.close()
    }

    @Test func aClosedPortIsAConnectError() async throws {
        let responder = try await LoopbackResponder(group: MultiThreadedEventLoopGroup.singleton) { SMTPScript(received: .init()) }
        let port = responder.port
        try await responder.close()
        let endpoint = ClientConnection.Endpoint(host: "127.0.0.1", port: port, tls: nil, implicitTLS: false, timeout: .seconds(5))
        await #expect(throws: BenchError.self) {
            _ = try await ClientConnection.connect(to: endpoint, group: MultiThreadedEventLoopGroup.singleton)
        }
    }
}
