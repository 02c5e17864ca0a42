import DNSResolver
import Delivery
import Foundation
import Logging
import MailCore
import MailStore
import NIOPosix
import NIOSSL
import ProcessLimits
import SASL
import ServiceLifecycle

/// A running Martlet process: it opens the store, prepares the TLS identity, starts the
/// services of the configuration, and stops them gracefully on SIGINT or SIGTERM.
public struct ServerRuntime: Sendable {
    /// What differs between `martlet dev` and `martlet serve`.
    public struct Options: Sendable {
        /// Create `demo@localhost` with a generated password when the store is empty.
        public var createsDemoAccount: Bool
        public init(createsDemoAccount: Bool) { self.createsDemoAccount = createsDemoAccount }
    }

    /// What the process has set up, reported once it is ready.
    public struct ReadyReport: Sendable {
        public let hostname: String
        public let dataDirectory: String
        /// The certificate file served, when it is the generated one.
        public let certificateFile: String?
        /// What was done about the TLS identity (loaded, reused, generated and why).
        public let tlsSummary: String
        /// The account created for this start, if any (its password is shown only now).
        public let demoAccount: DemoAccount?
        /// The listeners that accept connections.
        public let listeners: [(service: ListenerService, address: NetworkAddress)]
    }

    public let configuration: ServerConfiguration
    public let options: Options
    public let logger: Logger

    public init(configuration: ServerConfiguration, options: Options, logger: Logger) {
        self.configuration = configuration
        self.options = options
        self.logger = logger
    }

    /// Runs until SIGINT or SIGTERM (or cancellation), calling `onReady` once everything
    /// has started.
    /// Descriptors kept for the store, blob files, DNS, outbound connections and logs.
    static let filesBesidesConnections = 1024

    public func run(onReady: @escaping @Sendable (ReadyReport) -> Void) async throws {
        // One descriptor per connection (thousands of IDLE clients) besides the store's files,
        // DNS, outbound connections and logs; services often start with a soft limit of 1024
        // (systemd's default), so it is raised as far as the connection limit needs.
        let connections = configuration.limits.maxConnections
        let filesNeeded = connections + Self.filesBesidesConnections
        if let files = OpenFileLimit.raise(toAtLeast: filesNeeded), files < filesNeeded {
            logger.warning("the open file limit is below what max_connections needs; raise the hard limit (ulimit -Hn)",
                           metadata: ["limit": "\(files)", "max_connections": "\(connections)"])
        }
        let store = try await StoreLocation(configuration: configuration).openForServer()
        let ready: ReadyReport
        let listeners: ListenerGroup
        let queueRunner: QueueRunner
        let abuseGuard: AbuseGuard
        do {
            // The SRS key signs rewritten senders of forwarded mail and checks bounces to them.
            let senderRewriting = SenderRewritingScheme(
                secret: try SRSSecretFile.loadOrCreate(inDataFolder: URL(fileURLWithPath: configuration.dataDirectory)))
            let resolver = try DNSResolverSetup.resolver(configuration: configuration,
                                                         eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
            queueRunner = try OutboundServices.queueRunner(
                configuration: configuration, store: store, eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                resolver: resolver, senderRewriting: senderRewriting, logger: logger)
            let tls = try prepareTLS()
            let demoAccount = options.createsDemoAccount ? try await DemoAccount.createIfStoreIsEmpty(in: store) : nil
            abuseGuard = AbuseGuard(rateLimits: configuration.rateLimits, bans: configuration.bans, store: store, logger: logger)
            await abuseGuard.refreshBans()
            let guardian = abuseGuard
            listeners = ListenerGroup(
                eventLoopGroup: MultiThreadedEventLoopGroup.singleton, tlsContext: tls.context,
                limiter: ConnectionLimiter(maximumTotal: configuration.limits.maxConnections,
                                           maximumPerAddress: configuration.limits.maxConnectionsPerAddress,
                                           maximumPerNetwork: configuration.rateLimits.connectionsPerNetwork,
                                           isExemptFromNetworkLimit: { guardian.isExempt($0) }),
                abuseGuard: abuseGuard,
                // One FETCH or RETR answer may carry the largest message.
                maximumUnsentBytes: max(configuration.limits.maxUnsentBytes, configuration.limits.maxMessageSize + 1_048_576),
                logger: logger)
            let bound: [(service: ListenerService, address: NetworkAddress)]
            do {
                bound = try await bindListeners(listeners, store: store, tlsContext: tls.context,
                                                senderRewriting: senderRewriting, resolver: resolver)
            } catch {
                await listeners.shutDown(gracePeriod: .zero)
                throw error
            }
            ready = ReadyReport(
                hostname: configuration.hostname,
                dataDirectory: configuration.dataDirectory,
                certificateFile: tls.certificateFile,
                tlsSummary: tls.summary,
                demoAccount: demoAccount,
                listeners: bound)
        } catch {
            await store.close()
            throw error
        }

        // Shut down in reverse order: the listeners (and their connections), then the queue
        // runner, before the store.
        let services = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                ServiceGroupConfiguration.ServiceConfiguration(service: StoreService(store: store, logger: logger)),
                ServiceGroupConfiguration.ServiceConfiguration(service: queueRunner),
                ServiceGroupConfiguration.ServiceConfiguration(service: BanRefreshService(abuseGuard: abuseGuard)),
                ServiceGroupConfiguration.ServiceConfiguration(service: ListenerGroupService(
                    listeners: listeners, gracePeriod: .seconds(10), logger: logger)),
                // Announced from inside the group, whose SIGTERM/SIGINT handlers are in place
                // by then: a client that stops the server as soon as it reads "ready" gets a
                // graceful shutdown, not the signal's default death.
                ServiceGroupConfiguration.ServiceConfiguration(
                    service: ReadinessAnnouncement { [logger, configuration] in
                        logger.info("ready", metadata: ["hostname": "\(configuration.hostname)",
                                                        "data": "\(configuration.dataDirectory)"])
                        onReady(ready)
                    },
                    successTerminationBehavior: .ignore),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await services.run()
        logger.info("stopped")
    }

    /// Binds every configured listener of the protocols this version serves.
    private func bindListeners(_ listeners: ListenerGroup, store: SQLiteMailStore, tlsContext: NIOSSLContext,
                               senderRewriting: SenderRewritingScheme,
                               resolver: any DNSResolving) async throws -> [(service: ListenerService, address: NetworkAddress)] {
        // One mechanism registry, and so one password verification cache, for every listener.
        let mechanisms = SASLMechanismRegistry.standard(
            context: .system(verificationCache: PasswordVerificationCache()))
        let smtp = SMTPListenerSetup.acceptor(
            configuration: configuration, store: store, tlsContext: tlsContext, mechanisms: mechanisms,
            senderRewriting: senderRewriting,
            authenticator: SenderAuthenticationSetup.authenticator(configuration: configuration, resolver: resolver, logger: logger),
            keyring: SenderAuthenticationSetup.keyring(configuration: configuration),
            contentFilters: ContentFilterSetup.filters(configuration: configuration, store: store,
                                                       eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: logger),
            blockLists: SMTPBlockListGate.make(configuration: configuration, resolver: resolver, logger: logger),
            greylisting: SMTPGreylistGate.make(configuration: configuration, store: store, logger: logger),
            logger: logger)
        let pop3 = POP3ListenerSetup.acceptor(configuration: configuration, store: store, tlsContext: tlsContext,
                                              mechanisms: mechanisms, logger: logger)
        let imap = IMAPListenerSetup.acceptor(configuration: configuration, store: store, tlsContext: tlsContext,
                                              mechanisms: mechanisms, logger: logger)
        var bound: [(service: ListenerService, address: NetworkAddress)] = []
        for (service, addresses) in configuration.listeners.all {
            let acceptor: any ConnectionAcceptor = switch service {
            case .imap, .imaps: imap
            case .pop3, .pop3s: pop3
            case .smtp, .submission, .submissions: smtp
            }
            for address in addresses {
                let actual = try await listeners.bind(service, at: address, acceptor: acceptor)
                logger.info("listening", metadata: ["service": "\(service.rawValue)", "address": "\(actual)"])
                bound.append((service, actual))
            }
        }
        return bound
    }

    /// The TLS identity the listeners will serve, checked by building a server context.
    private func prepareTLS() throws -> (context: NIOSSLContext, certificateFile: String?, summary: String) {
        switch configuration.tls {
        case .selfSigned:
            let (identity, outcome) = try SelfSignedCertificate.loadOrCreate(
                dataDirectory: configuration.dataDirectory, hostname: configuration.hostname)
            let path = SelfSignedCertificate.certificatePath(dataDirectory: configuration.dataDirectory)
            let summary: String
            switch outcome {
            case .reused: summary = "self-signed certificate reused"
            case .created(let reason): summary = "self-signed certificate generated (\(reason))"
            }
            logger.info("\(summary)", metadata: ["file": "\(path)"])
            return (try identity.makeServerContext(), path, summary)
        case .files(let certificate, let key):
            let identity = try TLSIdentity.load(certificateFile: certificate, keyFile: key)
            logger.info("certificate loaded", metadata: ["file": "\(certificate)"])
            return (try identity.makeServerContext(), certificate, "certificate loaded from \(certificate)")
        }
    }
}
