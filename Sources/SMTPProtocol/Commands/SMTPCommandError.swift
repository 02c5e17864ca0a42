/// Why a command line could not be parsed, and the reply it earns.
public enum SMTPCommandError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The verb is not an SMTP command Martlet knows.
    case unrecognizedCommand
    /// The line holds control characters or bytes that are not UTF-8.
    case invalidCharacters
    /// The arguments do not follow the command's syntax; `usage` shows the right form.
    case invalidArguments(usage: String)
    /// The MAIL FROM path is malformed; the text says how.
    case invalidSenderAddress(String)
    /// The RCPT TO path is malformed; the text says how.
    case invalidRecipientAddress(String)
    /// A non-ASCII address in a transaction without SMTPUTF8 (RFC 6531 §3.5).
    case nonASCIIAddressWithoutSMTPUTF8
    /// An ESMTP parameter keyword Martlet does not know.
    case unrecognizedParameter(String)
    /// A known ESMTP parameter with a malformed or missing value.
    case invalidParameter(String)
    /// The same ESMTP parameter twice.
    case duplicateParameter(String)
    /// An AUTH initial response that is not strict base64 (RFC 4954 §4).
    case invalidBase64
    /// A BDAT command whose chunk size cannot be read. The octets that follow cannot be told
    /// apart from commands, so the session closes the connection.
    case malformedChunkCommand

    /// The reply: 500 for an unusable line, 501 for bad arguments, 553 for a non-ASCII address,
    /// 555 for an unknown parameter (RFC 5321 §4.2.2, §4.1.1.11; RFC 3463 codes).
    public var reply: SMTPReply {
        switch self {
        case .unrecognizedCommand:
            return .commandUnrecognized
        case .invalidCharacters:
            return .invalidCharacters
        case .invalidArguments(let usage):
            return SMTPReply(501, SMTPEnhancedStatusCode(5, 5, 4), "Syntax: \(usage)")
        case .invalidSenderAddress(let reason):
            return SMTPReply(501, SMTPEnhancedStatusCode(5, 1, 7), "Bad sender address syntax: \(reason)")
        case .invalidRecipientAddress(let reason):
            return SMTPReply(501, SMTPEnhancedStatusCode(5, 1, 3), "Bad recipient address syntax: \(reason)")
        case .nonASCIIAddressWithoutSMTPUTF8:
            return .nonASCIIAddressNeedsSMTPUTF8
        case .unrecognizedParameter(let keyword):
            return .parameterNotRecognized(keyword)
        case .invalidParameter(let keyword):
            return SMTPReply(501, SMTPEnhancedStatusCode(5, 5, 4), "Invalid value for parameter \(keyword)")
        case .duplicateParameter(let keyword):
            return SMTPReply(501, SMTPEnhancedStatusCode(5, 5, 4), "Parameter \(keyword) given more than once")
        case .invalidBase64:
            return .invalidBase64
        case .malformedChunkCommand:
            return SMTPReply(501, SMTPEnhancedStatusCode(5, 5, 4), "Syntax: BDAT octets [LAST]")
        }
    }

    /// The reply text, for logs.
    public var description: String { reply.lines.joined(separator: " ") }
}
