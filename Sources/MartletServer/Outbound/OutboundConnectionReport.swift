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
    /// Whether the server sent anything while these messages were under way.
    var serverReplied = false

    init(usedTLS: Bool = false) {
        self.usedTLS = usedTLS
    }

    init(unsentMessages: [SMTPOutboundMessage], connectError: String) {
        self.unsentMessages = unsentMessages
        self.connectError = connectError
    }

    /// Whether the connection failed before the server answered anything about these messages
    /// (as a parked connection does when the server closed it meanwhile): nothing was taken,
    /// so they can go over a new connection.
    var failedBeforeAnyReply: Bool {
        !serverReplied && (failure != nil || connectError != nil)
    }
}
