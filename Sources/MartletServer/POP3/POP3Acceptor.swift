import NIOCore
import POP3Protocol

/// Sets up POP3 connections (ports 110 and 995) and refuses those over a connection limit
/// with `-ERR [SYS/TEMP]` (RFC 3206 §4).
struct POP3Acceptor: ConnectionAcceptor {
    let services: POP3Services
    /// When USER/PASS and AUTH PLAIN are allowed without TLS (`[auth] plaintext_without_tls`).
    let plaintextAuthentication: ServerConfiguration.PlaintextAuthenticationPolicy

    func initialize(_ channel: any Channel, connection: AcceptedConnection) throws {
        var services = self.services
        let implicitTLS = connection.service.usesImplicitTLS
        services.configuration.offersSTLS = !implicitTLS
        services.configuration.allowsPlaintextAuthentication = plaintextAuthentication.allowsPlaintext(on: connection)
        try channel.pipeline.syncOperations.addHandler(
            POP3ConnectionHandler(services: services, connection: connection, implicitTLS: implicitTLS))
    }

    func refusal(_ reason: ConnectionLimiter.Refusal) -> String {
        "-ERR [SYS/TEMP] \(reason), try again later\r\n"
    }
}
