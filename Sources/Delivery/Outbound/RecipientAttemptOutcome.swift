import SMTPProtocol

/// What one delivery attempt made of one recipient, with what a DSN needs to report it.
public struct RecipientAttemptOutcome: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// The next hop took the message. `notificationsPassedOn`: it offered DSN, so a
        /// NOTIFY=SUCCESS is its to honour; otherwise we report "relayed" (RFC 3461 §5.2.2).
        case delivered(notificationsPassedOn: Bool)
        /// A temporary failure: try again later.
        case deferred
        /// A permanent failure: bounce.
        case failed
    }

    public var kind: Kind
    /// The RFC 3463 status for the DSN.
    public var status: SMTPEnhancedStatusCode
    /// The host that answered (`mx.example.org`), if one did.
    public var remoteHost: String?
    /// The server's reply (`550 5.1.1 no such user`) or the local reason, for logs, `martlet
    /// queue show` and the DSN's Diagnostic-Code.
    public var diagnostic: String
    /// Whether `diagnostic` is the server's reply (an `smtp;` diagnostic) rather than ours.
    public var diagnosticIsServerReply: Bool

    public init(kind: Kind, status: SMTPEnhancedStatusCode, remoteHost: String?, diagnostic: String,
                diagnosticIsServerReply: Bool) {
        self.kind = kind
        self.status = status
        self.remoteHost = remoteHost
        self.diagnostic = diagnostic
        self.diagnosticIsServerReply = diagnosticIsServerReply
    }

    /// The outcome one recipient's SMTP result means, at `host`.
    public init(_ outcome: SMTPRecipientOutcome, host: String, notificationsPassedOn: Bool) {
        switch outcome {
        case .delivered(let reply):
            self.init(kind: .delivered(notificationsPassedOn: notificationsPassedOn),
                      status: reply.enhancedCode ?? SMTPEnhancedStatusCode(2, 0, 0), remoteHost: host,
                      diagnostic: reply.summary, diagnosticIsServerReply: true)
        case .deferred(let problem):
            self.init(problem: problem, permanent: false, host: host)
        case .failed(let problem):
            self.init(problem: problem, permanent: true, host: host)
        }
    }

    /// A recipient refused (or not tried) because of `problem`.
    public init(problem: SMTPDeliveryProblem, permanent: Bool, host: String) {
        let reply = problem.serverReply
        self.init(kind: permanent ? .failed : .deferred, status: problem.status(permanent: permanent), remoteHost: host,
                  diagnostic: reply?.summary ?? problem.description, diagnosticIsServerReply: reply != nil)
    }

    /// A temporary failure found before talking to any server (DNS, connection refused, …).
    public static func deferred(_ status: SMTPEnhancedStatusCode, _ reason: String, host: String? = nil) -> RecipientAttemptOutcome {
        RecipientAttemptOutcome(kind: .deferred, status: status, remoteHost: host, diagnostic: reason, diagnosticIsServerReply: false)
    }

    /// A permanent failure found before talking to any server (null MX, no such domain, …).
    public static func failed(_ status: SMTPEnhancedStatusCode, _ reason: String, host: String? = nil) -> RecipientAttemptOutcome {
        RecipientAttemptOutcome(kind: .failed, status: status, remoteHost: host, diagnostic: reason, diagnosticIsServerReply: false)
    }

    /// The text kept in the queue as the recipient's last result.
    public var summary: String {
        guard let remoteHost else { return diagnostic }
        return "\(remoteHost): \(diagnostic)"
    }
}
