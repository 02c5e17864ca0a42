/// The extensions a client turned on in this session (ENABLE, RFC 5161; CONDSTORE also by
/// any CONDSTORE-enabling command, RFC 7162 §3.1).
public struct EnabledExtensions: Hashable, Sendable {
    /// `ENABLE IMAP4rev2`: IMAP4rev2 behaviour (no `\Recent`, UTF-8 mailbox names, ESEARCH).
    public var imap4rev2 = false
    /// CONDSTORE (RFC 7162 §3.1): MODSEQ in FETCH responses.
    public var condStore = false
    /// QRESYNC (RFC 7162 §3.2): VANISHED instead of EXPUNGE; implies CONDSTORE.
    public var qresync = false
    /// `UTF8=ACCEPT` (RFC 6855): UTF-8 mailbox names and strings.
    public var utf8Accept = false

    /// None enabled.
    public init() {}

    /// Whether mailbox names travel as UTF-8 rather than modified UTF-7 (RFC 9051 §5.1, RFC 6855 §3).
    public var usesUTF8: Bool { imap4rev2 || utf8Accept }

    /// Turns on the extension `name` names (upper-cased); returns its name as this server
    /// spells it when it is one a client may enable and it was not on yet.
    mutating func enable(_ name: String) -> String? {
        switch name {
        case "IMAP4REV2":
            guard !imap4rev2 else { return nil }
            imap4rev2 = true
            return "IMAP4rev2"
        case "CONDSTORE":
            guard !condStore else { return nil }
            condStore = true
            return "CONDSTORE"
        case "QRESYNC":
            guard !qresync else { return nil }
            qresync = true
            condStore = true
            return "QRESYNC"
        case "UTF8=ACCEPT":
            guard !utf8Accept else { return nil }
            utf8Accept = true
            return "UTF8=ACCEPT"
        default:
            return nil
        }
    }
}
