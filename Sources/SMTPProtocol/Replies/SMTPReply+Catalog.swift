/// The replies the server session sends, in one place, with the codes RFC 5321, RFC 3463 and
/// the extension RFCs give them. Names say when each is sent.
extension SMTPReply {
    private static func code(_ statusClass: Int, _ subject: Int, _ detail: Int) -> SMTPEnhancedStatusCode {
        SMTPEnhancedStatusCode(statusClass, subject, detail)
    }

    // MARK: Connection

    /// The greeting (RFC 5321 §4.3.1); no enhanced code (RFC 2034 §4).
    public static func greeting(hostname: String) -> SMTPReply {
        SMTPReply(220, nil, "\(hostname) ESMTP Martlet")
    }

    /// Sent instead of the greeting to a client that talked before it (RFC 5321 §3.1 allows 554
    /// as the opening reply); the connection is then closed.
    public static func talkedBeforeGreeting(hostname: String) -> SMTPReply {
        SMTPReply(554, code(5, 5, 0), "\(hostname) Protocol error: client sent data before the greeting")
    }

    /// The reply to QUIT.
    public static func closing(hostname: String) -> SMTPReply {
        SMTPReply(221, code(2, 0, 0), "\(hostname) closing connection")
    }

    /// Closing after too many rejected commands (Limits.maxBadCommands).
    public static func tooManyErrors(hostname: String) -> SMTPReply {
        SMTPReply(421, code(4, 7, 0), "\(hostname) Too many errors, closing connection")
    }

    /// Closing after too many failed AUTH exchanges (Limits.maxAuthenticationAttempts).
    public static func tooManyAuthenticationFailures(hostname: String) -> SMTPReply {
        SMTPReply(421, code(4, 7, 0), "\(hostname) Too many failed authentication attempts, closing connection")
    }

    /// Closing a client that sent too many commands without authenticating
    /// (Limits.maxCommandsBeforeLogin).
    public static func tooManyCommandsBeforeLogin(hostname: String) -> SMTPReply {
        SMTPReply(421, code(4, 7, 0), "\(hostname) Too many commands without authentication, closing connection")
    }

    /// Closing a client that sent more input than the session holds while it waits.
    public static func tooMuchPipelinedInput(hostname: String) -> SMTPReply {
        SMTPReply(421, code(4, 7, 0), "\(hostname) Too much pipelined input, closing connection")
    }

    /// Closing an idle connection (RFC 5321 §4.5.3.2).
    public static func timeout(hostname: String) -> SMTPReply {
        SMTPReply(421, code(4, 4, 2), "\(hostname) Timeout, closing connection")
    }

    /// Closing because the server stops.
    public static func shuttingDown(hostname: String) -> SMTPReply {
        SMTPReply(421, code(4, 3, 2), "\(hostname) Service shutting down, closing connection")
    }

    // MARK: Generic outcomes

    /// A command was accepted (NOOP, RSET).
    public static let ok = SMTPReply(250, code(2, 0, 0), "OK")
    /// MAIL was accepted (RFC 3463: X.1.0 other address status).
    public static let senderAccepted = SMTPReply(250, code(2, 1, 0), "Sender OK")
    /// RCPT was accepted (RFC 3463: X.1.5 destination address valid).
    public static let recipientAccepted = SMTPReply(250, code(2, 1, 5), "Recipient OK")
    /// DATA was accepted: send the content (3xx replies carry no enhanced code).
    public static let startMailInput = SMTPReply(354, nil, "Start mail input; end with <CRLF>.<CRLF>")
    /// The message was committed durably.
    public static func messageAccepted(queueID: String) -> SMTPReply {
        SMTPReply(250, code(2, 0, 0), "OK: queued as \(queueID)")
    }
    /// A BDAT chunk other than the last one was received (RFC 3030 §2).
    public static func chunkReceived(octets: Int) -> SMTPReply {
        SMTPReply(250, code(2, 0, 0), "\(octets) octets received")
    }
    /// VRFY never discloses whether a mailbox exists (RFC 5321 §3.5.3).
    public static let cannotVerify = SMTPReply(
        252, code(2, 1, 5), "Cannot VRFY user, but will accept message and attempt delivery")
    /// EXPN is not offered: mailing lists are not disclosed.
    public static let expandNotAvailable = SMTPReply(502, code(5, 5, 1), "EXPN not available")
    /// The reply to HELP.
    public static let help = SMTPReply(
        214, code(2, 0, 0),
        "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS AUTH; see RFC 5321")

    // MARK: Protocol errors

    /// A command the server does not know (RFC 5321 §4.2.4).
    public static let commandUnrecognized = SMTPReply(500, code(5, 5, 2), "Syntax error, command unrecognized")
    /// A command line longer than the limit (RFC 5321 §4.5.3.1.4).
    public static let lineTooLong = SMTPReply(500, code(5, 5, 2), "Line too long")
    /// A command line holding control characters or bytes that are not UTF-8.
    public static let invalidCharacters = SMTPReply(500, code(5, 5, 2), "Syntax error, invalid characters in command")
    /// A command out of sequence (RFC 5321 §4.1.4), with what the client should do instead.
    public static func badSequence(_ text: String) -> SMTPReply {
        SMTPReply(503, code(5, 5, 1), text)
    }
    /// A command the server does not offer here.
    public static func notImplemented(_ text: String) -> SMTPReply {
        SMTPReply(502, code(5, 5, 1), text)
    }
    /// An ESMTP parameter that is not offered (RFC 5321 §4.1.1.11: 555).
    public static func parameterNotRecognized(_ keyword: String) -> SMTPReply {
        SMTPReply(555, code(5, 5, 4), "Unsupported parameter \(keyword)")
    }

    // MARK: Transactions

    /// MAIL, RCPT, DATA or BDAT before the client authenticated on a listener that requires it
    /// (RFC 4954 §6).
    public static let authenticationRequired = SMTPReply(530, code(5, 7, 0), "Authentication required")
    /// A command that needs TLS before STARTTLS on a listener that requires TLS (RFC 3207 §4).
    public static let tlsRequired = SMTPReply(530, code(5, 7, 0), "Must issue a STARTTLS command first")
    /// A message larger than the limit, declared at MAIL or found while receiving (RFC 1870).
    public static func messageTooLarge(maximum: Int) -> SMTPReply {
        SMTPReply(552, code(5, 3, 4), "Message size exceeds fixed maximum message size of \(maximum) octets")
    }
    /// RCPT beyond Limits.maxRecipientsPerMessage (RFC 5321 §4.5.3.1.10: 452, retry later).
    public static let tooManyRecipients = SMTPReply(452, code(4, 5, 3), "Too many recipients")
    /// DATA or BDAT when every RCPT was refused (RFC 5321 §3.3, RFC 2920 §3.1).
    public static let noValidRecipients = SMTPReply(554, code(5, 5, 1), "No valid recipients")
    /// DATA whose content held a bare CR or LF (SMTP smuggling defence, like Postfix's
    /// `smtpd_forbid_bare_newline`).
    public static let bareLineEnding = SMTPReply(
        550, code(5, 5, 2), "Message refused: bare <CR> or <LF> received; lines must end with <CRLF>")
    /// DATA whose content held a line longer than Limits.maxSMTPTextLineLength.
    public static func textLineTooLong(maximum: Int) -> SMTPReply {
        SMTPReply(550, code(5, 6, 0), "Message refused: a line is longer than \(maximum) octets")
    }
    /// The session lost track of a message it was receiving (never expected to be sent).
    public static let localError = SMTPReply(451, code(4, 3, 0), "Local error in processing, try again later")
    /// A non-ASCII address in a transaction without SMTPUTF8 (RFC 6531 §3.5).
    public static let nonASCIIAddressNeedsSMTPUTF8 = SMTPReply(
        553, code(5, 6, 7), "Non-ASCII addresses require the SMTPUTF8 parameter")

    // MARK: STARTTLS

    /// STARTTLS accepted: the client starts the TLS handshake next (RFC 3207 §4).
    public static let readyToStartTLS = SMTPReply(220, code(2, 0, 0), "Ready to start TLS")

    // MARK: AUTH (RFC 4954 §6)

    /// The exchange succeeded.
    public static let authenticationSucceeded = SMTPReply(235, code(2, 7, 0), "Authentication successful")
    /// The exchange failed: wrong or unknown credentials, or a malformed exchange.
    public static let authenticationFailed = SMTPReply(535, code(5, 7, 8), "Authentication credentials invalid")
    /// The client cancelled the exchange with `*`.
    public static let authenticationCancelled = SMTPReply(501, code(5, 7, 0), "Authentication cancelled")
    /// A client response that is not strict base64.
    public static let invalidBase64 = SMTPReply(501, code(5, 5, 2), "Cannot decode the base64 response")
    /// A client response longer than the authentication line limit.
    public static let authenticationLineTooLong = SMTPReply(
        500, code(5, 5, 6), "Authentication exchange line is too long")
    /// A mechanism that is not offered.
    public static let unrecognizedAuthenticationType = SMTPReply(
        504, code(5, 5, 4), "Unrecognized authentication type")

    /// A server challenge (334, base64 text, no enhanced code).
    public static func authenticationChallenge(_ base64: String) -> SMTPReply {
        SMTPReply(334, nil, base64)
    }
}
