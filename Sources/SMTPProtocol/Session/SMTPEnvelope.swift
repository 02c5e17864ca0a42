import MailCore

/// One accepted recipient with its DSN parameters (RFC 3461 §4.1, §4.2).
public struct SMTPEnvelopeRecipient: Sendable, Hashable {
    /// The forward path.
    public var path: SMTPForwardPath
    /// NOTIFY and ORCPT, as the client gave them.
    public var parameters: SMTPRecipientParameters

    /// Creates a recipient.
    public init(path: SMTPForwardPath, parameters: SMTPRecipientParameters = SMTPRecipientParameters()) {
        self.path = path
        self.parameters = parameters
    }
}

/// How the content of a message is being transferred.
public enum SMTPTransferMethod: Sendable, Hashable {
    /// DATA, ended by `CRLF . CRLF`.
    case data
    /// BDAT chunks (RFC 3030).
    case chunking
}

/// Everything known about a message when its content begins: the envelope, who sent it and
/// how. It is what the `Received:` header, the store and the outbound queue need.
public struct SMTPEnvelope: Sendable, Equatable {
    /// MAIL FROM.
    public var sender: SMTPReversePath
    /// MAIL FROM's parameters: SIZE, BODY, SMTPUTF8, RET, ENVID, AUTH. AUTH is `unknown` unless
    /// the client authenticated (RFC 4954 §5); whether to trust it is the caller's decision.
    public var mailParameters: SMTPMailParameters
    /// The accepted recipients, in the order they were accepted, without duplicates.
    public var recipients: [SMTPEnvelopeRecipient]
    /// The authenticated user (the SASL authentication identity), if any.
    public var authenticatedIdentity: String?
    /// The HELO/EHLO argument.
    public var helloName: SMTPHelloName
    /// Whether the client said EHLO (rather than HELO).
    public var usedExtendedHello: Bool
    /// The TLS protection, if any.
    public var tls: SMTPTLSInfo?
    /// The client's IP address as the glue gave it.
    public var remoteAddress: String
    /// The listener the message arrived on.
    public var listenerKind: SMTPListenerKind
    /// When the content began, from the configured clock.
    public var receivedAt: MessageDate
    /// DATA or BDAT.
    public var transferMethod: SMTPTransferMethod

    /// Creates an envelope.
    public init(
        sender: SMTPReversePath, mailParameters: SMTPMailParameters, recipients: [SMTPEnvelopeRecipient],
        authenticatedIdentity: String?, helloName: SMTPHelloName, usedExtendedHello: Bool, tls: SMTPTLSInfo?,
        remoteAddress: String, listenerKind: SMTPListenerKind, receivedAt: MessageDate,
        transferMethod: SMTPTransferMethod
    ) {
        self.sender = sender
        self.mailParameters = mailParameters
        self.recipients = recipients
        self.authenticatedIdentity = authenticatedIdentity
        self.helloName = helloName
        self.usedExtendedHello = usedExtendedHello
        self.tls = tls
        self.remoteAddress = remoteAddress
        self.listenerKind = listenerKind
        self.receivedAt = receivedAt
        self.transferMethod = transferMethod
    }

    /// The `with` protocol of the `Received:` header: SMTP after HELO; ESMTP after EHLO with `S`
    /// for TLS and `A` for AUTH appended (RFC 3848); UTF8SMTP instead of ESMTP when the
    /// transaction used SMTPUTF8 (RFC 6531 §4.3).
    public var receivedProtocol: String {
        guard usedExtendedHello else { return "SMTP" }
        var name = mailParameters.requestsSMTPUTF8 ? "UTF8SMTP" : "ESMTP"
        if tls != nil { name += "S" }
        if authenticatedIdentity != nil { name += "A" }
        return name
    }
}
