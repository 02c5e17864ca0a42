/// The states of a POP3 session (RFC 1939 §3).
public enum POP3SessionState: Sendable, Hashable {
    /// Before login: USER/PASS, APOP, AUTH, CAPA, STLS, QUIT.
    case authorization
    /// The maildrop is open: STAT, LIST, RETR, DELE, TOP, UIDL, NOOP, RSET, CAPA, QUIT.
    case transaction
    /// QUIT was given in TRANSACTION: the deletions are being committed.
    case update
}
