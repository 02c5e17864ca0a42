/// A message flag (RFC 9051 §2.3.2): a system flag, a keyword, or a flag extension.
///
/// Flags are case-insensitive on the wire; the system flags are recognised in any case and
/// keywords keep the spelling the client used (compare them with ``matches(_:)``).
public enum Flag: Hashable, Sendable {
    case answered
    case flagged
    case deleted
    case seen
    case draft
    /// `\Recent` (IMAP4rev1 only; RFC 3501 §2.3.2).
    case recent
    /// A keyword such as `$Forwarded` or `NonJunk` (an atom).
    case keyword(String)
    /// A flag extension: `\` and an atom other than the system flags, e.g. `\Important`
    /// (held without the backslash).
    case `extension`(String)

    /// The flag as IMAP writes it, e.g. `\Seen` or `$Junk`.
    public var text: String {
        switch self {
        case .answered: "\\Answered"
        case .flagged: "\\Flagged"
        case .deleted: "\\Deleted"
        case .seen: "\\Seen"
        case .draft: "\\Draft"
        case .recent: "\\Recent"
        case .keyword(let name): name
        case .extension(let name): "\\" + name
        }
    }

    /// The flag that `text` spells (`\Seen`, `$Junk`...), recognising system flags in any case.
    public init(_ text: String) {
        if text.hasPrefix("\\") {
            let name = String(text.dropFirst())
            switch name.uppercased() {
            case "ANSWERED": self = .answered
            case "FLAGGED": self = .flagged
            case "DELETED": self = .deleted
            case "SEEN": self = .seen
            case "DRAFT": self = .draft
            case "RECENT": self = .recent
            default: self = .extension(name)
            }
        } else {
            self = .keyword(text)
        }
    }

    /// Whether two flags are the same flag, ignoring case (RFC 9051 §2.3.2).
    public func matches(_ other: Flag) -> Bool {
        text.lowercased() == other.text.lowercased()
    }
}
