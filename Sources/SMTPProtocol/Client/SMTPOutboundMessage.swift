/// One message to send in one transaction: its envelope and what its content needs from the
/// server. The content itself is not held here; the glue streams it when the session asks
/// (``SMTPClientAction/readContent``).
public struct SMTPOutboundMessage: Sendable, Hashable {
    /// The caller's name for the message (a queue identifier), returned in its result.
    public var identifier: String
    /// MAIL FROM.
    public var sender: SMTPReversePath
    /// The recipients with their DSN parameters, in the order RCPT is sent.
    public var recipients: [SMTPEnvelopeRecipient]
    /// The size of the content in octets, lines ending in CRLF, before dot-stuffing (RFC 1870
    /// §3: the SIZE parameter, and the check against the server's limit).
    public var size: Int
    /// Whether the content holds octets above 127 (RFC 6152). A server without 8BITMIME gets
    /// no such message: the session reports ``SMTPTransactionOutcome/needsSevenBitConversion``.
    public var containsEightBitData: Bool
    /// Whether the header holds UTF-8 (RFC 6532), so SMTPUTF8 is needed even if every address
    /// is ASCII.
    public var headerRequiresSMTPUTF8: Bool
    /// RET (RFC 3461 §4.3), passed on only to a server that offers DSN.
    public var returnContent: SMTPReturnContent?
    /// ENVID (RFC 3461 §4.4), not encoded; passed on only to a server that offers DSN.
    public var envelopeID: String?

    /// Creates a message.
    public init(
        identifier: String, sender: SMTPReversePath, recipients: [SMTPEnvelopeRecipient], size: Int,
        containsEightBitData: Bool = false, headerRequiresSMTPUTF8: Bool = false,
        returnContent: SMTPReturnContent? = nil, envelopeID: String? = nil
    ) {
        self.identifier = identifier
        self.sender = sender
        self.recipients = recipients
        self.size = size
        self.containsEightBitData = containsEightBitData
        self.headerRequiresSMTPUTF8 = headerRequiresSMTPUTF8
        self.returnContent = returnContent
        self.envelopeID = envelopeID
    }

    /// What makes the transaction need SMTPUTF8 (RFC 6531 §3.4), if anything: a non-ASCII
    /// address in the envelope, or UTF-8 in the header.
    public var smtpUTF8Requirement: SMTPUTF8Requirement? {
        let addresses = [sender.description] + recipients.map(\.path.description)
        if addresses.contains(where: { $0.utf8.contains(where: { $0 >= 0x80 }) }) { return .addresses }
        return headerRequiresSMTPUTF8 ? .header : nil
    }
}

/// Why a message needs SMTPUTF8 (RFC 6531).
public enum SMTPUTF8Requirement: Sendable, Hashable {
    /// The sender or a recipient has a non-ASCII address.
    case addresses
    /// Only the header holds UTF-8.
    case header
}
