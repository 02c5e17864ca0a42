import NIOCore

/// What one protocol (SMTP, IMAP, POP3) does with the connections its listeners accept.
protocol ConnectionAcceptor: Sendable {
    /// Adds the protocol's handlers to an admitted connection's pipeline. Runs on the
    /// connection's event loop; for an implicit-TLS service the TLS handler is already first.
    func initialize(_ channel: any Channel, connection: AcceptedConnection) throws

    /// The protocol's own refusal (SMTP 421, IMAP BYE, POP3 -ERR), CRLF included, sent to a
    /// connection a limit refused before it is closed.
    func refusal(_ reason: ConnectionLimiter.Refusal) -> String
}

/// Who connected to which listener.
struct AcceptedConnection: Sendable {
    /// The listener's service.
    let service: ListenerService
    /// The client's address.
    let remoteAddress: SocketAddress
    /// The client's IP address as text (the key of per-address limits).
    let remoteIP: String
    /// The rate limits and bans every connection shares; handlers report failures to it.
    let abuseGuard: AbuseGuard
    /// Whether the client connected over loopback.
    var isLoopback: Bool { NetworkAddress.isLoopback(host: remoteIP) }
}

extension ServerConfiguration.PlaintextAuthenticationPolicy {
    /// Whether passwords may cross `connection` without TLS under this policy.
    func allowsPlaintext(on connection: AcceptedConnection) -> Bool {
        switch self {
        case .allow: true
        case .loopback: connection.isLoopback
        case .refuse: false
        }
    }
}

/// Sent through every open connection's pipeline (as a user inbound event) when the server
/// shuts down gracefully: a protocol handler says goodbye in its own words and closes.
struct ServerShutdownEvent: Sendable {}
