/// The BODY parameter of MAIL (RFC 6152, RFC 3030 §3): what the content holds.
public enum SMTPBodyType: String, Sendable, Hashable {
    /// Lines of 7-bit ASCII (the default when BODY is absent).
    case sevenBit = "7BIT"
    /// Lines that may hold 8-bit octets (RFC 6152).
    case eightBitMIME = "8BITMIME"
    /// Arbitrary octets, sent only with BDAT (RFC 3030 §3).
    case binaryMIME = "BINARYMIME"
}

/// The RET parameter of MAIL (RFC 3461 §4.3): how much of the message a failure DSN returns.
public enum SMTPReturnContent: String, Sendable, Hashable {
    /// The whole message.
    case full = "FULL"
    /// Only the header.
    case headers = "HDRS"
}

/// The AUTH parameter of MAIL (RFC 4954 §5): who originally submitted the message, as the
/// client claims it.
public enum SMTPSubmitterParameter: Sendable, Hashable {
    /// `AUTH=<>`: the submitter is unknown or not trusted.
    case unknown
    /// `AUTH=mailbox` (xtext-decoded).
    case mailbox(String)
}

/// The ESMTP parameters of MAIL FROM that Martlet understands. Absent parameters are `nil`.
public struct SMTPMailParameters: Sendable, Hashable {
    /// SIZE (RFC 1870): the declared size in octets; a value beyond `Int.max` is `Int.max`.
    public var size: Int?
    /// BODY (RFC 6152, RFC 3030).
    public var body: SMTPBodyType?
    /// SMTPUTF8 (RFC 6531): the transaction may use UTF-8 addresses and headers.
    public var requestsSMTPUTF8: Bool
    /// AUTH (RFC 4954 §5).
    public var submitter: SMTPSubmitterParameter?
    /// RET (RFC 3461 §4.3).
    public var returnContent: SMTPReturnContent?
    /// ENVID (RFC 3461 §4.4), xtext-decoded: the client's identifier for this transaction,
    /// returned in DSNs.
    public var envelopeID: String?

    /// Creates parameters; all absent by default.
    public init(
        size: Int? = nil, body: SMTPBodyType? = nil, requestsSMTPUTF8: Bool = false,
        submitter: SMTPSubmitterParameter? = nil, returnContent: SMTPReturnContent? = nil,
        envelopeID: String? = nil
    ) {
        self.size = size
        self.body = body
        self.requestsSMTPUTF8 = requestsSMTPUTF8
        self.submitter = submitter
        self.returnContent = returnContent
        self.envelopeID = envelopeID
    }

    /// Whether no parameter was given.
    public var isEmpty: Bool { self == SMTPMailParameters() }

    /// Whether a DSN parameter (RET, ENVID) was given.
    public var usesDSN: Bool { returnContent != nil || envelopeID != nil }
}
