import Foundation
import Logging
import MailCore
import MailStore
import NIOSSL
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
    public func run(onReady: @Sendable (ReadyReport) -> Void) async throws {
        let store = try await StoreLocation(configuration: configuration).openForServer()
        let ready: ReadyReport
        do {
            let tls = try prepareTLS()
            let demoAccount = options.createsDemoAccount ? try await DemoAccount.createIfStoreIsEmpty(in: store) : nil
            ready = ReadyReport(
                hostname: configuration.hostname,
                dataDirectory: configuration.dataDirectory,
                certificateFile: tls.certificateFile,
                tlsSummary: tls.summary,
                demoAccount: demoAccount,
                listeners: [])
        } catch {
            await store.close()
            throw error
        }

        let services = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [ServiceGroupConfiguration.ServiceConfiguration(service: StoreService(store: store, logger: logger))],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        logger.info("ready", metadata: ["hostname": "\(configuration.hostname)", "data": "\(configuration.dataDirectory)"])
        onReady(ready)
        try await services.run()
        logger.info("stopped")
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
