import IMAPProtocol
import Logging
import MailStore
import NIOSSL
import SASL

/// Builds the IMAP acceptor of a configuration (ports 143 and 993 share it).
enum IMAPListenerSetup {
    static func acceptor(
        configuration: ServerConfiguration, store: any MailStore, tlsContext: NIOSSLContext,
        mechanisms: SASLMechanismRegistry, logger: Logger
    ) -> IMAPAcceptor {
        let sessionConfiguration = IMAPServerConfiguration(
            hostname: configuration.hostname, limits: configuration.limits, mechanisms: mechanisms,
            offersCompression: configuration.offersIMAPCompression,
            additionalCapabilities: StoreMessageCommands.capabilities,
            unauthenticatedIdleTimeoutSeconds: configuration.limits.greetingTimeoutSeconds)
        let services = IMAPServices(
            configuration: sessionConfiguration, store: store, messageCommands: StoreMessageCommands(),
            tlsContext: tlsContext, logger: logger,
            junkTraining: SpamFilterSetup.junkTraining(configuration: configuration, store: store, logger: logger))
        return IMAPAcceptor(services: services, plaintextAuthentication: configuration.plaintextAuthentication)
    }
}
