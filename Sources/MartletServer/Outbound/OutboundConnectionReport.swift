import SMTPProtocol

/// What one outbound SMTP connection did with the messages it was given.
struct OutboundConnectionReport: Sendable {
    /// Messages whose transaction ran (or was decided locally, e.g. too large for SIZE), with
    /// each recipient's outcome.
    var results: [SMTPTransactionResult] = []
    /// Why the connection ended early, if it did.
    var failure: SMTPConnectionFailure?
    /// Messages never begun on this connection: try them at the next address or host.
    var unsentMessages: [SMTPOutboundMessage] = []
    /// Whether the connection ran over TLS.
    var usedTLS = false
    /// Why no connection was made, when none was.
    var connectError: String?
}
