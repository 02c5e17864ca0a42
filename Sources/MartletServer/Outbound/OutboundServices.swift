import DNSResolver
import Delivery
import Foundation
import Logging
import MailStore
import NIOCore
import NIOSSL
import SMTPProtocol

/// Builds the queue runner of a server process from its configuration.
enum OutboundServices {
    static func queueRunner(configuration: ServerConfiguration, store: any MailStore, eventLoopGroup: any EventLoopGroup,
                            resolver: any DNSResolving, senderRewriting: SenderRewritingScheme,
                            logger: Logger) throws -> QueueRunner {
        var opportunistic = TLSConfiguration.makeClientConfiguration()
        // RFC 7435: opportunistic TLS encrypts without authenticating the server.
        opportunistic.certificateVerification = .none
        var verified = TLSConfiguration.makeClientConfiguration()
        verified.certificateVerification = .fullVerification
        let connector = OutboundSMTPConnector(
            eventLoopGroup: eventLoopGroup, port: configuration.outbound.port, connectTimeout: .seconds(30),
            opportunisticTLS: try NIOSSLContext(configuration: opportunistic),
            verifiedTLS: try NIOSSLContext(configuration: verified),
            connectionCache: OutboundConnectionCache(connectionsPerKey: configuration.outbound.connectionsPerDestination),
            convertToSevenBit: { message, content in
                // RFC 6152 §3: 8-bit MIME parts become quoted-printable or base64 for this copy.
                guard let converted = SevenBitConversion.convert(content) else { return nil }
                var sevenBit = message
                sevenBit.containsEightBitData = false
                sevenBit.size = converted.count
                return (sevenBit, converted)
            })
        guard let helloName = SMTPHelloName(configuration.hostname) else {
            throw ConfigurationError(file: nil, line: nil, problem: .invalidValue(
                key: "hostname", reason: "\(configuration.hostname) cannot be sent in EHLO"))
        }
        return QueueRunner(
            store: store, planner: DestinationPlanner(resolver: resolver), connector: connector,
            notifications: NotificationDelivery(store: store, hostname: configuration.hostname,
                                                lifetime: TimeInterval(configuration.limits.queueLifetimeSeconds),
                                                senderRewriting: senderRewriting),
            settings: configuration.outbound, helloName: helloName, logger: logger)
    }
}
