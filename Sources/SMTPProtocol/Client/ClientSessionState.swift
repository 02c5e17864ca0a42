/// A reply the client waits for, in the order the commands were sent.
enum ExpectedReply: Sendable, Hashable {
    case greeting
    case extendedHello
    case hello
    case startTLS
    case authentication
    case reset
    case mail
    case recipient(Int)
    case data
    /// The reply to the final `.` of real content.
    case dataTermination
    /// The reply to a lone `.` sent because DATA got 354 though no recipient was accepted.
    case emptyDataTermination
    case quit

    /// The phase a client waiting for this reply is in.
    var phase: SMTPClientPhase {
        switch self {
        case .greeting: .greeting
        case .extendedHello, .hello: .hello
        case .startTLS: .startTLS
        case .authentication: .authentication
        case .reset: .reset
        case .mail: .mail
        case .recipient: .recipient
        case .data: .dataInitiation
        case .dataTermination, .emptyDataTermination: .dataTermination
        case .quit: .quit
        }
    }
}

/// The transaction of one message, from MAIL to the reply to its content.
struct ClientTransaction: Sendable {
    let message: SMTPOutboundMessage
    let usesSMTPUTF8: Bool
    /// Whether MAIL, the RCPTs and DATA went as one group (RFC 2920 §3.1).
    let isPipelined: Bool
    var mailReply: SMTPReply?
    var recipientReplies: [SMTPReply?]
    /// The reply that decides the accepted recipients: a refused DATA, or the reply to the
    /// content.
    var finalReply: SMTPReply?

    init(message: SMTPOutboundMessage, usesSMTPUTF8: Bool, isPipelined: Bool) {
        self.message = message
        self.usesSMTPUTF8 = usesSMTPUTF8
        self.isPipelined = isPipelined
        recipientReplies = Array(repeating: nil, count: message.recipients.count)
    }

    var mailAccepted: Bool { mailReply?.isPositiveCompletion == true }

    var hasAcceptedRecipient: Bool {
        recipientReplies.contains { $0?.isPositiveCompletion == true }
    }

    /// Each recipient's outcome: a refused MAIL decides for all, a refused RCPT for its
    /// recipient, the final reply for the accepted ones. A reply never received makes the
    /// recipient deferred with `interruption`.
    func results(interruption: SMTPDeliveryProblem) -> [SMTPRecipientResult] {
        message.recipients.indices.map { index in
            let outcome: SMTPRecipientOutcome
            if let mailReply, !mailReply.isPositiveCompletion {
                outcome = .from(mailReply)
            } else if mailReply == nil {
                outcome = .deferred(interruption)
            } else if let reply = recipientReplies[index] {
                if !reply.isPositiveCompletion {
                    outcome = .from(reply)
                } else if let finalReply {
                    outcome = .from(finalReply)
                } else {
                    outcome = .deferred(interruption)
                }
            } else {
                outcome = .deferred(interruption)
            }
            return SMTPRecipientResult(recipient: message.recipients[index], outcome: outcome)
        }
    }
}
