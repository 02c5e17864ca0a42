import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Locking

/// The server's listening sockets and the connections they accepted: binds each listener,
/// applies the connection limits, and on shutdown closes the listeners, asks every open
/// connection to finish, and closes what is left after a grace period.
final class ListenerGroup: Sendable {
    private let eventLoopGroup: any EventLoopGroup
    private let tlsContext: NIOSSLContext
    private let limiter: ConnectionLimiter
    private let abuseGuard: AbuseGuard
    private let maximumUnsentBytes: Int
    private let logger: Logger
    private let listeners = Locked<[any Channel]>([])
    private let connections = Locked<[ObjectIdentifier: any Channel]>([:])

    init(eventLoopGroup: any EventLoopGroup, tlsContext: NIOSSLContext, limiter: ConnectionLimiter, abuseGuard: AbuseGuard,
         maximumUnsentBytes: Int, logger: Logger) {
        self.maximumUnsentBytes = maximumUnsentBytes
        self.eventLoopGroup = eventLoopGroup
        self.tlsContext = tlsContext
        self.limiter = limiter
        self.abuseGuard = abuseGuard
        self.logger = logger
    }

    /// Listens for `service` at `address` and returns the address bound (with the port the
    /// system chose when `address` asked for port 0).
    func bind(_ service: ListenerService, at address: NetworkAddress, acceptor: some ConnectionAcceptor) async throws -> NetworkAddress {
        let bootstrap = ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: false)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try self.accept(channel, service: service, acceptor: acceptor)
                }
            }
        let listener = try await bootstrap.bind(host: address.host, port: address.port).get()
        listeners.withLock { $0.append(listener) }
        let port = listener.localAddress?.port ?? address.port
        return try NetworkAddress(host: address.host, port: port)
    }

    /// Runs on the new connection's event loop.
    private func accept(_ channel: any Channel, service: ListenerService, acceptor: some ConnectionAcceptor) throws {
        guard let remote = channel.remoteAddress else {
            channel.close(promise: nil)
            return
        }
        let remoteIP = remote.ipAddress ?? "unknown"
        let sync = channel.pipeline.syncOperations
        if service.usesImplicitTLS {
            try sync.addServerTLSHandlers(context: tlsContext)
        }
        if let refusal = abuseGuard.admitConnection(from: remoteIP) ?? limiter.admit(remoteIP) {
            logger.notice("connection refused", metadata: ["service": "\(service.rawValue)", "client": "\(remoteIP)",
                                                           "reason": "\(refusal)"])
            let text = acceptor.refusal(refusal)
            channel.writeAndFlush(channel.allocator.buffer(string: text)).whenComplete { _ in
                channel.close(promise: nil)
            }
            return
        }
        let identifier = ObjectIdentifier(channel)
        connections.withLock { $0[identifier] = channel }
        let limiter = self.limiter
        try channel.pipeline.syncOperations.addHandler(UnsentOutputLimitHandler(maximumBytes: maximumUnsentBytes))
        channel.closeFuture.whenComplete { [weak self] _ in
            limiter.release(remoteIP)
            self?.connections.withLock { _ = $0.removeValue(forKey: identifier) }
        }
        try acceptor.initialize(channel, connection: AcceptedConnection(service: service, remoteAddress: remote, remoteIP: remoteIP,
                                                                      abuseGuard: abuseGuard))
    }

    /// Connections open now.
    var openConnections: Int { connections.withLock { $0.count } }

    /// Stops listening, asks each open connection to finish (`ServerShutdownEvent`), and
    /// closes those still open after `gracePeriod`.
    func shutDown(gracePeriod: Duration) async {
        let bound = listeners.withLock { listeners in
            defer { listeners.removeAll() }
            return listeners
        }
        for listener in bound { try? await listener.close() }
        let open = connections.withLock { Array($0.values) }
        for channel in open {
            channel.pipeline.fireUserInboundEventTriggered(ServerShutdownEvent())
        }
        let deadline = ContinuousClock.now + gracePeriod
        while openConnections > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        let remaining = connections.withLock { Array($0.values) }
        for channel in remaining { try? await channel.close() }
    }
}
