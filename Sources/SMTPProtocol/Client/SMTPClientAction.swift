/// What an outbound session asks the glue to do. Perform the actions in order.
public enum SMTPClientAction: Sendable, Hashable {
    /// Write and flush these bytes: one command, a pipelined group of commands (RFC 2920), or
    /// a piece of dot-stuffed content.
    case send([UInt8])
    /// The server accepted STARTTLS: start the TLS handshake now, before reading anything else,
    /// then call ``SMTPClientSession/tlsEstablished()`` or ``SMTPClientSession/tlsFailed(reason:)``.
    case startTLS
    /// The server waits for the content of the current message: read its next piece and call
    /// ``SMTPClientSession/provideContent(_:)``, or ``SMTPClientSession/endContent()`` when
    /// none is left. Pieces may be of any size and need no dot-stuffing.
    case readContent
    /// A message's transaction is over; its recipients' outcomes are final for this
    /// connection (deferred ones may be retried later or elsewhere).
    case transactionFinished(SMTPTransactionResult)
    /// The session has nothing to send: call ``SMTPClientSession/enqueue(_:)`` with the next
    /// message or ``SMTPClientSession/quit()``. Given once each time the session becomes idle.
    case readyForNextMessage
    /// The connection failed. `unsentMessages` are the enqueued messages not yet begun (not
    /// reported by ``transactionFinished(_:)``): try them on another connection or later.
    case connectionFailed(SMTPConnectionFailure, unsentMessages: [SMTPOutboundMessage])
    /// Close the connection (after writing what came before). Always the last action of a
    /// session, given exactly once.
    case close
}

/// ``SMTPClientSession/enqueue(_:)`` on a session that closed or sent QUIT: the message was not
/// taken; send it on another connection.
public struct SMTPClientSessionClosedError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Creates the error.
    public init() {}

    public var description: String { "the SMTP client session no longer accepts messages" }
}
