import Foundation
import NIOPosix
import Testing
@testable import martlet_bench

/// The flood workload against `FakeMailServer`: small counts, a short baseline, and a
/// server that limits connections per address and ends sessions with 421.
@Suite("flood: end to end against a fake server")
struct FloodEndToEndTests {
    @Test(.timeLimit(.minutes(2)))
    func floodHoldAndLegitimateClientAreCountedApart() async throws {
        let server = FakeMailServer(maximumPerAddress: 5, messagesPerSession: 10)
        let group = MultiThreadedEventLoopGroup.singleton
        let smtpPort = try await server.listen(.smtp, group: group)
        let imapPort = try await server.listen(.imap, group: group)
        let command = try #require(try MartletBenchCommand.parseAsRoot([
            "flood", "--user", "legit@fake.test", "--password", "secret",
            "--smtp-port", "\(smtpPort)", "--submission-port", "\(smtpPort)", "--imap-port", "\(imapPort)",
            "--submission-security", "plain", "--imap-security", "plain",
            "--hold-connections", "20", "--flood-messages", "50", "--flood-concurrency", "3",
            "--baseline-seconds", "2", "--min-seconds", "3", "--max-seconds", "60", "--legit-interval", "0.5",
            "--server-pid", "\(ProcessInfo.processInfo.processIdentifier)", "--timeout", "20",
        ]) as? FloodCommand)
        let report = try await command.report()
        let counts = server.counts.withLock { $0 }
        // Every connection was closed by the client; the server sees the closes soon after.
        var stillOpen = counts.openPerAddress.values.reduce(0, +)
        for _ in 0..<100 where stillOpen > 0 {
            try await Task.sleep(for: .milliseconds(100))
            stillOpen = server.counts.withLock { $0.openPerAddress.values.reduce(0, +) }
        }
        try await server.close()
        #expect(stillOpen == 0)

        // Held: 5 admitted from the hold address, the other 15 refused in SMTP's words.
        #expect(report.hold.fates["held-to-end"] == 5, "\(report.hold)")
        #expect(report.hold.fates["refused-with-reply"] == 15, "\(report.hold)")
        #expect(report.hold.fates.values.reduce(0, +) == 20)
        #expect(report.hold.examples["refused-with-reply"]?.hasPrefix("421") == true)
        #expect(counts.refusedPerAddress["127.0.0.10"] == 15)

        // Flood: every message attempted, each with one outcome; the 421 after ten
        // messages per session is a refusal, and the senders reconnect.
        let flood = report.flood
        #expect(report.floodStoppedBy == "all-attempted")
        #expect(flood.attempted == 50)
        #expect(flood.accepted + flood.refused4xx + flood.refused5xx + flood.connectionErrors == 50)
        #expect(flood.accepted == counts.messagesPerAddress["127.0.0.11"])
        #expect(flood.refused4xx >= 1)
        #expect(flood.sessionsOpened >= 4)
        #expect(flood.serverCloses >= 1)
        #expect(flood.refused5xx == 0)

        // Legitimate client: from its own address, in both phases, without failures.
        for figures in report.legitimate {
            #expect(figures.baseline.count >= 1, "\(figures)")
            #expect(figures.flood.count >= 1, "\(figures)")
            #expect(figures.baseline.failures == 0 && figures.flood.failures == 0, "\(figures)")
            #expect(figures.baseline.latencyMs != nil && figures.flood.latencyMs != nil)
        }
        let legitimateMessages = counts.messagesPerAddress["127.0.0.12"] ?? 0
        let submissions = report.legitimate.first { $0.operation == "submission-send" }
        #expect(legitimateMessages == (submissions?.baseline.count ?? 0) + (submissions?.flood.count ?? 0))
        #expect(counts.imapLogins >= 2)

        // Memory of the process given (here the test's own): sampled in every phase.
        let memory = try #require(report.memory)
        #expect(memory.samples >= 2)
        #expect(memory.baselinePeakKilobytes != nil && memory.floodPeakKilobytes != nil && memory.afterKilobytes != nil)
        #expect(!memory.serverGone)

        let text = FloodReportTable.render(report)
        #expect(text.contains("held-to-end: 5"))
        #expect(text.contains("imap-login"))
        #expect(try report.json().contains("\"flood_stopped_by\":\"all-attempted\""))
    }
}
