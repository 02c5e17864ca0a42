import NIOCore

/// Sets up IMAP connections (ports 143 and 993) and refuses those over a connection limit
/// with an untagged BYE as the greeting (RFC 9051 §7.1.5).
struct IMAPAcceptor: ConnectionAcceptor {
    let services: IMAPServices
    /// When LOGIN and AUTHENTICATE PLAIN are allowed without TLS (`[auth] plaintext_without_tls`).
    let plaintextAuthentication: ServerConfiguration.PlaintextAuthenticationPolicy

    func initialize(_ channel: any Channel, connection: AcceptedConnection) throws {
        var services = self.services
        let implicitTLS = connection.service.usesImplicitTLS
        services.configuration.offersSTARTTLS = !implicitTLS
        services.configuration.allowsPlaintextAuthentication = plaintextAuthentication.allowsPlaintext(on: connection)
        try channel.pipeline.syncOperations.addHandler(
            IMAPConnectionHandler(services: services, connection: connection, implicitTLS: implicitTLS))
    }

    func refusal(_ reason: ConnectionLimiter.Refusal) -> String {
        "* BYE [UNAVAILABLE] \(reason), try again later\r\n"
    }
}
