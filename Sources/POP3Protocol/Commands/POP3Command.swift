/// A parsed POP3 command (RFC 1939 and the extensions Martlet offers: RFC 2449 CAPA,
/// RFC 2595 STLS, RFC 5034 AUTH). Verbs keep their protocol names.
public enum POP3Command: Sendable, Equatable {
    /// `USER name` (RFC 1939 §7): the first half of a USER/PASS login. The name is kept as sent.
    case user(name: [UInt8])
    /// `PASS string` (RFC 1939 §7): the password, everything after `PASS `, spaces included.
    case pass(password: [UInt8])
    /// `APOP name digest` (RFC 1939 §7): the digest is 32 lower-case hexadecimal digits.
    case apop(name: [UInt8], digest: String)
    /// `AUTH [mechanism [initial-response]]` (RFC 5034 §4). The mechanism name is upper-cased;
    /// the initial response is base64-decoded (`=` gives an empty array). Without a mechanism,
    /// the client asks for the list of mechanisms (common practice, not in the RFC).
    case auth(mechanism: String?, initialResponse: [UInt8]?)
    /// `CAPA` (RFC 2449 §5).
    case capa
    /// `STLS` (RFC 2595 §4).
    case stls
    /// `STAT`.
    case stat
    /// `LIST [msg]`.
    case list(messageNumber: Int?)
    /// `RETR msg`.
    case retr(messageNumber: Int)
    /// `DELE msg`.
    case dele(messageNumber: Int)
    /// `NOOP`.
    case noop
    /// `RSET`.
    case rset
    /// `QUIT`.
    case quit
    /// `TOP msg n`: the header and the first `lineCount` lines of the body.
    case top(messageNumber: Int, lineCount: Int)
    /// `UIDL [msg]`.
    case uidl(messageNumber: Int?)
}
