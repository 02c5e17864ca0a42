import MailCore

/// A mailbox attribute of a LIST response (RFC 9051 §7.3.1, RFC 5258 §3.4, RFC 6154 §2).
public enum MailboxAttribute: Hashable, Sendable {
    case noInferiors
    case noSelect
    case marked
    case unmarked
    case hasChildren
    case hasNoChildren
    case nonExistent
    case subscribed
    case remote
    /// A special use such as `\Drafts`.
    case specialUse(SpecialUse)
    /// Any other attribute, with its backslash.
    case other(String)

    /// The attribute as written, e.g. `\HasNoChildren`.
    public var text: String {
        switch self {
        case .noInferiors: "\\Noinferiors"
        case .noSelect: "\\Noselect"
        case .marked: "\\Marked"
        case .unmarked: "\\Unmarked"
        case .hasChildren: "\\HasChildren"
        case .hasNoChildren: "\\HasNoChildren"
        case .nonExistent: "\\NonExistent"
        case .subscribed: "\\Subscribed"
        case .remote: "\\Remote"
        case .specialUse(let use): use.rawValue
        case .other(let text): text
        }
    }
}

/// One LIST or LSUB response.
public struct ListResponse: Hashable, Sendable {
    /// The mailbox attributes, e.g. `\HasNoChildren`.
    public var attributes: [MailboxAttribute]
    /// The hierarchy delimiter; nil for NIL (a flat namespace).
    public var delimiter: Character?
    /// The mailbox name (UTF-8; may be empty for the `LIST "" ""` delimiter query).
    public var mailbox: String
    /// `CHILDINFO` extended data (RFC 5258 §3.5), e.g. `["SUBSCRIBED"]`.
    public var childInfo: [String]
    /// `OLDNAME` extended data (RFC 5465 §5.4 via RFC 9051 §7.3.1).
    public var oldName: String?

    /// A value with the given fields.
    public init(attributes: [MailboxAttribute], delimiter: Character? = "/", mailbox: String, childInfo: [String] = [],
                oldName: String? = nil) {
        self.attributes = attributes
        self.delimiter = delimiter
        self.mailbox = mailbox
        self.childInfo = childInfo
        self.oldName = oldName
    }
}

/// One item of a STATUS response.
public enum StatusItem: Hashable, Sendable {
    case messages(UInt32)
    case uidNext(UInt32)
    case uidValidity(UInt32)
    case unseen(UInt32)
    case deleted(UInt32)
    /// `SIZE` (RFC 8438; in IMAP4rev2 core).
    case size(UInt64)
    case recent(UInt32)
    case highestModSeq(UInt64)
    /// `APPENDLIMIT` (RFC 7889): nil for NIL (no limit).
    case appendLimit(UInt64?)
    /// `MAILBOXID` (RFC 8474).
    case mailboxID(String)
    /// `DELETED-STORAGE` (RFC 9208 §4.3): the STORAGE (in units of 1024 octets) that
    /// expunging the `\Deleted` messages would free.
    case deletedStorage(UInt64)
}
