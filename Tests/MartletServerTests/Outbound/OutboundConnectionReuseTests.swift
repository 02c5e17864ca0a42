import DNSResolver
import Foundation
import MailCore
@testable import MartletServer
import NIOCore
import NIOPosix
import NIOSSL
import SMTPProtocol
import Testing

@Suite("Outbound: connection reuse")
struct OutboundConnectionReuseTests {
    private static func connector(group: any EventLoopGroup, port: Int, cache: OutboundConnectionCache?) throws -> OutboundSMTPConnector {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        let context = try NIOSSLContext(configuration: tls)
        return OutboundSMTPConnector(eventLoopGroup: group, port: port, connectTimeout: .seconds(5),
                                     opportunisticTLS: context, verifiedTLS: context, connectionCache: cache,
                                     convertToSevenBit: { _, _ in nil })
    }

    private static func messages(_ prefix: String, count: Int) throws -> [(SMTPOutboundMessage, [UInt8])] {
        let recipient = SMTPEnvelopeRecipient(path: .mailbox(try EmailAddress(parsing: "r@sink.test")))
        let content = Array("Subject: test\r\n\r\nhello\r\n".utf8)
        return try (0..<count).map { index in
            (SMTPOutboundMessage(identifier: "\(prefix)\(index)", sender: .mailbox(try EmailAddress(parsing: "s@martlet.test")),
                                 recipients: [recipient], size: content.count), content)
        }
    }

    private static func delivered(_ report: OutboundConnectionReport) -> Int {
        report.results.flatMap(\.recipientResults).filter {
            if case .delivered = $0.outcome { true } else { false }
        }.count
    }

    /// Waits up to a minute (the suite may run on a loaded machine) for `condition`.
    private static func waitFor(_ condition: () -> Bool) async throws {
        for _ in 0..<2400 where !condition() { try await Task.sleep(for: .milliseconds(25)) }
    }

    private let configuration = SMTPClientConfiguration(helloName: SMTPHelloName("martlet.test")!, tlsPolicy: .disabled)
    private let address = IPAddress("127.0.0.1")!

    @Test func batchesToOneServerShareAParkedConnection() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let sink = try await CountingSMTPSink(group: group)
        // An idle time no scheduling delay reaches: reuse is what is checked here.
        let cache = OutboundConnectionCache(idleTime: .seconds(120), connectionsPerKey: 2)
        let connector = try Self.connector(group: group, port: sink.port, cache: cache)
        for round in 0..<3 {
            let report = await connector.run(try Self.messages("m\(round)-", count: 2), at: address, hostName: "sink.test",
                                             configuration: configuration)
            #expect(Self.delivered(report) == 2)
        }
        #expect(sink.current.connections == 1)
        #expect(sink.current.messages == 6)
        #expect(sink.current.quits == 0)
        // Shutdown: the parked session says QUIT.
        cache.closeAll()
        try await Self.waitFor { sink.current.quits == 1 }
        #expect(sink.current.quits == 1)
        await sink.stop()
        try await group.shutdownGracefully()
    }

    @Test func aParkedSessionQuitsWhenItsIdleTimeEnds() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let sink = try await CountingSMTPSink(group: group)
        let cache = OutboundConnectionCache(idleTime: .milliseconds(100), connectionsPerKey: 2)
        let connector = try Self.connector(group: group, port: sink.port, cache: cache)
        let first = await connector.run(try Self.messages("early-", count: 1), at: address, hostName: "sink.test",
                                        configuration: configuration)
        #expect(Self.delivered(first) == 1)
        try await Self.waitFor { sink.current.quits == 1 }
        #expect(sink.current.quits == 1)
        // The cache holds only a closed session now: the next batch gets a new connection.
        let after = await connector.run(try Self.messages("late-", count: 1), at: address, hostName: "sink.test",
                                        configuration: configuration)
        #expect(Self.delivered(after) == 1)
        #expect(sink.current.connections == 2)
        cache.closeAll()
        await sink.stop()
        try await group.shutdownGracefully()
    }

    @Test func aParkedConnectionTheServerClosedIsReplacedWithoutLosingTheBatch() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let sink = try await CountingSMTPSink(group: group)
        let cache = OutboundConnectionCache(idleTime: .seconds(30), connectionsPerKey: 2)
        let connector = try Self.connector(group: group, port: sink.port, cache: cache)
        let first = await connector.run(try Self.messages("a", count: 1), at: address, hostName: "sink.test", configuration: configuration)
        #expect(Self.delivered(first) == 1)
        await sink.dropConnections()
        let second = await connector.run(try Self.messages("b", count: 3), at: address, hostName: "sink.test", configuration: configuration)
        #expect(Self.delivered(second) == 3)
        #expect(second.failure == nil)
        #expect(sink.current.connections == 2)
        cache.closeAll()
        await sink.stop()
        try await group.shutdownGracefully()
    }

    @Test func withoutACacheEachBatchHasItsOwnConnection() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let sink = try await CountingSMTPSink(group: group)
        let connector = try Self.connector(group: group, port: sink.port, cache: nil)
        for round in 0..<2 {
            let report = await connector.run(try Self.messages("n\(round)-", count: 1), at: address, hostName: "sink.test",
                                             configuration: configuration)
            #expect(Self.delivered(report) == 1)
        }
        try await Self.waitFor { sink.current.quits == 2 }
        #expect(sink.current == .init(connections: 2, messages: 2, quits: 2))
        await sink.stop()
        try await group.shutdownGracefully()
    }
}
