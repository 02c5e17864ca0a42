import Delivery
import Foundation
import Logging
import MailCore
import MailStore
import NIOCore
import NIOSSL
import SASL
import SMTPProtocol

/// Builds the SMTP acceptor of a configuration (ports 25, 587, 465 share it; each connection
/// gets its listener's policy).
enum SMTPListenerSetup {
    static func acceptor(
        configuration: ServerConfiguration, store: SQLiteMailStore, tlsContext: NIOSSLContext,
        mechanisms: SASLMechanismRegistry, senderRewriting: SenderRewritingScheme,
        authenticator: InboundMessageAuthenticator?, keyring: DKIMKeyring?, contentFilters: [any ContentFilter] = [],
        blockLists: SMTPBlockListGate? = nil, greylisting: SMTPGreylistGate? = nil, logger: Logger
    ) -> SMTPAcceptor {
        let limits = configuration.limits
        let sessionConfiguration = SMTPServerConfiguration(
            hostname: configuration.hostname, policy: .mx(), limits: limits, mechanisms: mechanisms,
            now: { MessageDate(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) })
        let services = SMTPServices(
            configuration: sessionConfiguration,
            store: store,
            routing: RecipientRouting(directory: store, senderRewriting: senderRewriting, localDomains: LocalDomainSnapshot(),
                                      cache: RecipientRouteCache()),
            ownership: SenderOwnership(directory: store),
            delivery: LocalDelivery(store: store, limits: limits, hostname: configuration.hostname,
                                    senderRewriting: senderRewriting, authenticator: authenticator, keyring: keyring,
                                    contentFilters: contentFilters),
            tlsContext: tlsContext,
            greetingDelay: .milliseconds(Int64(limits.smtpGreetingDelayMilliseconds)),
            idleTimeout: .seconds(Int64(limits.smtpIdleTimeoutSeconds)),
            logger: logger, blockLists: blockLists, greylisting: greylisting)
        return SMTPAcceptor(services: services, plaintextAuthentication: configuration.plaintextAuthentication)
    }

}
