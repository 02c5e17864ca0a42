import Logging
import MailStore
import NIOCore
import NIOSSL
import POP3Protocol
import SASL

/// Builds the POP3 acceptor of a configuration (ports 110 and 995 share it and its
/// maildrop locks).
enum POP3ListenerSetup {
    static func acceptor(
        configuration: ServerConfiguration, store: any MailStore, tlsContext: NIOSSLContext,
        mechanisms: SASLMechanismRegistry, logger: Logger
    ) -> POP3Acceptor {
        let limits = configuration.limits
        var sessionConfiguration = POP3ServerConfiguration(
            hostname: configuration.hostname, mechanisms: mechanisms, limits: POP3Limits(limits))
        sessionConfiguration.offersAPOP = configuration.offersAPOP
        let services = POP3Services(
            configuration: sessionConfiguration, store: store, locks: MaildropLocks(), tlsContext: tlsContext,
            idleTimeout: .seconds(Int64(limits.pop3IdleTimeoutSeconds)), limits: limits, logger: logger)
        return POP3Acceptor(services: services, plaintextAuthentication: configuration.plaintextAuthentication)
    }
}
