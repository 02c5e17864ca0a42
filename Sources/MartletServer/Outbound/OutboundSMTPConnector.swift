import DNSResolver
import NIOCore
import NIOPosix
import NIOSSL
import SMTPProtocol

/// Opens outbound SMTP connections and runs messages over them.
struct OutboundSMTPConnector: Sendable {
    let eventLoopGroup: any EventLoopGroup
    let port: Int
    let connectTimeout: TimeAmount
    /// For opportunistic STARTTLS: encryption without authentication (RFC 7435), since most MX
    /// hosts' certificates cannot be checked against their MX name.
    let opportunisticTLS: NIOSSLContext
    /// For destinations that require TLS: the system's trust store and the MX host name checked.
    let verifiedTLS: NIOSSLContext
    /// Idle sessions kept for reuse; nil to open a connection per batch.
    let connectionCache: OutboundConnectionCache?
    let convertToSevenBit: OutboundSMTPHandler.SevenBitConversion

    /// Sends `messages` (each with its content) to `address` in one session: a parked one to
    /// the same server if the cache has it, else a new connection. A failure to connect is
    /// reported as a lost connection with every message unsent.
    func run(_ messages: [(SMTPOutboundMessage, [UInt8])], at address: IPAddress, hostName: String,
             configuration: SMTPClientConfiguration) async -> OutboundConnectionReport {
        let key = OutboundConnectionKey(address: address, port: port, hostName: hostName, tlsPolicy: configuration.tlsPolicy)
        while let parked = connectionCache?.take(key) {
            // A parked connection the server closed meanwhile did nothing: try the next, or a new one.
            if let report = await parked.run(messages), !report.failedBeforeAnyReply { return report }
        }
        return await open(messages, at: address, hostName: hostName, configuration: configuration, key: key)
    }

    /// Opens a new connection for `messages`.
    private func open(_ messages: [(SMTPOutboundMessage, [UInt8])], at address: IPAddress, hostName: String,
                      configuration: SMTPClientConfiguration, key: OutboundConnectionKey) async -> OutboundConnectionReport {
        let promise = OutboundReportPromise(on: eventLoopGroup.next())
        let reuse = connectionCache.map { (cache: $0, key: key) }
        let tlsContext = configuration.tlsPolicy == .required ? verifiedTLS : opportunisticTLS
        // SNI and name checks take a host name, never an address literal.
        let serverHostname = IPAddress(hostName) == nil && !hostName.hasPrefix("[") ? hostName : nil
        let convert = convertToSevenBit
        let bootstrap = ClientBootstrap(group: eventLoopGroup)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let session = SMTPClientSession(configuration: configuration)
                    try channel.pipeline.syncOperations.addHandler(OutboundSMTPHandler(
                        session: session, messages: messages, tlsContext: tlsContext, serverHostname: serverHostname,
                        convertToSevenBit: convert, reportPromise: promise, reuse: reuse))
                }
            }
        do {
            _ = try await bootstrap.connect(host: address.description, port: port).get()
        } catch {
            // No connection: nothing was sent.
            let report = OutboundConnectionReport(
                unsentMessages: messages.map(\.0),
                connectError: "connection to \(address) port \(port) failed: \(Self.describe(error))")
            promise.complete(report)
            return report
        }
        return await promise.get()
    }

    /// The reason a connection failed, without NIO's wrapping.
    private static func describe(_ error: any Error) -> String {
        if let connectionError = error as? NIOConnectionError, let first = connectionError.connectionErrors.first {
            if let ioError = first.error as? IOError { return ioError.description }
            return String(describing: first.error)
        }
        if error is ChannelError, case ChannelError.connectTimeout = error { return "timed out" }
        return String(describing: error)
    }
}
