/// A parsed SMTP command (RFC 5321 §4.1.1 and the extensions Martlet offers). Verbs keep
/// their protocol names.
public enum SMTPCommand: Sendable, Equatable {
    /// `EHLO name`: extended hello (RFC 5321 §4.1.1.1); the reply lists the extensions.
    case ehlo(SMTPHelloName)
    /// `HELO name`: plain hello.
    case helo(SMTPHelloName)
    /// `MAIL FROM:<reverse-path> [parameters]`: starts a transaction.
    case mail(SMTPReversePath, SMTPMailParameters)
    /// `RCPT TO:<forward-path> [parameters]`: adds a recipient.
    case rcpt(SMTPForwardPath, SMTPRecipientParameters)
    /// `DATA`: the content follows, ended by `CRLF . CRLF`.
    case data
    /// `BDAT octets [LAST]`: a chunk of exactly `octets` octets follows (RFC 3030).
    case bdat(octets: Int, isLast: Bool)
    /// `RSET`: aborts the transaction.
    case rset
    /// `NOOP [text]`.
    case noop
    /// `QUIT`.
    case quit
    /// `VRFY string`: asks whether a mailbox exists (never disclosed here).
    case vrfy(String)
    /// `EXPN string`: asks for a mailing list's members (never disclosed here).
    case expn(String)
    /// `HELP [topic]`.
    case help(topic: String?)
    /// `STARTTLS` (RFC 3207).
    case startTLS
    /// `AUTH mechanism [initial-response]` (RFC 4954). The mechanism name is upper-cased; the
    /// initial response is already base64-decoded, and `=` gives an empty array.
    case auth(mechanism: String, initialResponse: [UInt8]?)
}
