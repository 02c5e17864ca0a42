/// Why a recipient was not delivered, with the server's reply where there is one (for the
/// DSN's Diagnostic-Code and for logs).
public enum SMTPDeliveryProblem: Sendable, Hashable, CustomStringConvertible {
    /// The server refused MAIL, this RCPT, DATA or the content with this reply.
    case refusedByServer(SMTPReply)
    /// The message is larger than the server's SIZE limit (RFC 1870 §6.2), so it was not sent.
    case messageTooLarge(size: Int, limit: Int)
    /// The message needs SMTPUTF8 and the server does not offer it (RFC 6531 §3.2), so it was
    /// not sent: it is never downgraded or altered here.
    case smtpUTF8NotOffered(SMTPUTF8Requirement)
    /// The connection failed before this recipient's outcome was known.
    case connectionFailed(SMTPConnectionFailure)

    /// The server's reply, if the server gave one.
    public var serverReply: SMTPReply? {
        switch self {
        case .refusedByServer(let reply): reply
        case .connectionFailed(let failure): failure.serverReply
        case .messageTooLarge, .smtpUTF8NotOffered: nil
        }
    }

    /// The status for the DSN (RFC 3464 §2.3.4): the server's enhanced code, or one chosen for
    /// the local reason (RFC 3463), whose class is that of `permanent`.
    public func status(permanent: Bool) -> SMTPEnhancedStatusCode {
        let statusClass = permanent ? 5 : 4
        switch self {
        case .refusedByServer(let reply):
            let code = reply.enhancedCode ?? SMTPEnhancedStatusCode(statusClass, 0, 0)
            return SMTPEnhancedStatusCode(statusClass, code.subject, code.detail)
        case .messageTooLarge:
            return SMTPEnhancedStatusCode(statusClass, 3, 4)
        case .smtpUTF8NotOffered(.addresses):
            return SMTPEnhancedStatusCode(statusClass, 6, 7)
        case .smtpUTF8NotOffered(.header):
            return SMTPEnhancedStatusCode(statusClass, 6, 9)
        case .connectionFailed(let failure):
            let code = failure.status
            return SMTPEnhancedStatusCode(statusClass, code.subject, code.detail)
        }
    }

    public var description: String {
        switch self {
        case .refusedByServer(let reply):
            return "server replied: \(reply.summary)"
        case .messageTooLarge(let size, let limit):
            return "message of \(size) octets exceeds the server's fixed maximum message size of \(limit) octets"
        case .smtpUTF8NotOffered(.addresses):
            return "the envelope has non-ASCII addresses and the server does not offer SMTPUTF8"
        case .smtpUTF8NotOffered(.header):
            return "the message header holds UTF-8 and the server does not offer SMTPUTF8"
        case .connectionFailed(let failure):
            return failure.description
        }
    }
}

/// What became of one recipient.
public enum SMTPRecipientOutcome: Sendable, Hashable {
    /// The server took responsibility for the message (its reply to the content).
    case delivered(SMTPReply)
    /// A temporary failure: try again later (4xx, or the connection failed).
    case deferred(SMTPDeliveryProblem)
    /// A permanent failure: bounce (5xx, or the message cannot be sent to this server).
    case failed(SMTPDeliveryProblem)

    /// The outcome a reply means: 2xx delivered, 4xx deferred, 5xx failed (RFC 5321 §4.2.1).
    static func from(_ reply: SMTPReply) -> SMTPRecipientOutcome {
        if reply.isPositiveCompletion { return .delivered(reply) }
        return reply.code >= 500 ? .failed(.refusedByServer(reply)) : .deferred(.refusedByServer(reply))
    }
}

/// One recipient of a message and what became of it.
public struct SMTPRecipientResult: Sendable, Hashable {
    /// The recipient as given in the message.
    public var recipient: SMTPEnvelopeRecipient
    /// What became of it.
    public var outcome: SMTPRecipientOutcome

    /// Creates a result.
    public init(recipient: SMTPEnvelopeRecipient, outcome: SMTPRecipientOutcome) {
        self.recipient = recipient
        self.outcome = outcome
    }
}

/// How a message's transaction ended.
public enum SMTPTransactionOutcome: Sendable, Hashable {
    /// Every recipient has an outcome, in the order of the message's recipients.
    case completed([SMTPRecipientResult])
    /// The content holds 8-bit data and the server does not offer 8BITMIME; nothing was sent.
    /// Convert the 8-bit MIME parts to quoted-printable or base64 (RFC 6152 §3) and enqueue
    /// the converted message again.
    case needsSevenBitConversion
}

/// The result of one message, reported with ``SMTPClientAction/transactionFinished(_:)``.
public struct SMTPTransactionResult: Sendable, Hashable {
    /// The message, as enqueued.
    public var message: SMTPOutboundMessage
    /// How it ended.
    public var outcome: SMTPTransactionOutcome
    /// Whether the server offered DSN, so NOTIFY, ORCPT, RET and ENVID were passed on. When it
    /// did not, the sending system issues "relayed" notifications for NOTIFY=SUCCESS itself
    /// (RFC 3461 §5.2.2).
    public var deliveryStatusNotificationsPassedOn: Bool
    /// Whether the transaction ran over TLS.
    public var usedTLS: Bool

    /// Creates a result.
    public init(
        message: SMTPOutboundMessage, outcome: SMTPTransactionOutcome, deliveryStatusNotificationsPassedOn: Bool,
        usedTLS: Bool
    ) {
        self.message = message
        self.outcome = outcome
        self.deliveryStatusNotificationsPassedOn = deliveryStatusNotificationsPassedOn
        self.usedTLS = usedTLS
    }

    /// The recipients' results (empty for ``SMTPTransactionOutcome/needsSevenBitConversion``).
    public var recipientResults: [SMTPRecipientResult] {
        if case .completed(let results) = outcome { return results }
        return []
    }
}
