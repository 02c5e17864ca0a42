import NIOCore
import SMTPProtocol

/// Sets up SMTP connections (ports 25, 587 and 465) and refuses those over a connection
/// limit with `421 4.7.0` (RFC 5321 §3.8).
struct SMTPAcceptor: ConnectionAcceptor {
    let services: SMTPServices
    /// When cleartext AUTH is allowed without TLS (`[auth] plaintext_without_tls`).
    let plaintextAuthentication: ServerConfiguration.PlaintextAuthenticationPolicy

    func initialize(_ channel: any Channel, connection: AcceptedConnection) throws {
        var services = self.services
        let plaintextAllowed = plaintextAuthentication.allowsPlaintext(on: connection)
        switch connection.service {
        case .submission: services.configuration.policy = .submission(allowsAuthenticationWithoutTLS: plaintextAllowed)
        case .submissions: services.configuration.policy = .submissions()
        default: services.configuration.policy = .mx()
        }
        // The greeting delay unmasks bots on port 25; a user's mail client is not made to wait.
        if connection.service != .smtp { services.greetingDelay = .zero }
        try channel.pipeline.syncOperations.addHandler(
            SMTPConnectionHandler(services: services, connection: connection, implicitTLS: connection.service.usesImplicitTLS))
    }

    func refusal(_ reason: ConnectionLimiter.Refusal) -> String {
        "421 4.7.0 \(services.configuration.hostname) \(reason), try again later\r\n"
    }
}
