/// What the session asks the glue to do. Perform the actions in order.
public enum SMTPServerAction: Sendable, Equatable {
    /// Write this reply (``SMTPReply/encoded``). Do not flush until ``flush``: replies to
    /// pipelined commands go out together (RFC 2920 §3.1).
    case send(SMTPReply)
    /// Flush the replies written so far.
    case flush
    /// Decide whether MAIL FROM is acceptable (sender policy, anti-spoofing on submission), then
    /// call ``SMTPServerSession/senderChecked(_:)``.
    case checkSender(SMTPSenderCheck)
    /// Decide whether RCPT TO is acceptable (local mailbox, relay rules), then call
    /// ``SMTPServerSession/recipientChecked(_:)``.
    case checkRecipient(SMTPRecipientCheck)
    /// Look up the SCRAM credential of this user (SASLprep-prepared), then call
    /// ``SMTPServerSession/credentialLookedUp(_:)`` — with `nil` for an unknown user.
    case lookupCredential(username: String)
    /// The `220` before this was flushed: start the TLS handshake now, in the same event-loop
    /// tick, and drop any plaintext still unread. When it completes, call
    /// ``SMTPServerSession/tlsEstablished(version:cipher:)``; if it fails, close.
    case startTLS
    /// A message begins: open a spool for it. Content follows in ``messageContent(_:)``.
    case beginMessage(SMTPEnvelope)
    /// The next part of the message content (dot-unstuffed DATA or BDAT octets), to append.
    case messageContent([UInt8])
    /// The message begun will not be committed: discard what was spooled.
    case abortMessage
    /// The content is complete: commit the message durably, then call
    /// ``SMTPServerSession/messageCommitted(_:)``. The `250` is sent only then.
    case endMessage
    /// Close the connection (after writing and flushing what came before).
    case close
}

/// The question behind ``SMTPServerAction/checkSender(_:)``.
public struct SMTPSenderCheck: Sendable, Equatable {
    /// The MAIL FROM path.
    public var sender: SMTPReversePath
    /// Its parameters.
    public var parameters: SMTPMailParameters
    /// The authenticated user, if any.
    public var authenticatedIdentity: String?
    /// The HELO/EHLO argument.
    public var helloName: SMTPHelloName

    /// Creates a check.
    public init(
        sender: SMTPReversePath, parameters: SMTPMailParameters, authenticatedIdentity: String?,
        helloName: SMTPHelloName
    ) {
        self.sender = sender
        self.parameters = parameters
        self.authenticatedIdentity = authenticatedIdentity
        self.helloName = helloName
    }
}

/// The question behind ``SMTPServerAction/checkRecipient(_:)``.
public struct SMTPRecipientCheck: Sendable, Equatable {
    /// The RCPT TO path.
    public var recipient: SMTPForwardPath
    /// Its parameters.
    public var parameters: SMTPRecipientParameters
    /// The transaction's MAIL FROM path.
    public var sender: SMTPReversePath
    /// The authenticated user, if any (relaying is for authenticated users only).
    public var authenticatedIdentity: String?
    /// How many recipients the transaction has accepted so far.
    public var acceptedRecipientCount: Int

    /// Creates a check.
    public init(
        recipient: SMTPForwardPath, parameters: SMTPRecipientParameters, sender: SMTPReversePath,
        authenticatedIdentity: String?, acceptedRecipientCount: Int
    ) {
        self.recipient = recipient
        self.parameters = parameters
        self.sender = sender
        self.authenticatedIdentity = authenticatedIdentity
        self.acceptedRecipientCount = acceptedRecipientCount
    }
}

/// The glue's answer to a sender or recipient check.
public enum SMTPCheckDecision: Sendable, Equatable {
    /// Accept: the session replies 250.
    case accepted
    /// Refuse with this reply (a 4xx or 5xx with an enhanced code, e.g. 550 5.1.1 for an
    /// unknown local user, 550 5.7.1 for relaying denied or a spoofed sender).
    case rejected(SMTPReply)
}

/// The glue's answer to ``SMTPServerAction/endMessage``.
public enum SMTPCommitOutcome: Sendable, Equatable {
    /// The message is durable; the session replies `250 2.0.0 OK: queued as <queueID>`.
    case accepted(queueID: String)
    /// The message was refused or could not be stored; the session sends this reply.
    case rejected(SMTPReply)
}

/// The answer a session waits for before it reads further input.
public enum SMTPServerAwaiting: Sendable, Hashable {
    /// ``SMTPServerSession/senderChecked(_:)``.
    case senderCheck
    /// ``SMTPServerSession/recipientChecked(_:)``.
    case recipientCheck
    /// ``SMTPServerSession/credentialLookedUp(_:)``.
    case credential
    /// ``SMTPServerSession/messageCommitted(_:)``.
    case messageCommit
    /// ``SMTPServerSession/tlsEstablished(version:cipher:)``.
    case tlsHandshake
}
